"""Many clients racing on one read-then-write check, on SQLite and on PostgreSQL: a save on a
stale version, a vote past the budget or a second set of groups is refused however the requests
interleave.

On PostgreSQL (READ COMMITTED) each of these checks raced until every change to a workshop began
by locking the workshop's row (``app/db.py`` ``write_transaction``); SQLite serialises writers
anyway. One lucky ordering proves nothing, so each test runs its race several times and reports
how many trials broke the rule."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
import socketio

from .browser.conftest import LiveServer
from .conftest import PASSWORD
from .postgres import fresh_database
from .server import api

TEMPLATE = "hyvanmitta-impact-chain"  # nine steps, one with a vision statement
CALL_TIMEOUT = 20
TRIALS = 10


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.services)]
)
def live(request, tmp_path_factory):
    """``pajapohja serve`` (gevent) on SQLite, or on a fresh PostgreSQL database; shared by the
    tests of one backend (each makes its own workshop)."""
    with ExitStack() as stack:
        env = {}
        if request.param == "postgresql":
            env["PAJAPOHJA_DATABASE_URL"] = stack.enter_context(fresh_database())
            # Handlers give the event loop away at every database round trip, so they interleave
            # as the handlers of several processes do (the deployment the locks are for); by
            # default one process waits for PostgreSQL on the loop and would hide a race.
            env["PSYCOPG_WAIT_FUNC"] = "wait_poll"
        server = LiveServer(tmp_path_factory.mktemp(request.param), env)
        server.cli("db", "upgrade")
        server.start()
        stack.callback(server.stop)
        email = "kilpa@example.fi"
        server.cli("facilitator", "add", email, "--password-stdin", input=PASSWORD + "\n")
        server.api_token = server.cli("token", "create", email)
        yield server


def at_once(calls) -> list:
    """Run every call in its own thread, all released together; their results in order."""
    barrier = threading.Barrier(len(calls), timeout=30)

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(run, call) for call in calls]
        return [future.result(timeout=60) for future in futures]


class Room:
    """One workshop and the sockets connected to it; ``close`` shuts them all."""

    def __init__(self, live: LiveServer):
        self.live = live
        self.workshop = api(
            live, "POST", "/workshops", {"title": "Kilpa", "template": TEMPLATE, "language": "fi"}
        )
        self.steps = {step["canvas"]: step["id"] for step in self.workshop["steps"]}
        self.sockets: list[socketio.Client] = []

    def _connect(self, auth=None) -> socketio.Client:
        sock = socketio.Client(reconnection=False)
        sock.connect(self.live.url, transports=["websocket"], auth=auth, wait_timeout=10)
        self.sockets.append(sock)
        return sock

    def facilitator(self) -> socketio.Client:
        sock = self._connect(auth={"api_token": self.live.api_token})
        ack = sock.call("join", {"workshop_id": self.workshop["id"]}, timeout=CALL_TIMEOUT)
        assert ack["ok"], ack
        return sock

    def participant(self, name: str, token: str | None = None) -> tuple[socketio.Client, dict]:
        """A socket of a new participant, or with ``token`` another of the same one (a second
        tab or device)."""
        sock = self._connect()
        payload = {"join_code": self.workshop["join_code"], "name": name}
        if token:
            payload["participant_token"] = token
        ack = sock.call("join", payload, timeout=CALL_TIMEOUT)
        assert ack["ok"], ack
        return sock, ack["participant"]

    def same_participant(self, name: str, count: int) -> tuple[list[socketio.Client], dict]:
        first, person = self.participant(name)
        others = [self.participant(name, person["token"])[0] for _ in range(count - 1)]
        return [first, *others], person

    def stored(self) -> dict:
        return api(self.live, "GET", f"/workshops/{self.workshop['id']}")

    def close(self) -> None:
        for sock in self.sockets:
            sock.shutdown()


@pytest.fixture
def room(live):
    opened = Room(live)
    yield opened
    opened.close()


def call(sock: socketio.Client, event: str, payload: dict):
    return lambda: sock.call(event, payload, timeout=CALL_TIMEOUT)


def refusals(acks: list[dict]) -> set[str]:
    return {ack["error"]["code"] for ack in acks if not ack["ok"]}


def test_of_many_saves_of_the_vision_on_one_version_exactly_one_is_kept(room):
    step_id = room.steps["vision"]
    sockets = []
    for person in range(4):  # four people, each on three devices
        sockets += room.same_participant(f"Visioija {person}", 3)[0]
    version, broken = 0, []
    for trial in range(TRIALS):
        texts = [f"Visio {trial}.{n}" for n in range(len(sockets))]
        acks = at_once(
            [
                call(
                    sock,
                    "vision.edit",
                    {
                        "op_id": str(uuid.uuid4()),
                        "step_id": step_id,
                        "text": text,
                        "version": version,
                    },
                )
                for sock, text in zip(sockets, texts, strict=True)
            ]
        )
        kept = [text for text, ack in zip(texts, acks, strict=True) if ack["ok"]]
        assert refusals(acks) <= {"conflict"}, acks
        vision = next(s for s in room.stored()["steps"] if s["id"] == step_id)["vision"]
        if len(kept) != 1:
            broken.append(len(kept))
        else:
            assert vision["text"] == kept[0] and vision["version"] == version + 1
            # Every loser was shown the text that won, to choose from.
            assert all(ack["error"]["vision"] == vision for ack in acks if not ack["ok"])
        version = vision["version"]
    assert not broken, (
        f"{len(broken)} of {TRIALS} trials accepted several saves on the same version "
        f"({broken}): all but the last were silently overwritten"
    )


def test_of_many_edits_of_a_note_on_one_version_exactly_one_is_kept(room):
    author, person = room.same_participant("Kirjoittaja", 6)
    sockets = author + [room.facilitator() for _ in range(6)]
    step_id = room.steps["need"]
    added = author[0].call(
        "note.add",
        {"op_id": str(uuid.uuid4()), "step_id": step_id, "prompt_id": "needed", "text": "Alku"},
        timeout=CALL_TIMEOUT,
    )
    assert added["ok"], added
    note_id, version, broken = added["note"]["id"], added["note"]["version"], []
    for trial in range(TRIALS):
        texts = [f"Muokkaus {trial}.{n}" for n in range(len(sockets))]
        acks = at_once(
            [
                call(
                    sock,
                    "note.edit",
                    {
                        "op_id": str(uuid.uuid4()),
                        "note_id": note_id,
                        "version": version,
                        "text": text,
                    },
                )
                for sock, text in zip(sockets, texts, strict=True)
            ]
        )
        kept = [text for text, ack in zip(texts, acks, strict=True) if ack["ok"]]
        assert refusals(acks) <= {"conflict"}, acks
        note = next(n for n in room.stored()["notes"] if n["id"] == note_id)
        if len(kept) != 1:
            broken.append(len(kept))
        else:
            assert note["text"] == kept[0] and note["version"] == version + 1
            assert all(
                ack["error"]["note"]["text"] == note["text"] for ack in acks if not ack["ok"]
            )
        version = note["version"]
    assert person["id"] == note["participant_id"]
    assert not broken, (
        f"{len(broken)} of {TRIALS} trials accepted several edits on the same version "
        f"({broken}): all but the last were silently overwritten"
    )


@pytest.mark.parametrize("budget", [1, 3])
def test_votes_fired_at_once_from_several_devices_never_exceed_the_budget(room, budget):
    host = room.facilitator()
    step_id = room.steps["need"]
    note_ids = []
    for n in range(4):
        ack = host.call(
            "note.add",
            {
                "op_id": str(uuid.uuid4()),
                "step_id": step_id,
                "prompt_id": "needed",
                "text": f"Äänestettävä {n}",
            },
            timeout=CALL_TIMEOUT,
        )
        assert ack["ok"], ack
        note_ids.append(ack["note"]["id"])
    devices, person = room.same_participant("Äänestäjä", 6)
    over = []
    for trial in range(1, TRIALS + 1):
        opened = host.call(
            "voting.open",
            {"step_id": step_id, "votes_per_participant": budget, "max_per_note": budget},
            timeout=CALL_TIMEOUT,
        )
        assert opened["ok"] and opened["voting"]["round"] == trial, opened
        attempts = [
            call(device, "vote.add", {"op_id": str(uuid.uuid4()), "note_id": note_ids[n % 4]})
            for device in devices
            for n in range(3)
        ]
        acks = at_once(attempts)
        assert refusals(acks) <= {"no_votes_left", "note_vote_limit"}, acks
        accepted = sum(ack["ok"] for ack in acks)
        closed = host.call("voting.close", {"step_id": step_id}, timeout=CALL_TIMEOUT)
        assert closed["ok"], closed
        votes = [
            v
            for v in room.stored()["votes"]
            if v["participant_id"] == person["id"] and v["round"] == trial
        ]
        assert len(votes) == accepted, "every acknowledged vote is stored, and only those"
        assert sum(closed["tallies"].values()) == len(votes)
        if len(votes) != budget:
            over.append(len(votes))
    assert not over, (
        f"{len(over)} of {TRIALS} rounds stored other than the budget of {budget} votes for one "
        f"participant: {over}"
    )


def test_creating_groups_twice_at_once_makes_one_set(room):
    for n in range(3):
        room.participant(f"Ryhmäläinen {n}")
    hosts = [room.facilitator() for _ in range(8)]
    steps = list(room.steps.values())
    extra = []
    for trial, step_id in enumerate(steps):
        mode = "random" if trial % 2 else "choose"
        acks = at_once(
            [
                call(host, "groups.create", {"step_id": step_id, "count": 3, "mode": mode})
                for host in hosts
            ]
        )
        assert refusals(acks) <= {"groups_exist"}, acks
        stored = [g for g in room.stored()["groups"] if g["step_id"] == step_id]
        made = sum(ack["ok"] for ack in acks)
        if made != 1 or len(stored) != 3:
            extra.append(len(stored))
        else:
            created = next(ack for ack in acks if ack["ok"])
            assert sorted(g["id"] for g in created["groups"]) == sorted(g["id"] for g in stored)
    assert not extra, (
        f"{len(extra)} of {len(steps)} steps got more than one set of 3 groups: {extra}"
    )


def test_questions_left_out_at_once_by_several_facilitators_are_all_left_out(room):
    """``prompt.exclude`` reads the step's list of left-out questions and writes it back: two
    facilitators leaving out different questions at the same moment must both be kept."""
    hosts = [room.facilitator() for _ in range(6)]
    lost = []
    for step in room.workshop["steps"]:
        prompts = [prompt["id"] for prompt in step["prompts"]]
        if len(prompts) < 2:
            continue
        acks = at_once(
            [
                call(
                    host,
                    "prompt.exclude",
                    {
                        "step_id": step["id"],
                        "prompt_id": prompts[n % len(prompts)],
                        "excluded": True,
                    },
                )
                for n, host in enumerate(hosts)
            ]
        )
        assert all(ack["ok"] for ack in acks), acks
        stored = next(s for s in room.stored()["steps"] if s["id"] == step["id"])
        if set(stored["excluded_prompts"]) != set(prompts[: len(hosts)]):
            lost.append((step["canvas"], stored["excluded_prompts"]))
    assert not lost, f"questions left out were lost: {lost}"
