"""Who may do what: every socket event and every REST endpoint, for every role. The tables are
checked against the registered handlers and routes, so a new handler without a row fails."""

import pytest

from app.realtime import HANDLERS

from .conftest import new_op

ROLES = (
    "none",
    "participant",
    "other_participant",
    "chair",
    "facilitator",
    "co_facilitator",
    "other_facilitator",
    "organiser",
    "presenter",  # the owner's presenter screen (/w/<id>/present): it may only catch up
)
PARTICIPANTS = {"participant", "chair"}
FACILITATORS = {"facilitator", "co_facilitator"}
STEERING = FACILITATORS | {"chair"}  # timer and hide/reveal of the chair's own group
JOINED = PARTICIPANTS | FACILITATORS | {"other_participant", "presenter"}
DENIED = {
    "forbidden",
    "unauthorized",
    "not_joined",
    "not_found",
    "unknown_step",
    "unknown_note",
    "unknown_group",
    "unknown_theme",
    "unknown_participant",
}

# event -> (roles allowed, payload builder)
SOCKET_EVENTS = {
    "note.add": (
        PARTICIPANTS | FACILITATORS,
        lambda c: {"op_id": new_op(), "step_id": c.step1, "prompt_id": c.prompt1, "text": "Uusi"},
    ),
    "note.edit": (
        {"participant"} | FACILITATORS,
        lambda c: {"op_id": new_op(), "note_id": c.n1, "version": 1, "text": "Muutettu"},
    ),
    "note.delete": ({"participant"} | FACILITATORS, lambda c: {"op_id": new_op(), "note_id": c.n1}),
    "resync": (JOINED, lambda c: {"since": 0}),
    "step.goto": (FACILITATORS, lambda c: {"step_id": c.step2}),
    "workshop.follow": (FACILITATORS, lambda c: {"follow": True}),
    "step.lock": (FACILITATORS, lambda c: {"step_id": c.step1, "locked": True}),
    "step.cluster": (FACILITATORS, lambda c: {"step_id": c.step1, "allowed": True}),
    "step.open_until": (FACILITATORS, lambda c: {"step_id": c.step1, "open_until": None}),
    "step.hide": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1}),
    "step.reveal": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1}),
    "workshop.close": (FACILITATORS, lambda c: {}),
    "workshop.reopen": (FACILITATORS, lambda c: {}),
    "timer.start": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1, "seconds": 60}),
    "timer.pause": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1}),
    "timer.resume": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1}),
    "timer.add": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1, "seconds": 60}),
    "timer.stop": (STEERING, lambda c: {"step_id": c.step3, "group_id": c.g1}),
    "voting.open": (FACILITATORS, lambda c: {"step_id": c.step1, "votes_per_participant": 3}),
    "voting.close": (FACILITATORS, lambda c: {"step_id": c.step1}),
    "vote.add": (PARTICIPANTS, lambda c: {"op_id": new_op(), "note_id": c.n2}),
    "vote.remove": (PARTICIPANTS, lambda c: {"op_id": new_op(), "note_id": c.n2}),
    "theme.create": (
        FACILITATORS,
        lambda c: {"op_id": new_op(), "step_id": c.step1, "title": "Uusi teema"},
    ),
    "theme.update": (FACILITATORS, lambda c: {"theme_id": c.theme, "title": "Nimi"}),
    "theme.reorder": (FACILITATORS, lambda c: {"step_id": c.step1, "theme_ids": [c.theme]}),
    "theme.delete": (FACILITATORS, lambda c: {"theme_id": c.theme}),
    "note.theme": (FACILITATORS, lambda c: {"note_id": c.n1, "theme_id": c.theme}),
    "themes.suggest": (FACILITATORS, lambda c: {"step_id": c.step1}),
    "note.hide": (FACILITATORS, lambda c: {"note_id": c.n1, "hidden": True}),
    "note.move": (FACILITATORS, lambda c: {"note_id": c.n1, "prompt_id": "existing"}),
    "note.merge": (FACILITATORS, lambda c: {"note_id": c.n2, "into_note_id": c.n1}),
    "note.exclude": (FACILITATORS, lambda c: {"note_id": c.n1, "excluded": True}),
    "prompt.exclude": (
        FACILITATORS,
        lambda c: {"step_id": c.step1, "prompt_id": c.prompt1, "excluded": True},
    ),
    "participant.remove": (FACILITATORS, lambda c: {"participant_id": c.p1_id}),
    "participants.duplicates": (FACILITATORS, lambda c: {}),
    "groups.create": (FACILITATORS, lambda c: {"step_id": c.step1, "count": 2}),
    "group.join": (PARTICIPANTS, lambda c: {"group_id": c.g2}),
    "group.chair": (FACILITATORS, lambda c: {"group_id": c.g1, "participant_id": c.p2_id}),
    "groups.debrief": (FACILITATORS, lambda c: {"step_id": c.step3}),
    "groups.rename": (FACILITATORS, lambda c: {"group_id": c.g1, "name": "Asiakastyö"}),
    "groups.end": (FACILITATORS, lambda c: {"step_id": c.step3}),
    "step.done": (PARTICIPANTS, lambda c: {"step_id": c.step1, "done": True}),
    "vision.edit": (
        PARTICIPANTS | FACILITATORS,
        lambda c: {"op_id": new_op(), "step_id": c.step2, "version": 0, "text": "Visio"},
    ),
    "join": (set(ROLES) - {"other_facilitator"}, None),  # see test_join_by_role
}


