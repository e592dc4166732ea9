"""Scenario 7 (issue 16): does a big export stall a live room?

Workshop A (2,000 notes) is the first of a three-workshop series shared with an organiser
link. Participants of workshop B post notes for a fixed time and time their ``note.add``
acknowledgements. Every other ``WINDOW`` seconds one client downloads A's summary.docx and the
series' training-plan.docx again and again, through the share link and through the console
(logged in); in the windows between, nothing else happens. Before each round of downloads a
note is added to A over a socket, so each round rebuilds both documents (identical downloads
would only measure the cache). An acknowledgement counts "with downloads" when a download was
in flight while it was awaited, "without" when none was within a second of it. Alternating in
one run compares like with like on a machine whose other load drifts. Everything on loopback,
against ``pajapohja serve`` as the product runs."""

import re
import time
import uuid

import requests
import socketio

from .beside import RATIO_TARGET, WINDOW, Background, ack_figures, print_figures, room_acks
from .scenarios import percentile
from .servers import EMAIL, PASSWORD, Server

TITLE = (
    "a big export next to a live room: B's note.add acks, alternately for 10 s while A's "
    "2,000-note summary.docx and the series' training-plan.docx are downloaded over and over "
    "and for 10 s while nothing else happens"
)
SEED_NOTES = 2000
OTHER_NOTES = 200  # in the series' other two workshops
# The downloader is one client on one address: lift the download limits out of its way.
UNLIMITED = {
    f"PAJAPOHJA_{name}": "100000 per minute"
    for name in ("DOWNLOADS_PER_LINK", "DOWNLOADS_PER_ADDRESS", "DOWNLOADS_PER_FACILITATOR")
}
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _api(server: Server, path: str, body: dict) -> dict:
    response = requests.post(
        f"{server.url}/api/v1{path}",
        json=body,
        headers={"Authorization": f"Bearer {server.token}"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def _series(server: Server) -> tuple[list[dict], str]:
    """Three workshops of one series, seeded; and the organiser's share link."""
    series = _api(server, "/series", {"title": "Bench series", "language": "fi"})
    workshops = []
    for index in (1, 2, 3):
        workshop = server.create_workshop(f"bench-A{index}", series["id"], index)
        server.seed_notes(workshop, SEED_NOTES if index == 1 else OTHER_NOTES)
        workshops.append(workshop)
    link = _api(server, f"/series/{series['id']}/share", {})["url"]
    return workshops, link


def _console(server: Server) -> requests.Session:
    session = requests.Session()
    token = CSRF.search(session.get(f"{server.url}/login", timeout=30).text).group(1)
    answer = session.post(
        f"{server.url}/login",
        data={"email": EMAIL, "password": PASSWORD, "csrf_token": token},
        timeout=30,
    )
    answer.raise_for_status()
    return session


class Downloader(Background):
    """Rounds of: a note into A, then A's summary.docx by the share link (rebuilt), the plan by
    the share link (rebuilt), both again from the console (kept), until stopped."""

    def __init__(self, server: Server, workshop: dict, link: str):
        super().__init__()
        self.rounds = 0
        self.urls = [
            f"{link}/w/{workshop['workshop_id']}/summary.docx",
            f"{link}/training-plan.docx",
            f"{server.url}/w/{workshop['workshop_id']}/download/summary.docx",
            f"{server.url}/series/{workshop['series_id']}/download/training-plan.docx",
        ]
        self.console = _console(server)
        self.writer = socketio.Client(reconnection=False)
        self.writer.connect(server.url, transports=["websocket"], wait_timeout=30)
        ack = self.writer.call(
            "join", {"join_code": workshop["join_code"], "name": "A"}, timeout=30
        )
        assert ack["ok"], ack
        self.workshop = workshop

    def _note(self) -> None:
        payload = {
            "op_id": str(uuid.uuid4()),
            "step_id": self.workshop["step_id"],
            "prompt_id": self.workshop["prompt_id"],
            "text": f"Uusi lappu {self.rounds}",
        }
        ack = self.writer.call("note.add", payload, timeout=60)
        if not ack.get("ok"):
            self.failures.append(str(ack))

    def run(self) -> None:
        started = time.time()
        try:
            while not self.stopping.is_set():
                if int((time.time() - started) / WINDOW) % 2 == 0:
                    time.sleep(0.1)  # a window without downloads
                    continue
                self._note()
                self._round()
                self.rounds += 1
        except Exception as error:  # noqa: BLE001 - reported with the figures
            self.failures.append(f"{type(error).__name__}: {error}")

    def _round(self) -> None:
        for url in self.urls:
            started = time.time()
            answer = self.console.get(url, timeout=120)
            self.spans.append((started, time.time()))
            self.seconds.append(time.time() - started)
            if answer.status_code != 200 or not answer.content.startswith(b"PK"):
                self.failures.append(f"{url}: {answer.status_code}")
            if self.stopping.is_set():
                return

    def close(self) -> None:
        self.writer.disconnect()


def run(async_mode: str, processes: int, env: dict | None = None) -> dict:
    server = Server("app", async_mode, env={**UNLIMITED, **(env or {})}).start()
    try:
        workshops, link = _series(server)
        room = server.create_workshop("bench-B")
        downloader = Downloader(server, workshops[0], link)
        acks, lost = room_acks(server, room, room["prompt_id"], processes, downloader)
    except Exception:
        print("  server log tail:\n" + server.log_tail())
        raise
    finally:
        server.stop()
    return _figures(acks, lost, downloader)


def _figures(acks: list, lost: int, downloader: Downloader) -> dict:
    return {
        **ack_figures(acks, lost, downloader, "downloads"),
        "downloads (rounds)": f"{len(downloader.seconds)} ({downloader.rounds})",
        "download p50/max s": f"{percentile(downloader.seconds, 0.5):.2f}/"
        f"{max(downloader.seconds, default=0):.2f}",
        "download failures": f"{len(downloader.failures)} {downloader.failures[:2]}",
    }


def report(figures: dict) -> None:
    ratio = print_figures(figures, 34)
    verdict = "PASS" if ratio <= RATIO_TARGET else "FAIL"
    print(
        f"  ratio note.add ack p99 with/without downloads: {ratio:.2f}  "
        f"target <= {RATIO_TARGET}  ({verdict})"
    )
