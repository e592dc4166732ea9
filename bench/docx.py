"""``python -m bench.docx``: how long the Word writer takes for a big workshop summary.

python -m bench.docx                  # 2,000 notes, best and median of 5 runs
python -m bench.docx --notes 5000 --runs 3

The blocks are made up but shaped like a real summary: steps and prompts as headings, themes
with a description, bullets of ~100 characters, some with nested bullets (a card's list field),
and card tables. Only ``to_docx`` is timed, not building the blocks from the database.
"""

import argparse
import statistics
import time

from app.exports.blocks import Block, Bullets, Heading, Item, Paragraph, Table
from app.exports.docx_out import to_docx

_WORDS = (
    "osallisuus kehittäminen työntekijät asiakkaat palvelut koulutus esihenkilöt tavoite "
    "vuorovaikutus yhteistyö hyvinvointialue kokemusasiantuntija palaute menetelmä työpaja "
    "osaaminen johtaminen arviointi seuranta verkosto"
).split()


def _text(number: int, length: int = 100) -> str:
    words, index = [], number
    while sum(len(w) + 1 for w in words) < length:
        words.append(_WORDS[index % len(_WORDS)])
        index = index * 7 + 3
    return " ".join(words).capitalize() + f" ({number})"


def _card_rows(start: int, count: int) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (_text(n, 25), _text(n + 1, 120), _text(n + 2, 60), str(n % 7)) for n in range(start, count)
    )


def sample_blocks(notes: int) -> list[Block]:
    """A summary of ``notes`` notes: 10 % of them in card tables, the rest as bullets."""
    blocks: list[Block] = [Heading(1, "Työpaja — yhteenveto"), Paragraph("Sarja · 12.3.2025")]
    number = 0
    step = 0
    while number < notes:
        step += 1
        blocks += [Heading(2, f"{step}. Vaihe"), Heading(3, _text(step, 60))]
        for theme in range(4):
            blocks += [Heading(4, _text(theme, 30)), Paragraph(_text(theme + 1, 80))]
            lines: list = [_text(n) for n in range(number, number + 35)]
            lines.append(Item(_text(number, 40), tuple(_text(n, 50) for n in range(5))))
            blocks.append(Bullets(tuple(lines)))
            number += 40
        header = ("Kohderyhmä", "Sisältö", "Menetelmät", "Ääniä")
        blocks.append(Table(header, _card_rows(number, number + 40)))
        number += 40
    return blocks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    blocks = sample_blocks(args.notes)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        body = to_docx(blocks, title="Työpaja — yhteenveto", language="fi")
        times.append(time.perf_counter() - started)
    print(
        f"summary.docx of {args.notes} notes ({len(blocks)} blocks, {len(body) // 1024} KB): "
        f"best {min(times):.3f} s, median {statistics.median(times):.3f} s "
        f"over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
