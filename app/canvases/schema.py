"""Constants of the canvas schema: languages, kinds, training-plan sections, allowed keys.

Everything a canvas or template file may contain is listed here, so that the loader can
reject unknown keys (they are almost always typos) and the documentation in
``docs/canvases.md`` has one place to agree with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")


def N_(message: str) -> str:
    """Marks a gettext message for extraction without translating it (this package has no
    Flask, hence no locale): the caller translates it."""
    return message


KINDS: tuple[str, ...] = (
    "need",
    "vision",
    "impact",
    "target_groups",
    "resources",
    "methods",
    "actions",
    "results",
    "schedule",
    "responsibilities",
    "follow_up",
    "feedback",
    "small_group_task",
    "comment_wall",
    "pre_task",
)

# The sections of the training-plan draft (exports.md), in document order: what STM decree
# 57/2024 asks of a continuing-education plan, in the order of the HyvänMitta impact chain. The
# titles are gettext messages (app/translations), translated where a document is written in its
# own language (``gettext(title)``, app/exports/plan.py).
PLAN_SECTIONS: tuple[tuple[str, str], ...] = (
    ("basics", N_("Basic information")),
    ("need", N_("Need")),
    ("vision", N_("Vision and impact goal")),
    ("themes", N_("Development themes")),
    ("target_groups", N_("Target groups")),
    ("methods", N_("Methods")),
    ("resources", N_("Resources, materials and costs")),
    ("schedule", N_("Schedule")),
    ("responsibilities", N_("Responsibilities")),
    ("follow_up", N_("Follow-up and indicators")),
    ("validity", N_("Validity and updates")),
    ("other_plans", N_("Relation to the organisation's other plans")),
    ("approval", N_("Approval")),
    ("open_questions", N_("Open questions and next steps")),
)
SECTION_IDS: tuple[str, ...] = tuple(section_id for section_id, _ in PLAN_SECTIONS)
# A prompt whose notes belong in the workshop's own summary only, never in the training plan
# (the participants' feedback on how the planning workshop went).
SUMMARY_ONLY = "summary_only"
PROMPT_SECTION_IDS: tuple[str, ...] = (*SECTION_IDS, SUMMARY_ONLY)

NOTE_TYPES: tuple[str, ...] = ("text", "card", "rating")
FIELD_TYPES: tuple[str, ...] = ("text", "longtext", "list", "choice")
REFERENCE_KINDS: tuple[str, ...] = ("themes", "notes", "cards", "vision_statement")
PLACEHOLDERS: tuple[str, ...] = ("topic", "organisation")

# Canvas and template ids appear in URLs, exports and API payloads.
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ID_RULE = "lower-case letters, digits, '_' and '-', at most 64 characters"

MAX_NOTE_LENGTH = 2000
MAX_LIST_ITEMS = 20
MAX_FILE_BYTES = 1_000_000
DEFAULT_MAX_LENGTH: dict[str, int] = {"text": 200, "longtext": 1000, "list": 200, "choice": 100}
DEFAULT_RATING: tuple[int, int] = (1, 5)
RATING_BOUNDS: tuple[int, int] = (0, 10)

# Flags a canvas of a kind gets when its file does not set them.
FLAGS: tuple[str, ...] = ("vision_statement", "themes", "open_until", "groups")
KIND_FLAG_DEFAULTS: dict[str, frozenset[str]] = {
    "vision": frozenset({"vision_statement", "themes"}),
    "impact": frozenset({"themes"}),
    "comment_wall": frozenset({"open_until"}),
    "pre_task": frozenset({"open_until"}),
    "small_group_task": frozenset({"groups"}),
}
# The note type a canvas of a kind gets when its file has no `note:` block.
KIND_NOTE_DEFAULTS: dict[str, str] = {"feedback": "rating"}

# Allowed keys per block; True marks a required key.
CANVAS_KEYS: dict[str, bool] = {
    "id": True,
    "kind": True,
    "title": True,
    "instructions": True,
    "hint": True,
    "prompts": True,
    "note": False,
    "rating": False,
    "vision_statement": False,
    "themes": False,
    "open_until": False,
    "groups": False,
}
PROMPT_KEYS: dict[str, bool] = {
    "id": True,
    "title": True,
    "section": True,
    "section_label": False,
    "help": False,
    "optional": False,
}
NOTE_KEYS: dict[str, bool] = {"type": True, "fields": False}
FIELD_KEYS: dict[str, bool] = {
    "id": True,
    "label": True,
    "type": True,
    "required": False,
    "max_length": False,
    "choices": False,
}
CHOICE_KEYS: dict[str, bool] = {"id": True, "label": True}
RATING_KEYS: dict[str, bool] = {"min": True, "max": True}
TEMPLATE_KEYS: dict[str, bool] = {"id": True, "title": True, "description": True, "workshops": True}
WORKSHOP_KEYS: dict[str, bool] = {"title": True, "steps": True, "references": False}
REFERENCE_KEYS: dict[str, bool] = {
    "from_workshop": True,
    "canvas": True,
    "what": True,
    "label": True,
}
LANGUAGE_KEYS: dict[str, bool] = {language: True for language in LANGUAGES}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a canvas or template file, pointing at the offending line."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"
