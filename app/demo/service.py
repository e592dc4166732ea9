"""Build the example series through the same services the live workshop uses, so that its
change log, ``seq`` numbers, votes, groups and exports are exactly what a real workshop makes.

The whole series is one transaction: either every workshop of the example exists, or none."""

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select

from ..accounts.service import facilitator_by_email
from ..core import log
from ..core.account_models import Facilitator
from ..core.workshop_models import Series, Workshop
from ..db import write_transaction
from ..extensions import db
from ..facilitation import done, groups, steps, themes, timer, voting
from ..notes import vision
from ..notes.service import add_note
from ..workshops import service as workshops
from . import content_en, content_fi, content_sv

TEMPLATE = "hyvanmitta-training-plan"
CONTENT = {"fi": content_fi, "sv": content_sv, "en": content_en}
VOTES_EACH = 3


def _op() -> dict:
    return {"op_id": str(uuid.uuid4())}


@dataclass
class Room:
    """One example workshop: the facilitator and the participants who take part in it."""

    workshop: Workshop
    host: log.Viewer
    people: list[log.Viewer] = field(default_factory=list)
    turn: int = 0

    def next_person(self) -> log.Viewer:
        person = self.people[self.turn % len(self.people)]
        self.turn += 1
        return person

    def step(self, canvas_id: str):
        return next(s for s in self.workshop.steps if s.canvas_id == canvas_id)


def example_owner(email: str | None) -> Facilitator | None:
    """The facilitator with this e-mail address, or the first facilitator of the server."""
    if email:
        return facilitator_by_email(email)
    return db.session.scalars(select(Facilitator).order_by(Facilitator.id)).first()


def create_example(facilitator: Facilitator, language: str) -> Series:
    """The three-workshop example series in ``language``, owned by ``facilitator``."""
    workshops.check_language(language)
    content = CONTENT[language]
    with write_transaction():
        series = workshops.create_series(facilitator.id, language=language, **content.SERIES)
        for index, plan in enumerate(content.WORKSHOPS, start=1):
            workshop = workshops.create_workshop(
                facilitator.id,
                title=plan["title"],
                template=TEMPLATE,
                language=language,
                series_id=series.id,
                index=index,
            )
            room = _room(workshop, facilitator.name or content.FACILITATOR, content)
            for canvas_id, spec in plan["steps"].items():
                _run_step(room, room.step(canvas_id), spec)
            steps.goto(room.host, {"step_id": room.step(plan["current"]).id})
    return series


def _room(workshop: Workshop, host_name: str, content) -> Room:
    host = log.Viewer(workshop.id, "facilitator", facilitator_id=workshop.owner_id, name=host_name)
    room = Room(workshop, host)
    for name in content.PARTICIPANTS:
        participant = workshops.join(workshop, name, None)[0]
        room.people.append(
            log.Viewer(workshop.id, "participant", participant_id=participant.id, name=name)
        )
    return room


def _run_step(room: Room, step, spec: dict) -> None:
    """One step as a facilitator would run it: timer and private brainstorming around the
    writing, then themes, votes, small groups, the vision and the closing marks."""
    host, target = room.host, {"step_id": step.id}
    if spec.get("timer"):
        timer.control(host, {**target, "seconds": spec["timer"]}, "start")
    if spec.get("hidden"):
        steps.set_hidden(host, target, True)
    if spec.get("groups"):
        _small_groups(room, step, spec["groups"])
    texts = _post_notes(room, step, spec.get("notes", {}))
    if spec.get("hidden"):
        steps.set_hidden(host, target, False)
    if spec.get("timer"):
        timer.control(host, target, "stop")
    # A participant drafts the vision statement; the facilitator sharpens it with the room.
    for version, text in enumerate(spec.get("vision", [])):
        author = room.people[0] if version == 0 else host
        vision.edit(author, {**_op(), **target, "text": text, "version": version})
    for prompt_id, clusters in spec.get("themes", {}).items():
        _themes(room, step, prompt_id, clusters, texts)
    if spec.get("votes"):
        _votes(room, step, spec["votes"], texts)
    for person, (rating, comment) in zip(room.people, spec.get("ratings", []), strict=False):
        add_note(
            person,
            {
                **_op(),
                **target,
                "prompt_id": "rating",
                "text": comment,
                "fields": {"rating": rating},
            },
        )
    if spec.get("done"):
        for person in room.people:
            done.mark_done(person, {**target, "done": True})
    if spec.get("lock"):
        steps.lock(host, {**target, "locked": True})


def _post_notes(room: Room, step, notes: dict, author: log.Viewer | None = None) -> dict:
    """Post each prompt's notes (texts, or card fields); returns {text: note id}."""
    posted = {}
    for prompt_id, items in notes.items():
        for item in items:
            payload = {**_op(), "step_id": step.id, "prompt_id": prompt_id}
            if isinstance(item, dict):
                payload.update(text="", fields=item)
            else:
                payload["text"] = item
            result, _events = add_note(author or room.next_person(), payload)
            posted[item if isinstance(item, str) else str(item)] = result["note"]["id"]
    return posted


def _themes(room: Room, step, prompt_id: str, clusters: list, texts: dict) -> None:
    for cluster in clusters:
        notes = _post_notes(room, step, {prompt_id: cluster["notes"]})
        texts.update(notes)
        created, _events = themes.create(
            room.host,
            {
                **_op(),
                "step_id": step.id,
                "title": cluster["title"],
                "description": cluster["description"],
            },
        )
        for note_id in notes.values():
            themes.assign(room.host, {"note_id": note_id, "theme_id": created["theme"]["id"]})


def _votes(room: Room, step, plan: dict, texts: dict) -> None:
    """One dot-voting round, each participant spending at most ``VOTES_EACH`` dots."""
    voting.open_round(room.host, {"step_id": step.id, "votes_per_participant": VOTES_EACH})
    left = {person: VOTES_EACH for person in room.people}
    for text, count in plan.items():
        voters = sorted(room.people, key=lambda person: -left[person])[:count]
        for person in voters:
            voting.vote(person, {**_op(), "note_id": texts[text]}, add=True)
            left[person] -= 1
    voting.close_round(room.host, {"step_id": step.id})


def _small_groups(room: Room, step, plan: list) -> None:
    """Groups the participants choose, each with a chair and its own notes; then the debrief
    brings the groups' notes to the shared board."""
    created, _events = groups.create(
        room.host, {"step_id": step.id, "count": len(plan), "mode": "choose"}
    )
    for group, spec in zip(created["groups"], plan, strict=True):
        members = [room.people[index] for index in spec["members"]]
        for person in members:
            groups.join(person, {"group_id": group["id"]})
        chair = room.people[spec["chair"]]
        groups.set_chair(
            room.host, {"group_id": group["id"], "participant_id": chair.participant_id}
        )
        for offset, (prompt_id, items) in enumerate(spec["notes"].items()):
            for number, text in enumerate(items):
                author = members[(offset + number) % len(members)]
                _post_notes(room, step, {prompt_id: [text]}, author=author)
    groups.debrief(room.host, {"step_id": step.id})
