"""The engine's input and output: plain, picklable data."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NoteText:
    """A note on the wall: its text, and its theme (None: in no theme yet) and small group."""

    id: int
    text: str
    theme_id: int | None = None
    group_id: int | None = None


@dataclass(frozen=True)
class ThemeText:
    """A theme of the step: its name and description are what notes are matched against."""

    id: int
    title: str
    description: str = ""
    group_id: int | None = None


@dataclass(frozen=True)
class Suggestions:
    candidates: list[dict] = field(default_factory=list)
    assignments: list[dict] = field(default_factory=list)
    similar: list[list[int]] = field(default_factory=list)

    def to_public(self) -> dict:
        return {
            "candidates": self.candidates,
            "assignments": self.assignments,
            "similar": self.similar,
        }
