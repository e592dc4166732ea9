"""The canvas library: shipped files, the validator's problems, rendering, note validation."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from app.canvases import (
    KINDS,
    LANGUAGES,
    PLAN_SECTIONS,
    CanvasLibrary,
    NoteInvalid,
    Problem,
    check_paths,
    load_library,
    validate_note,
)
from app.canvases.library import shipped_dir

SECTION_IDS = {section_id for section_id, _ in PLAN_SECTIONS}

# A valid custom canvas; the broken-file tests change single lines of it, so the line
# numbers in their expectations refer to this listing.
VALID_CANVAS = """\
id: my_canvas
kind: need
title:
  fi: "Oma pohja ({topic})"
  sv: "Egen mall"
  en: "Own canvas"
instructions:
  fi: "Ohje"
  sv: "Instruktion"
  en: "Instruction"
hint:
  fi: "Vihje"
  sv: "Tips"
  en: "Hint"
prompts:
  - id: first
    section: need
    title:
      fi: "Eka"
      sv: "Första"
      en: "First"
  - id: second
    section: methods
    title:
      fi: "Toka"
      sv: "Andra"
      en: "Second"
note:
  type: card
  fields:
    - id: heading
      type: text
      required: true
      label: {fi: Otsikko, sv: Rubrik, en: Heading}
    - id: body
      type: longtext
      label: {fi: Teksti, sv: Text, en: Text}
"""

VALID_TEMPLATE = """\
id: my-template
title: {fi: Pohja, sv: Mall, en: Template}
description: {fi: Kuvaus, sv: Beskrivning, en: Description}
workshops:
  - title: {fi: Eka, sv: Första, en: First}
    steps:
      - need
      - my_canvas
  - title: {fi: Toka, sv: Andra, en: Second}
    steps: [methods, target_groups]
    references:
      - from_workshop: 1
        canvas: my_canvas
        what: cards
        label: {fi: Kortit, sv: Kort, en: Cards}
