"""Every link in the README and in docs/ leads somewhere: relative files exist and #anchors
match a heading of the target as GitHub makes its anchors. Web addresses are listed, not
fetched (the tests use no network)."""

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from app.help.guide import github_slug

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# [text](target) and ![alt](target), not inside code; <https://…> autolinks are web links.
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]*`")
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def prose(text: str) -> str:
    return INLINE_CODE.sub("", FENCE.sub("", text))


def links(path: Path) -> list[str]:
    return LINK.findall(prose(path.read_text(encoding="utf-8")))


def anchors(path: Path) -> set[str]:
    """GitHub's anchors of a Markdown file: the slug of each heading, with -1, -2… for
    repeats."""
    seen: dict[str, int] = {}
    result = set()
    for heading in HEADING.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
        text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", r"\1", heading)
        slug = github_slug(text)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        result.add(slug if count == 0 else f"{slug}-{count}")
    return result


def test_heading_anchors_follow_github():
    assert github_slug("3. The steps, live") == "3-the-steps-live"
    assert github_slug("7. Säätimet") == "7-säätimet"
    assert github_slug("Server → client: `event`".replace("`", "")) == "server--client-event"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_link_resolves(document):
    broken = []
    for target in links(document):
        if re.match(r"^(https?|mailto):", target):
            continue  # not fetched: no network in the tests
        file_part, _hash, anchor = target.partition("#")
        resolved = (document.parent / unquote(file_part)).resolve() if file_part else document
        if not resolved.exists():
            broken.append(f"{target}: no file {resolved.relative_to(ROOT)}")
            continue
        if anchor and resolved.suffix == ".md" and unquote(anchor) not in anchors(resolved):
            broken.append(f"{target}: no heading with the anchor #{anchor}")
    assert not broken, f"{document.name}: " + "; ".join(broken)


def test_the_readme_links_the_guide_deployment_protocol_and_api():
    targets = set(links(ROOT / "README.md"))
    for wanted in (
        "docs/guide.en.md",
        "docs/guide.fi.md",
        "docs/guide.sv.md",
        "docs/deploy.md",
        "docs/protocol.md",
        "docs/api.md",
        "docs/images/board.png",
        "docs/images/summary.png",
    ):
        assert wanted in targets, wanted


def test_the_guide_is_one_guide_in_three_languages():
    """The Swedish and English guides translate the Finnish one: the same sections, the same
    number of controls in the table, and each language's contents links its own headings."""
    shapes = {}
    for language in ("fi", "sv", "en"):
        path = ROOT / "docs" / f"guide.{language}.md"
        text = path.read_text(encoding="utf-8")
        sections = re.findall(r"^## (\d+)\. ", text, re.MULTILINE)
        rows = [line for line in text.splitlines() if line.startswith("|")]
        contents = [target for target in links(path) if target.startswith("#")]
        assert len(contents) == len(sections), language
        shapes[language] = (sections, len(rows))
    assert shapes["fi"] == shapes["sv"] == shapes["en"]
