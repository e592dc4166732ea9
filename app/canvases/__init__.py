"""Canvases: the data files that describe workshop steps, and workshop templates.

Loading and validation are pure functions with no Flask dependency; the rest of the app
codes against the names exported here. The file format is documented in docs/canvases.md.
"""

from .library import CanvasLibrary, check_paths, load_library, shipped_dir
from .model import Canvas, Choice, Field, Prompt, Reference, Template, WorkshopPlan
from .notes import NoteInvalid, normalise_text, validate_note
from .schema import KINDS, LANGUAGES, PLAN_SECTIONS, Problem

__all__ = [
    "KINDS",
    "LANGUAGES",
    "PLAN_SECTIONS",
    "Canvas",
    "CanvasLibrary",
    "Choice",
    "Field",
    "NoteInvalid",
    "Problem",
    "Prompt",
    "Reference",
    "Template",
    "WorkshopPlan",
    "check_paths",
    "load_library",
    "normalise_text",
    "shipped_dir",
    "validate_note",
]
