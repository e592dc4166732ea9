"""``pajapohja backup FILE``: a consistent copy of a live SQLite database, and a copy that
restores into a working server."""

import shutil
import sqlite3
import threading

import pytest

from .browser.conftest import LiveServer
from .server import Participant, api, create_workshop, start_server, wait_for


@pytest.fixture
def live(tmp_path):
    (tmp_path / "live").mkdir()
    server = start_server(tmp_path / "live")
    yield server
    server.stop()


def check_consistent(path) -> int:
    """One committed state: intact, every note with its event, seq gapless. Returns the note
    count."""
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        for workshop_id, seq in db.execute("SELECT id, seq FROM workshops").fetchall():
            seqs = [
                s
                for (s,) in db.execute(
                    "SELECT seq FROM events WHERE workshop_id = ? ORDER BY seq", (workshop_id,)
                )
            ]
            assert seqs == list(range(1, seq + 1))
        orphans = db.execute(
            "SELECT count(*) FROM notes WHERE id NOT IN "
            "(SELECT note_id FROM events WHERE type = 'note.added')"
        ).fetchone()
        assert orphans == (0,)
        return db.execute("SELECT count(*) FROM notes").fetchone()[0]


def test_backup_taken_while_notes_are_written_is_consistent_and_restores(live, tmp_path):
    workshop = create_workshop(live)
    writers = [Participant(live, workshop, f"Kirjoittaja {n}").connect() for n in range(3)]
    stop = threading.Event()

    def write(client):
        number = 0
        while not stop.is_set() and number < 2000:
            number += 1
            client.send(client.new_note(f"lappu {number}"))

    threads = [threading.Thread(target=write, args=(c,)) for c in writers]
    try:
        for thread in threads:
            thread.start()
        wait_for(lambda: sum(len(c.acked) for c in writers) >= 20, 30, "notes to flow")
        counts = []
        for number in range(3):
            target = tmp_path / f"backup-{number}.db"
            out = live.cli("backup", str(target))
            assert out == f"Backup written to {target} ({target.stat().st_size} bytes)."
            counts.append(check_consistent(target))
        assert counts == sorted(counts) and counts[0] > 0
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        for client in writers:
            client.close()

    restored_dir = tmp_path / "restored"
    restored_dir.mkdir()
    shutil.copy(tmp_path / "backup-2.db", restored_dir / "pajapohja.db")
    restored = LiveServer(restored_dir).start()
    try:
        restored.api_token = live.api_token  # the token lives in the database
        notes = api(restored, "GET", f"/workshops/{workshop['id']}")["notes"]
        assert len(notes) == counts[-1]
    finally:
        restored.stop()


def test_backup_refuses_to_overwrite_the_database(cli, tmp_path):
    result = cli("backup", str(tmp_path / "pajapohja.db"))
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "overwrite" in result.stderr


def test_backup_of_postgresql_points_at_pg_dump_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "PAJAPOHJA_DATA_DIR": str(tmp_path),
        "PAJAPOHJA_DATABASE_URL": "postgresql+psycopg://pajapohja@127.0.0.1/pajapohja",
    }
    result = subprocess.run(
        [sys.executable, "-m", "app", "backup", str(tmp_path / "copy.db")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == (
        "pajapohja: the database is PostgreSQL: back it up with pg_dump (docs/deploy.md)\n"
    )
    assert not (tmp_path / "copy.db").exists()