class Scene:
    """A workshop with an owner, a co-facilitator, another facilitator, two participants (one
    the chair of a small group), a participant of another workshop, notes, a theme, an open
    voting round and a running group timer."""

    def __init__(self, client, sockets, people):
        self.sockets = sockets
        owner, co, other = people
        self.tokens = {
            "facilitator": owner[2],
            "co_facilitator": co[2],
            "other_facilitator": other[2],
        }
        headers = {"Authorization": f"Bearer {owner[2]}"}
        self.headers = headers
        series = client.post("/api/v1/series", json={"title": "Sarja"}, headers=headers)
        self.series = series.get_json()["id"]
        body = {
            "title": "T",
            "template": "hyvanmitta-training-plan",
            "language": "fi",
            "series_id": self.series,
        }
        workshop = client.post("/api/v1/workshops", json=body, headers=headers).get_json()
        other_workshop = client.post("/api/v1/workshops", json=body, headers=headers).get_json()
        client.post(
            f"/api/v1/workshops/{workshop['id']}/facilitators",
            json={"email": co[1]},
            headers=headers,
        )
        self.workshop = workshop
        self.step1, self.step2, self.step3 = (s["id"] for s in workshop["steps"])
        self.prompt1 = workshop["steps"][0]["prompts"][0]["id"]
        self.share = (
            client.post(f"/api/v1/series/{self.series}/share", headers=headers)
            .get_json()["url"]
            .rsplit("/", 1)[-1]
        )
        self.actors = {}
        for role in ("facilitator", "co_facilitator"):
            self.actors[role] = self.connect(
                auth={"api_token": self.tokens[role]}, join={"workshop_id": workshop["id"]}
            )
        self.actors["presenter"] = self.connect(
            auth={"api_token": self.tokens["facilitator"]},
            join={"workshop_id": workshop["id"], "presenter": True},
        )
        self.actors["other_facilitator"] = sockets(auth={"api_token": other[2]})
        self.actors["none"] = sockets()
        self.actors["organiser"] = sockets()
        self.actors["participant"], self.p1 = self.participant(workshop, "Pirjo")
        self.actors["chair"], self.p2 = self.participant(workshop, "Tuomas")
        self.actors["other_participant"], _ = self.participant(other_workshop, "Muu")
        self.p1_id, self.p2_id = self.p1["participant"]["id"], self.p2["participant"]["id"]
        f = self.actors["facilitator"]
        self.n1 = self.add(self.actors["participant"], "Pirjon lappu")
        self.n2 = self.add(self.actors["chair"], "Tuomaksen lappu")
        self.theme = self.call(
            f, "theme.create", op_id=new_op(), step_id=self.step1, title="Teema"
        )["theme"]["id"]
        self.call(f, "voting.open", step_id=self.step1, votes_per_participant=3, max_per_note=3)
        for who in ("participant", "chair"):
            self.call(self.actors[who], "vote.add", op_id=new_op(), note_id=self.n2)
        groups = self.call(f, "groups.create", step_id=self.step3, count=2, mode="choose")
        self.g1, self.g2 = (g["id"] for g in groups["groups"])
        self.call(self.actors["chair"], "group.join", group_id=self.g1)
        self.call(f, "group.chair", group_id=self.g1, participant_id=self.p2_id)
        self.call(f, "timer.start", step_id=self.step3, group_id=self.g1, seconds=600)
        assert (
            self.call(self.actors["other_facilitator"], "join", workshop_id=workshop["id"])["ok"]
            is False
        )

    def connect(self, auth=None, join=None):
        sock = self.sockets(auth=auth)
        if join is not None:
            assert sock.emit("join", join, callback=True)["ok"]
        return sock

    def participant(self, workshop, name):
        sock = self.sockets()
        ack = sock.emit("join", {"join_code": workshop["join_code"], "name": name}, callback=True)
        assert ack["ok"]
        return sock, ack

    def add(self, sock, text):
        ack = self.call(
            sock, "note.add", op_id=new_op(), step_id=self.step1, prompt_id=self.prompt1, text=text
        )
        assert ack["ok"], ack
        return ack["note"]["id"]

    @staticmethod
    def call(sock, event, **payload):
        return sock.emit(event, payload, callback=True)


