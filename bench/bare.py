"""The ceiling of this stack: a Flask-SocketIO room broadcast server with no database and no
logic, speaking just enough of Pajapohja's protocol (``join``, ``note.add``, ``event``) for the
same load clients to drive it.

    python -m bench.bare --port 8100 [--async-mode gevent|threading] [--snapshot-notes 2000]

``--snapshot-notes`` makes every ``join`` acknowledgement carry that many notes, like the app's
snapshot of a full board, so that a join storm costs the bare server the same encoding work.
"""

import argparse
import sys


def _snapshot_notes(count: int) -> list[dict]:
    return [
        {
            "id": index,
            "op_id": f"00000000-0000-4000-8000-{index:012d}",
            "step_id": 1,
            "prompt_id": "p1",
            "text": f"Seeded note {index}: " + "sisältöä " * 6,
            "fields": {},
            "participant_id": None,
            "facilitator_id": None,
            "author_name": "Bench",
            "version": 1,
            "theme_id": None,
            "group_id": None,
            "group_label": None,
            "moderated": False,
            "created_at": "2024-01-01T00:00:00Z",
            "updated_at": "2024-01-01T00:00:00Z",
            "votes": 0,
        }
        for index in range(count)
    ]


def build(async_mode: str, snapshot_notes: int):
    from flask import Flask, request
    from flask_socketio import SocketIO, emit, join_room

    app = Flask(__name__)
    socketio = SocketIO(app, async_mode=async_mode, max_http_buffer_size=64 * 1024)
    seqs: dict[str, int] = {}
    rooms: dict[str, str] = {}
    notes = _snapshot_notes(snapshot_notes)

    @socketio.on("join")
    def join(payload):
        code = str(payload.get("join_code"))
        join_room(code)
        rooms[request.sid] = code
        snapshot = {"notes": notes, "seq": seqs.get(code, 0)}
        return {"ok": True, "participant": {"id": 0}, "workshop": snapshot, "seq": snapshot["seq"]}

    @socketio.on("note.add")
    def note_add(payload):
        code = rooms[request.sid]
        seqs[code] = seqs.get(code, 0) + 1
        note = {"op_id": payload.get("op_id"), "text": payload.get("text")}
        event = {"seq": seqs[code], "type": "note.added", "data": {"note": note}}
        emit("event", event, to=code)
        return {"ok": True, "note": note, "seq": seqs[code]}

    @socketio.on("disconnect")
    def disconnect(*_args):
        rooms.pop(request.sid, None)

    return app, socketio


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bare")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--async-mode", default="gevent", choices=("gevent", "threading"))
    parser.add_argument("--snapshot-notes", type=int, default=0)
    args = parser.parse_args()
    if args.async_mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    app, socketio = build(args.async_mode, args.snapshot_notes)
    print(f"bare server on {args.host}:{args.port} ({args.async_mode})", flush=True)
    sys.stdout.flush()
    socketio.run(app, host=args.host, port=args.port, log_output=False, allow_unsafe_werkzeug=True)


if __name__ == "__main__":
    main()
