"""Scenario 8 (issue 18): do theme suggestions stall a live room?

A workshop's first step has 300 notes in one question, realistic Finnish note texts (the
labelled Finnish sets of ``bench/theme_sets/*.yaml`` where present, ``BENCH_THEME_SETS`` to
point elsewhere; else a built-in list), each used two or three times with small variations, and
four themes. Participants of the same workshop post notes into another question of the step
for a fixed time and time their ``note.add`` acknowledgements; every other ``WINDOW`` seconds a
facilitator asks ``themes.suggest`` for the 300-note question back to back, and in the windows
between, nothing else happens. An acknowledgement counts "with suggestions" when a suggestion
was being computed while it was awaited, "without" when none was within a second of it.
Everything on loopback against ``pajapohja serve`` (gevent), once with the engine in its worker
process (``PAJAPOHJA_SUGGEST_WORKERS=process``, the default) and once inline on the event loop
(for comparison)."""

import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import socketio

from .beside import RATIO_TARGET, WINDOW, Background, ack_figures, print_figures, room_acks
from .scenarios import percentile
from .servers import ROOT, Server

TITLE = (
    "theme suggestions next to a live room: note.add acks of 30 participants (15 posting) on "
    "a 300-note step, alternately for 10 s while a facilitator asks themes.suggest back to back "
    "and for 10 s while nothing else happens; engine in a worker process, then inline"
)
KINDS = ("process", "inline")
NOTES = 300
SUGGEST_TARGET = 1.0  # s for 300 notes (issue 18)
THEMES = 4
VARIATIONS = ("", " — tämä on meillä tärkeää", " myös esihenkilöille", " (toive tiimiltä)")

# Used when no labelled sets are found: the kind of notes a staff workshop writes.
SENTENCES = (
    "Asiakkaan kohtaaminen kiireen keskellä",
    "Vuorovaikutustaidot vaikeissa asiakastilanteissa",
    "Digitaaliset palvelut ja asiakkaiden digituki",
    "Etävastaanoton käytännöt ja välineet",
    "Kirjaamisen yhtenäiset käytännöt",
    "Tiedonkulku vuorojen välillä katkeilee",
    "Perehdytys uusille työntekijöille on liian lyhyt",
    "Työhyvinvointi ja jaksaminen kuormittavassa työssä",
    "Esihenkilön tuki muutostilanteissa",
    "Moniammatillinen yhteistyö sosiaali- ja terveyspalveluissa",
    "Asiakasosallisuus palvelujen kehittämisessä",
    "Kokemusasiantuntijat mukaan koulutuksiin",
    "Lainsäädännön muutokset ja niiden soveltaminen",
    "Tietosuoja ja tietoturva arjen työssä",
    "Väkivaltatilanteiden ennaltaehkäisy ja turvallisuus",
    "Palautteen antaminen ja vastaanottaminen työyhteisössä",
    "Monikulttuurinen asiakastyö ja tulkin käyttö",
    "Selkokieli asiakasviestinnässä",
    "Tekoälyn käyttö työn tukena",
    "Mielenterveys- ja päihdeosaaminen",
    "Ikääntyneiden asiakkaiden kotona asumisen tuki",
    "Lastensuojelun ja aikuispalvelujen yhteistyö",
    "Asiakastietojärjestelmän käyttö sujuvammaksi",
    "Itsearviointi ja oman osaamisen tunnistaminen",
)


