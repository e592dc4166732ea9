"""What of a workshop document reaches an export, and in which order.

Left out: notes of a step (or small group) whose notes are still hidden, and moderated notes.
Notes are ordered by votes, then by time; themes become sub-headings with their notes under
them, unclustered notes come last; cards become tables; ratings a distribution and a list.
"""

from collections import Counter
from datetime import datetime

from .blocks import Block, Bullets, Heading, Paragraph, Table
from .words import Words


def parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.removesuffix("Z")) if value else None


def ordered(notes: list[dict]) -> list[dict]:
    return sorted(notes, key=lambda n: (-(n.get("votes") or 0), n["created_at"], n["id"]))


class Material:
    """One workshop document, indexed for the exports."""

    def __init__(self, doc: dict):
        self.doc = doc
        self.hidden_steps = {s["id"] for s in doc["steps"] if s["state"]["hidden"]}
        self.groups = [g for g in doc["groups"] if not g["hidden"]]
        shown_groups = {g["id"] for g in self.groups}
        self.notes = [
            note
            for note in doc["notes"]
            if not note["moderated"]
            and note["step_id"] not in self.hidden_steps
            and (note["group_id"] is None or note["group_id"] in shown_groups)
        ]

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

    def dates(self) -> list[datetime]:
        """When the workshop happened: the days notes were written, else its creation."""
        moments = [parse_time(n["created_at"]) for n in self.doc["notes"]]
        return sorted(moments) or [parse_time(self.doc["workshop"]["created_at"])]

    def prompt_blocks(self, step: dict, prompt: dict, level: int, words: Words) -> list[Block]:
        """The notes of one prompt: plenary themes, unclustered notes, then small groups."""
        if step["id"] in self.hidden_steps:
            return [Paragraph(words["hidden"])]
        notes = self.prompt_notes(step, prompt)
        if not notes:
            return [Paragraph(words["no_notes"])]
        plenary = [n for n in notes if n["group_id"] is None]
        blocks: list[Block] = []
        shown = set()
        for theme in self.doc["themes"]:
            members = [n for n in plenary if n["theme_id"] == theme["id"]]
            if theme["step_id"] != step["id"] or theme["group_id"] is not None or not members:
                continue
            shown.add(theme["id"])
            blocks.append(Heading(level, theme["title"]))
            if theme["description"]:
                blocks.append(Paragraph(theme["description"]))
            blocks += note_blocks(step, members, words)
        rest = [n for n in plenary if n["theme_id"] not in shown]
        if rest:
            if shown:
                blocks.append(Heading(level, words["other_notes"]))
            blocks += note_blocks(step, rest, words)
        for group in self.groups:
            members = [n for n in notes if n["group_id"] == group["id"]]
            if group["step_id"] == step["id"] and members:
                blocks.append(Heading(level, group["name"]))
                blocks += note_blocks(step, members, words)
        return blocks


def note_blocks(step: dict, notes: list[dict], words: Words) -> list[Block]:
    note_type = step["note"]["type"]
    if note_type == "card":
        return [card_table(step, notes, words)]
    if note_type == "rating":
        return rating_blocks(step, notes, words)
    return [Bullets(tuple(note_line(note, words) for note in ordered(notes)))]


def note_line(note: dict, words: Words) -> str:
    line = note["text"]
    if note["group_label"]:
        line += f" ({words['group'].format(name=note['group_label'])})"
    if note.get("votes"):
        line += f" ({words.counted('votes', note['votes'])})"
    return line


def _field_value(field: dict, value) -> str:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if field["type"] == "choice":
        labels = {choice["id"]: choice["label"] for choice in field.get("choices", [])}
        return labels.get(value, str(value or ""))
    return "" if value is None else str(value)


def card_table(step: dict, notes: list[dict], words: Words) -> Table:
    fields = step["note"]["fields"]
    notes = ordered(notes)
    with_comment = any(n["text"] for n in notes)
    with_votes = any(n.get("votes") for n in notes)
    header = [field["label"] for field in fields]
    header += [words["comment"]] * with_comment + [words["votes_column"]] * with_votes
    rows = []
    for note in notes:
        row = [_field_value(f, note["fields"].get(f["id"])) for f in fields]
        row += [note["text"]] * with_comment + [str(note.get("votes") or 0)] * with_votes
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows))


def rating_blocks(step: dict, notes: list[dict], words: Words) -> list[Block]:
    scale = step["rating"] or {"min": 1, "max": 5}
    ratings = [
        n["fields"].get("rating") for n in notes if isinstance(n["fields"].get("rating"), int)
    ]
    counts = Counter(ratings)
    rows = tuple((str(v), str(counts[v])) for v in range(scale["min"], scale["max"] + 1))
    blocks: list[Block] = [Table((words["rating"], words["answers"]), rows)]
    if ratings:
        average = words.decimal(sum(ratings) / len(ratings))
        key = "average_one" if len(ratings) == 1 else "average"
        blocks.append(Paragraph(words[key].format(avg=average, max=scale["max"], n=len(ratings))))
    comments = tuple(note_line(n, words) for n in ordered(notes) if n["text"])
    if comments:
        blocks.append(Bullets(comments))
    return blocks
