"""Golden files: a workshop and a three-workshop series built through the real socket protocol
export to the expected Markdown. ``PAJAPOHJA_UPDATE_GOLDEN=1`` rewrites the files; without it a
difference fails the test."""

import os
import re
from pathlib import Path

from .conftest import new_op

GOLDEN = Path(__file__).parent / "golden"
# Dates depend on when the test runs: the summary has them on its date line only.
DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")


def ok(ack: dict) -> dict:
    assert ack["ok"], ack
    return ack


class Room:
    """One workshop driven through Socket.IO: a facilitator and named participants."""

    def __init__(self, sockets, facilitator_token: str, created: dict):
        self.workshop = created
        self.steps = {step["canvas"]: step for step in created["steps"]}
        self.host = sockets(auth={"api_token": facilitator_token})
        ok(self.host.emit("join", {"workshop_id": created["id"]}, callback=True))
        self.sockets = sockets
        self.people = {}

    def join(self, *names):
        for name in names:
            sock = self.sockets()
            payload = {"join_code": self.workshop["join_code"]}
            if name:
                payload["name"] = name
            ok(sock.emit("join", payload, callback=True))
            self.people[name] = sock
        return self

    def emit(self, who, event: str, payload: dict) -> dict:
        """``who``: a participant's name ("" the anonymous one), None the facilitator."""
        sock = self.host if who is None else self.people[who]
        return ok(sock.emit(event, payload, callback=True))

    def note(self, who, canvas: str, prompt: str, text: str = "", **fields) -> int:
        payload = {
            "op_id": new_op(),
            "step_id": self.steps[canvas]["id"],
            "prompt_id": prompt,
            "text": text,
        }
        if fields:
            payload["fields"] = fields
        return self.emit(who, "note.add", payload)["note"]["id"]

    def theme(self, canvas: str, title: str, description: str, note_ids) -> int:
        step_id = self.steps[canvas]["id"]
        theme = self.emit(
            None,
            "theme.create",
            {"op_id": new_op(), "step_id": step_id, "title": title, "description": description},
        )
        theme_id = theme["theme"]["id"]
        for note_id in note_ids:
            self.emit(None, "note.theme", {"note_id": note_id, "theme_id": theme_id})
        return theme_id

    def vote(self, canvas: str, ballots: dict):
        step_id = self.steps[canvas]["id"]
        self.emit(
            None, "voting.open", {"step_id": step_id, "votes_per_participant": 3, "max_per_note": 1}
        )
        for who, note_ids in ballots.items():
            for note_id in note_ids:
                self.emit(who, "vote.add", {"op_id": new_op(), "note_id": note_id})
        self.emit(None, "voting.close", {"step_id": step_id})

    def vision(self, canvas: str, text: str):
        self.emit(
            None,
            "vision.edit",
            {"op_id": new_op(), "step_id": self.steps[canvas]["id"], "text": text, "version": 0},
        )