@pytest.fixture
def people(make_facilitator):
    """Owner, co-facilitator and another facilitator, made once per test (hashing a password
    is deliberately slow)."""
    return make_facilitator(), make_facilitator(), make_facilitator()


def test_every_socket_event_has_a_row(app):
    assert set(SOCKET_EVENTS) == set(HANDLERS)


@pytest.mark.parametrize("event", sorted(set(SOCKET_EVENTS) - {"join"}))
def test_socket_event_by_role(client, sockets, people, event):
    allowed, payload = SOCKET_EVENTS[event]
    # Refusals change nothing, so all of them can be tried on one scene: its log must not move.
    scene = Scene(client, sockets, people)
    seq = len(scene.call(scene.actors["facilitator"], "resync", since=0)["events"])
    for role in sorted(set(ROLES) - allowed):
        ack = scene.call(scene.actors[role], event, **payload(scene))
        assert ack["ok"] is False and ack["error"]["code"] in DENIED, (event, role, ack)
    assert len(scene.call(scene.actors["facilitator"], "resync", since=0)["events"]) == seq
    for role in sorted(allowed):
        scene = Scene(client, sockets, people)
        ack = scene.call(scene.actors[role], event, **payload(scene))
        assert ack["ok"], (event, role, ack)


def test_join_by_role(client, sockets, people):
    scene = Scene(client, sockets, people)
    code, workshop_id = scene.workshop["join_code"], scene.workshop["id"]
    fresh = {
        "none": (None, {"join_code": code}),
        "organiser": (None, {"join_code": code}),
        "participant": (
            None,
            {"join_code": code, "participant_token": scene.p1["participant"]["token"]},
        ),
        "chair": (None, {"join_code": code, "participant_token": scene.p2["participant"]["token"]}),
        "other_participant": (None, {"join_code": code}),
        "facilitator": ({"api_token": scene.tokens["facilitator"]}, {"workshop_id": workshop_id}),
        "co_facilitator": (
            {"api_token": scene.tokens["co_facilitator"]},
            {"workshop_id": workshop_id},
        ),
        "other_facilitator": (
            {"api_token": scene.tokens["other_facilitator"]},
            {"workshop_id": workshop_id},
        ),
        "presenter": (
            {"api_token": scene.tokens["co_facilitator"]},
            {"workshop_id": workshop_id, "presenter": True},
        ),
    }
    allowed = SOCKET_EVENTS["join"][0]
    for role in ROLES:
        auth, payload = fresh[role]
        ack = sockets(auth=auth).emit("join", payload, callback=True)
        assert ack["ok"] is (role in allowed), (role, ack)
    # A participant joining by workshop_id is not a facilitator, nor a presenter screen; the
    # presenter screen has the console's rights: not another facilitator's.
    ack = sockets().emit("join", {"workshop_id": workshop_id}, callback=True)
    assert ack["error"]["code"] == "unauthorized"
    ack = sockets().emit("join", {"workshop_id": workshop_id, "presenter": True}, callback=True)
    assert ack["error"]["code"] == "unauthorized"
    other = sockets(auth={"api_token": scene.tokens["other_facilitator"]})
    ack = other.emit("join", {"workshop_id": workshop_id, "presenter": True}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] in DENIED


