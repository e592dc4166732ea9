"""Reading an ``export.json``: the collections and their references, on top of the field
checks of ``transfer_check``. Nothing is written here."""

from ..errors import AppError
from ..workshops import document_facts as facts
from . import transfer_check as check

# The documents' facts of an export made before they existed: as a new workshop has them.
_FACT_DEFAULTS = {"held_on": None, "time_zone": facts.DEFAULT_TIME_ZONE, "closing_text": ""}


def _workshop(value) -> dict:
    """The workshop's head with the facts its documents are made of (the day held, the time
    zone, the closing text), each checked as the summary preview's form checks it."""
    head = check.workshop(value)
    for field, default in _FACT_DEFAULTS.items():
        try:
            head[field] = facts.READERS[field](value.get(field, default))
        except AppError:
            raise check.invalid(f"workshop.{field}") from None
    return head


def _excluded_prompts(raw: dict, at: str, definition: dict) -> list[str]:
    """The step's questions left out of the documents: each one of its own, once."""
    ids = [p["id"] for p in definition["prompts"]]
    excluded: list[str] = []
    for j, prompt_id in enumerate(
        check.items(raw.get("excluded_prompts", []), f"{at}.excluded_prompts")
    ):
        if isinstance(prompt_id, str) and prompt_id in excluded:
            raise check.invalid(f"{at}.excluded_prompts[{j}]")
        excluded.append(check.choice(prompt_id, f"{at}.excluded_prompts[{j}]", ids))
    return excluded


def _participants(doc: dict) -> list[dict]:
    seen: set = set()
    return [
        {
            "id": check.ident(obj_.get("id"), f"participants[{i}].id", seen),
            "name": check.text(obj_.get("name"), f"participants[{i}].name", 80, null=True),
        }
        for i, obj_ in enumerate(
            check.obj(p, f"participants[{i}]")
            for i, p in enumerate(check.items(doc.get("participants"), "participants"))
        )
    ]


def _groups(doc: dict, steps: dict, people: set) -> list[dict]:
    seen: set = set()
    placed: set = set()
    groups = []
    for i, raw in enumerate(check.items(doc.get("groups"), "groups")):
        at = f"groups[{i}]"
        g = check.obj(raw, at)
        group = {
            "id": check.ident(g.get("id"), f"{at}.id", seen),
            "step_id": check.ref(g.get("step_id"), f"{at}.step_id", steps),
            "position": check.number(g.get("position"), f"{at}.position"),
            "name": check.text(g.get("name"), f"{at}.name", 80),
            "chair_id": check.ref(g.get("chair_id"), f"{at}.chair_id", people, null=True),
            "hidden": check.flag(g.get("hidden"), f"{at}.hidden"),
            "timer": check.timer(g.get("timer"), f"{at}.timer"),
            "members": [
                check.ref(m, f"{at}.members[{j}]", people)
                for j, m in enumerate(check.items(g.get("members"), f"{at}.members"))
            ],
        }
        for member in group["members"]:  # one group per participant per step
            if (group["step_id"], member) in placed:
                raise check.invalid(f"{at}.members")
            placed.add((group["step_id"], member))
        groups.append(group)
    return groups


def _themes(doc: dict, steps: dict, groups: dict) -> list[dict]:
    seen: set = set()
    themes = []
    for i, raw in enumerate(check.items(doc.get("themes"), "themes")):
        at = f"themes[{i}]"
        t = check.obj(raw, at)
        theme = {
            "id": check.ident(t.get("id"), f"{at}.id", seen),
            "step_id": check.ref(t.get("step_id"), f"{at}.step_id", steps),
            "group_id": check.ref(t.get("group_id"), f"{at}.group_id", groups, null=True),
            "title": check.text(t.get("title"), f"{at}.title"),
            "description": check.text(t.get("description"), f"{at}.description", 2000),
            "position": check.number(t.get("position"), f"{at}.position"),
        }
        if (
            theme["group_id"] is not None
            and groups[theme["group_id"]]["step_id"] != theme["step_id"]
        ):
            raise check.invalid(f"{at}.group_id")
        themes.append(theme)
    return themes


