"""The training-plan draft of a series (exports.md, "Training-plan draft"), as blocks.

Every section of ``PLAN_SECTIONS`` appears, in order; each is filled from the prompts whose
canvas maps them to it, across the series' workshops; one with no material carries a short
fill-in prompt. The target groups are gathered per group from the whole series
(``plan_groups``), the follow-up is a table over the decree's five areas (``plan_follow_up``).
"""

from datetime import date

from flask_babel import gettext as _
from flask_babel import pgettext

from ..canvases.schema import PLAN_SECTIONS
from .blocks import Block, Bullets, Heading, Paragraph, Table
from .content import Material
from .language import document_language, local_date
from .plan_follow_up import follow_up_blocks
from .plan_groups import gather, group_blocks
from .plan_sections import Entry, entries, fill_in, of_section, prompt_section
from .summary import date_span, vision_blocks


def _basics(series: dict, materials: list[Material], today: date) -> list[Block]:
    facts = [
        f"{label}: {series[field]}"
        for label, field in (
            (_("Organisation"), "organisation"),
            (_("Topic"), "topic"),
            (_("Workshop series"), "title"),
        )
        if series.get(field)
    ]
    facts.append(f"{_('Draft')}: {local_date(today)}")
    rows = []
    for material in materials:
        workshop = material.doc["workshop"]
        held = bool(material.doc["notes"])
        when = date_span(material.dates()) if held else _("not held yet")
        rows.append((workshop["title"], when, str(material.participant_count())))
    blocks: list[Block] = [Bullets(tuple(facts)), Heading(3, _("Workshops held"))]
    if rows:
        header = (_("Workshop"), _("Date"), pgettext("document", "Participants"))
        blocks.append(Table(header, tuple(rows)))
    else:
        blocks.append(Paragraph(_("Not covered yet.")))
    return blocks


def _target_groups(all_entries: list[Entry], title: str) -> list[Block]:
    """One sub-section per group, then whatever else the section's prompts hold."""
    blocks: list[Block] = []
    for group in gather(all_entries):
        blocks += group_blocks(group)
    others = [e for e in of_section(all_entries, "target_groups") if not e.has_fields("group")]
    blocks += prompt_section(others, title)
    return blocks or [fill_in("target_groups")]


def _section(
    section_id: str, title: str, materials: list[Material], all_entries: list[Entry]
) -> list[Block]:
    section_entries = of_section(all_entries, section_id)
    if section_id == "target_groups":
        return _target_groups(all_entries, title)
    if section_id == "follow_up":
        return follow_up_blocks(section_entries, title)
    blocks: list[Block] = []
    if section_id == "vision":
        for material in materials:
            for step in material.doc["steps"]:
                blocks += vision_blocks(step)
    blocks += prompt_section(section_entries, title)
    return blocks or [fill_in(section_id)]


def training_plan(series: dict, docs: list[dict], today: date) -> list[Block]:
    """``series``: title, topic, organisation, language; ``docs``: its workshops' documents
    in series order."""
    with document_language(series.get("language")):
        materials = [Material(doc) for doc in docs]
        all_entries = list(entries(materials))
        facts = [
            series.get("organisation"),
            series.get("topic"),
            _("draft %(date)s", date=local_date(today)),
        ]
        blocks: list[Block] = [
            Heading(1, f"{series['title']} — {_('training-plan draft')}"),
            Paragraph(" · ".join(fact for fact in facts if fact)),
        ]
        for number, (section_id, message) in enumerate(PLAN_SECTIONS, start=1):
            title = _(message)
            blocks.append(Heading(2, f"{number}. {title}"))
            if section_id == "basics":
                blocks += _basics(series, materials, today)
            else:
                blocks += _section(section_id, title, materials, all_entries)
        return blocks
