"""The training-plan draft of a series (exports.md, "Training-plan draft"), as blocks.

Every section of ``PLAN_SECTIONS`` appears, in order; each is filled from the prompts whose
canvas maps them to it, across the series' workshops; one with no material carries a short
fill-in prompt. The target groups are gathered per group from the whole series
(``plan_groups``), the follow-up is a table over the decree's five areas (``plan_follow_up``).
"""

from datetime import date

from ..canvases.schema import SECTION_IDS
from .blocks import Block, Bullets, Heading, Paragraph, Table
from .content import Material
from .plan_follow_up import follow_up_blocks
from .plan_groups import gather, group_blocks
from .plan_sections import Entry, entries, fill_in, of_section, prompt_section
from .summary import date_span, vision_blocks
from .words import Words


def _basics(series: dict, materials: list[Material], today: date, words: Words) -> list[Block]:
    facts = [
        f"{words[key]}: {series[field]}"
        for key, field in (
            ("organisation", "organisation"),
            ("topic", "topic"),
            ("series", "title"),
        )
        if series.get(field)
    ]
    facts.append(f"{words['draft']}: {words.date(today)}")
    rows = []
    for material in materials:
        workshop = material.doc["workshop"]
        held = bool(material.doc["notes"])
        when = date_span(material.dates(), words) if held else words["not_held"]
        rows.append((workshop["title"], when, str(material.participant_count())))
    blocks: list[Block] = [Bullets(tuple(facts)), Heading(3, words["workshops_held"])]
    if rows:
        header = (words["workshop"], words["date"], words["participant_count"])
        blocks.append(Table(header, tuple(rows)))
    else:
        blocks.append(Paragraph(words["not_covered"]))
    return blocks


def _target_groups(all_entries: list[Entry], title: str, words: Words) -> list[Block]:
    """One sub-section per group, then whatever else the section's prompts hold."""
    blocks: list[Block] = []
    for group in gather(all_entries, words):
        blocks += group_blocks(group, words)
    others = [e for e in of_section(all_entries, "target_groups") if not e.has_fields("group")]
    blocks += prompt_section(others, title, words)
    return blocks or [fill_in("target_groups", words)]


def _section(
    section_id: str, materials: list[Material], all_entries: list[Entry], words: Words
) -> list[Block]:
    title = words.section_title(section_id)
    section_entries = of_section(all_entries, section_id)
    if section_id == "target_groups":
        return _target_groups(all_entries, title, words)
    if section_id == "follow_up":
        return follow_up_blocks(section_entries, title, words)
    blocks: list[Block] = []
    if section_id == "vision":
        for material in materials:
            for step in material.doc["steps"]:
                blocks += vision_blocks(step, words)
    blocks += prompt_section(section_entries, title, words)
    return blocks or [fill_in(section_id, words)]


def training_plan(series: dict, docs: list[dict], today: date) -> list[Block]:
    """``series``: title, topic, organisation, language; ``docs``: its workshops' documents
    in series order."""
    words = Words(series.get("language") or "fi")
    materials = [Material(doc) for doc in docs]
    all_entries = list(entries(materials))
    facts = [
        series.get("organisation"),
        series.get("topic"),
        words["draft_line"].format(date=words.date(today)),
    ]
    blocks: list[Block] = [
        Heading(1, f"{series['title']} — {words['plan']}"),
        Paragraph(" · ".join(fact for fact in facts if fact)),
    ]
    for number, section_id in enumerate(SECTION_IDS, start=1):
        blocks.append(Heading(2, f"{number}. {words.section_title(section_id)}"))
        if section_id == "basics":
            blocks += _basics(series, materials, today, words)
        else:
            blocks += _section(section_id, materials, all_entries, words)
    return blocks
