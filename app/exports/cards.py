"""Cards (target groups, methods, tasks…) as the facilitator would type them up.

Each card is a block: its name (the first field) as a heading, then only its filled fields as
bullets ("Tavoite: …"), a list field as a bullet with its items under it, the free-text comment
and the votes. Several cards whose filled fields are all short single-line values, three
columns at most, read better as a table: then a table of just those columns."""

from flask_babel import gettext as _
from flask_babel import ngettext

from .blocks import Block, Bullets, Heading, Item, Table
from .language import remembered

# A value longer than this is not "short": it would make a table cell of several lines.
SHORT = 80
MAX_COLUMNS = 3


def _items(value) -> list[str]:
    """The filled items of a list field's value."""
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def field_text(field: dict, value) -> str:
    """A field's value as one line (a choice as its label); "" when it is empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_items(value))
    if field["type"] == "choice":
        labels = {choice["id"]: choice["label"] for choice in field.get("choices", [])}
        return labels.get(value, str(value)).strip()
    return str(value).strip()


def _filled(step: dict, note: dict) -> list[tuple[dict, object]]:
    """The card's fields that hold something, in the canvas's order."""
    fields = []
    for field in step["note"]["fields"]:
        value = note["fields"].get(field["id"])
        if _items(value) if field["type"] == "list" else field_text(field, value):
            fields.append((field, value))
    return fields


def card_name(step: dict, note: dict) -> str:
    """The card's heading: its first field, else its first filled field, else its comment."""
    fields = step["note"]["fields"]
    if fields and field_text(fields[0], note["fields"].get(fields[0]["id"])):
        return field_text(fields[0], note["fields"][fields[0]["id"]])
    filled = _filled(step, note)
    if filled:
        return field_text(*filled[0])
    return note["text"].strip()


def _bullet(field: dict, value) -> str | Item:
    label = field["label"]
    if field["type"] == "list":
        items = _items(value)
        if len(items) > 1:
            return Item(f"{label}:", tuple(items))
        return f"{label}: {items[0]}"
    return f"{label}: {field_text(field, value)}"


def votes(count: int) -> str:
    """A note's votes: "1 ääni", "3 ääntä"."""
    return remembered(("votes", count), lambda: ngettext("%(num)d vote", "%(num)d votes", count))


def card_block(step: dict, note: dict, level: int) -> list[Block]:
    name = card_name(step, note)
    filled = _filled(step, note)
    if filled and field_text(*filled[0]) == name:
        filled = filled[1:]
    bullets: list[str | Item] = [_bullet(field, value) for field, value in filled]
    if note["text"].strip() and note["text"].strip() != name:
        bullets.append(f"{_('Comment')}: {note['text'].strip()}")
    if note.get("votes"):
        bullets.append(votes(note["votes"]))
    blocks: list[Block] = [Heading(level, name)]
    if bullets:
        blocks.append(Bullets(tuple(bullets)))
    return blocks


def _table_columns(step: dict, notes: list[dict]) -> list[dict] | None:
    """The columns of a table that reads better than blocks, or None: several cards, every
    filled value short and on one line (at most one item in a list), three columns at most."""
    used = {field["id"] for note in notes for field, _v in _filled(step, note)}
    columns = [field for field in step["note"]["fields"] if field["id"] in used]
    comments = [note["text"].strip() for note in notes if note["text"].strip()]
    if len(notes) < 2 or not columns or len(columns) + bool(comments) > MAX_COLUMNS:
        return None
    for field in columns:
        for note in notes:
            value = note["fields"].get(field["id"])
            if field["type"] == "list" and len(_items(value)) > 1:
                return None
            if not _short(field_text(field, value)):
                return None
    return columns if all(_short(comment) for comment in comments) else None


def _short(text: str) -> bool:
    return len(text) <= SHORT and "\n" not in text


def _table(step: dict, notes: list[dict], columns: list[dict]) -> Table:
    with_comment = any(note["text"].strip() for note in notes)
    with_votes = any(note.get("votes") for note in notes)
    header = [field["label"] for field in columns]
    header += [_("Comment")] * with_comment + [_("Votes")] * with_votes
    rows = []
    for note in notes:
        row = [field_text(field, note["fields"].get(field["id"])) for field in columns]
        row += [note["text"].strip()] * with_comment + [str(note.get("votes") or 0)] * with_votes
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows))


def card_blocks(step: dict, notes: list[dict], level: int) -> list[Block]:
    """``notes``: the cards in the order they are shown."""
    notes = [note for note in notes if card_name(step, note) or _filled(step, note)]
    if not notes:
        return []
    columns = _table_columns(step, notes)
    if columns is not None:
        return [_table(step, notes, columns)]
    blocks: list[Block] = []
    for note in notes:
        blocks += card_block(step, note, level)
    return blocks
