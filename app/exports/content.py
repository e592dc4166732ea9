"""What of a workshop document reaches an export, and in which order.

Left out: what the room has not been shown (``core.visibility.in_documents``: moderated
notes, notes of a step or small group still brainstorming privately), and what the facilitator
left out of the documents (a note's ``excluded``, a step's ``excluded_prompts``). Notes are
ordered by votes, then by time; themes become sub-headings with their description and notes
under them (ranked by their votes), unclustered notes come last; a small group's notes come
under the group's name once; cards become blocks (see ``cards``); ratings a distribution and a
list. A question with nothing to show gives no blocks.
"""

from collections import Counter
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask_babel import gettext as _
from flask_babel import ngettext, pgettext

from ..core.visibility import in_documents
from .blocks import Block, Bullets, Heading, Paragraph, Table
from .cards import card_blocks, votes
from .language import one_decimal

DEFAULT_ZONE = "Europe/Helsinki"


def parse_time(value: str | None) -> datetime | None:
    """A stored time (naive UTC ISO with "Z") as a naive UTC datetime."""
    return datetime.fromisoformat(value.removesuffix("Z")) if value else None


def zone_of(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def local_time(value: str | None, time_zone: str | None) -> datetime | None:
    """A stored time in the workshop's time zone (an aware datetime); for
    ``language.local_date_time`` and ``language.local_date``."""
    moment = parse_time(value)
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC).astimezone(zone_of(time_zone))


def ordered(notes: list[dict]) -> list[dict]:
    return sorted(notes, key=lambda n: (-(n.get("votes") or 0), n["created_at"], n["id"]))


def ranked(themes: list[dict], notes: list[dict]) -> list[dict]:
    """Themes by the votes their notes got, highest first; ties (and a step that was never
    voted on) keep the facilitator's order."""
    totals = Counter()
    for note in notes:
        totals[note["theme_id"]] += note.get("votes") or 0
    return sorted(themes, key=lambda theme: -totals[theme["id"]])


