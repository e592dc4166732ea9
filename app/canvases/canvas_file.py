"""Turning the node tree of a canvas file into a Canvas, reporting every problem on the way."""

from __future__ import annotations

from yaml.nodes import Node

from .model import Canvas, Choice, Field, Prompt
from .reader import Entry, Reader, join, line_of
from .schema import (
    CANVAS_KEYS,
    CHOICE_KEYS,
    DEFAULT_MAX_LENGTH,
    DEFAULT_RATING,
    FIELD_KEYS,
    FIELD_TYPES,
    FLAGS,
    KIND_FLAG_DEFAULTS,
    KIND_NOTE_DEFAULTS,
    KINDS,
    MAX_NOTE_LENGTH,
    NOTE_KEYS,
    NOTE_TYPES,
    PROMPT_KEYS,
    PROMPT_SECTION_IDS,
    RATING_BOUNDS,
    RATING_KEYS,
)


def parse_canvas(reader: Reader, root: Node, source: str) -> Canvas | None:
    """The canvas described by `root`, or None when the reader recorded any problem."""
    entries = reader.mapping(root, "", CANVAS_KEYS, line=1)
    if entries is None:
        return None
    values: dict = {"source": source}
    if "id" in entries:
        values["id"] = reader.identifier(entries["id"].value, "id")
    if "kind" in entries:
        values["kind"] = reader.choice(entries["kind"].value, "kind", KINDS)
    for key in ("title", "instructions", "hint"):
        if key in entries:
            values[key] = reader.localized(entries[key], key)
    if "prompts" in entries:
        values["prompts"] = _prompts(reader, entries["prompts"])
    kind = values.get("kind")
    note_type, fields = KIND_NOTE_DEFAULTS.get(kind, "text"), ()
    if "note" in entries:
        note_type, fields = _note(reader, entries["note"])
    values["note_type"], values["fields"] = note_type, fields
    values["rating"] = _rating(reader, entries.get("rating"), note_type)
    for flag in FLAGS:
        default = flag in KIND_FLAG_DEFAULTS.get(kind, frozenset())
        values[flag] = reader.flag(entries[flag].value, flag) if flag in entries else default
    if reader.problems:
        return None
    return Canvas(**values)


def _prompts(reader: Reader, entry: Entry) -> tuple[Prompt, ...] | None:
    nodes = reader.sequence(entry, "prompts")
    if nodes is None:
        return None
    prompts: list[Prompt] = []
    seen: set[str] = set()
    for index, node in enumerate(nodes):
        path = join("prompts", index)
        prompt = _prompt(reader, node, path)
        if prompt is None:
            continue
        if prompt.id in seen:
            reader.report(line_of(node), join(path, "id"), f"duplicate prompt id '{prompt.id}'")
        seen.add(prompt.id)
        prompts.append(prompt)
    return tuple(prompts)


def _prompt(reader: Reader, node: Node, path: str) -> Prompt | None:
    entries = reader.mapping(node, path, PROMPT_KEYS)
    if entries is None:
        return None
    values: dict = {}
    if "id" in entries:
        values["id"] = reader.identifier(entries["id"].value, join(path, "id"))
    if "section" in entries:
        section = entries["section"].value
        values["section"] = reader.choice(section, join(path, "section"), PROMPT_SECTION_IDS)
    for key in ("title", "section_label", "help"):
        if key in entries:
            values[key] = reader.localized(entries[key], join(path, key))
    if "optional" in entries:
        values["optional"] = reader.flag(entries["optional"].value, join(path, "optional"))
    required = ("id", "title", "section")
    if any(values.get(key) is None for key in required) or None in values.values():
        return None
    return Prompt(**values)


def _note(reader: Reader, entry: Entry) -> tuple[str, tuple[Field, ...]]:
    entries = reader.mapping(entry.value, "note", NOTE_KEYS, line=entry.line)
    if entries is None or "type" not in entries:
        return "text", ()
    note_type = reader.choice(entries["type"].value, "note.type", NOTE_TYPES) or "text"
    if note_type != "card":
        if "fields" in entries:
            reader.report(entries["fields"].line, "note.fields", "only a card note has fields")
        return note_type, ()
    if "fields" not in entries:
        reader.report(entries["type"].line, "note.fields", "a card note needs fields")
        return note_type, ()
    return note_type, _fields(reader, entries["fields"])


