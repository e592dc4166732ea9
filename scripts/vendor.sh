#!/usr/bin/env bash
# Refresh the third-party browser code under app/static/vendor/ from the npm registry.
# Files are copied unmodified except for the source-map comment (the map is not shipped).
set -euo pipefail
version="${1:-4.8.1}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "socket.io-client@${version}" >/dev/null && tar xzf socket.io-client-*.tgz)
target="$here/app/static/vendor/socket.io"
mkdir -p "$target"
sed 's|^//# sourceMappingURL=.*$||' "$work/package/dist/socket.io.esm.min.js" > "$target/socket.io.esm.min.js"
cp "$work/package/LICENSE" "$target/LICENSE"
echo "socket.io-client ${version} (dist/socket.io.esm.min.js, MIT, see LICENSE); refreshed by scripts/vendor.sh" > "$target/VERSION"
echo "vendored socket.io-client ${version}"
