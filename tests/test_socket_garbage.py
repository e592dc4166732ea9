"""A socket event must not leave reference cycles behind. Only Python's cyclic garbage collector
frees them, and under load its pauses of several milliseconds land on the notes in flight: before
the Socket.IO path had a URL rule, every event's request context was tied into a cycle of about
60 objects by a routing exception's traceback, and the collections it caused decided the
slowest deliveries of ``python -m bench --scenario 3`` (docs/performance.md)."""

import gc
import uuid

import pytest
from flask.ctx import RequestContext

from app.extensions import socketio

NOTES = 100
WEBSOCKET = {"Upgrade": "websocket", "Connection": "Upgrade"}


def post(sock, step: dict, count: int) -> None:
    for number in range(count):
        ack = sock.emit(
            "note.add",
            {
                "op_id": str(uuid.uuid4()),
                "step_id": step["id"],
                "prompt_id": step["prompts"][0]["id"],
                "text": f"Lappu {number}",
            },
            callback=True,
        )
        assert ack["ok"], ack


@pytest.mark.parametrize("headers", [{}, WEBSOCKET], ids=["polling", "websocket"])
def test_a_note_leaves_next_to_no_cyclic_garbage(app, workshop, headers):
    app.config.update(SOCKET_BURST=10**6, SOCKET_RATE=10**6, NOTE_BURST=10**6, NOTE_RATE=10**6)
    sock = socketio.test_client(app, headers=headers)
    try:
        ack = sock.emit("join", {"join_code": workshop["join_code"]}, callback=True)
        assert ack["ok"], ack
        step = workshop["steps"][0]
        post(sock, step, 10)  # warm up: caches, first-use imports
        gc.collect()
        gc.disable()
        try:
            post(sock, step, NOTES)
            # Keep what the collector finds, to look at it. Only the request contexts count:
            # whatever earlier tests left behind may be collected in the same sweep.
            gc.set_debug(gc.DEBUG_SAVEALL)
            gc.collect()
            contexts = sum(isinstance(found, RequestContext) for found in gc.garbage)
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
            gc.enable()
        assert contexts == 0, f"{contexts} request contexts of {NOTES} notes were in cycles"
    finally:
        sock.disconnect()
