"""The loaded form of canvases and workshop templates, and rendering a canvas as a step."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .schema import LANGUAGES, PLACEHOLDERS

Texts = dict[str, str]  # language -> text

_EMPTY_BRACKETS = re.compile(r"[ \t]*\((?:[^()\n]*:)?[ \t]*\)")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"[ \t]+([.,;:!?])")
_DANGLING_END = re.compile(r"[ \t]*[:–—-]+[ \t]*$")
_SPACES = re.compile(r"[ \t]{2,}")


class _Values(dict):
    """Placeholder values for str.format_map; an unknown name becomes empty text."""

    def __missing__(self, key: str) -> str:
        return ""


def fill(text: str, values: dict[str, str]) -> str:
    """Substitute {topic}/{organisation} in `text`; tidy what an empty value leaves behind.

    "Tarve ({topic})" with no topic becomes "Tarve", "(aihe: {topic})" disappears, and a
    line does not end in a dangling colon, so a text reads well with or without values.
    """
    result = text.format_map(_Values(values))
    if any(not values.get(name) and "{" + name + "}" in text for name in PLACEHOLDERS):
        lines = []
        for line in result.split("\n"):
            line = _EMPTY_BRACKETS.sub("", line)
            line = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", line)
            line = _DANGLING_END.sub("", line)
            lines.append(_SPACES.sub(" ", line).strip())
        result = "\n".join(lines)
    return result.strip()


def _one_line(value: str) -> str:
    return " ".join(str(value or "").split())


@dataclass(frozen=True)
class Choice:
    id: str
    label: Texts


@dataclass(frozen=True)
class Field:
    """A field of a card note; the first field of a card is the card's heading."""

    id: str
    label: Texts
    type: str
    required: bool
    max_length: int
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class Prompt:
    """A guiding question, shown as a column; its notes feed one training-plan section."""

    id: str
    title: Texts
    section: str
    section_label: Texts | None = None
    help: Texts | None = None
    optional: bool = False


@dataclass(frozen=True)
class Canvas:
    id: str
    kind: str
    source: str
    title: Texts
    instructions: Texts
    hint: Texts
    prompts: tuple[Prompt, ...]
    note_type: str = "text"
    fields: tuple[Field, ...] = ()
    rating: tuple[int, int] | None = None
    vision_statement: bool = False
    themes: bool = False
    open_until: bool = False
    groups: bool = False

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((prompt for prompt in self.prompts if prompt.id == prompt_id), None)

    def render(self, language: str, topic: str = "", organisation: str = "") -> dict:
        """The canvas as a workshop step in one language, with the placeholders filled."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
        values = {"topic": _one_line(topic), "organisation": _one_line(organisation)}

        def text(texts: Texts | None) -> str:
            return fill(texts[language], values) if texts else ""

        return {
            "canvas": self.id,
            "kind": self.kind,
            "title": text(self.title),
            "instructions": text(self.instructions),
            "hint": text(self.hint),
            "prompts": [
                {
                    "id": prompt.id,
                    "title": text(prompt.title),
                    "help": text(prompt.help),
                    "optional": prompt.optional,
                    "section": prompt.section,
                    "section_label": text(prompt.section_label or prompt.title),
                }
                for prompt in self.prompts
            ],
            "note": {
                "type": self.note_type,
                "fields": [_render_field(field, text) for field in self.fields],
            },
            "vision_statement": self.vision_statement,
            "themes": self.themes,
            "rating": {"min": self.rating[0], "max": self.rating[1]} if self.rating else None,
            "open_until": self.open_until,
            "groups": self.groups,
        }


def _render_field(field: Field, text: Callable[[Texts], str]) -> dict:
    rendered = {
        "id": field.id,
        "label": text(field.label),
        "type": field.type,
        "required": field.required,
        "max_length": field.max_length,
    }
    if field.type == "choice":
        rendered["choices"] = [
            {"id": choice.id, "label": text(choice.label)} for choice in field.choices
        ]
    return rendered


@dataclass(frozen=True)
class Reference:
    """Material an earlier workshop (or an earlier step) produced, shown as a starting point."""

    from_workshop: int
    canvas: str
    what: str
    label: Texts


@dataclass(frozen=True)
class WorkshopPlan:
    title: Texts
    steps: list[str]
    references: list[Reference]


@dataclass(frozen=True)
class Template:
    id: str
    source: str
    title: Texts
    description: Texts
    workshops: list[WorkshopPlan]
