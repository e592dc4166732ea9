"""Limits that stop guessing without locking out the people behind the same address, and
credentials that can be taken back: join codes, the QR code, joins per address, logins,
API tokens, disabled facilitators, sessions after logout or a password change, and the
target of ``/login?next=``."""

import re
from urllib.parse import quote

import pytest
import socketio as socketio_client

from app.extensions import db

from .browser.conftest import LiveServer
from .conftest import PASSWORD
from .server import api, create_workshop, wait_for
from .test_accounts import csrf_token, login
from .test_security import guess_join_codes


def from_address(app, address: str):
    """A Flask test client (and so its sockets) coming from another client address."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def join(sock, code, token=None):
    payload = {"join_code": code}
    if token:
        payload["participant_token"] = token
    return sock.emit("join", payload, callback=True)


def flood_with_wrong_codes(app, sockets, address: str) -> None:
    client = from_address(app, address)
    socks = [sockets(flask_client=client) for _ in range(4)]
    codes = [join(socks[n // 20], f"WRONG{n:03d}")["error"]["code"] for n in range(61)]
    assert codes[-1] == "too_many_attempts"


# --- join codes: wrong guesses are limited, right codes and tokens are not -------------------


def test_right_code_still_works_behind_an_address_that_guesses(
    app, sockets, workshop, make_workshop
):
    """A hospital's NAT: someone guesses codes, the class behind the same address goes on
    joining. A code never used from there is refused unchecked, so the block is no oracle."""
    other = make_workshop()
    first = join(sockets(), workshop["join_code"])
    assert first["ok"], first
    codes, sock = guess_join_codes(sockets)
    assert codes[60] == "too_many_attempts"
    newcomer = join(sockets(), workshop["join_code"])
    assert newcomer["ok"], newcomer
    assert newcomer["participant"]["id"] != first["participant"]["id"]
    again = join(sockets(), workshop["join_code"], first["participant"]["token"])
    assert again["ok"] and again["participant"]["id"] == first["participant"]["id"]
    # Unchecked: the other workshop's right code gets the same answer as a wrong one.
    assert join(sock, other["join_code"])["error"]["code"] == "too_many_attempts"
    assert join(sock, "WRONG999")["error"]["code"] == "too_many_attempts"


def test_participant_token_gets_in_from_a_blocked_address(app, sockets, workshop):
    home = join(sockets(flask_client=from_address(app, "10.0.0.1")), workshop["join_code"])
    assert home["ok"]
    flood_with_wrong_codes(app, sockets, "10.0.0.2")
    hospital = from_address(app, "10.0.0.2")
    # Without a token the code was never shown to work from there: refused unchecked.
    fresh = join(sockets(flask_client=hospital), workshop["join_code"])
    assert fresh["error"]["code"] == "too_many_attempts"
    # A token of this workshop with a wrong code proves nothing about that code.
    forged = join(sockets(flask_client=hospital), "WRONG999", home["participant"]["token"])
    assert forged["error"]["code"] == "too_many_attempts"
    # The same participant, now on the hospital's network, rejoins with its token ...
    back = join(sockets(flask_client=hospital), workshop["join_code"], home["participant"]["token"])
    assert back["ok"], back
    assert back["participant"]["id"] == home["participant"]["id"]
    # ... and the code is known there from now on: the colleague next to them gets in too.
    assert join(sockets(flask_client=hospital), workshop["join_code"])["ok"]


def test_join_page_counts_wrong_codes_and_still_opens_a_known_code(client, workshop):
    assert client.get(f"/j/{workshop['join_code']}").status_code == 200
    statuses = [client.get(f"/j/WRONG{n:03d}").status_code for n in range(61)]
    assert statuses[:60] == [404] * 60 and statuses[60] == 429
    assert client.get(f"/j/{workshop['join_code']}").status_code == 200


def test_qr_code_is_no_oracle_for_join_codes(app, client, sockets, workshop, facilitator):
    """Today the QR code answered 9,843 guesses a minute; now it counts wrong codes with the
    join page and ``join``, and the facilitator's console still shows it."""
    statuses = [client.get(f"/j/WRONG{n:03d}/qr.svg").status_code for n in range(61)]
    assert statuses[:60] == [404] * 60 and statuses[60] == 429
    # One counter for all three: the socket's join is blocked too, right code included.
    same_address = sockets(flask_client=client)
    assert join(same_address, workshop["join_code"])["error"]["code"] == "too_many_attempts"
    assert client.get(f"/j/{workshop['join_code']}/qr.svg").status_code == 429
    # The facilitator at the same address opens the console: its QR code is served ...
    login(client, facilitator[1], PASSWORD)
    assert client.get(f"/w/{workshop['id']}").status_code == 200
    qr = client.get(f"/j/{workshop['join_code']}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    # ... and the room behind that address can join with the code from now on.
    assert join(sockets(flask_client=from_address(app, "127.0.0.1")), workshop["join_code"])["ok"]


# --- new participants per address and workshop ---------------------------------------------


def test_new_participants_per_address_and_workshop_are_bounded(
    app, sockets, workshop, make_workshop
):
    """A class of 120 behind one NAT joins at once; the 121st new participant in the same
    minute waits. Rejoining with a token, other addresses and other workshops are unaffected."""
    answers = [join(sockets(), workshop["join_code"]) for _ in range(121)]
    assert all(answer["ok"] for answer in answers[:120])
    refused = answers[120]
    assert refused["error"]["code"] == "too_many_joins"
    assert "Liian monta uutta osallistujaa" in refused["error"]["message"]
    first = answers[0]["participant"]
    again = join(sockets(), workshop["join_code"], first["token"])
    assert again["ok"] and again["participant"]["id"] == first["id"]
    assert join(sockets(flask_client=from_address(app, "10.0.0.9")), workshop["join_code"])["ok"]
    assert join(sockets(), make_workshop()["join_code"])["ok"]
    # The refused join created no one.
    with app.app_context():
        from app.core.workshop_models import Participant

        count = db.session.query(Participant).filter_by(workshop_id=workshop["id"]).count()
    assert count == 121


# --- logins: failures per account and address -------------------------------------------------


def post_login(client, email, password, next_=None):
    token = csrf_token(client, "/login")
    path = "/login" + (f"?next={quote(next_, safe='')}" if next_ is not None else "")
    return client.post(path, data={"email": email, "password": password, "csrf_token": token})


def test_only_wrong_passwords_count(client, facilitator):
    """Fifteen right logins in a row from one address all work (ten did before)."""
    answers = [post_login(client, facilitator[1], PASSWORD).status_code for _ in range(15)]
    assert answers == [302] * 15


def test_busy_address_does_not_lock_out_an_account_that_logged_in_there(app, make_facilitator):
    """Sixty wrong passwords from one address over many accounts: that address may try no
    new accounts for a minute, but someone who has logged in there before still can; one
    account's failures elsewhere do not lock its owner out of their own network."""
    _, regular, _ = make_facilitator()
    _, newcomer, _ = make_facilitator()
    office = from_address(app, "10.0.0.5")
    assert post_login(office, regular, PASSWORD).status_code == 302
    office.post("/logout", data={"csrf_token": csrf_token(office, "/")})
    spray = [post_login(office, f"user{n // 9}@example.fi", "guess").status_code for n in range(61)]
    assert spray[:60] == [401] * 60 and spray[60] == 429
    assert post_login(office, regular, PASSWORD).status_code == 302
    assert post_login(office, newcomer, PASSWORD).status_code == 429
    assert post_login(from_address(app, "10.0.0.6"), newcomer, PASSWORD).status_code == 302


# --- API tokens, disabled facilitators ----------------------------------------------------------


def test_token_revoke_by_token_and_by_email(cli, client, facilitator):
    _, email, first = facilitator
    second = cli("token", "create", email).stdout.strip()
    third = cli("token", "create", email).stdout.strip()

    def works(token):
        headers = {"Authorization": f"Bearer {token}"}
        # A valid token is told the workshop does not exist; a revoked one is unauthorized.
        return client.get("/api/v1/workshops/999999", headers=headers).status_code == 404

    assert works(first) and works(second) and works(third)
    revoked = cli("token", "revoke", second)
    assert revoked.returncode == 0, revoked.stderr
    assert not works(second) and works(first) and works(third)
    again = cli("token", "revoke", second)
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    everything = cli("token", "revoke", email)
    assert everything.returncode == 0 and "2" in everything.stdout
    assert not works(first) and not works(third)
    unknown = cli("token", "revoke", "nobody@example.fi")
    assert unknown.returncode == 1 and len(unknown.stderr.strip().splitlines()) == 1


def test_disabled_facilitator_cannot_log_in_use_tokens_or_sessions(
    app, cli, client, sockets, facilitator, workshop
):
    _, email, token = facilitator
    assert login(client, email, PASSWORD).status_code == 302
    disabled = cli("facilitator", "disable", email)
    assert disabled.returncode == 0, disabled.stderr
    assert client.get("/").status_code == 302  # the session ended
    assert login(client, email, PASSWORD).status_code == 401
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get(f"/api/v1/workshops/{workshop['id']}", headers=headers).status_code == 401
    refused = socketio_test_connect(app, auth={"api_token": token})
    assert not refused.is_connected()
    assert cli("facilitator", "disable", "nobody@example.fi").returncode == 1
    assert cli("facilitator", "enable", email).returncode == 0
    assert login(client, email, PASSWORD).status_code == 302
    assert client.get(f"/api/v1/workshops/{workshop['id']}", headers=headers).status_code == 200


def socketio_test_connect(app, **kwargs):
    from app.extensions import socketio

    return socketio.test_client(app, **kwargs)


@pytest.fixture
def live(tmp_path):
    server = LiveServer(tmp_path, env={"PAJAPOHJA_SESSION_CHECK_SECONDS": "0.2"}).start()
    server.facilitator_email = "fasilitaattori@example.fi"
    server.cli(
        "facilitator", "add", server.facilitator_email, "--password-stdin", input=PASSWORD + "\n"
    )
    server.api_token = server.cli("token", "create", server.facilitator_email)
    yield server
    server.stop()


def facilitator_socket(live, token, workshop_id) -> socketio_client.Client:
    client = socketio_client.Client(reconnection=False)
    client.connect(live.url, auth={"api_token": token}, transports=["websocket"], wait_timeout=5)
    assert client.call("join", {"workshop_id": workshop_id}, timeout=5)["ok"]
    return client


def test_open_sockets_end_when_the_token_is_revoked_or_the_facilitator_disabled(live):
    """The real server: ``pajapohja token revoke`` and ``facilitator disable`` run in other
    processes, and the sockets they concern are disconnected; another facilitator's stays."""
    workshop = create_workshop(live)
    live.cli("facilitator", "add", "toinen@example.fi", "--password-stdin", input=PASSWORD + "\n")
    other_token = live.cli("token", "create", "toinen@example.fi")
    spare = live.cli("token", "create", live.facilitator_email)
    api(live, "POST", f"/workshops/{workshop['id']}/facilitators", {"email": "toinen@example.fi"})
    revoked = facilitator_socket(live, spare, workshop["id"])
    disabled = facilitator_socket(live, other_token, workshop["id"])
    staying = facilitator_socket(live, live.api_token, workshop["id"])
    try:
        live.cli("token", "revoke", spare)
        wait_for(lambda: not revoked.connected, 10, "the revoked token's socket to close")
        assert disabled.connected and staying.connected
        live.cli("facilitator", "disable", "toinen@example.fi")
        wait_for(lambda: not disabled.connected, 10, "the disabled facilitator's socket to close")
        assert staying.connected
        assert (
            staying.call("join", {"workshop_id": workshop["id"]}, timeout=5)["error"]["code"]
            == "already_joined"
        )
    finally:
        for client in (revoked, disabled, staying):
            client.disconnect()


# --- sessions end on the server: logout, password change -------------------------------------


def copy_session(app, client):
    """Another browser holding a copy of this browser's session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_session_cookie_replayed_after_logout_no_longer_works(
    app, client, sockets, facilitator, workshop
):
    login(client, facilitator[1], PASSWORD)
    console = sockets(flask_client=client)
    assert console.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    thief = copy_session(app, client)
    assert thief.get("/").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert thief.get("/").status_code == 302
    assert "/login" in thief.get("/").headers["Location"]
    # The console's open socket ends with the session, and the copy opens no new one.
    assert not console.is_connected()
    replayed = sockets(flask_client=thief)
    answer = replayed.emit("join", {"workshop_id": workshop["id"]}, callback=True)
    assert answer["error"]["code"] == "unauthorized"


def change_password(client, current, new, again=None):
    return client.post(
        "/account/password",
        data={
            "csrf_token": csrf_token(client, "/account/password"),
            "current_password": current,
            "new_password": new,
            "new_password_again": new if again is None else again,
        },
    )


def test_password_change_form_is_labelled_and_guarded(client, facilitator):
    login(client, facilitator[1], PASSWORD)
    page = client.get("/account/password").get_data(as_text=True)
    for field in ("current_password", "new_password", "new_password_again"):
        assert re.search(rf'<label for="{field}">[^<]+</label>', page), field
        assert f'id="{field}" name="{field}" type="password"' in page
    assert 'href="/account/password"' in client.get("/").get_data(as_text=True)
    wrong = change_password(client, "not my password", "uusi salasana 123")
    assert wrong.status_code == 400
    text = wrong.get_data(as_text=True)
    assert "Nykyinen salasana on väärä" in text
    assert re.search(r'id="current_password"[^>]*aria-invalid="true"', text)
    differ = change_password(client, PASSWORD, "uusi salasana 123", "uusi salasana 124")
    assert differ.status_code == 400 and "Salasanat eivät ole samat" in differ.get_data(
        as_text=True
    )
    short = change_password(client, PASSWORD, "lyhyt", "lyhyt")
    assert short.status_code == 400
    no_csrf = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "new_password": "uusi salasana 123",
            "new_password_again": "uusi salasana 123",
        },
    )
    assert no_csrf.status_code == 400
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert login(client, facilitator[1], PASSWORD).status_code == 302  # nothing changed


def test_password_change_ends_other_sessions_and_keeps_this_one(
    app, client, sockets, facilitator, workshop
):
    login(client, facilitator[1], PASSWORD)
    other_device = copy_session(app, client)
    other_console = sockets(flask_client=other_device)
    assert other_console.emit("join", {"workshop_id": workshop["id"]}, callback=True)["ok"]
    changed = change_password(client, PASSWORD, "uusi salasana 123")
    assert changed.status_code == 200
    assert "Salasanasi on vaihdettu" in changed.get_data(as_text=True)
    assert client.get("/").status_code == 200  # this browser stays logged in
    assert other_device.get("/").status_code == 302
    assert not other_console.is_connected()
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert login(client, facilitator[1], PASSWORD).status_code == 401
    assert login(client, facilitator[1], "uusi salasana 123").status_code == 302


# --- /login?next= only leads to this site -----------------------------------------------------

OFF_SITE = [
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "\\\\evil.example",
    "\\/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\t//evil.example",
    " //evil.example",
    "/\\/evil.example",
    "https://evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "//evil.example/%2F..",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "@evil.example",
    "",
]


def test_login_next_never_leads_off_site(client, facilitator):
    """Every bypass of the corpus lands on the dashboard; before, ``/\t/evil.example`` and
    ``/\\evil.example`` were followed (browsers drop the tab and read the backslash as ``/``)."""
    followed = {}
    for target in OFF_SITE:
        response = post_login(client, facilitator[1], PASSWORD, next_=target)
        assert response.status_code == 302
        followed[target] = response.headers["Location"]
    assert followed == {target: "/" for target in OFF_SITE}


def test_login_next_keeps_a_path_on_this_site(client, facilitator):
    for target in ["/w/5", "/w/5?tab=notes#x", "/%2F%2Fevil.example", "/j/ABCD-EFGH"]:
        response = post_login(client, facilitator[1], PASSWORD, next_=target)
        assert response.headers["Location"] == target
