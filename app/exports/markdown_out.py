"""Blocks as Markdown, and that Markdown as HTML (the HTML summary and the live preview).

The HTML renderer also refuses raw HTML, links and images outright, so that even text the
escaping missed could not become markup; the Markdown we write never uses them."""

import base64
import hashlib
import html

import markdown

from .blocks import Block, Bullets, Heading, Item, Paragraph, Table
from .escape import md_text

# Everything CommonMark lets a backslash escape, so ``\~`` and friends read the same here as
# on GitHub.
_ESCAPABLE = list("\\`*_{}[]()>#+-.!|~<&=:\"'$%,/;?@^")
_NOT_OURS = {
    "inlinePatterns": (
        "html",
        "link",
        "image_link",
        "image_reference",
        "reference",
        "short_reference",
        "short_image_ref",
        "autolink",
        "automail",
    ),
    "preprocessors": ("html_block",),
    "parser.blockprocessors": ("quote", "olist", "hr", "setextheader", "code", "reference"),
}


def _cell(text: str) -> str:
    return md_text(text, line_start=False) or " "


def _row(cells) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _bullet(item: str | Item) -> str:
    if isinstance(item, str):
        return "- " + md_text(item)
    lines = ["- " + md_text(item.text)]
    lines += ["    - " + md_text(child) for child in item.children]
    return "\n".join(lines)


def block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + md_text(block.text, line_start=False)
    if isinstance(block, Paragraph):
        return md_text(block.text)
    if isinstance(block, Bullets):
        return "\n".join(_bullet(item) for item in block.items)
    if isinstance(block, Table):
        width = len(block.header)
        lines = [_row(block.header), "| " + " | ".join(["---"] * width) + " |"]
        lines += [_row(row) for row in block.rows]
        return "\n".join(lines)
    raise TypeError(f"not a block: {block!r}")


def to_markdown(blocks: list[Block]) -> str:
    return "\n\n".join(block_markdown(block) for block in blocks) + "\n"


def _renderer() -> markdown.Markdown:
    renderer = markdown.Markdown(extensions=["tables"], output_format="html")
    for registry, names in _NOT_OURS.items():
        target = renderer
        for part in registry.split("."):
            target = getattr(target, part)
        for name in names:
            if name in target:
                target.deregister(name)
    renderer.ESCAPED_CHARS = list(dict.fromkeys([*renderer.ESCAPED_CHARS, *_ESCAPABLE]))
    return renderer


def to_html(text: str) -> str:
    """An HTML fragment of the Markdown we wrote."""
    return _renderer().convert(text)


def style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode()).digest()
    return "'sha256-" + base64.b64encode(digest).decode() + "'"


def page_policy(css: str) -> str:
    """The standalone page's policy: nothing may load or run but its own style sheet."""
    return f"default-src 'none'; style-src {style_hash(css)}; base-uri 'none'; form-action 'none'"


def html_page(title: str, language: str, fragment: str, css: str) -> str:
    """A standalone HTML document that keeps its script-free policy (in a meta element) when
    opened from disk."""
    policy = page_policy(css)
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f'<body>\n<main class="summary-document">\n{fragment}\n</main>\n</body>\n</html>\n'
    )
