#!/usr/bin/env bash
# Message catalogues: extract every UI string, merge it into fi/sv/en, compile.
#   scripts/i18n.sh update    extract and merge (then translate the new entries in the .po files)
#   scripts/i18n.sh compile   write the .mo files the app loads (committed with the .po files)
set -euo pipefail
cd "$(dirname "$0")/.."
pot=app/translations/messages.pot
case "${1:-}" in
  update)
    pybabel extract -F babel.cfg -k _ -k gettext -k ngettext -k lazy_gettext -k _l -k N_ \
      -k pgettext:1c,2 -k npgettext:1c,2,3 -k plural_forms:1,2 \
      --no-location --sort-output --project Pajapohja -o "$pot" .
    for lang in fi sv en; do
      po="app/translations/$lang/LC_MESSAGES/messages.po"
      if [ -f "$po" ]; then
        pybabel update -i "$pot" -d app/translations -l "$lang" --no-fuzzy-matching --ignore-obsolete
      else
        pybabel init -i "$pot" -d app/translations -l "$lang"
      fi
    done
    ;;
  compile)
    pybabel compile -d app/translations --statistics
    ;;
  *)
    echo "usage: scripts/i18n.sh update|compile" >&2
    exit 2
    ;;
esac
