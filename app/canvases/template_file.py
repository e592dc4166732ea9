"""Workshop template files: parsing, then checking the named canvases once all are loaded.

A template names canvases by id, and those may come from any loaded directory, so a
template is parsed when its file is read but resolved only after every canvas file has
been read. The lines of its steps and references are kept for that second pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yaml.nodes import MappingNode, Node, ScalarNode

from .model import Canvas, Reference, Template, WorkshopPlan
from .reader import Entry, Reader, join, line_of
from .schema import REFERENCE_KEYS, REFERENCE_KINDS, TEMPLATE_KEYS, WORKSHOP_KEYS

MAX_WORKSHOPS = 12


@dataclass
class PendingTemplate:
    """A parsed template waiting for its canvases to be checked."""

    reader: Reader
    template: Template | None
    id_line: int
    step_lines: dict[tuple[int, int], int] = field(default_factory=dict)
    reference_lines: dict[tuple[int, int], dict[str, int]] = field(default_factory=dict)


def parse_template(reader: Reader, root: Node, source: str) -> PendingTemplate | None:
    """The template described by `root`, or None when the reader recorded any problem."""
    entries = reader.mapping(root, "", TEMPLATE_KEYS, line=1)
    if entries is None:
        return None
    values: dict = {"source": source}
    if "id" in entries:
        values["id"] = reader.identifier(entries["id"].value, "id")
    for key in ("title", "description"):
        if key in entries:
            values[key] = reader.localized(entries[key], key)
    pending = PendingTemplate(reader, None, entries["id"].line if "id" in entries else 1)
    if "workshops" in entries:
        values["workshops"] = _workshops(reader, entries["workshops"], pending)
    if reader.problems:
        return None
    pending.template = Template(**values)
    return pending


def _workshops(reader: Reader, entry: Entry, pending: PendingTemplate) -> list[WorkshopPlan]:
    nodes = reader.sequence(entry, "workshops") or []
    if len(nodes) > MAX_WORKSHOPS:
        reader.report(entry.line, "workshops", f"at most {MAX_WORKSHOPS} workshops")
    plans = []
    for index, node in enumerate(nodes):
        path = join("workshops", index)
        entries = reader.mapping(node, path, WORKSHOP_KEYS)
        if not entries:
            continue
        title = (
            reader.localized(entries["title"], join(path, "title")) if "title" in entries else None
        )
        steps = _steps(reader, entries.get("steps"), index, path, pending)
        references = _references(reader, entries.get("references"), index, path, pending)
        plans.append(WorkshopPlan(title, steps, references))
    return plans


def _steps(
    reader: Reader, entry: Entry | None, index: int, path: str, pending: PendingTemplate
) -> list[str]:
    if entry is None:
        return []
    steps = []
    for position, node in enumerate(reader.sequence(entry, join(path, "steps")) or ()):
        canvas_id = reader.identifier(node, join(path, f"steps.{position}"))
        if canvas_id in steps:
            reader.report(
                line_of(node),
                join(path, f"steps.{position}"),
                f"canvas '{canvas_id}' is already a step of this workshop; a canvas is used "
                "at most once per workshop (copy it under a new id to repeat it)",
            )
        elif canvas_id is not None:
            pending.step_lines[(index, len(steps))] = line_of(node)
            steps.append(canvas_id)
    return steps


def _references(
    reader: Reader, entry: Entry | None, index: int, path: str, pending: PendingTemplate
) -> list[Reference]:
    if entry is None:
        return []
    references = []
    for position, node in enumerate(reader.sequence(entry, join(path, "references")) or ()):
        item_path = join(path, f"references.{position}")
        entries = reader.mapping(node, item_path, REFERENCE_KEYS)
        if not entries or len(entries) != len(REFERENCE_KEYS):
            continue
        source = reader.integer(
            entries["from_workshop"].value, join(item_path, "from_workshop"), 1, index + 1
        )
        canvas_id = reader.identifier(entries["canvas"].value, join(item_path, "canvas"))
        what = reader.choice(entries["what"].value, join(item_path, "what"), REFERENCE_KINDS)
        label = reader.localized(entries["label"], join(item_path, "label"))
        if None in (source, canvas_id, what, label):
            continue
        pending.reference_lines[(index, len(references))] = {
            key: line_of(item.value) for key, item in entries.items()
        }
        references.append(Reference(source, canvas_id, what, label))
    return references


def resolve_template(pending: PendingTemplate, canvases: dict[str, Canvas]) -> bool:
    """Check that every step and reference names a loaded canvas that fits; report if not."""
    reader, template = pending.reader, pending.template
    before = len(reader.problems)
    for index, plan in enumerate(template.workshops):
        for position, canvas_id in enumerate(plan.steps):
            if canvas_id not in canvases:
                reader.report(
                    pending.step_lines[(index, position)],
                    f"workshops.{index}.steps.{position}",
                    f"unknown canvas '{canvas_id}'",
                )
        for position, reference in enumerate(plan.references):
            lines = pending.reference_lines[(index, position)]
            path = f"workshops.{index}.references.{position}"
            problem = _reference_problem(template, reference, canvases)
            if problem:
                key, message = problem
                reader.report(lines[key], f"{path}.{key}", message)
    return len(reader.problems) == before


def _reference_problem(
    template: Template, reference: Reference, canvases: dict[str, Canvas]
) -> tuple[str, str] | None:
    """(key, message) of what is wrong with `reference`, or None when it fits."""
    source_plan = template.workshops[reference.from_workshop - 1]
    if reference.canvas not in source_plan.steps:
        return "canvas", (
            f"'{reference.canvas}' is not a step of workshop {reference.from_workshop} "
            "of this template"
        )
    canvas = canvases.get(reference.canvas)
    if canvas is None:
        return "canvas", f"unknown canvas '{reference.canvas}'"
    fits = {
        "themes": canvas.themes,
        "vision_statement": canvas.vision_statement,
        "cards": canvas.note_type == "card",
        "notes": True,
    }
    if not fits[reference.what]:
        return "what", f"canvas '{canvas.id}' has no {reference.what.replace('_', ' ')}"
    return None


def is_template(root: Node) -> bool:
    """A file is a template when its top level has a `workshops` key."""
    return isinstance(root, MappingNode) and any(
        isinstance(key, ScalarNode) and key.value == "workshops" for key, _ in root.value
    )
