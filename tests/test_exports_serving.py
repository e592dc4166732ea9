"""Under ``pajapohja serve`` (gevent), building a big document does not stall the other sockets
of the process: notes posted in another workshop are acknowledged all the while.

Judged without a fixed time limit: while a 2,000-note summary.docx is built, participants of
another workshop post notes one after the other, and no acknowledgement may wait anywhere near
as long as the download. Built on the event loop (as before), the note sent as the build began
waited for all of it."""

import subprocess
import sys
import threading
import time
import urllib.request
from itertools import cycle
from pathlib import Path

import pytest

from .server import api, close_all, connect_all, create_workshop, start_server

ROOT = Path(__file__).resolve().parent.parent
NOTES = 2000


@pytest.fixture
def live(tmp_path):
    server = start_server(tmp_path)
    yield server
    server.stop()


def seed(live, workshop: dict, count: int) -> None:
    step = workshop["steps"][0]
    prompts = ",".join(prompt["id"] for prompt in step["prompts"])
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.seed",
            str(workshop["id"]),
            str(step["id"]),
            prompts,
            str(count),
        ],
        env={**live.env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )


class Download(threading.Thread):
    def __init__(self, live, path: str):
        super().__init__(daemon=True)
        self.request = urllib.request.Request(
            f"{live.url}/api/v1{path}", headers={"Authorization": f"Bearer {live.api_token}"}
        )
        self.began = self.ended = None
        self.body = b""

    def run(self) -> None:
        self.began = time.monotonic()
        with urllib.request.urlopen(self.request, timeout=300) as response:
            self.body = response.read()
        self.ended = time.monotonic()


def test_notes_are_acknowledged_while_a_big_docx_is_built(live):
    big, room = create_workshop(live), create_workshop(live)
    seed(live, big, NOTES)
    people = connect_all(live, room, 6, "Osallistuja")
    try:
        download = Download(live, f"/workshops/{big['id']}/summary.docx")
        waits = []  # (sent, acknowledged) of each note, one after the other
        download.start()
        for number, person in zip(range(10_000), cycle(people)):
            if not download.is_alive():
                break
            op_id = person.new_note(f"Lappu {number}")
            sent = time.monotonic()
            assert person.send(op_id), "a note.add waited over 5 s for its ack during the build"
            waits.append((sent, time.monotonic()))
            time.sleep(0.1)  # 10 notes a second: within every participant's budget
        download.join(300)
    finally:
        close_all(people)
    assert download.body.startswith(b"PK")  # the document itself came
    took = download.ended - download.began
    during = [(sent, acked) for sent, acked in waits if sent < download.ended]
    assert len(during) >= 3, (took, waits)
    longest = max(acked - sent for sent, acked in during)
    assert longest < took / 2, (longest, took)
    notes = api(live, "GET", f"/workshops/{room['id']}")["notes"]
    assert len(notes) == len(waits)