# (method, rule) -> roles allowed. Roles here: how a REST client can present itself.
REST_ROLES = (
    "none",
    "participant",
    "organiser",
    "facilitator",
    "co_facilitator",
    "other_facilitator",
)
ANY_FACILITATOR = {"facilitator", "co_facilitator", "other_facilitator"}
EVERYONE = set(REST_ROLES)
W = "/api/v1/workshops/<int:workshop_id>"
S = "/api/v1/series/<int:series_id>"
REST = {
    ("GET", "/api/v1/openapi.json"): EVERYONE,
    ("GET", "/api/v1/canvases"): EVERYONE,
    ("POST", "/api/v1/series"): ANY_FACILITATOR,
    ("POST", "/api/v1/workshops"): ANY_FACILITATOR,
    ("POST", "/api/v1/workshops/import"): ANY_FACILITATOR,
    ("GET", W): FACILITATORS,
    ("PATCH", W): FACILITATORS,  # the documents' facts, as the summary preview's form
    ("DELETE", W): {"facilitator"},
    ("GET", f"{W}/export.json"): FACILITATORS,
    ("GET", f"{W}/summary.md"): FACILITATORS,
    ("GET", f"{W}/summary.html"): FACILITATORS,
    ("GET", f"{W}/summary.docx"): FACILITATORS,
    ("GET", f"{W}/notes.csv"): FACILITATORS,
    ("GET", f"{W}/notes.xlsx"): FACILITATORS,
    ("GET", f"{W}/facilitators"): FACILITATORS,
    ("POST", f"{W}/facilitators"): {"facilitator"},
    ("DELETE", f"{W}/facilitators/<int:facilitator_id>"): {"facilitator"},
    ("GET", f"{S}/training-plan.md"): {"facilitator"},
    ("GET", f"{S}/training-plan.docx"): {"facilitator"},
    ("POST", f"{S}/share"): {"facilitator"},
    ("DELETE", f"{S}/share"): {"facilitator"},
}


def api_routes(app) -> set[tuple[str, str]]:
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_api_route_has_a_row(app):
    assert api_routes(app) == set(REST)


def rest_body(scene, client, method, rule):
    if rule == "/api/v1/series":
        return {"title": "Uusi sarja"}
    if rule == "/api/v1/workshops":
        return {"title": "Uusi", "template": "hyvanmitta-training-plan", "language": "fi"}
    if rule.endswith("/import"):
        return client.get(
            f"/api/v1/workshops/{scene.workshop['id']}/export.json", headers=scene.headers
        ).get_json()
    if method == "PATCH":
        return {"closing_text": "Loppusanat"}
    if rule.endswith("/facilitators") and method == "POST":
        return {"email": "fasilitaattori2@example.fi"}
    return None


@pytest.mark.parametrize("method, rule", sorted(REST))
def test_api_route_by_role(client, sockets, people, method, rule):
    scene = Scene(client, sockets, people)
    for role in sorted(REST_ROLES, key=lambda r: r in REST[(method, rule)]):
        if role in REST[(method, rule)]:
            scene = Scene(client, sockets, people)  # an allowed change gets a fresh scene
        token = {
            "none": None,
            "participant": scene.p1["participant"]["token"],
            "organiser": scene.share,
        }.get(role, scene.tokens.get(role))
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        path = (
            rule.replace("<int:workshop_id>", str(scene.workshop["id"]))
            .replace("<int:series_id>", str(scene.series))
            .replace("<int:facilitator_id>", "2")
        )
        response = client.open(
            path, method=method, headers=headers, json=rest_body(scene, client, method, rule)
        )
        if role in REST[(method, rule)]:
            assert response.status_code < 400, (method, rule, role, response.get_data(True)[:300])
        else:
            assert response.status_code in (401, 403, 404), (method, rule, role)
            assert response.is_json


