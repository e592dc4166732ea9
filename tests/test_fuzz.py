"""Hostile input: thousands of random and malformed Socket.IO events and REST bodies, as a joined
participant, a joined facilitator and a connection that never joined. Whatever arrives, the
server answers with a well-formed refusal (never a crash), writes nothing for a refusal, and
keeps working for everyone else."""

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.workshop_models import Workshop
from app.extensions import db, socketio
from app.realtime import HANDLERS

from .conftest import events_of, new_op
from .test_authorization import SOCKET_EVENTS

# The token bucket would answer most of a long fuzz run with "too fast"; lift it so that the
# events reach their handlers (the bucket itself is tested in test_security.py).
UNLIMITED = {"SOCKET_BURST": 10**9, "SOCKET_RATE": 10**9, "NOTE_BURST": 10**9, "NOTE_RATE": 10**9}
FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a failure in CI is reproducible
    database=None,
    suppress_health_check=list(HealthCheck),
)

FIELDS = (
    "allowed count description done fields follow group_id hidden into_note_id join_code "
    "locked max_per_note mode name note_id op_id open_until participant_id participant_token "
    "prompt_id seconds show_tallies since step_id text theme_id theme_ids title version "
    "votes_per_participant workshop_id"
).split()
NOTE_FIELDS = "contents deadline for_groups goal group how method notes owner size task what when"
NASTY_TEXT = [
    "",
    " ",
    "\n",
    "\x00",
    "\x00" * 300,
    "\u202e\u2066evil",
    "\ufeff",
    "\u200b" * 50,
    "\ud800",
    "a\udfffb",
    "e\u0301" * 1500,
    "😀" * 3000,
    "x" * 2001,
    "x" * 19_990,
    "x" * 30_000,
    "<script>window.pwned=1</script>",
    "' OR 1=1 --",
    "%s%n%x",
    "../../etc/passwd",
    "NaN",
    "null",
    "{}",
    "2026-13-45T25:61:00",
    "9999-12-31T23:59:59+14:00",
    "\n" * 5000,
]
NUMBERS = [0, -1, 1, 2, 7, 2**31, 2**53, 2**53 + 1, 2**63, 2**64, -(2**63) - 1, 10**99]
UNKNOWN_EVENTS = [
    "connect",
    "disconnect",
    "message",
    "json",
    "*",
    "",
    "event",
    "presence",
    "__proto__",
    "note.add ",
    "NOTE.ADD",
    "join\x00",
    "note",
    "note.add.extra",
    "😀",
]


def nested(depth: int, kind: str):
    value = "x"
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