def sentences() -> tuple[list[str], list[dict]]:
    """Note texts and themes (``title``, ``description``) from the Finnish labelled sets."""
    folder = Path(os.environ.get("BENCH_THEME_SETS", ROOT / "bench" / "theme_sets"))
    texts, themes = [], []
    try:
        import yaml

        for path in sorted(folder.glob("fi_*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for theme in data.get("themes", []):
                themes.append(
                    {"title": theme["title"], "description": theme.get("description", "")}
                )
                texts += theme.get("notes", [])
    except OSError:
        texts = []
    if not texts:
        texts = list(SENTENCES)
        themes = [
            {"title": "Vuorovaikutus", "description": "asiakkaan kohtaaminen"},
            {"title": "Digitaaliset palvelut", "description": "digituki, etävastaanotto"},
            {"title": "Työhyvinvointi", "description": "jaksaminen ja esihenkilön tuki"},
            {"title": "Yhteistyö", "description": "moniammatillinen ja tiedonkulku"},
        ]
    return texts, themes


def note_texts(count: int) -> tuple[list[str], list[dict]]:
    """``count`` texts: the sentences in turn, each round with another variation."""
    texts, themes = sentences()
    made = []
    for index in range(count):
        text = texts[index % len(texts)]
        made.append(text + VARIATIONS[(index // len(texts)) % len(VARIATIONS)])
    # Every other theme of the sets: some notes fit one, others only a new candidate.
    return made, themes[::2][:THEMES]


class Asker(Background):
    """A facilitator asking ``themes.suggest`` back to back in every other window."""

    def __init__(self, server: Server, workshop: dict, themes: list[dict]):
        super().__init__()
        self.refused = 0  # too_fast or busy: asked again
        self.workshop = workshop
        self.sio = socketio.Client(reconnection=False)
        self.sio.connect(
            server.url, transports=["websocket"], auth={"api_token": server.token}, wait_timeout=30
        )
        ack = self.sio.call("join", {"workshop_id": workshop["workshop_id"]}, timeout=30)
        assert ack["ok"], ack
        for theme in themes:
            payload = {"op_id": str(uuid.uuid4()), "step_id": workshop["step_id"], **theme}
            ack = self.sio.call("theme.create", payload, timeout=30)
            assert ack["ok"], ack

    def run(self) -> None:
        started = time.time()
        payload = {"step_id": self.workshop["step_id"], "prompt_id": self.workshop["prompt_id"]}
        try:
            while not self.stopping.is_set():
                if int((time.time() - started) / WINDOW) % 2 == 0:
                    time.sleep(0.1)  # a window without suggestions
                    continue
                began = time.time()
                ack = self.sio.call("themes.suggest", payload, timeout=120)
                ended = time.time()
                self.spans.append((began, ended))
                if not ack["ok"] and ack["error"]["code"] in ("too_fast", "busy"):
                    self.refused += 1
                    time.sleep(0.2)
                    continue
                if not ack["ok"] or len(ack["assignments"]) != NOTES:
                    self.failures.append(str(ack)[:200])
                self.seconds.append(ended - began)
        except Exception as error:  # noqa: BLE001 - reported with the figures
            self.failures.append(f"{type(error).__name__}: {error}")

    def close(self) -> None:
        self.sio.disconnect()


def run_kind(kind: str, processes: int) -> dict:
    server = Server("app", "gevent", env={"PAJAPOHJA_SUGGEST_WORKERS": kind}).start()
    texts, themes = note_texts(NOTES)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as out:
        json.dump(texts, out, ensure_ascii=False)
    try:
        room = server.create_workshop("bench-suggest")
        seeded, posted = room["prompt_ids"][0], room["prompt_ids"][1]
        server.seed_notes(room, NOTES, [seeded], out.name)
        asker = Asker(server, room, themes)
        acks, lost = room_acks(server, room, posted, processes, asker)
    except Exception:
        print("  server log tail:\n" + server.log_tail())
        raise
    finally:
        server.stop()
        os.unlink(out.name)
    return _figures(kind, acks, lost, asker)


def _figures(kind: str, acks: list, lost: int, asker: Asker) -> dict:
    return {
        "engine runs": kind,
        "suggestions (asked again)": f"{len(asker.seconds)} ({asker.refused})",
        "suggest ack p50/max ms": f"{1000 * percentile(asker.seconds, 0.5):.0f}/"
        f"{1000 * max(asker.seconds, default=0):.0f}",
        "suggest failures": f"{len(asker.failures)} {asker.failures[:2]}",
        **ack_figures(acks, lost, asker, "suggestions"),
    }


def run(processes: int) -> list[dict]:
    return [run_kind(kind, processes) for kind in KINDS]


def report(figures: dict) -> None:
    ratio = print_figures(figures, 36)
    verdict = "PASS" if ratio <= RATIO_TARGET else "FAIL"
    if figures["engine runs"] == "inline":
        verdict = "for comparison"
    print(
        f"  ratio note.add ack p99 with/without suggestions ({figures['engine runs']}): "
        f"{ratio:.2f}  target <= {RATIO_TARGET}  ({verdict})"
    )