def build_impact_chain(make_workshop, sockets, facilitator_token) -> Room:
    """A one-day impact-chain workshop: notes, votes, themes, cards, a vision statement,
    feedback, a moderated note and a step whose notes are still hidden."""
    created = make_workshop(
        template="hyvanmitta-impact-chain",
        title="Osallisuusosaamisen työpaja",
        organisation="Esimerkin hyvinvointialue",
    )
    room = Room(sockets, facilitator_token, created).join("Aino", "Bertta", "")
    need = [
        room.note("Aino", "need", "needed", "Asiakkaan kohtaaminen tasavertaisena"),
        room.note("Bertta", "need", "needed", "Kokemusasiantuntijoiden käyttö"),
        room.note("", "need", "needed", "Palautteen kerääminen asiakkailta"),
    ]
    room.note("Aino", "need", "existing", "Asiakasraadit kahdessa kunnassa")
    spam = room.note("Bertta", "need", "existing", "Poistettava asiaton lappu")
    room.emit(None, "note.hide", {"note_id": spam, "hidden": True})
    room.vote("need", {"Aino": [need[1], need[2]], "Bertta": [need[1]], "": [need[1], need[2]]})
    room.note("Aino", "vision", "themes", "Asiakas on mukana palveluiden suunnittelussa")
    room.note("Bertta", "vision", "benefits", "Parempi asiakastyytyväisyys")
    room.vision(
        "vision",
        "Jokainen työntekijä osaa ottaa asiakkaan mukaan.\nOsallisuus on "
        "arkea vuoteen 2027 mennessä.",
    )
    culture = [
        room.note("Aino", "impact", "themes", "Yhteinen kieli osallisuudesta"),
        room.note("Bertta", "impact", "themes", "Esihenkilöt näyttävät mallia"),
    ]
    tools = [room.note("", "impact", "themes", "Palautekanava verkkoon")]
    room.note("Aino", "impact", "themes", "Koulutuskalenteri")
    room.theme("impact", "Työkulttuuri", "Asenteet ja tavat toimia", culture)
    room.theme("impact", "Välineet", "", tools)
    room.note(
        "Aino",
        "target_groups",
        "groups",
        "Perehdytykseen mukaan",
        group="Uudet työntekijät",
        goal="Tuntee osallisuuden perusteet",
        contents=["Osallisuuden käsitteet", "Asiakasraadit"],
    )
    room.note(
        "Bertta",
        "target_groups",
        "groups",
        group="Esihenkilöt",
        goal="Johtaa osallisuutta | arjessa",
        contents=["Valmentava johtaminen"],
    )
    room.emit(None, "step.hide", {"step_id": room.steps["resources"]["id"]})
    room.note("Aino", "resources", "available", "Vielä piilossa oleva lappu")
    room.note("Aino", "feedback", "rating", "Hyvä rytmi", rating=5)
    room.note("Bertta", "feedback", "rating", rating=4)
    room.note("", "feedback", "rating", "Lisää aikaa pienryhmille", rating=4)
    return room


def check_golden(name: str, text: str, *, every_date: bool = False):
    """``every_date``: the training plan also dates its workshops and the draft itself."""
    path = GOLDEN / name
    normalised = DATE.sub("D.M.YYYY", text) if every_date else normalise_dates(text)
    if os.environ.get("PAJAPOHJA_UPDATE_GOLDEN") == "1":
        path.write_text(normalised, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run with PAJAPOHJA_UPDATE_GOLDEN=1 once"
    assert normalised == path.read_text(encoding="utf-8")


def normalise_dates(text: str) -> str:
    """Only the line under the title carries dates."""
    lines = text.split("\n")
    lines[2] = DATE.sub("D.M.YYYY", lines[2])
    return "\n".join(lines)


def build_series(api, make_workshop, sockets, facilitator_token) -> dict:
    """The three-workshop training-plan series of the product brief, lightly filled: some
    sections get material, some do not (they must say so)."""
    response = api.post(
        "/series",
        json={
            "title": "Osallisuusosaamisen koulutussuunnitelma",
            "topic": "osallisuusosaaminen",
            "organisation": "Esimerkin hyvinvointialue",
        },
    )
    series_id = response.get_json()["id"]
    rooms = []
    for index in (1, 2, 3):
        created = make_workshop(title=f"Työpaja {index}", series_id=series_id, index=index)
        rooms.append(Room(sockets, facilitator_token, created).join("Aino", "Bertta"))
    first, second, third = rooms
    first.note("Aino", "need", "needed", "Asiakkaan kohtaaminen")
    first.note("Bertta", "need", "consequences", "Asiakkaat eivät tule kuulluiksi")
    first.vision("vision", "Osallisuus on arkea.")
    first.note("Aino", "vision", "benefits", "Luottamus palveluihin kasvaa")
    themed = [first.note("Bertta", "impact", "themes", "Asiakasraadit kaikkiin kuntiin")]
    first.theme("impact", "Rakenteet", "", themed)
    second.note(
        "Aino",
        "methods",
        "methods",
        method="Verkkokurssi",
        how=["Itsenäinen opiskelu"],
        for_groups=["Koko henkilöstö"],
    )
    second.note(
        "Aino",
        "target_groups",
        "groups",
        group="Esihenkilöt",
        goal="Johtaa osallisuutta",
        contents=["Valmentava johtaminen"],
    )
    third.note(
        "Bertta",
        "responsibilities",
        "tasks",
        task="Kurssin hankinta",
        owner="Kehittämisyksikkö",
        deadline="3/2026",
    )
    third.note("Aino", "feedback", "rating", rating=5)
    return {"id": series_id, "rooms": rooms}