def _note(raw, at: str, steps: dict, people: set, themes: dict, groups: dict, seen: set) -> dict:
    n = check.obj(raw, at)
    step_id = check.ref(n.get("step_id"), f"{at}.step_id", steps)
    definition = steps[step_id]["definition"]
    text, fields = check.note_payload(definition, n, at)
    note = {
        "id": check.ident(n.get("id"), f"{at}.id", seen),
        "op_id": check.op_id(n.get("op_id"), f"{at}.op_id"),
        "step_id": step_id,
        "prompt_id": check.choice(
            n.get("prompt_id"), f"{at}.prompt_id", [p["id"] for p in definition["prompts"]]
        ),
        "text": text,
        "fields": fields,
        "participant_id": check.ref(
            n.get("participant_id"), f"{at}.participant_id", people, null=True
        ),
        "by_facilitator": check.number(n.get("facilitator_id"), f"{at}.facilitator_id", null=True)
        is not None,
        "author_name": check.text(n.get("author_name"), f"{at}.author_name", 120, null=True),
        "version": check.number(n.get("version"), f"{at}.version", low=1),
        "theme_id": check.ref(n.get("theme_id"), f"{at}.theme_id", themes, null=True),
        "group_id": check.ref(n.get("group_id"), f"{at}.group_id", groups, null=True),
        "group_label": check.text(n.get("group_label"), f"{at}.group_label", 80, null=True),
        "moderated": check.flag(n.get("moderated"), f"{at}.moderated"),
        "excluded": check.flag(n.get("excluded", False), f"{at}.excluded"),
        "created_at": check.moment(n.get("created_at"), f"{at}.created_at"),
        "updated_at": check.moment(n.get("updated_at"), f"{at}.updated_at"),
    }
    if note["theme_id"] is not None and themes[note["theme_id"]]["step_id"] != step_id:
        raise check.invalid(f"{at}.theme_id")
    if note["group_id"] is not None and groups[note["group_id"]]["step_id"] != step_id:
        raise check.invalid(f"{at}.group_id")
    return note


def checked(doc, library) -> dict:
    """The export, fully checked and normalised; raises AppError at the first problem."""
    check.header(doc)
    result = {
        "workshop": _workshop(doc.get("workshop")),
        "series": check.series(doc.get("series")),
    }
    seen: set = set()
    steps = {}
    for i, raw in enumerate(check.items(doc.get("steps"), "steps")):
        step_id = check.ident(check.obj(raw, f"steps[{i}]").get("id"), f"steps[{i}].id", seen)
        steps[step_id] = check.step(raw, f"steps[{i}]", library)
        steps[step_id]["excluded_prompts"] = _excluded_prompts(
            raw, f"steps[{i}]", steps[step_id]["definition"]
        )
    check.ref(result["workshop"]["current_step_id"], "workshop.current_step_id", steps, null=True)
    participants = _participants(doc)
    people = {p["id"] for p in participants}
    groups = {g["id"]: g for g in _groups(doc, steps, people)}
    themes = {t["id"]: t for t in _themes(doc, steps, groups)}
    seen = set()
    notes = [
        _note(raw, f"notes[{i}]", steps, people, themes, groups, seen)
        for i, raw in enumerate(check.items(doc.get("notes"), "notes"))
    ]
    note_steps = {n["id"]: n["step_id"] for n in notes}
    votes = []
    for i, raw in enumerate(check.items(doc.get("votes"), "votes")):
        v = check.obj(raw, f"votes[{i}]")
        votes.append(
            {
                "note_id": check.ref(v.get("note_id"), f"votes[{i}].note_id", note_steps),
                "participant_id": check.ref(
                    v.get("participant_id"), f"votes[{i}].participant_id", people
                ),
                "round": check.number(v.get("round"), f"votes[{i}].round", low=1),
            }
        )
    done: list = []
    for i, raw in enumerate(check.items(doc.get("done"), "done")):
        d = check.obj(raw, f"done[{i}]")
        key = (
            check.ref(d.get("step_id"), f"done[{i}].step_id", steps),
            check.ref(d.get("participant_id"), f"done[{i}].participant_id", people),
        )
        if key in done:
            raise check.invalid(f"done[{i}]")
        done.append(key)
    result.update(
        steps=steps,
        participants=participants,
        groups=groups,
        themes=themes,
        notes=notes,
        votes=votes,
        done=done,
    )
    return result