class Material:
    """One workshop document, indexed for the exports."""

    def __init__(self, doc: dict):
        self.doc = doc
        self.time_zone = doc["workshop"].get("time_zone") or DEFAULT_ZONE
        self.hidden_steps = {s["id"] for s in doc["steps"] if s["state"]["hidden"]}
        self.groups = [g for g in doc["groups"] if not g["hidden"]]
        group_hidden = {g["id"]: g["hidden"] for g in doc["groups"]}
        left_out = {
            (step["id"], prompt_id)
            for step in doc["steps"]
            for prompt_id in step.get("excluded_prompts") or ()
        }
        self.left_out_prompts = left_out
        self.notes = [
            note
            for note in doc["notes"]
            if in_documents(
                moderated=note["moderated"],
                step_hidden=note["step_id"] in self.hidden_steps,
                group_hidden=None
                if note["group_id"] is None
                else group_hidden.get(note["group_id"], True),
            )
            and not note.get("excluded")
            and (note["step_id"], note["prompt_id"]) not in left_out
        ]

    def prompts(self, step: dict) -> list[dict]:
        """The step's questions that the facilitator did not leave out of the documents."""
        return [p for p in step["prompts"] if (step["id"], p["id"]) not in self.left_out_prompts]

    def prompt_notes(self, step: dict, prompt: dict) -> list[dict]:
        return [
            n for n in self.notes if n["step_id"] == step["id"] and n["prompt_id"] == prompt["id"]
        ]

    def participant_count(self) -> int:
        """The people who took part: participants (not removed) who wrote a note or voted.
        Everyone who merely opened the join link, or joined many times from one browser,
        is not a participant of the workshop's record."""
        present = {p["id"] for p in self.doc["participants"]}
        wrote = {n.get("participant_id") for n in self.doc["notes"]}
        voted = {v["participant_id"] for v in self.doc.get("votes", ())}
        return len(present & (wrote | voted))

    def local(self, value: str | None) -> datetime | None:
        """A stored time in this workshop's time zone."""
        return local_time(value, self.time_zone)

    def dates(self) -> list[date]:
        """When the workshop was held, as local dates: the date the facilitator set, else the
        days notes were written, else the day it was created."""
        held_on = self.doc["workshop"].get("held_on")
        if held_on:
            return [date.fromisoformat(held_on)]
        moments = sorted(self.local(n["created_at"]).date() for n in self.doc["notes"])
        return moments or [self.local(self.doc["workshop"]["created_at"]).date()]

    def themes_prompt(self, step: dict) -> dict | None:
        """The question a step's themes belong to when they hold no notes of their own: the
        one feeding the themes section, else the first one."""
        prompts = self.prompts(step)
        return next(
            (p for p in prompts if p["section"] == "themes"), prompts[0] if prompts else None
        )

    def prompt_blocks(self, step: dict, prompt: dict, level: int) -> list[Block]:
        """The notes of one prompt: plenary themes, unclustered notes, then small groups. No
        blocks when the question has nothing to show."""
        if step["id"] in self.hidden_steps:
            return [Paragraph(_("The notes have not been revealed yet."))]
        notes = self.prompt_notes(step, prompt)
        plenary = [n for n in notes if n["group_id"] is None]
        themed = {t["id"] for t in self.doc["themes"] if t["group_id"] is None}
        loose = [n for n in plenary if n["theme_id"] not in themed and n["group_label"]]
        main = [n for n in plenary if n not in loose]
        themes_prompt = self.themes_prompt(step)
        with_empty = themes_prompt is not None and themes_prompt["id"] == prompt["id"]
        blocks = self._clustered(step, main, None, level, with_empty)
        for name, members in self._group_sections(step, notes, loose):
            blocks.append(Heading(level, group_heading(name)))
            blocks += self._clustered(step, members, name, level + 1, False)
        return blocks

    def _group_sections(self, step: dict, notes: list[dict], loose: list[dict]):
        """``(name, notes)`` per small group: the notes written in it and those brought back
        from it to the plenary (that carry its name), in the groups' order."""
        sections: dict[str, list[dict]] = {}
        for group in self.groups:
            if group["step_id"] == step["id"]:
                members = [n for n in notes if n["group_id"] == group["id"]]
                sections[group["name"]] = members
        for note in loose:
            sections.setdefault(note["group_label"], []).append(note)
        return [(name, members) for name, members in sections.items() if members]

    def _clustered(self, step, notes, group_name, level, with_empty) -> list[Block]:
        """Notes under their themes (ranked by votes), then the unclustered ones."""
        group_ids = {g["id"] for g in self.groups if g["name"] == group_name}
        themes = [
            t
            for t in self.doc["themes"]
            if t["step_id"] == step["id"]
            and (t["group_id"] in group_ids if group_name else t["group_id"] is None)
        ]
        step_notes = [n for n in self.notes if n["step_id"] == step["id"]]
        holding = {n["theme_id"] for n in step_notes}
        blocks: list[Block] = []
        shown = set()
        for theme in ranked(themes, step_notes):
            members = [n for n in notes if n["theme_id"] == theme["id"]]
            if not members and (not with_empty or theme["id"] in holding):
                continue
            shown.add(theme["id"])
            blocks.append(Heading(level, theme["title"]))
            if theme["description"]:
                blocks.append(Paragraph(theme["description"]))
            blocks += note_blocks(step, members, level + 1)
        rest = [n for n in notes if n["theme_id"] not in shown]
        if rest:
            if shown:
                blocks.append(Heading(level, pgettext("document", "Other notes")))
            blocks += note_blocks(step, rest, level + 1 if shown else level)
        return blocks


def note_blocks(step: dict, notes: list[dict], level: int = 4) -> list[Block]:
    """``level``: the heading level of a card's name."""
    if not notes:
        return []
    note_type = step["note"]["type"]
    if note_type == "card":
        return card_blocks(step, ordered(notes), level)
    if note_type == "rating":
        return rating_blocks(step, notes)
    return [Bullets(tuple(note_line(note) for note in ordered(notes)))]


def group_heading(name: str) -> str:
    """A small group's heading: its name, or "Ryhmä: <name>" when the name does not say it is
    a group ("Ryhmä 1" stays as it is)."""
    if _("group").casefold() in name.casefold():
        return name
    return _("Group: %(name)s", name=name)


def note_line(note: dict) -> str:
    line = note["text"]
    if note.get("votes"):
        line += f" ({votes(note['votes'])})"
    return line


def rating_blocks(step: dict, notes: list[dict]) -> list[Block]:
    scale = step["rating"] or {"min": 1, "max": 5}
    ratings = [
        n["fields"].get("rating") for n in notes if isinstance(n["fields"].get("rating"), int)
    ]
    counts = Counter(ratings)
    rows = tuple((str(v), str(counts[v])) for v in range(scale["min"], scale["max"] + 1))
    blocks: list[Block] = [Table((pgettext("document", "Rating"), _("Answers")), rows)]
    if ratings:
        average = one_decimal(sum(ratings) / len(ratings))
        line = ngettext(
            "Average %(avg)s / %(max)s (%(num)d answer)",
            "Average %(avg)s / %(max)s (%(num)d answers)",
            len(ratings),
            avg=average,
            max=scale["max"],
        )
        blocks.append(Paragraph(line))
    comments = tuple(note_line(n) for n in ordered(notes) if n["text"])
    if comments:
        blocks.append(Bullets(comments))
    return blocks
