"""Format-neutral document blocks. Builders produce them from workshop documents; writers turn
them into Markdown or DOCX. Texts in blocks are plain, unescaped text."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    """A bullet with bullets of its own under it (a card's list field: "Sisältö:" and its
    contents)."""

    text: str
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Bullets:
    items: tuple[str | Item, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Bullets | Table
