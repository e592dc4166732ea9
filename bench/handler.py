"""CPU time of one ``note.add`` in the app itself, without the network or other clients: the
handler's share of every note's latency, and the number that the fan-out scenarios cannot show
on their own.

    python -m bench.handler [--notes 300] [--rounds 5]

A SQLite database in a temporary directory, one workshop, three joined participants (Socket.IO
test clients of Flask-SocketIO, so the real handler, the real transaction and the real
broadcast run); one of them posts ``--notes`` notes, ``--rounds`` times. Prints the CPU
milliseconds per note (``time.process_time``: the waits for the disk are not in it) for each
round and their median.
"""

import argparse
import os
import statistics
import tempfile
import time
import uuid


def _setup():
    os.environ["PAJAPOHJA_DATA_DIR"] = tempfile.mkdtemp(prefix="pajapohja-handler-")
    for name in ("PAJAPOHJA_DATABASE_URL", "PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_CANVASES"):
        os.environ.pop(name, None)
    from app import create_app
    from app.accounts import service as accounts
    from app.core.workshop_models import Step
    from app.db import write_transaction
    from app.extensions import db, socketio
    from app.workshops import service as workshops

    # No per-connection rate limit: the point is to post back to back.
    unlimited = {
        "SOCKET_BURST": 10**9,
        "SOCKET_RATE": 10**9,
        "NOTE_BURST": 10**9,
        "NOTE_RATE": 10**9,
    }
    app = create_app({"TESTING": True, **unlimited})
    with app.app_context():
        with write_transaction():
            owner = accounts.create_facilitator("bench@example.fi", "correct horse battery")
            workshop = workshops.create_workshop(
                owner.id, title="bench", template="hyvanmitta-training-plan", language="fi"
            )
        step = db.session.query(Step).filter_by(workshop_id=workshop.id).order_by(Step.position)
        step = step.first()
        target = {"join_code": workshop.join_code, "step": step.id, "prompt": step.prompt_ids()[0]}
        db.session.remove()
    clients = [socketio.test_client(app) for _ in range(3)]
    for number, client in enumerate(clients):
        answer = client.emit(
            "join", {"join_code": target["join_code"], "name": f"p{number}"}, callback=True
        )
        assert answer["ok"], answer
    return clients, target


def _post(clients, target, count: int) -> float:
    poster = clients[0]
    started = time.process_time()
    for _ in range(count):
        payload = {
            "op_id": str(uuid.uuid4()),
            "step_id": target["step"],
            "prompt_id": target["prompt"],
            "text": "Yhteinen kieli asiakkaan kanssa",
        }
        answer = poster.emit("note.add", payload, callback=True)
        assert answer["ok"], answer
    spent = time.process_time() - started
    for client in clients:
        client.get_received()  # drop the broadcasts the test clients collected
    return spent * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.handler")
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    clients, target = _setup()
    _post(clients, target, 30)  # warm up: statement caches, imports
    rounds = [_post(clients, target, args.notes) for _ in range(args.rounds)]
    print("note.add CPU ms per note, per round: " + " ".join(f"{r:.2f}" for r in rounds))
    print(f"median: {statistics.median(rounds):.2f} ms")


if __name__ == "__main__":
    main()