scalars = st.one_of(
    st.none(),
    st.booleans(),
    # engineio's decoder refuses numbers over 100 digits before any handler sees them.
    st.integers(-(2**128), 2**128),
    st.sampled_from(NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(NASTY_TEXT),
    st.binary(max_size=16),
)
junk = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
# The test client's own encoder recurses, so it cannot send more than a few hundred levels;
# deeper payloads go over the wire as raw packets in a test of their own below.
deep = st.builds(nested, st.integers(20, 300), st.sampled_from(["list", "dict"]))


class Scene:
    """A workshop with notes, a theme, groups and an open voting round; the ids, codes and
    tokens in it are the "real" values the fuzz mixes into its junk."""

    def __init__(self, app, api, make_workshop, sockets, facilitator):
        app.config.update(UNLIMITED)
        self.app = app
        self.sockets = sockets
        self.token = facilitator[2]
        series = api.post("/series", json={"title": "Sarja"}).get_json()["id"]
        self.workshop = make_workshop(series_id=series)
        self.other = make_workshop()
        self.series = series
        self.facilitator = self.join({"workshop_id": self.workshop["id"]}, self.token)
        self.observer = self.join({"workshop_id": self.workshop["id"]}, self.token)
        self.participant = self.join({"join_code": self.workshop["join_code"], "name": "Pia"})
        author = self.join({"join_code": self.workshop["join_code"], "name": "Aino"})
        steps = self.workshop["steps"]
        prompts = [p["id"] for s in steps for p in s["prompts"]]
        notes = [
            self.call(
                who,
                "note.add",
                op_id=new_op(),
                step_id=steps[0]["id"],
                prompt_id=steps[0]["prompts"][0]["id"],
                text=f"Lappu {n}",
            )["note"]["id"]
            for n, who in enumerate((self.participant, author, self.facilitator))
        ]
        theme = self.call(
            self.facilitator, "theme.create", op_id=new_op(), step_id=steps[0]["id"], title="Teema"
        )["theme"]["id"]
        self.call(self.facilitator, "voting.open", step_id=steps[0]["id"], votes_per_participant=3)
        groups = self.call(
            self.facilitator, "groups.create", step_id=steps[-1]["id"], count=2, mode="choose"
        )["groups"]
        events_of(self.observer)
        # The names the authorization matrix's payload builders use for a valid call.
        self.step1, self.step2, self.step3 = (s["id"] for s in steps[:3])
        self.prompt1 = steps[0]["prompts"][0]["id"]
        self.n1, self.n2 = notes[:2]
        self.theme = theme
        self.g1, self.g2 = (g["id"] for g in groups[:2])
        self.p1_id = self.participant.joined["participant"]["id"]
        self.p2_id = author.joined["participant"]["id"]
        self.real = [
            self.workshop["id"],
            self.other["id"],
            self.workshop["join_code"],
            self.other["join_code"],
            *[s["id"] for s in steps],
            *prompts,
            *notes,
            theme,
            *[g["id"] for g in groups],
            self.participant.joined["participant"]["id"],
            author.joined["participant"]["id"],
            author.joined["participant"]["token"],
            "random",
            "choose",
            "2030-01-01T12:00:00+02:00",
            60,
            3,
            [theme],
            [theme, theme],
            {"method": "Työpaja", "how": "Yhdessä"},
            *NOTE_FIELDS.split(),
        ]

    def join(self, payload: dict, token: str | None = None):
        sock = self.sockets(auth={"api_token": token} if token else None)
        sock.joined = sock.emit("join", payload, callback=True)
        assert sock.joined["ok"], sock.joined
        return sock

    @staticmethod
    def call(sock, event, **payload):
        ack = sock.emit(event, payload, callback=True)
        assert ack["ok"], (event, ack)
        return ack

    def values(self):
        return st.one_of(
            st.sampled_from(self.real),
            st.uuids().map(str),
            st.integers(1, 40),
            scalars,
            junk,
            deep,
        )

    def valid(self, event: str) -> dict:
        if event == "join":
            return {"join_code": self.workshop["join_code"], "name": "Uusi"}
        return SOCKET_EVENTS[event][1](self)

    def mutated(self, event: str):
        """A valid payload of ``event`` with fields dropped, replaced by junk or added: the
        refusals deep inside a handler, not only the first type check."""
        edits = st.lists(
            st.tuples(
                st.sampled_from(["drop", "set", "add"]),
                st.sampled_from(FIELDS) | st.text(max_size=8),
                st.integers(0, 9),
                self.values(),
            ),
            min_size=1,
            max_size=3,
        )

        def apply(args):
            op_id, changes = args
            payload = self.valid(event)
            if "op_id" in payload:
                payload["op_id"] = op_id
            for action, key, index, value in changes:
                keys = sorted(payload)
                if action == "drop" and keys:
                    payload.pop(keys[index % len(keys)])
                elif action == "set" and keys:
                    payload[keys[index % len(keys)]] = value
                else:
                    payload[key] = value
            return payload

        return st.tuples(st.uuids().map(str), edits).map(apply)

    def payloads(self):
        return st.one_of(
            st.dictionaries(st.sampled_from(FIELDS), self.values(), max_size=8),
            st.dictionaries(
                st.sampled_from(FIELDS) | st.text(max_size=12), self.values(), max_size=6
            ),
            junk,
            deep,
        )

    def calls(self):
        known = st.tuples(
            st.sampled_from(sorted(HANDLERS)), self.payloads(), st.lists(junk, max_size=2)
        )
        mutated = st.sampled_from(sorted(HANDLERS)).flatmap(
            lambda event: st.tuples(st.just(event), self.mutated(event), st.just([]))
        )
        unknown = st.tuples(
            st.sampled_from(UNKNOWN_EVENTS)
            | st.text(max_size=20).filter(lambda name: name not in HANDLERS),
            self.payloads(),
            st.lists(junk, max_size=1),
        )
        return st.lists(st.one_of(mutated, mutated, known, unknown), min_size=1, max_size=10)

    def state(self) -> tuple[int, str]:
        """The workshop's last ``seq`` and every row of every table, to prove a refusal wrote
        nothing."""
        with self.app.app_context():
            seq = db.session.get(Workshop, self.workshop["id"]).seq
            rows = [db.session.execute(table.select()).all() for table in db.metadata.sorted_tables]
            db.session.remove()
        return seq, repr(rows)


@pytest.fixture
def scene(app, api, make_workshop, sockets, facilitator):
    return Scene(app, api, make_workshop, sockets, facilitator)


def assert_well_formed(event: str, ack) -> None:
    assert isinstance(ack, dict) and isinstance(ack.get("ok"), bool), (event, ack)
    if not ack["ok"]:
        error = ack.get("error")
        assert isinstance(error, dict), (event, ack)
        assert isinstance(error.get("code"), str) and error["code"], (event, ack)
        assert isinstance(error.get("message"), str) and error["message"], (event, ack)
        assert error["code"] != "server_error", (event, ack)


def send(scene: Scene, sock, event: str, payload, extra: list, raw: str | None = None) -> None:
    """Send one event (or the hand-written packet ``raw``) and check its answer; a refusal must
    have changed nothing."""
    seq, rows = scene.state()
    if raw is not None:
        ack = raw_emit(sock, raw)
    else:
        ack = sock.emit(event, payload, *extra, callback=True)
    assert sock.is_connected()
    if event not in HANDLERS:
        # Socket.IO has no handler to answer with; what matters is that nothing happened.
        assert ack in (None, []), (event, ack)
        assert scene.state() == (seq, rows), event
        return
    assert_well_formed(event, ack)
    if not ack["ok"]:
        assert scene.state() == (seq, rows), (event, ack)
        missed = scene.observer.emit("resync", {"since": seq}, callback=True)
        assert missed == {"ok": True, "events": []}, (event, ack, missed)


def assert_still_serving(scene: Scene, make_workshop, fuzzed) -> None:
    """After the fuzz: the fuzzed connection still answers, and a new participant of a new
    workshop writes a note that the facilitator receives."""
    again = fuzzed.emit("resync", {"since": 0}, callback=True)
    assert_well_formed("resync", again)
    fresh = make_workshop()
    step = fresh["steps"][0]
    watcher = scene.join({"workshop_id": fresh["id"]}, scene.token)
    writer = scene.join({"join_code": fresh["join_code"]})
    ack = writer.emit(
        "note.add",
        {
            "op_id": new_op(),
            "step_id": step["id"],
            "prompt_id": step["prompts"][0]["id"],
            "text": "Toimii yhä",
        },
        callback=True,
    )
    assert ack["ok"], ack
    assert [e["data"]["note"]["text"] for e in events_of(watcher, "note.added")] == ["Toimii yhä"]


@pytest.mark.parametrize("role", ["participant", "facilitator"])
def test_random_socket_events_from_a_joined_client_get_clean_refusals(role, scene, make_workshop):
    sock = getattr(scene, role)

    @FUZZ
    @given(calls=scene.calls())
    def fuzz(calls):
        for event, payload, extra in calls:
            send(scene, sock, event, payload, extra)
        # Still joined and answering, whatever was sent (a forged "disconnect" included). It
        # asks for the events since now: a snapshot each round would run into the connection's
        # snapshot budget (app/snapshot_budget.py), which is not what this checks.
        seq, _rows = scene.state()
        assert sock.emit("resync", {"since": seq}, callback=True)["ok"]

    fuzz()
    assert_still_serving(scene, make_workshop, sock)


def test_random_socket_events_from_a_connection_that_never_joined_get_clean_refusals(
    scene, make_workshop
):
    @FUZZ
    @given(calls=scene.calls())
    def fuzz(calls):
        sock = socketio.test_client(scene.app)
        try:
            for event, payload, extra in calls:
                send(scene, sock, event, payload, extra)
            assert_well_formed("resync", sock.emit("resync", {}, callback=True))
        finally:
            sock.disconnect()

    fuzz()
    assert_still_serving(scene, make_workshop, scene.participant)


def raw_emit(sock, text: str):
    """Send a hand-written EVENT packet, as a client not using a Socket.IO library would."""
    sock.callback_counter += 1
    sock.acks = None
    socketio.server._handle_eio_message(sock.eio_sid, f"2{sock.callback_counter}{text}")
    ack, sock.acks = sock.acks, None
    return ack["args"][0] if ack else None


@pytest.mark.parametrize("depth", [400, 900])
def test_deeply_nested_payloads_up_to_the_json_limit_get_clean_refusals(scene, depth):
    """Written by hand: Python's own encoder would give up before the server's decoder does
    (a little under 1,000 levels, in engineio, before any handler runs)."""
    deep_list = "[" * depth + "]" * depth
    deep_dict = '{"a":' * depth + "1" + "}" * depth
    for event in sorted(HANDLERS):
        valid = json.dumps(scene.valid(event))[1:-1]
        separator = ", " if valid else ""
        for payload in (
            deep_list,
            f'{{{valid}{separator}"text": {deep_dict}}}',
            f'{{{valid}{separator}"fields": {deep_dict}}}',
        ):
            send(scene, scene.participant, event, None, [], raw=f'["{event}", {payload}]')
    assert scene.participant.emit("resync", {"since": 0}, callback=True)["ok"]


def test_json_only_a_hostile_client_writes_gets_clean_refusals(scene):
    """NaN, Infinity, lone surrogates, duplicate keys and 100-digit numbers: valid for Python's
    JSON decoder, never sent by a browser."""
    step = scene.workshop["steps"][0]
    op, step_id, prompt_id = uuid.uuid4(), step["id"], step["prompts"][0]["id"]
    bodies = [
        f'{{"op_id": "{op}", "step_id": NaN, "prompt_id": "x", "text": "a"}}',
        f'{{"op_id": "{op}", "step_id": {step_id}, "prompt_id": "{prompt_id}", "text": "\\ud800"}}',
        f'{{"op_id": "{op}", "step_id": {step_id}, "step_id": Infinity, "text": "a"}}',
        f'{{"note_id": 1{"0" * 99}, "version": -Infinity}}',
    ]
    for body in bodies:
        for event in ("note.add", "note.edit", "vision.edit", "theme.create", "timer.start"):
            ack = raw_emit(scene.participant, f'["{event}", {body}]')
            assert_well_formed(event, ack)


# ---------------------------------------------------------------- REST


def post_rules(app) -> list[str]:
    return sorted(
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/") and "POST" in (rule.methods or ())
    )


CONTENT_TYPES = [
    "application/json",
    "application/json; charset=latin-1",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",
    "application/json; charset=utf-16",
]


def rest_requests(scene: Scene, rules: list[str]):
    ids = st.one_of(
        st.sampled_from([scene.workshop["id"], scene.other["id"], scene.series]),
        st.sampled_from([0, 1, 2, 999, 2**31, 2**63 - 1, 2**63, 10**40]),
    )
    json_bodies = st.one_of(
        st.dictionaries(
            st.sampled_from(
                FIELDS
                + [
                    "email",
                    "template",
                    "language",
                    "index",
                    "series_id",
                    "topic",
                    "organisation",
                    "format",
                    "steps",
                    "notes",
                ]
            ),
            scene.values(),
            max_size=8,
        ),
        junk,
    ).map(lambda body: json.dumps(body, default=repr).encode())
    bodies = st.one_of(
        st.tuples(json_bodies, st.just("application/json")),
        st.tuples(json_bodies | st.binary(max_size=300), st.sampled_from(CONTENT_TYPES)),
    )
    auth = st.sampled_from(
        [f"Bearer {scene.token}"] * 4
        + ["", "Bearer", "Bearer x" * 50, "Basic Zm9vOmJhcg==", "bearer \x00"]
    )
    return st.tuples(st.sampled_from(rules), ids, bodies, auth)


def assert_json_refusal(response, context) -> None:
    assert response.status_code < 500, (context, response.status_code, response.get_data())
    if response.status_code >= 400:
        error = (response.get_json(silent=True) or {}).get("error")
        assert isinstance(error, dict), (context, response.get_data())
        assert isinstance(error.get("code"), str) and isinstance(error.get("message"), str)


def test_random_rest_bodies_never_crash_the_api_nor_write_on_refusal(
    scene, client, app, make_workshop
):
    rules = post_rules(app)
    assert "/api/v1/workshops" in rules and "/api/v1/workshops/import" in rules

    @FUZZ
    @given(request=rest_requests(scene, rules))
    def fuzz(request):
        rule, id_, (body, content_type), auth = request
        path = rule.replace("<int:workshop_id>", str(id_)).replace("<int:series_id>", str(id_))
        headers = {"Authorization": auth} if auth else {}
        seq, rows = scene.state()
        response = client.post(path, data=body, content_type=content_type or None, headers=headers)
        assert_json_refusal(response, (path, body[:200], content_type))
        if response.status_code >= 400:
            assert scene.state() == (seq, rows), (path, body[:200], response.get_json())

    fuzz()
    assert_still_serving(scene, make_workshop, scene.participant)


@pytest.mark.parametrize("size", [1024 * 1024, 21 * 1024 * 1024])
def test_huge_rest_bodies_get_json_refusals(scene, client, app, size):
    headers = {"Authorization": f"Bearer {scene.token}"}
    huge = json.dumps({"title": "x" * size, "template": "t", "email": "e"}).encode()
    for rule in post_rules(app):
        path = rule.replace("<int:workshop_id>", str(scene.workshop["id"])).replace(
            "<int:series_id>", str(scene.series)
        )
        if path.endswith("/share"):
            continue  # takes no body; a share link is made whatever is sent
        seq, rows = scene.state()
        response = client.post(path, data=huge, content_type="application/json", headers=headers)
        assert 400 <= response.status_code < 500, (path, response.status_code)
        assert_json_refusal(response, path)
        assert scene.state() == (seq, rows), path


def test_a_claimed_content_length_over_the_limit_is_refused_unread(scene, client, app):
    headers = {"Authorization": f"Bearer {scene.token}"}
    for rule in post_rules(app):
        path = rule.replace("<int:workshop_id>", str(scene.workshop["id"])).replace(
            "<int:series_id>", str(scene.series)
        )
        response = client.post(
            path,
            data=b"{}",
            content_type="application/json",
            headers=headers,
            environ_overrides={"CONTENT_LENGTH": str(10**12)},
        )
        assert_json_refusal(response, path)
        if not path.endswith("/share"):  # the only ones that take no body
            assert response.status_code == 413, (path, response.status_code)
