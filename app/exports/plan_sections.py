"""What of a series feeds the training-plan draft, and a section built from its prompts.

A prompt feeds the section its canvas names. Left out of the plan: steps whose notes are still
hidden, the workshop's own feedback (kind ``feedback``: how the planning workshop went is not
data about the training), questions and notes the facilitator left out of the documents."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .blocks import Block, Heading, Paragraph
from .content import Material

# The fill-in prompt of each section that nothing in the series covered.
FILL_IN = {
    "need": _l(
        "To complete: what competence is needed, what exists already, and what follows if "
        "nothing is done?"
    ),
    "vision": _l(
        "To complete: what is the training aiming at in the long term, and what concrete change"
        " is sought?"
    ),
    "themes": _l("To complete: what are the main themes of developing the competence?"),
    "target_groups": _l(
        "To complete: who is the training for, and what are each group's goal, contents and "
        "scope (hours, group size, how often)?"
    ),
    "methods": _l("To complete: which methods develop the competence, and for whom?"),
    "resources": _l(
        "To complete: what resources and materials are available, what does the training cost, "
        "and who can take part in delivering it?"
    ),
    "schedule": _l("To complete: what happens in the short term and what in the long term?"),
    "responsibilities": _l("To complete: who is responsible for which task, and by when?"),
    "follow_up": _l(
        "To complete in the table: which indicator, which data, who and when for each area?"
    ),
    "validity": _l("To complete: how long is the plan valid, and how often is it updated?"),
    "other_plans": _l(
        "To complete: how does the plan relate to the organisation's other plans (for example "
        "the staffing plan or the competence development plan)?"
    ),
    "approval": _l("To complete: who approves the plan, and when?"),
    "open_questions": _l(
        "To complete: which questions were left open, and what are the next steps?"
    ),
}


@dataclass(frozen=True)
class Entry:
    """One prompt of one workshop of the series, with the notes it holds for the plan."""

    material: Material
    step: dict
    prompt: dict
    notes: list[dict]

    @property
    def label(self) -> str:
        return self.prompt["section_label"] or self.prompt["title"]

    def has_fields(self, *field_ids: str) -> bool:
        """Whether the prompt's notes are cards carrying all of ``field_ids``."""
        if self.step["note"]["type"] != "card":
            return False
        present = {field["id"] for field in self.step["note"]["fields"]}
        return set(field_ids) <= present

    def in_order(self) -> list[dict]:
        """The notes in the order they were written."""
        return sorted(self.notes, key=lambda note: (note["created_at"], note["id"]))


def entries(materials: list[Material]) -> Iterator[Entry]:
    """Every prompt of the series that may feed the plan, in series and board order."""
    for material in materials:
        for step in material.doc["steps"]:
            if step["id"] in material.hidden_steps or step.get("kind") == "feedback":
                continue
            for prompt in material.prompts(step):
                yield Entry(material, step, prompt, material.prompt_notes(step, prompt))


def of_section(all_entries: Iterable[Entry], section_id: str) -> list[Entry]:
    return [entry for entry in all_entries if entry.prompt["section"] == section_id]


def prompt_section(entries_: Iterable[Entry], title: str) -> list[Block]:
    """One sub-heading per prompt with notes (none where it would repeat the section's title),
    then, once, the required questions a held workshop never discussed. Empty when no prompt
    has notes: the caller puts the section's fill-in prompt there instead."""
    blocks: list[Block] = []
    missing: list[str] = []
    for entry in entries_:
        repeats = entry.label.casefold() == title.casefold()
        level = 3 if repeats else 4
        # Not only notes: a theme question may hold named themes with no notes of their own.
        shown = entry.material.prompt_blocks(entry.step, entry.prompt, level)
        if shown:
            blocks += shown if repeats else [Heading(3, entry.label), *shown]
        elif _was_skipped(entry) and entry.label not in missing:
            missing.append(entry.label)
    if blocks and missing:
        blocks.append(Paragraph(_("Not covered: %(items)s.", items=", ".join(missing))))
    return blocks


def _was_skipped(entry: Entry) -> bool:
    """A required question of a workshop that was held (it has notes) got none."""
    return not entry.prompt.get("optional") and bool(entry.material.doc["notes"])


def fill_in(section_id: str) -> Paragraph:
    """The fill-in prompt of a section that nothing in the series covered."""
    return Paragraph(str(FILL_IN[section_id]))
