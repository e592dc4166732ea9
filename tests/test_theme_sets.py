"""The labelled theme-suggestion sets under bench/theme_sets/ keep the shape the quality
benchmark reads: a language, 5-7 themes of at least six notes, notes that belong nowhere,
no note twice, and near-duplicate pairs that name real notes of one theme."""

from pathlib import Path

import pytest
import yaml

SETS = sorted((Path(__file__).resolve().parents[1] / "bench" / "theme_sets").glob("*.yaml"))


def test_there_are_sets_in_both_languages():
    languages = {yaml.safe_load(path.read_text(encoding="utf-8"))["language"] for path in SETS}
    assert languages == {"fi", "sv"}


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
def test_set_has_the_benchmark_format(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(data) <= {"language", "title", "question", "themes", "nowhere", "similar"}
    assert data["language"] in {"fi", "sv"}
    assert data["title"].strip() and data["question"].strip()
    themes = data["themes"]
    assert 5 <= len(themes) <= 7
    titles = [theme["title"] for theme in themes]
    assert len(set(titles)) == len(titles)
    theme_of = {}
    texts = []
    for theme in themes:
        assert theme["title"].strip() and 1 <= len(theme["title"].split()) <= 3
        assert theme["description"].strip()
        assert len(theme["notes"]) >= 6, theme["title"]
        for note in theme["notes"]:
            assert isinstance(note, str) and note.strip()
            theme_of[note] = theme["title"]
            texts.append(note)
    nowhere = data["nowhere"]
    assert len(nowhere) >= 1
    assert all(isinstance(note, str) and note.strip() for note in nowhere)
    texts += nowhere
    duplicates = {text for text in texts if texts.count(text) > 1}
    assert not duplicates
    for pair in data.get("similar", []):
        assert len(pair) == 2 and pair[0] != pair[1]
        assert pair[0] in theme_of and pair[1] in theme_of, pair
        assert theme_of[pair[0]] == theme_of[pair[1]], pair