"""


def edited(text: str, replace: dict[int, str | None]) -> str:
    """`text` with 1-based lines replaced (None deletes the line)."""
    lines = text.splitlines()
    for number in sorted(replace, reverse=True):
        if replace[number] is None:
            del lines[number - 1]
        else:
            lines[number - 1] = replace[number]
    return "\n".join(lines) + "\n"


def cases(rows: list[tuple]) -> list:
    """(id, line replacements, expected line, expected field, part of the message) rows."""
    return [pytest.param(*row[1:], id=row[0]) for row in rows]


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def library() -> CanvasLibrary:
    return load_library()


def all_texts(step: dict) -> list[str]:
    texts = [step["title"], step["instructions"], step["hint"]]
    for prompt in step["prompts"]:
        texts += [prompt["title"], prompt["section_label"]]
    texts += [field["label"] for field in step["note"]["fields"]]
    return texts


# --- the shipped library -------------------------------------------------------------


def test_every_shipped_file_loads_without_problems(library):
    assert library.problems == []
    assert check_paths([]) == []
    shipped_files = sorted(shipped_dir().rglob("*.yaml"))
    assert check_paths(shipped_files) == []
    sources = {canvas.source for canvas in library.canvases.values()}
    sources |= {template.source for template in library.templates.values()}
    assert {str(path) for path in shipped_files} == sources


def test_every_kind_has_a_shipped_canvas_of_the_same_id(library):
    for kind in KINDS:
        canvas = library.canvas(kind)
        assert canvas is not None, kind
        assert canvas.kind == kind
        assert canvas.prompts


def test_shipped_templates_name_existing_canvases(library):
    assert set(library.templates) == {
        "hyvanmitta-training-plan",
        "hyvanmitta-impact-chain",
        "small-groups",
        "comment-wall",
    }
    for template in library.templates.values():
        for number, plan in enumerate(template.workshops, start=1):
            assert plan.steps
            for canvas_id in plan.steps:
                assert library.canvas(canvas_id) is not None, (template.id, canvas_id)
            for reference in plan.references:
                assert 1 <= reference.from_workshop <= number
                source = template.workshops[reference.from_workshop - 1]
                assert reference.canvas in source.steps


def test_training_plan_template_has_three_workshops_building_on_each_other(library):
    template = library.template("hyvanmitta-training-plan")
    assert [plan.steps for plan in template.workshops] == [
        ["need", "vision", "impact"],
        ["methods", "target_groups", "resources"],
        ["schedule", "responsibilities", "results", "indicators", "follow_up", "feedback"],
    ]
    references = [
        [(ref.from_workshop, ref.canvas, ref.what) for ref in plan.references]
        for plan in template.workshops
    ]
    assert references == [
        [],
        [(1, "impact", "themes"), (1, "vision", "vision_statement")],
        [(2, "target_groups", "cards"), (2, "methods", "cards")],
    ]


def test_every_text_exists_in_all_three_languages(library):
    for canvas in library.canvases.values():
        for language in LANGUAGES:
            for topic in ("", "osallisuusosaaminen"):
                step = canvas.render(language, topic=topic, organisation="Hyvinvointialue")
                for text in all_texts(step):
                    assert isinstance(text, str) and text.strip(), (canvas.id, language)
    for template in library.templates.values():
        for texts in [template.title, template.description]:
            assert set(texts) == set(LANGUAGES) and all(texts.values())
        for plan in template.workshops:
            assert set(plan.title) == set(LANGUAGES) and all(plan.title.values())
            for reference in plan.references:
                assert set(reference.label) == set(LANGUAGES)


def test_shipped_texts_read_well_without_topic_or_organisation(library):
    for canvas in library.canvases.values():
        for language in LANGUAGES:
            for text in all_texts(canvas.render(language)):
                for bad in ("{", "}", "()", "( ", " )", "  ", " .", " ,", ":)", ": ."):
                    assert bad not in text, (canvas.id, language, text)
                assert not text.endswith(":"), (canvas.id, language, text)


def test_plan_sections_follow_the_training_plan_draft(app):
    assert [section_id for section_id, _ in PLAN_SECTIONS] == [
        "basics",
        "need",
        "vision",
        "themes",
        "target_groups",
        "methods",
        "resources",
        "schedule",
        "responsibilities",
        "follow_up",
        "validity",
        "other_plans",
        "approval",
        "open_questions",
    ]
    with app.app_context(), force_locale("fi"):
        finnish = [gettext(title) for _, title in PLAN_SECTIONS]
    assert finnish == [
        "Perustiedot",
        "Tarve",
        "Visio ja vaikuttavuustavoite",
        "Kehittämisen teemat",
        "Kohderyhmät",
        "Menetelmät",
        "Resurssit, materiaalit ja kustannukset",
        "Aikataulu",
        "Vastuut",
        "Seuranta ja mittarit",
        "Voimassaolo ja päivittäminen",
        "Suhde organisaation muihin suunnitelmiin",
        "Hyväksyminen",
        "Avoimet kysymykset ja jatko",
    ]
    for language in LANGUAGES:
        with app.app_context(), force_locale(language):
            assert all(gettext(title) for _, title in PLAN_SECTIONS)


def test_every_shipped_prompt_feeds_a_known_section(library):
    for canvas in library.canvases.values():
        ids = [prompt.id for prompt in canvas.prompts]
        assert len(ids) == len(set(ids))
        if canvas.kind != "feedback":
            assert all(prompt.section in SECTION_IDS for prompt in canvas.prompts)


def test_feedback_on_the_workshop_feeds_its_summary_only(library):
    """How the planning workshop went is not data about the training: not in the plan."""
    feedback = [c for c in library.canvases.values() if c.kind == "feedback"]
    assert feedback and all(p.section == "summary_only" for c in feedback for p in c.prompts)


def test_the_decree_asks_scope_costs_validity_approval_and_the_place_among_other_plans(library):
    follow_up = {p.id: (p.section, p.optional) for p in library.canvas("follow_up").prompts}
    assert follow_up["validity"] == ("validity", True)
    assert follow_up["other_plans"] == ("other_plans", True)
    assert follow_up["approval"] == ("approval", True)
    assert [p.id for p in library.canvas("resources").prompts] == [
        "available",
        "materials",
        "trainers",
        "costs",
    ]
    indicators = library.canvas("indicators").render("fi")
    assert [p["id"] for p in indicators["prompts"]] == [
        "participation",
        "content",
        "quality",
        "effectiveness",
        "costs",
    ]
    assert {p["section"] for p in indicators["prompts"]} == {"follow_up"}
    assert [f["id"] for f in indicators["note"]["fields"]] == ["indicator", "source", "who", "when"]


def test_need_has_four_questions_and_three_optional_ones(library):
    prompts = library.canvas("need").render("fi")["prompts"]
    assert [(p["id"], p["optional"]) for p in prompts] == [
        ("needed", False),
        ("existing", False),
        ("to_develop", False),
        ("consequences", False),
        ("causes", True),
        ("affected", True),
        ("influence", True),
    ]


def test_card_canvases_carry_the_fields_of_the_method(library):
    def fields(canvas_id):
        note = library.canvas(canvas_id).render("en")["note"]
        assert note["type"] == "card"
        return [(f["id"], f["type"], f["required"]) for f in note["fields"]]

    assert fields("target_groups") == [
        ("group", "text", True),
        ("goal", "longtext", True),
        ("contents", "list", True),
        ("module", "text", False),
        ("hours", "text", False),
        ("size", "text", False),
        ("frequency", "text", False),
        ("notes", "longtext", False),
    ]
    assert fields("methods") == [
        ("method", "text", True),
        ("how", "list", True),
        ("for_groups", "list", False),
    ]
    assert fields("schedule") == [("when", "text", True), ("what", "longtext", True)]
    assert [p.id for p in library.canvas("schedule").prompts] == ["short_term", "long_term"]
    assert [f[0] for f in fields("responsibilities")] == ["task", "owner", "deadline"]


def test_kind_flags_of_shipped_canvases(library):
    def step(canvas_id):
        return library.canvas(canvas_id).render("sv")

    assert step("vision")["vision_statement"] is True
    assert [p["id"] for p in step("vision")["prompts"]] == ["themes", "benefits"]
    assert step("impact")["themes"] is True
    assert [p["id"] for p in step("impact")["prompts"]] == ["changes", "themes"]
    feedback = step("feedback")
    assert feedback["note"] == {"type": "rating", "fields": []}
    assert feedback["rating"] == {"min": 1, "max": 5} and len(feedback["prompts"]) == 1
    assert step("comment_wall")["open_until"] and step("pre_task")["open_until"]
    assert step("small_group_task")["groups"] is True
    assert step("need")["rating"] is None and step("need")["groups"] is False


def test_api_listing_has_exactly_the_documented_shape(library):
    api = library.to_api()
    assert set(api) == {"canvases", "workshop_templates"}
    for item in api["canvases"]:
        assert set(item) == {"id", "kind", "title"} and set(item["title"]) == set(LANGUAGES)
        assert "{" not in "".join(item["title"].values())
    plan = next(t for t in api["workshop_templates"] if t["id"] == "hyvanmitta-training-plan")
    assert set(plan) == {"id", "title", "workshops"}
    assert plan["workshops"][0] == ["need", "vision", "impact"]
    assert json.loads(json.dumps(api)) == api


# --- rendering -----------------------------------------------------------------------


def test_render_fills_topic_and_picks_the_language(library):
    need = library.canvas("need")
    fi = need.render("fi", topic="osallisuusosaaminen")
    assert fi["title"] == "Tarve: miksi osaamista tarvitaan? (osallisuusosaaminen)"
    assert need.render("en", topic="participation competence")["title"] == (
        "Need: why is this competence needed? (participation competence)"
    )
    assert need.render("sv")["title"] == "Behov: varför behövs kompetensen?"
    assert "(aihe: osallisuusosaaminen)" in fi["hint"]
    assert json.loads(json.dumps(fi)) == fi
    with pytest.raises(ValueError):
        need.render("de")


def test_render_keeps_literal_braces_and_organisation(tmp_path):
    text = edited(
        VALID_CANVAS,
        {
            5: '  sv: "Egen mall {{klammer}} för {organisation}"',
            8: '  fi: "Ohje ({organisation}). Aihe ({topic}) on tärkeä."',
        },
    )
    write(tmp_path, "mine.yaml", text)
    library = load_library([tmp_path])
    assert library.problems == []
    canvas = library.canvas("my_canvas")
    sv = canvas.render("sv", topic="{x}", organisation="Välfärdsområdet")
    assert sv["title"] == "Egen mall {klammer} för Välfärdsområdet"
    assert (
        canvas.render("fi", organisation="Alue")["instructions"] == "Ohje (Alue). Aihe on tärkeä."
    )
    assert canvas.render("fi", topic="{organisation}")["title"] == "Oma pohja ({organisation})"


# --- broken files ----------------------------------------------------------------------

BROKEN_CANVASES = [
    ("yaml-syntax", {2: "kind: need: x"}, 2, "file", "YAML syntax error"),
    ("missing-colon", {9: "  sv Instruktion"}, 9, "file", "could not find expected ':'"),
    ("tab-indent", {9: "\tsv: x"}, 9, "file", "found character '\\t'"),
    ("bad-indent", {20: "       sv: x"}, 20, "file", "YAML syntax error"),
    ("unknown-kind", {2: "kind: needs"}, 2, "kind", "unknown value 'needs'"),
    ("missing-language", {5: None}, 3, "title.sv", "missing required key"),
    ("one-language-only", {3: 'title: "Oma"', 4: None, 5: None, 6: None}, 3, "title", "each of"),
    ("empty-text", {13: '  sv: ""'}, 13, "hint.sv", "must not be empty"),
    ("number-as-text", {12: "  fi: 12"}, 12, "hint.fi", "must be text"),
    ("unknown-section", {23: "    section: method"}, 23, "prompts.1.section", "unknown value"),
    ("unknown-field-type", {36: "      type: area"}, 36, "note.fields.1.type", "unknown value"),
    ("missing-top-level-key", dict.fromkeys(range(11, 15)), 1, "hint", "missing required key"),
    ("missing-prompt-key", dict.fromkeys(range(24, 28)), 22, "prompts.1.title", "missing"),
    ("typo-key", {7: "instuctions:"}, 7, "instuctions", "unknown key"),
    ("duplicate-key", {2: "kind: need\nkind: vision"}, 3, "kind", "duplicate key"),
    ("inflected-placeholder", {4: '  fi: "{topic}a"'}, 4, "title.fi", "followed directly"),
    ("unknown-placeholder", {4: '  fi: "Aihe {aihe}"'}, 4, "title.fi", "placeholder {aihe}"),
    ("bad-id", {16: "  - id: Eka Sarake"}, 16, "prompts.0.id", "must be an id"),
    ("heading-not-required", {33: "      required: false"}, 31, "note.fields.0", "heading"),
    ("fields-on-text-note", {29: "  type: text"}, 30, "note.fields", "only a card note"),
    ("not-boolean", {17: "    section: need\n    optional: 2"}, 18, "prompts.0.optional", "true"),
]


@pytest.mark.parametrize(("replace", "line", "field", "message"), cases(BROKEN_CANVASES))
def test_a_broken_canvas_names_file_line_and_field(tmp_path, replace, line, field, message):
    path = write(tmp_path, "broken.yaml", edited(VALID_CANVAS, replace))
    problems = check_paths([path])
    matching = [p for p in problems if p.field == field and message in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.file == str(path) and problem.line == line
    assert str(problem) == f"{path}:{line}: {field}: {problem.message}"


def test_the_unknown_key_also_leaves_the_real_one_missing(tmp_path):
    path = write(tmp_path, "broken.yaml", edited(VALID_CANVAS, {7: "instuctions:"}))
    assert [str(p) for p in check_paths([path])] == [
        f"{path}:7: instuctions: unknown key (did you mean 'instructions'?); allowed: id, kind, "
        "title, instructions, hint, prompts, note, rating, vision_statement, themes, open_until, "
        "groups",
        f"{path}:1: instructions: missing required key",
    ]


def test_a_duplicate_id_across_files_is_a_problem_and_the_later_file_is_left_out(tmp_path):
    path = write(tmp_path, "need.yaml", edited(VALID_CANVAS, {1: "id: need"}))
    library = load_library([tmp_path])
    assert [str(p) for p in library.problems] == [
        f"{path}:1: id: duplicate canvas id 'need' (already defined in "
        f"{shipped_dir() / 'need.yaml'}); this file is left out"
    ]
    assert library.canvas("need").source == str(shipped_dir() / "need.yaml")
    assert library.canvas("need").kind == "need"


def test_a_broken_file_is_left_out_and_the_rest_still_load(tmp_path, caplog):
    write(tmp_path, "good.yaml", VALID_CANVAS)
    bad = write(tmp_path, "sub/bad.yaml", edited(VALID_CANVAS, {1: "id: bad", 2: "kind: x"}))
    write(tmp_path, ".hidden/ignored.yaml", "not: [valid")
    with caplog.at_level(logging.ERROR, logger="pajapohja.canvases"):
        library = load_library([tmp_path])
    assert library.canvas("my_canvas") is not None
    assert library.canvas("bad") is None
    assert library.canvas("need") is not None and len(library.templates) == 4
    assert [p.file for p in library.problems] == [str(bad)]
    logged = [r.getMessage() for r in caplog.records if r.name == "pajapohja.canvases"]
    assert logged == [str(library.problems[0])]


def test_files_that_are_not_canvases_at_all_give_problems(tmp_path):
    empty = write(tmp_path, "empty.yaml", "# nothing here\n")
    listing = write(tmp_path, "list.yaml", "- a\n- b\n")
    missing = tmp_path / "nowhere"
    assert [str(p) for p in check_paths([empty, listing, missing])] == [
        f"{empty}:1: file: the file is empty",
        f"{listing}:1: file: must be a mapping of 'key: value' lines",
        f"{missing}:0: file: no such file or directory",
    ]


REF = "workshops.1.references.0."
BROKEN_TEMPLATES = [
    ("missing-canvas", {7: "      - nosuch"}, 7, "workshops.0.steps.0", "unknown canvas 'nosuch'"),
    (
        "reference-to-workshop-zero",
        {12: "      - from_workshop: 0"},
        12,
        REF + "from_workshop",
        "from 1 to 2",
    ),
    (
        "reference-out-of-range",
        {12: "      - from_workshop: 3"},
        12,
        REF + "from_workshop",
        "from 1 to 2",
    ),
    (
        "reference-what-mismatch",
        {13: "        canvas: need", 14: "        what: themes"},
        14,
        REF + "what",
        "has no themes",
    ),
    (
        "reference-canvas-not-in-workshop",
        {13: "        canvas: vision"},
        13,
        REF + "canvas",
        "not a step of workshop 1",
    ),
    ("reference-unknown-what", {14: "        what: all"}, 14, REF + "what", "unknown value 'all'"),
    ("canvas-twice-in-a-workshop", {8: "      - need"}, 8, "workshops.0.steps.1", "already a step"),
    ("missing-key", {3: None}, 1, "description", "missing required key"),
]


@pytest.mark.parametrize(("replace", "line", "field", "message"), cases(BROKEN_TEMPLATES))
def test_a_broken_template_names_file_line_and_field(tmp_path, replace, line, field, message):
    write(tmp_path, "my_canvas.yaml", VALID_CANVAS)
    path = write(tmp_path, "templates/mine.yaml", edited(VALID_TEMPLATE, replace))
    library = load_library([tmp_path])
    assert library.template("my-template") is None
    assert library.canvas("my_canvas") is not None
    assert len(library.problems) == 1, [str(p) for p in library.problems]
    problem = library.problems[0]
    assert (problem.file, problem.line, problem.field) == (str(path), line, field)
    assert message in problem.message
    assert str(problem) == f"{path}:{line}: {field}: {problem.message}"


def test_a_template_naming_a_left_out_canvas_is_left_out_too(tmp_path):
    write(tmp_path, "my_canvas.yaml", edited(VALID_CANVAS, {2: "kind: x"}))
    template = write(tmp_path, "templates/mine.yaml", VALID_TEMPLATE)
    problems = check_paths([tmp_path])
    assert f"{template}:8: workshops.0.steps.1: unknown canvas 'my_canvas'" in map(str, problems)


def test_a_custom_directory_adds_canvases_and_a_template_using_shipped_ones(tmp_path):
    write(tmp_path, "my_canvas.yml", VALID_CANVAS)
    write(tmp_path, "templates/mine.yaml", VALID_TEMPLATE)
    library = load_library([str(tmp_path)])
    assert library.problems == []
    assert list(library.canvases)[-1] == "my_canvas"
    template = library.template("my-template")
    assert [plan.steps for plan in template.workshops] == [
        ["need", "my_canvas"],
        ["methods", "target_groups"],
    ]
    reference = template.workshops[1].references[0]
    assert (reference.from_workshop, reference.canvas, reference.what) == (1, "my_canvas", "cards")
    assert reference.label["sv"] == "Kort"
    api = library.to_api()
    assert {
        "id": "my_canvas",
        "kind": "need",
        "title": {"fi": "Oma pohja", "sv": "Egen mall", "en": "Own canvas"},
    } in api["canvases"]
    assert check_paths([tmp_path]) == []


def test_checking_the_shipped_directory_explicitly_finds_no_duplicates():
    assert check_paths([shipped_dir(), shipped_dir() / "need.yaml"]) == []


def test_a_duplicate_template_id_is_a_problem(tmp_path):
    text = VALID_TEMPLATE.replace("id: my-template", "id: comment-wall")
    path = write(tmp_path, "dup.yaml", text)
    write(tmp_path, "my_canvas.yaml", VALID_CANVAS)
    problems = check_paths([tmp_path])
    assert len(problems) == 1 and problems[0].file == str(path) and problems[0].line == 1
    assert "duplicate template id 'comment-wall'" in problems[0].message


def test_problem_str_is_file_line_field_message():
    problem = Problem("canvases/x.yaml", 7, "prompts.2.title.sv", "must not be empty")
    assert str(problem) == "canvases/x.yaml:7: prompts.2.title.sv: must not be empty"


# --- notes -----------------------------------------------------------------------------


def step_of(library, canvas_id):
    return library.canvas(canvas_id).render("fi")


def invalid(step, text, fields=None) -> NoteInvalid:
    with pytest.raises(NoteInvalid) as caught:
        validate_note(step, text, fields)
    return caught.value


def test_text_note_is_normalised(library):
    step = step_of(library, "need")
    text, fields = validate_note(
        step, "  Cafe\u0301\u202e\x00 ja\ttiimi\r\nrivi  \n\n\n\n\n\nloppu\u2066  ", None
    )
    assert text == "Café ja tiimi\nrivi\n\n\nloppu"
    assert fields == {}
    assert validate_note(step, "ok", {}) == ("ok", {})


def test_text_note_errors(library):
    step = step_of(library, "need")
    assert invalid(step, " \n\u202a ").code == "empty"
    assert invalid(step, " \n ").message == "The note is empty."
    assert invalid(step, "x" * 2001).code == "too_long"
    assert validate_note(step, "x" * 2000, None)[0] == "x" * 2000
    assert invalid(step, "x", {"group": "a"}).code == "invalid_fields"
    assert invalid(step, 5).code == "invalid_fields"


def test_card_note_requires_and_normalises_fields(library):
    step = step_of(library, "target_groups")
    text, fields = validate_note(
        step,
        "",
        {
            "group": " Uudet\n työntekijät ",
            "goal": "Tuntee\n\nkäytännöt",
            "contents": ["a ", "", "b"],
        },
    )
    assert text == ""
    assert fields == {
        "group": "Uudet työntekijät",
        "goal": "Tuntee\n\nkäytännöt",
        "contents": ["a", "b"],
        "module": "",
        "hours": "",
        "size": "",
        "frequency": "",
        "notes": "",
    }
    error = invalid(step, "", {"group": "x", "goal": " ", "contents": ["a"]})
    assert (error.code, error.field) == ("missing_field", "goal")
    error = invalid(step, "", {"group": "x", "goal": "y", "contents": ["", " "]})
    assert (error.code, error.field) == ("missing_field", "contents")
    assert invalid(step, "", None).code == "missing_field"


def test_card_note_rejects_unknown_wrongly_typed_and_overlong_fields(library):
    step = step_of(library, "target_groups")
    good = {"group": "x", "goal": "y", "contents": ["a"]}
    error = invalid(step, "", {**good, "colour": "red"})
    assert (error.code, error.field) == ("invalid_fields", "colour")
    assert invalid(step, "", {**good, "contents": "a"}).code == "invalid_fields"
    assert invalid(step, "", {**good, "contents": [1]}).field == "contents"
    assert invalid(step, "", {**good, "goal": 3}).code == "invalid_fields"
    error = invalid(step, "", {**good, "group": "x" * 121})
    assert (error.code, error.field) == ("too_long", "group")
    assert invalid(step, "", {**good, "contents": ["a"] * 21}).code == "too_long"
    assert invalid(step, "", {**good, "contents": ["x" * 201]}).field == "contents"
    assert invalid(step, "x" * 2001, good).code == "too_long"
    assert invalid(step, "", ["not", "a", "dict"]).code == "invalid_fields"
    assert validate_note(step, " kommentti ", good)[0] == "kommentti"


def test_choice_field_accepts_only_its_choices(tmp_path):
    text = VALID_CANVAS + (
        "    - id: level\n"
        "      type: choice\n"
        "      choices:\n"
        "        - {id: low, label: {fi: Matala, sv: Låg, en: Low}}\n"
        "        - {id: high, label: {fi: Korkea, sv: Hög, en: High}}\n"
        "      label: {fi: Taso, sv: Nivå, en: Level}\n"
    )
    write(tmp_path, "mine.yaml", text)
    library = load_library([tmp_path])
    assert library.problems == []
    step = library.canvas("my_canvas").render("sv")
    level = step["note"]["fields"][2]
    assert level["choices"] == [{"id": "low", "label": "Låg"}, {"id": "high", "label": "Hög"}]
    assert validate_note(step, "", {"heading": "h", "level": "high"})[1]["level"] == "high"
    assert invalid(step, "", {"heading": "h", "level": "medium"}).field == "level"


def test_rating_note(library):
    step = step_of(library, "feedback")
    assert validate_note(step, " Hyvä! ", {"rating": 5}) == ("Hyvä!", {"rating": 5})
    assert validate_note(step, "", {"rating": 1}) == ("", {"rating": 1})
    for fields in (
        None,
        {},
        {"rating": 0},
        {"rating": 6},
        {"rating": "4"},
        {"rating": True},
        {"rating": 4.0},
    ):
        assert invalid(step, "", fields).code == "invalid_rating", fields
    assert invalid(step, "", {"rating": 3, "extra": 1}).code == "invalid_fields"
    assert invalid(step, "x" * 2001, {"rating": 3}).code == "too_long"


def test_the_complete_examples_in_the_documentation_validate(tmp_path):
    docs = (Path(__file__).resolve().parents[1] / "docs" / "canvases.md").read_text("utf-8")
    blocks = [block.split("```", 1)[0] for block in docs.split("```yaml\n")[1:]]
    canvas = next(b for b in blocks if b.startswith("# canvases/target_groups.yaml"))
    template = next(b for b in blocks if b.startswith("# canvases/templates/"))
    write(tmp_path, "example.yaml", canvas.replace("id: target_groups ", "id: doc_example "))
    write(tmp_path, "t.yaml", template.replace("id: hyvanmitta-training-plan", "id: doc-example"))
    library = load_library([tmp_path])
    assert library.problems == []
    assert library.canvas("doc_example").note_type == "card"
    assert library.template("doc-example").workshops[1].references[1].what == "vision_statement"
