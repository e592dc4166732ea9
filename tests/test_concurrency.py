"""Many writers at once on the real gevent server: one total order per workshop."""

import threading

import pytest

from .server import (
    Participant,
    api,
    close_all,
    connect_all,
    create_workshop,
    start_server,
    wait_for,
)

CLIENTS = 20
NOTES_EACH = 10


@pytest.fixture
def live(tmp_path):
    server = start_server(tmp_path)
    yield server
    server.stop()


def test_concurrent_writers_get_gapless_seq_and_every_client_the_same_ordered_log(live):
    workshop = create_workshop(live)
    clients = connect_all(live, workshop, CLIENTS, "Kirjoittaja")
    try:
        start_seq = max(client.seq for client in clients)
        wait_for(lambda: all(c.seq == start_seq for c in clients), 10, "every join to arrive")
        go = threading.Barrier(CLIENTS, timeout=30)

        def write(client: Participant):
            ops = [client.new_note(f"{client.name}: lappu {n}") for n in range(NOTES_EACH)]
            go.wait()
            # Fire every note without waiting for the previous answer, as a busy room does.
            threads = [threading.Thread(target=client.send, args=(op,)) for op in ops]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)

        writers = [threading.Thread(target=write, args=(client,)) for client in clients]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=60)

        total = CLIENTS * NOTES_EACH
        assert sum(len(c.acked) for c in clients) == total, "every note acknowledged"
        acked_seqs = sorted(ack["seq"] for c in clients for ack in c.acked.values())
        assert acked_seqs == list(range(start_seq + 1, start_seq + total + 1))

        final = start_seq + total
        wait_for(lambda: all(c.seq == final for c in clients), 30, "every client to catch up")
        logs = [[entry for entry in c.log if entry[0] > start_seq] for c in clients]
        assert [seq for seq, _type, _id in logs[0]] == list(range(start_seq + 1, final + 1))
        assert all(log == logs[0] for log in logs), "every client saw the same order"
        acked_ids = {ack["note"]["id"]: ack["seq"] for c in clients for ack in c.acked.values()}
        assert {note_id: seq for seq, _type, note_id in logs[0]} == acked_ids

        stored = api(live, "GET", f"/workshops/{workshop['id']}")
        assert stored["seq"] == final
        assert {note["id"] for note in stored["notes"]} == set(acked_ids)
        assert all(c.notes.keys() == acked_ids.keys() for c in clients)
    finally:
        close_all(clients)
