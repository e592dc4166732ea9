"""The training-plan draft of a series (exports.md, "Training-plan draft"), as blocks.

Every section of ``PLAN_SECTIONS`` appears, in order; each is filled from the prompts whose
canvas maps them to it, across the series' workshops; one with no material says so."""

from datetime import date

from ..canvases.schema import SECTION_IDS
from .blocks import Block, Bullets, Heading, Paragraph, Table
from .content import Material
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


def _section(section_id: str, materials: list[Material], words: Words) -> list[Block]:
    blocks: list[Block] = []
    for material in materials:
        for step in material.doc["steps"]:
            if section_id == "vision":
                blocks += vision_blocks(step, words)
            if step["id"] in material.hidden_steps:
                continue
            for prompt in step["prompts"]:
                if prompt["section"] == section_id and material.prompt_notes(step, prompt):
                    blocks.append(Heading(3, prompt["section_label"] or prompt["title"]))
                    blocks += material.prompt_blocks(step, prompt, 4, words)
    return blocks or [Paragraph(words["not_covered"])]


def training_plan(series: dict, docs: list[dict], today: date) -> list[Block]:
    """``series``: title, topic, organisation, language; ``docs``: its workshops' documents
    in series order."""
    words = Words(series.get("language") or "fi")
    materials = [Material(doc) for doc in docs]
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
            continue
        blocks += _section(section_id, materials, words)
        if section_id == "follow_up":
            blocks.append(Paragraph(words["follow_up_hint"]))
    return blocks
