"""A server killed with SIGKILL in the middle of a burst of notes loses nothing it acknowledged,
stores nothing twice, and every client converges to the server's state after the restart."""

import sqlite3
import threading
from collections import Counter

import pytest

from .server import (
    Participant,
    api,
    close_all,
    connect_all,
    create_workshop,
    essence,
    start_server,
    wait_for,
)

CLIENTS = 30
ACKS_BEFORE_KILL = 150


@pytest.fixture
def live(tmp_path):
    server = start_server(tmp_path)
    yield server
    server.stop()


def post_until_gone(client: Participant) -> None:
    """Post notes back to back until the server stops answering; the note in flight at that
    moment stays in the outbox. (Stopping on a flag instead would let a client whose last note
    was answered just before the kill stop with nothing in flight.)"""
    number = 0
    while True:
        number += 1
        if not client.send(client.new_note(f"{client.name}: lappu {number}")):
            return


def stored_notes(live) -> list[tuple[str, int]]:
    with sqlite3.connect(f"file:{live.data_dir / 'pajapohja.db'}?mode=ro", uri=True) as db:
        return db.execute("SELECT op_id, id FROM notes").fetchall()


def test_sigkill_mid_burst_loses_no_acknowledged_note_and_clients_converge(live):
    workshop = create_workshop(live)
    clients = connect_all(live, workshop, CLIENTS, "Osallistuja")
    try:
        burst = [threading.Thread(target=post_until_gone, args=(c,)) for c in clients]
        for thread in burst:
            thread.start()
        wait_for(
            lambda: sum(len(c.acked) for c in clients) >= ACKS_BEFORE_KILL,
            60,
            f"{ACKS_BEFORE_KILL} acknowledged notes",
        )
        live.stop(kill=True)  # SIGKILL while every client has a note in flight
        for thread in burst:
            thread.join(timeout=30)
        assert not any(thread.is_alive() for thread in burst)
        assert [len(c.outbox) for c in clients] == [1] * CLIENTS, "one unanswered note each"

        live.start()  # same data directory, same port
        for client in clients:
            wait_for(client.ensure_joined, 30, "the client to reconnect and join again")
        for client in clients:
            wait_for(client.flushed, 60, "the outbox to empty")

        snapshot = api(live, "GET", f"/workshops/{workshop['id']}")
        for client in clients:
            client.resync()
        wait_for(
            lambda: all(c.seq == snapshot["seq"] for c in clients),
            30,
            "every client to reach the server's seq",
        )

        acked = {op: ack["note"]["id"] for c in clients for op, ack in c.acked.items()}
        stored = stored_notes(live)
        in_db = Counter(op for op, _id in stored)
        assert all(count == 1 for count in in_db.values()), "no op_id is stored twice"
        assert {op: in_db[op] for op in acked} == dict.fromkeys(acked, 1)
        assert dict(stored) == acked, "every stored note was acknowledged to its sender"
        assert {note["op_id"]: note["id"] for note in snapshot["notes"]} == acked
        server_notes = essence(snapshot["notes"])
        for client in clients:
            assert essence(client.notes.values()) == server_notes
            assert client.joins >= 2
            assert client.caught_up_by_events >= 1, "the rejoin caught up with events"
    finally:
        close_all(clients)
