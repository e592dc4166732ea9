"""Accounts made at once, on SQLite and on PostgreSQL: one setup link makes one account however
many browsers post it together, and an e-mail address taken by a concurrent request is refused
as ``email_taken``, never a server error.

The setup link was checked before the write transaction began, so several posts of it could all
pass the check and each create a facilitator; and the e-mail check before the insert let a
concurrent insert of the same address end in the unique constraint's exception (HTTP 500, or a
traceback from the command line)."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import pytest
import requests
from sqlalchemy import create_engine, func, select

from app import create_app
from app.accounts import service as accounts
from app.core.account_models import Facilitator
from app.db import write_transaction
from app.errors import AppError
from app.extensions import db

from .browser.conftest import LiveServer
from .conftest import PASSWORD
from .postgres import database

TRIALS = 3
BROWSERS = 6
SETUP_LINK = re.compile(r"/setup/([A-Za-z0-9_-]+)")
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def at_once(calls) -> list:
    barrier = threading.Barrier(len(calls), timeout=30)

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result(timeout=60) for future in [pool.submit(run, c) for c in calls]]


def facilitator_emails(url: str) -> list[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.scalars(select(Facilitator.email)))
    finally:
        engine.dispose()


def setup_form(session: requests.Session, url: str, email: str) -> dict:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, page.text
    return {
        "csrf_token": CSRF.search(page.text).group(1),
        "name": "Eka",
        "email": email,
        "password": PASSWORD,
        "password_again": PASSWORD,
    }


def start_servers(stack: ExitStack, backend: str, data_dir, url: str) -> list[LiveServer]:
    """One ``pajapohja serve`` on SQLite (its only deployment); two on one PostgreSQL database,
    as behind a load balancer (docs/deploy.md). Within one process a handler does not give the
    event loop away between its statements, so only two processes race there."""
    servers = []
    for n in range(1 if backend == "sqlite" else 2):
        server = LiveServer(data_dir / f"server{n}", {"PAJAPOHJA_DATABASE_URL": url})
        server.data_dir.mkdir()
        if n == 0:
            server.cli("db", "upgrade")
        server.start()
        stack.callback(server.stop)
        servers.append(server)
    return servers


def test_one_setup_link_posted_at_once_creates_one_account(backend, tmp_path_factory):
    broken = []
    for _trial in range(TRIALS):
        data_dir = tmp_path_factory.mktemp(f"setup-{backend}")
        with ExitStack() as stack:
            url = stack.enter_context(database(backend, data_dir))
            servers = start_servers(stack, backend, data_dir, url)
            # Each server made a new link at its start; the last one's is the one that works.
            log = (servers[-1].data_dir / "server.log").read_text()
            path = "/setup/" + SETUP_LINK.search(log).group(1)
            links = [servers[n % len(servers)].url + path for n in range(BROWSERS)]
            browsers = [stack.enter_context(requests.Session()) for _ in range(BROWSERS)]
            forms = [
                setup_form(browser, link, f"eka{n}@example.fi")
                for n, (browser, link) in enumerate(zip(browsers, links, strict=True))
            ]
            answers = at_once(
                [
                    lambda b=browser, f=form, u=link: b.post(
                        u, data=f, allow_redirects=False, timeout=60
                    )
                    for browser, form, link in zip(browsers, forms, links, strict=True)
                ]
            )
            statuses = sorted(answer.status_code for answer in answers)
            # The others see the "link already used" page (in Finnish, the default).
            assert all(
                "Linkki on jo käytetty" in answer.text
                for answer in answers
                if answer.status_code != 302
            ), statuses
            created = facilitator_emails(url)
            if statuses != [302] + [404] * (BROWSERS - 1) or len(created) != 1:
                broken.append((statuses, len(created)))
            else:
                won = next(n for n, answer in enumerate(answers) if answer.status_code == 302)
                assert created == [forms[won]["email"]]
    assert not broken, (
        f"{len(broken)} of {TRIALS} trials let one setup link make several accounts "
        f"(answers, accounts): {broken}"
    )


@pytest.fixture
def accounts_app(backend, tmp_path, monkeypatch):
    """The application in this process, on SQLite or a fresh PostgreSQL database."""
    for name in ("PAJAPOHJA_MESSAGE_QUEUE", "PAJAPOHJA_ASYNC_MODE", "PAJAPOHJA_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PAJAPOHJA_DATA_DIR", str(tmp_path))
    with database(backend, tmp_path) as url:
        monkeypatch.setenv("PAJAPOHJA_DATABASE_URL", url)
        application = create_app({"TESTING": True})
        with application.app_context():
            db.create_all()
        yield application
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


def test_one_email_added_at_once_is_refused_as_taken_not_a_crash(accounts_app):
    """What ``pajapohja facilitator add`` (and the setup page) run, in several threads at once:
    each checks the address, hashes the password (a tenth of a second) and inserts."""

    def add():
        with accounts_app.app_context():
            try:
                with write_transaction():
                    accounts.create_facilitator("sama@example.fi", PASSWORD, "Sama")
            except AppError as refusal:
                return refusal.code
            finally:
                db.session.remove()
            return "created"

    for _trial in range(TRIALS):
        with accounts_app.app_context():
            with write_transaction():
                db.session.execute(Facilitator.__table__.delete())
        outcomes = at_once([add] * BROWSERS)
        assert sorted(outcomes) == ["created"] + ["email_taken"] * (BROWSERS - 1), outcomes
        with accounts_app.app_context():
            assert db.session.scalar(select(func.count()).select_from(Facilitator)) == 1