# The console's pages and forms for one workshop or series, by the browser session's role:
# (method, rule) -> roles allowed. The same rules as the REST API (one function decides each).
CONSOLE_ROLES = ("none", "facilitator", "co_facilitator", "other_facilitator")
CONSOLE = {
    ("GET", "/w/<int:workshop_id>"): FACILITATORS,
    ("GET", "/w/<int:workshop_id>/present"): FACILITATORS,
    ("GET", "/w/<int:workshop_id>/summary"): FACILITATORS,
    ("POST", "/w/<int:workshop_id>/documents"): FACILITATORS,
    ("GET", "/w/<int:workshop_id>/download/<name>"): FACILITATORS,
    ("GET", "/series/<int:series_id>/download/<name>"): {"facilitator"},
    ("POST", "/w/<int:workshop_id>/share"): {"facilitator"},
    ("POST", "/w/<int:workshop_id>/share/revoke"): {"facilitator"},
    # Deleting is the owner's, as DELETE /api/v1/workshops/{id}; the next workshop of a series
    # is the series owner's, as POST /api/v1/workshops with a series_id.
    ("GET", "/w/<int:workshop_id>/delete"): {"facilitator"},
    ("POST", "/w/<int:workshop_id>/delete"): {"facilitator"},
    ("POST", "/series/<int:series_id>/next"): {"facilitator"},
}
# What the forms carry besides their token, so that the allowed role's request is a valid one:
# the title typed to confirm a deletion, the index of the series' next workshop.
CONSOLE_FORM = {
    "/w/<int:workshop_id>/delete": {"confirm_title": "T"},
    "/series/<int:series_id>/next": {"index": "2"},
    "/w/<int:workshop_id>/documents": {"closing_text": "Loppusanat"},
}


def console_routes(app) -> set[tuple[str, str]]:
    """Every page or form outside the API that names one workshop or series."""
    return {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if not rule.rule.startswith("/api/")
        and {"workshop_id", "series_id"} & rule.arguments
        and not rule.rule.startswith("/s/")  # the organiser's link: its token is the right
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_console_route_has_a_row(app):
    assert console_routes(app) == set(CONSOLE)


def browser_of(app, role, people):
    """A browser logged in as ``role`` (``none``: not logged in); with its form token."""
    from .test_exports_pages import CSRF, log_in

    browser = app.test_client()
    emails = {"facilitator": people[0][1], "co_facilitator": people[1][1]}
    emails["other_facilitator"] = people[2][1]
    if role != "none":
        log_in(browser, emails[role])
    page = browser.get("/login" if role == "none" else "/").get_data(as_text=True)
    return browser, CSRF.search(page).group(1)


@pytest.mark.parametrize("method, rule", sorted(CONSOLE))
def test_console_route_by_role(app, client, sockets, people, method, rule):
    browsers = {role: browser_of(app, role, people) for role in CONSOLE_ROLES}
    for role in sorted(CONSOLE_ROLES, key=lambda r: r in CONSOLE[(method, rule)]):
        scene = Scene(client, sockets, people)  # each try on a scene with the owner's link
        browser, token = browsers[role]
        path = (
            rule.replace("<int:workshop_id>", str(scene.workshop["id"]))
            .replace("<int:series_id>", str(scene.series))
            .replace("<name>", "training-plan.md" if "series" in rule else "summary.md")
        )
        data = {"csrf_token": token, **CONSOLE_FORM.get(rule, {})} if method == "POST" else None
        response = browser.open(path, method=method, data=data)
        shared = client.get(f"/s/{scene.share}").status_code
        to_login = response.headers.get("Location", "").startswith("/login")
        if role in CONSOLE[(method, rule)]:
            assert response.status_code < 400 and not to_login, (method, rule, role)
            continue
        assert response.status_code in (403, 404) or to_login, (method, rule, role)
        # Refused, so the owner's link still works: not replaced, not revoked.
        assert shared == 200, (method, rule, role)
