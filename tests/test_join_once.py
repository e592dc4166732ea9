"""A join sent twice is one participant: a double-clicked "Liity", or a join resent over a slow
network, carries the same ``op_id`` and gets the same participant back, however the two
interleave, on SQLite and on PostgreSQL (a read-then-write: the second must not insert too).
So is "Luo sarjan seuraava työpaja" pressed twice at once (without the series row's lock, the
PostgreSQL run makes two workshops)."""

import re
import urllib.parse
import urllib.request
import uuid

from .conftest import PASSWORD
from .server import api
from .test_concurrency_races import (  # noqa: F401 (live: the fixture)
    CALL_TIMEOUT,
    TRIALS,
    Room,
    at_once,
    live,
)


def _join(room: Room, payload: dict) -> dict:
    sock = room._connect()
    return sock.call("join", payload, timeout=CALL_TIMEOUT)


def test_two_joins_with_one_op_id_at_once_make_one_participant(live):  # noqa: F811
    room = Room(live)
    try:
        broken = 0
        for trial in range(TRIALS):
            payload = {
                "join_code": room.workshop["join_code"],
                "name": f"Tupla {trial}",
                "op_id": str(uuid.uuid4()),
            }
            first, second = at_once([lambda p=payload: _join(room, p)] * 2)
            assert first["ok"] and second["ok"], (first, second)
            if first["participant"] != second["participant"]:
                broken += 1
        assert broken == 0, f"{broken}/{TRIALS} double joins made two participants"
        # Every trial's participant once, and each token brings the same participant back.
        sock = room._connect(auth={"api_token": live.api_token})
        ack = sock.call("join", {"workshop_id": room.workshop["id"]}, timeout=CALL_TIMEOUT)
        names = [p["name"] for p in ack["workshop"]["participants"]]
        assert sorted(names) == sorted(f"Tupla {trial}" for trial in range(TRIALS))
        again = _join(
            room,
            {
                "join_code": room.workshop["join_code"],
                "participant_token": first["participant"]["token"],
            },
        )
        assert again["participant"]["id"] == first["participant"]["id"]
    finally:
        for sock in room.sockets:
            sock.disconnect()


def test_a_new_op_id_is_a_new_participant_and_a_bad_one_is_refused(live):  # noqa: F811
    room = Room(live)
    try:
        code = room.workshop["join_code"]
        one = _join(room, {"join_code": code, "name": "A", "op_id": str(uuid.uuid4())})
        two = _join(room, {"join_code": code, "name": "A", "op_id": str(uuid.uuid4())})
        plain = _join(room, {"join_code": code, "name": "A"})  # the old payload still works
        ids = {one["participant"]["id"], two["participant"]["id"], plain["participant"]["id"]}
        assert len(ids) == 3
        bad = _join(room, {"join_code": code, "op_id": "kaksi"})
        assert bad["ok"] is False and bad["error"]["code"] == "invalid_field"
    finally:
        for sock in room.sockets:
            sock.disconnect()


def _browser(server) -> urllib.request.OpenerDirector:
    """A logged-in browser session on the live server (cookies kept between requests)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    token = _csrf(opener, f"{server.url}/login")
    form = {"email": "kilpa@example.fi", "password": PASSWORD, "csrf_token": token}
    opener.open(f"{server.url}/login", data=urllib.parse.urlencode(form).encode(), timeout=30)
    return opener


def _csrf(opener, url: str) -> str:
    page = opener.open(url, timeout=30).read().decode()
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_the_series_next_workshop_pressed_twice_at_once_is_one_workshop(live):  # noqa: F811
    browser = _browser(live)
    token = _csrf(browser, f"{live.url}/")
    broken = 0
    for trial in range(5):
        series = api(live, "POST", "/series", {"title": f"Sarja {trial}"})
        body = {
            "title": "Eka",
            "template": "hyvanmitta-training-plan",
            "series_id": series["id"],
            "language": "fi",
        }
        api(live, "POST", "/workshops", body)
        form = urllib.parse.urlencode({"csrf_token": token, "index": "2"}).encode()
        url = f"{live.url}/series/{series['id']}/next"
        first, second = at_once(
            [lambda u=url, f=form: browser.open(u, data=f, timeout=60).geturl()] * 2
        )
        assert re.search(r"/w/\d+$", first), first
        if first != second:
            broken += 1
    assert broken == 0, f"{broken}/5 double presses made two workshops"
