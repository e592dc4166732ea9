"""The plan's follow-up section: a table over the five areas STM decree 57/2024 asks a
continuing-education plan to follow up, filled from indicator cards (a card canvas whose
columns are the areas and whose cards carry an ``indicator``), then the other follow-up notes
(expected results, follow-up practice, indicators written as plain notes in older
workshops). An area no card covers stays as a row with empty cells to fill in."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .blocks import Block, Table
from .plan_sections import Entry, fill_in, prompt_section

AREAS = {
    "participation": _l("Participation"),
    "content": _l("Content"),
    "quality": _l("Quality"),
    "effectiveness": _l("Effectiveness"),
    "costs": _l("Cost"),
}
# The card fields after the area and the indicator, with their column headings.
COLUMNS = {"source": _l("Data source"), "who": _l("Who follows up"), "when": _l("When")}


def is_indicator(entry: Entry) -> bool:
    return entry.prompt["id"] in AREAS and entry.has_fields("indicator")


def _indicator(note: dict) -> str:
    indicator = str(note["fields"].get("indicator") or "")
    return f"{indicator} ({note['text']})" if note["text"] else indicator


def _rows(entries: list[Entry]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for area, label in AREAS.items():
        cards = [
            note for entry in entries if entry.prompt["id"] == area for note in entry.in_order()
        ]
        rows += [
            (str(label), _indicator(note), *(str(note["fields"].get(c) or "") for c in COLUMNS))
            for note in cards
        ]
        if not cards:
            rows.append((str(label), "", "", "", ""))
    return rows


def follow_up_blocks(entries: list[Entry], title: str) -> list[Block]:
    """``entries``: those of the follow-up section."""
    indicators = [entry for entry in entries if is_indicator(entry)]
    header = (_("Area"), _("Indicator"), *(str(heading) for heading in COLUMNS.values()))
    blocks: list[Block] = [Table(header, tuple(_rows(indicators)))]
    if not any(entry.notes for entry in indicators):
        blocks.append(fill_in("follow_up"))
    others = [entry for entry in entries if not is_indicator(entry)]
    return blocks + prompt_section(others, title)