def _fields(reader: Reader, entry: Entry) -> tuple[Field, ...]:
    nodes = reader.sequence(entry, "note.fields")
    fields: list[Field] = []
    seen: set[str] = set()
    for index, node in enumerate(nodes or ()):
        path = join("note.fields", index)
        field = _field(reader, node, path)
        if field is None:
            continue
        if field.id in seen:
            reader.report(line_of(node), join(path, "id"), f"duplicate field id '{field.id}'")
        if index == 0 and (not field.required or field.type not in ("text", "choice")):
            reader.report(
                line_of(node),
                path,
                "the first field is the card's heading: it must be required and of type "
                "text or choice",
            )
        seen.add(field.id)
        fields.append(field)
    return tuple(fields)


def _field(reader: Reader, node: Node, path: str) -> Field | None:
    entries = reader.mapping(node, path, FIELD_KEYS)
    if entries is None:
        return None
    values: dict = {"required": False, "choices": ()}
    if "id" in entries:
        values["id"] = reader.identifier(entries["id"].value, join(path, "id"))
    if "label" in entries:
        values["label"] = reader.localized(entries["label"], join(path, "label"))
    if "type" in entries:
        values["type"] = reader.choice(entries["type"].value, join(path, "type"), FIELD_TYPES)
    field_type = values.get("type")
    if "required" in entries:
        values["required"] = reader.flag(entries["required"].value, join(path, "required"))
    values["max_length"] = DEFAULT_MAX_LENGTH.get(field_type, 0)
    if "max_length" in entries:
        values["max_length"] = reader.integer(
            entries["max_length"].value, join(path, "max_length"), 1, MAX_NOTE_LENGTH
        )
    if field_type == "choice":
        values["choices"] = _choices(reader, entries.get("choices"), path, line_of(node))
    elif "choices" in entries:
        reader.report(entries["choices"].line, join(path, "choices"), "only a choice has choices")
    if any(values.get(key) is None for key in ("id", "label", "type", "required", "max_length")):
        return None
    if values["choices"] is None:
        return None
    return Field(**values)


def _choices(
    reader: Reader, entry: Entry | None, path: str, line: int
) -> tuple[Choice, ...] | None:
    path = join(path, "choices")
    if entry is None:
        reader.report(line, path, "a choice field needs choices")
        return None
    nodes = reader.sequence(entry, path, min_items=2)
    if nodes is None:
        return None
    choices: list[Choice] = []
    for index, node in enumerate(nodes):
        item_path = join(path, index)
        entries = reader.mapping(node, item_path, CHOICE_KEYS)
        if not entries or "id" not in entries or "label" not in entries:
            continue
        choice_id = reader.identifier(entries["id"].value, join(item_path, "id"))
        label = reader.localized(entries["label"], join(item_path, "label"))
        if choice_id is not None and any(choice.id == choice_id for choice in choices):
            reader.report(entries["id"].line, join(item_path, "id"), "duplicate choice id")
        elif choice_id is not None and label is not None:
            choices.append(Choice(choice_id, label))
    return tuple(choices) if len(choices) == len(nodes) else None


def _rating(reader: Reader, entry: Entry | None, note_type: str) -> tuple[int, int] | None:
    if note_type != "rating":
        if entry is not None:
            reader.report(entry.line, "rating", "a rating range needs 'note: {type: rating}'")
        return None
    if entry is None:
        return DEFAULT_RATING
    entries = reader.mapping(entry.value, "rating", RATING_KEYS, line=entry.line)
    if not entries or "min" not in entries or "max" not in entries:
        return None
    low = reader.integer(entries["min"].value, "rating.min", *RATING_BOUNDS)
    high = reader.integer(entries["max"].value, "rating.max", *RATING_BOUNDS)
    if low is not None and high is not None and low >= high:
        reader.report(entries["max"].line, "rating.max", "must be greater than rating.min")
        return None
    return (low, high) if low is not None and high is not None else None
