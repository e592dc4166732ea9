"""The database and the secret key are readable by their owner only, whatever the umask: the
SQLite files (database, -wal, -shm) and the key 0600, a data directory Pajapohja creates 0700;
files an older version left world-readable are narrowed at start, and so is a backup copy."""

import os
import sqlite3
import stat
import subprocess
import sys
import time

from .browser.conftest import LiveServer


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_data_directory_its_database_and_key_are_private(tmp_path):
    data = tmp_path / "data"
    live = LiveServer(tmp_path, env={"PAJAPOHJA_DATA_DIR": str(data)})
    old = os.umask(0o022)  # the usual umask, inherited by the server
    try:
        live.start()
    finally:
        os.umask(old)
    try:
        files = [data / name for name in ("pajapohja.db", "pajapohja.db-wal", "pajapohja.db-shm")]
        # The WAL files exist while a connection is open: the server's checkpointer keeps one.
        deadline = time.monotonic() + 30
        while not all(path.exists() for path in files):
            assert time.monotonic() < deadline, [path.name for path in data.iterdir()]
            time.sleep(0.05)
        for path in files:
            assert mode(path) == 0o600, (path, oct(mode(path)))
        assert mode(data / "secret_key") == 0o600
        assert mode(data) == 0o700
    finally:
        live.stop()


def test_files_an_older_version_left_readable_are_narrowed_and_backups_are_private(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    old = os.umask(0o022)
    try:
        sqlite3.connect(data / "pajapohja.db").close()
        (data / "secret_key").write_text("vanha-avain-" * 4)
    finally:
        os.umask(old)
    assert mode(data / "pajapohja.db") == 0o644 and mode(data / "secret_key") == 0o644
    env = {**os.environ, "PAJAPOHJA_DATA_DIR": str(data)}
    env.pop("PAJAPOHJA_DATABASE_URL", None)
    env.pop("PAJAPOHJA_SECRET_KEY", None)
    old = os.umask(0o022)  # inherited by the commands
    try:
        for command in (["db", "upgrade"], ["backup", str(tmp_path / "copy.db")]):
            result = subprocess.run(
                [sys.executable, "-m", "app", *command],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr
    finally:
        os.umask(old)
    assert mode(data / "pajapohja.db") == 0o600
    assert mode(data / "secret_key") == 0o600
    assert mode(tmp_path / "copy.db") == 0o600
    assert mode(data) == 0o755  # a directory the administrator made stays as they made it
