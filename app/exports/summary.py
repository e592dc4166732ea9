"""The workshop summary (exports.md, "Workshop summary"), as blocks.

Nothing that says nothing: no participant instructions, no question without notes, no step
without material, no question heading that repeats its step's title."""

import re
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import ngettext

from .blocks import Block, Heading, Paragraph
from .content import Material
from .language import document_language, local_date

_WORD = re.compile(r"\w+")


def _day(moment: date | datetime) -> date:
    return moment.date() if isinstance(moment, datetime) else moment


def date_span(moments) -> str:
    """``moments``: sorted local dates (or datetimes) of a workshop, e.g. ``Material.dates()``."""
    first, last = _day(moments[0]), _day(moments[-1])
    if first == last:
        return local_date(first)
    return f"{local_date(first)}–{local_date(last)}"


def vision_blocks(step: dict) -> list[Block]:
    vision = step.get("vision") or {}
    paragraphs = [line for line in (vision.get("text") or "").split("\n") if line.strip()]
    if not paragraphs:
        return []
    return [Heading(3, _("Vision statement")), *(Paragraph(text) for text in paragraphs)]


def _same_word(a: str, b: str, length: int) -> bool:
    """The same word give or take an ending: "tehtävät"/"tehtävänjako", "task"/"tasks"."""
    shortest = min(len(a), len(b))
    return shortest >= length and a[: min(shortest, 5)] == b[: min(shortest, 5)]


def repeats(step_title: str, prompt_title: str) -> bool:
    """Whether a step's only question says what the step's title already says ("Kohderyhmät:
    kenelle…" › "Kohderyhmät ja niiden tavoitteet"): the same title, or the same first word,
    or the same last word. "Palaute" › "Miten työpaja onnistui?" is a question of its own."""
    step_words = _WORD.findall(step_title.casefold())
    prompt_words = _WORD.findall(prompt_title.casefold())
    if not step_words or not prompt_words or step_words == prompt_words:
        return step_words == prompt_words
    return _same_word(step_words[0], prompt_words[0], 5) or (
        step_words[-1] == prompt_words[-1] and len(step_words[-1]) >= 5
    )


def step_blocks(step: dict, material: Material) -> list[Block]:
    """A step's material under its title; nothing when it has none. A step whose notes are
    still hidden says so once, if it holds any."""
    if step["id"] in material.hidden_steps:
        held = any(n["step_id"] == step["id"] and not n["moderated"] for n in material.doc["notes"])
        return (
            [Heading(2, step["title"]), Paragraph(_("The notes have not been revealed yet."))]
            if held
            else []
        )
    body = vision_blocks(step)
    prompts = material.prompts(step)
    if len(prompts) == 1 and repeats(step["title"], prompts[0]["title"]):
        body += material.prompt_blocks(step, prompts[0], 3)
    else:
        for prompt in prompts:
            notes = material.prompt_blocks(step, prompt, 4)
            if notes:
                body += [Heading(3, prompt["title"]), *notes]
    return [Heading(2, step["title"]), *body] if body else []


def closing_blocks(workshop: dict) -> list[Block]:
    """The facilitator's closing text, paragraphs split on blank lines."""
    text = (workshop.get("closing_text") or "").replace("\r\n", "\n")
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    if not paragraphs:
        return []
    return [Heading(2, _("Summary and next steps")), *(Paragraph(part) for part in paragraphs)]


def summary(doc: dict, facilitator_name: str | None) -> list[Block]:
    """``doc`` is a facilitator's workshop document; ``facilitator_name`` its owner's name."""
    workshop = doc["workshop"]
    with document_language(workshop["language"]):
        material = Material(doc)
        facts = [doc["series"]["title"]] if doc.get("series") else []
        facts.append(date_span(material.dates()))
        count = material.participant_count()
        facts.append(ngettext("%(num)d participant", "%(num)d participants", count))
        if facilitator_name:
            facts.append(_("facilitator %(name)s", name=facilitator_name))
        blocks: list[Block] = [
            Heading(1, f"{workshop['title']} — {_('summary')}"),
            Paragraph(" · ".join(facts)),
        ]
        for step in doc["steps"]:
            blocks += step_blocks(step, material)
        return blocks + closing_blocks(workshop)
