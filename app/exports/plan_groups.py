"""The training plan per target group: one sub-section per group that gathers, from every
workshop of the series, its goal, contents, module and scope (its target-group cards), its
methods (method cards that name it among their groups), the schedule items and tasks whose
text names it, and the needs (notes of the need section) that name it.

A group is known by its name, trimmed and compared without case; a text "names" a group when
every word of the name begins a word of the text, give or take a Finnish ending
("esihenkilöiden" names "Esihenkilöt")."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import ngettext, pgettext

from .blocks import Block, Bullets, Heading, Item
from .plan_sections import Entry

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


def group_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _stem(word: str) -> str:
    return word if len(word) <= 3 else word[: max(3, len(word) - 3)]


def names(text: str, group_name: str) -> bool:
    """Whether ``text`` mentions the group ``group_name``."""
    words = _WORD.findall(text.casefold())
    stems = [_stem(word) for word in _WORD.findall(group_name.casefold())]
    return bool(stems) and all(any(w.startswith(s) for w in words) for s in stems)


@dataclass
class Group:
    name: str
    goals: list[str] = field(default_factory=list)
    contents: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    scopes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    schedule: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)


def _add(values: list[str], *new: str) -> None:
    """Append each non-empty value not there yet, on one line."""
    for value in new:
        value = " ".join(str(value or "").split())
        if value and value not in values:
            values.append(value)


def _text(fields: dict, field_id: str) -> str:
    value = fields.get(field_id)
    return value.strip() if isinstance(value, str) else ""


def _count(text: str) -> int:
    """The plural form's count of a number as typed ("1", "20", "1,5": more than one)."""
    return int(text) if text.isdigit() else 2


def scope_of(fields: dict) -> str:
    hours, size = _text(fields, "hours"), _text(fields, "size")
    parts = [
        _("%(n)s h", n=hours) if _NUMBER.match(hours) else hours,
        ngettext("%(n)s person", "%(n)s people", _count(size), n=size)
        if _NUMBER.match(size)
        else size,
        _text(fields, "frequency"),
    ]
    return ", ".join(part for part in parts if part)


def _card_notes(entries: list[Entry], *field_ids: str) -> list[dict]:
    return [note for entry in entries if entry.has_fields(*field_ids) for note in entry.in_order()]


def gather(entries: list[Entry]) -> list[Group]:
    """The target groups of the series, in the order they first appear."""
    groups: dict[str, Group] = {}

    def group(name: str) -> Group:
        return groups.setdefault(group_key(name), Group(" ".join(name.split())))

    for note in _card_notes(entries, "group"):
        fields = note["fields"]
        if not _text(fields, "group"):
            continue
        found = group(_text(fields, "group"))
        _add(found.goals, _text(fields, "goal"))
        _add(found.contents, *(fields.get("contents") or ()))
        _add(found.modules, _text(fields, "module"))
        _add(found.scopes, scope_of(fields))
        _add(found.notes, _text(fields, "notes"), note["text"])
    for note in _card_notes(entries, "method", "for_groups"):
        for name in note["fields"].get("for_groups") or ():
            if name.strip():
                _add(group(name).methods, _text(note["fields"], "method"))
    _gather_mentions(list(groups.values()), entries)
    return list(groups.values())


def _gather_mentions(groups: list[Group], entries: list[Entry]) -> None:
    for attribute, text, line in _mentions(entries):
        for found in groups:
            if names(text, found.name):
                _add(getattr(found, attribute), line)


def _mentions(entries: list[Entry]) -> Iterator[tuple[str, str, str]]:
    """(the group's list it goes to, the text that may name a group, the line to add) for
    every note that may mention a target group."""
    for entry in entries:
        if entry.prompt["section"] == "need" and entry.step["note"]["type"] == "text":
            for note in entry.in_order():
                yield "needs", note["text"], note["text"]
    for note in _card_notes(entries, "when", "what"):
        when, what = _text(note["fields"], "when"), _text(note["fields"], "what")
        yield "schedule", f"{what} {note['text']}", f"{when}: {what}"
    for note in _card_notes(entries, "task", "owner"):
        task = _text(note["fields"], "task")
        owner = (_text(note["fields"], "owner"), _text(note["fields"], "deadline"))
        who = ", ".join(value for value in owner if value)
        yield "responsible", f"{task} {note['text']}", f"{task}: {who}" if who else task


def _fact(label: str, values: list[str], listed: bool = False) -> str | Item | None:
    """``Label: value`` for one value, the label with the values under it for several."""
    if not values:
        return None
    if len(values) == 1 and not listed:
        return f"{label}: {values[0]}"
    return Item(f"{label}:", tuple(values))


def _to_fill(label: str, value: str | Item | None, fill: str) -> str | Item:
    return value if value is not None else f"{label}: {fill}"


def group_blocks(found: Group) -> list[Block]:
    fill = _("to complete")
    goal, contents, scope = _("Goal"), _("Contents"), _("Scope")
    items = [
        _to_fill(goal, _fact(goal, found.goals), fill),
        _to_fill(contents, _fact(contents, found.contents, listed=True), fill),
        _fact(_("Module"), found.modules),
        _to_fill(
            scope, _fact(scope, found.scopes), _("to complete: hours, group size and how often")
        ),
        _fact(_("Methods"), found.methods, listed=True),
        _fact(_("Schedule"), found.schedule, listed=True),
        _fact(_("Responsibility"), found.responsible, listed=True),
        _fact(_("From the need analysis"), found.needs, listed=True),
        _fact(pgettext("document", "Notes"), found.notes),
    ]
    return [Heading(3, found.name), Bullets(tuple(item for item in items if item is not None))]
