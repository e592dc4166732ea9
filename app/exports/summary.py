"""The workshop summary (exports.md, "Workshop summary"), as blocks."""

from .blocks import Block, Heading, Paragraph
from .content import Material
from .words import Words


def date_span(moments, words: Words) -> str:
    first, last = moments[0], moments[-1]
    if first.date() == last.date():
        return words.date(first)
    return f"{words.date(first)}–{words.date(last)}"


def vision_blocks(step: dict, words: Words) -> list[Block]:
    vision = step.get("vision") or {}
    paragraphs = [line for line in (vision.get("text") or "").split("\n") if line.strip()]
    if not paragraphs:
        return []
    return [Heading(3, words["vision"]), *(Paragraph(text) for text in paragraphs)]


def summary(doc: dict, facilitator_name: str | None) -> list[Block]:
    """``doc`` is a facilitator's workshop document; ``facilitator_name`` its owner's name."""
    workshop = doc["workshop"]
    words = Words(workshop["language"])
    material = Material(doc)
    facts = [doc["series"]["title"]] if doc.get("series") else []
    facts.append(date_span(material.dates(), words))
    facts.append(words.counted("participants", material.participant_count()))
    if facilitator_name:
        facts.append(words["facilitator"].format(name=facilitator_name))
    blocks: list[Block] = [
        Heading(1, f"{workshop['title']} — {words['summary']}"),
        Paragraph(" · ".join(facts)),
    ]
    for step in doc["steps"]:
        blocks.append(Heading(2, step["title"]))
        if step.get("instructions"):
            blocks.append(Paragraph(step["instructions"]))
        blocks += vision_blocks(step, words)
        for prompt in step["prompts"]:
            blocks.append(Heading(3, prompt["title"]))
            blocks += material.prompt_blocks(step, prompt, 4, words)
    return blocks
