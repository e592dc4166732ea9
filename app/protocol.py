"""The live protocol, written once: every client -> server event and every broadcast type, with
who may send it, its payload, what it broadcasts and who receives that. The handler registry
(``app.realtime.handler`` refuses a name not listed here), the browser's constants
(``app/static/js/lib/events.js``) and the tables of ``docs/protocol.md`` all come from this
table. After changing it, regenerate both files with::

    python -m app.protocol

This module imports nothing from the app, so that anything may import it."""

import re
import sys
from dataclasses import dataclass
from pathlib import Path

# Who may send an event.
PARTICIPANT = "participant"
FACILITATOR = "facilitator"  # the workshop's owner or a co-facilitator
CHAIR = "chair"  # a participant named chair of a small group, for their own group
PRESENTER = "presenter"  # a facilitator's presenter screen: reads, changes nothing


class Client:
    """The name of every client -> server event."""

    JOIN = "join"
    NOTE_ADD = "note.add"
    NOTE_EDIT = "note.edit"
    NOTE_DELETE = "note.delete"
    RESYNC = "resync"
    STEP_GOTO = "step.goto"
    WORKSHOP_FOLLOW = "workshop.follow"
    STEP_LOCK = "step.lock"
    STEP_CLUSTER = "step.cluster"
    STEP_OPEN_UNTIL = "step.open_until"
    STEP_HIDE = "step.hide"
    STEP_REVEAL = "step.reveal"
    WORKSHOP_CLOSE = "workshop.close"
    WORKSHOP_REOPEN = "workshop.reopen"
    TIMER_START = "timer.start"
    TIMER_PAUSE = "timer.pause"
    TIMER_RESUME = "timer.resume"
    TIMER_STOP = "timer.stop"
    TIMER_ADD = "timer.add"
    VOTING_OPEN = "voting.open"
    VOTING_CLOSE = "voting.close"
    VOTE_ADD = "vote.add"
    VOTE_REMOVE = "vote.remove"
    THEME_CREATE = "theme.create"
    THEME_UPDATE = "theme.update"
    THEME_REORDER = "theme.reorder"
    THEME_DELETE = "theme.delete"
    NOTE_THEME = "note.theme"
    THEMES_SUGGEST = "themes.suggest"
    NOTE_HIDE = "note.hide"
    NOTE_MOVE = "note.move"
    NOTE_MERGE = "note.merge"
    NOTE_EXCLUDE = "note.exclude"
    PROMPT_EXCLUDE = "prompt.exclude"
    PARTICIPANT_REMOVE = "participant.remove"
    PARTICIPANTS_DUPLICATES = "participants.duplicates"
    GROUPS_CREATE = "groups.create"
    GROUP_JOIN = "group.join"
    GROUP_CHAIR = "group.chair"
    GROUPS_DEBRIEF = "groups.debrief"
    GROUPS_RENAME = "groups.rename"
    GROUPS_END = "groups.end"
    STEP_DONE = "step.done"
    VISION_EDIT = "vision.edit"


class Broadcast:
    """The ``type`` of every event the server broadcasts (``{"seq", "type", "data"}``)."""

    NOTE_ADDED = "note.added"
    NOTE_EDITED = "note.edited"
    NOTE_DELETED = "note.deleted"
    WORKSHOP_STEP = "workshop.step"
    WORKSHOP_FOLLOW = "workshop.follow"
    WORKSHOP_STATUS = "workshop.status"
    STEP_STATE = "step.state"
    STEP_HIDDEN = "step.hidden"
    STEP_REVEALED = "step.revealed"
    TIMER_CHANGED = "timer.changed"
    VOTING_CHANGED = "voting.changed"
    VOTE_CHANGED = "vote.changed"
    THEME_CREATED = "theme.created"
    THEME_UPDATED = "theme.updated"
    THEMES_REORDERED = "themes.reordered"
    THEME_DELETED = "theme.deleted"
    STEP_EXCLUDED = "step.excluded"
    PARTICIPANT_REMOVED = "participant.removed"
    GROUPS_CHANGED = "groups.changed"
    NOTES_DEBRIEFED = "notes.debriefed"
    STEP_DONE = "step.done"
    VISION_CHANGED = "vision.changed"
    WORKSHOP_DOCUMENTS = "workshop.documents"
    HIDDEN = "hidden"


class Server:
    """The Socket.IO events the server sends on its own."""

    EVENT = "event"  # every broadcast: {"seq", "type", "data"}
    PRESENCE = "presence"  # who is connected, to the facilitators


@dataclass(frozen=True)
class ClientEvent:
    """One client -> server event. ``payload`` describes its fields as the protocol document
    writes them (``"name"?`` is optional); ``broadcasts`` are the types it may broadcast, and
    ``broadcast_note`` says more about them where the names alone do not."""

    name: str
    sent_by: tuple[str, ...]
    payload: str
    broadcasts: tuple[str, ...] = ()
    broadcast_note: str = ""
    # Content that waits in the browser's outbox while offline and is sent on reconnecting;
    # every other event is refused offline (a steering command replayed later would act on a
    # room that has moved on).
    waits_offline: bool = False
    # The payload's declared model, "<package>.<class>" in app/<package>/payloads.py (resolved
    # by app/payloads.py: this module imports nothing of the app).
    payload_model: str = ""


@dataclass(frozen=True)
class BroadcastType:
    """One broadcast type: its ``data`` and who receives it (everyone else in the workshop gets
    a ``hidden`` placeholder for the same ``seq``)."""

    name: str
    data: str
    sent_to: str


EVERYONE_OR_GROUP = "everyone (a group's: the group and the facilitators)"
STEERING = (FACILITATOR,)
TIMER = (FACILITATOR, CHAIR)
TIMER_STEP = '{"step_id", "group_id"?}'

CLIENT_EVENTS: dict[str, ClientEvent] = {
    e.name: e
    for e in (
        ClientEvent(
            Client.JOIN,
            (PARTICIPANT, FACILITATOR, PRESENTER),
            'participant: `{"join_code", "name"?, "participant_token"?, "browser_id"?, "op_id"?, '
            '"since"?}`; facilitator: `{"workshop_id", "since"?}`; presenter screen: '
            '`{"workshop_id", "presenter": true, "since"?}` — see [`join`](#join)',
            broadcast_note="— (facilitators see arrivals in `presence`)",
            payload_model="workshops.Join",
        ),
        ClientEvent(
            Client.NOTE_ADD,
            (PARTICIPANT, FACILITATOR),
            '`{"op_id": <uuid4>, "step_id", "prompt_id", "text", "fields"?}` — see '
            "[`note.add`](#noteadd)",
            (Broadcast.NOTE_ADDED,),
            waits_offline=True,
            payload_model="notes.NoteAdd",
        ),
        ClientEvent(
            Client.NOTE_EDIT,
            (PARTICIPANT, FACILITATOR),
            '`{"op_id", "note_id", "version", "text", "fields"?}` — the note\'s author or a '
            "facilitator; see [`note.edit`](#noteedit)",
            (Broadcast.NOTE_EDITED,),
            waits_offline=True,
            payload_model="notes.NoteEdit",
        ),
        ClientEvent(
            Client.NOTE_DELETE,
            (PARTICIPANT, FACILITATOR),
            '`{"op_id", "note_id"}` — the note\'s author or a facilitator; see '
            "[`note.delete`](#notedelete)",
            (Broadcast.NOTE_DELETED,),
            waits_offline=True,
            payload_model="notes.NoteDelete",
        ),
        ClientEvent(
            Client.RESYNC,
            (PARTICIPANT, FACILITATOR, PRESENTER),
            '`{"since": <seq>}` — see [`resync`](#resync)',
            broadcast_note="—",
            payload_model="workshops.Resync",
        ),
        ClientEvent(
            Client.STEP_GOTO,
            STEERING,
            '`{"step_id"}` — "move everyone": every participant\'s board goes to the step, '
            "whether or not `follow_me` is on",
            (Broadcast.WORKSHOP_STEP,),
            payload_model="facilitation.Steer",
        ),
        ClientEvent(
            Client.WORKSHOP_FOLLOW,
            STEERING,
            '`{"follow": bool}` — participants\' boards stay on the current step (their other '
            "steps cannot be chosen)",
            (Broadcast.WORKSHOP_FOLLOW,),
            payload_model="facilitation.Follow",
        ),
        ClientEvent(
            Client.STEP_LOCK,
            STEERING,
            '`{"step_id", "locked": bool}` — participants can no longer write',
            (Broadcast.STEP_STATE,),
            payload_model="facilitation.StepLock",
        ),
        ClientEvent(
            Client.STEP_CLUSTER,
            STEERING,
            '`{"step_id", "allowed": bool}` — participants may create themes and move notes '
            "into them",
            (Broadcast.STEP_STATE,),
            payload_model="facilitation.StepCluster",
        ),
        ClientEvent(
            Client.STEP_OPEN_UNTIL,
            STEERING,
            '`{"step_id", "open_until": ISO 8601 | null}` — walls and pre-tasks are writable '
            "until then",
            (Broadcast.STEP_STATE,),
            payload_model="facilitation.StepOpenUntil",
        ),
        ClientEvent(
            Client.STEP_HIDE,
            TIMER,
            '`{"step_id", "group_id"?}` — private brainstorming',
            (Broadcast.STEP_HIDDEN,),
            payload_model="facilitation.SteerGroup",
        ),
        ClientEvent(
            Client.STEP_REVEAL,
            TIMER,
            '`{"step_id", "group_id"?}`',
            (Broadcast.STEP_REVEALED,),
            payload_model="facilitation.SteerGroup",
        ),
        ClientEvent(
            Client.WORKSHOP_CLOSE,
            STEERING,
            "`{}` — a closed workshop refuses joins and changes",
            (Broadcast.WORKSHOP_STATUS,),
            payload_model="facilitation.WorkshopStatus",
        ),
        ClientEvent(
            Client.WORKSHOP_REOPEN,
            STEERING,
            "`{}`",
            (Broadcast.WORKSHOP_STATUS,),
            payload_model="facilitation.WorkshopStatus",
        ),
        ClientEvent(
            Client.TIMER_START,
            TIMER,
            '`{"step_id", "group_id"?, "seconds"}`',
            (Broadcast.TIMER_CHANGED,),
            payload_model="facilitation.TimerSeconds",
        ),
        ClientEvent(
            Client.TIMER_PAUSE,
            TIMER,
            f"`{TIMER_STEP}`",
            (Broadcast.TIMER_CHANGED,),
            payload_model="facilitation.SteerGroup",
        ),
        ClientEvent(
            Client.TIMER_RESUME,
            TIMER,
            f"`{TIMER_STEP}`",
            (Broadcast.TIMER_CHANGED,),
            payload_model="facilitation.SteerGroup",
        ),
        ClientEvent(
            Client.TIMER_STOP,
            TIMER,
            f"`{TIMER_STEP}`",
            (Broadcast.TIMER_CHANGED,),
            payload_model="facilitation.SteerGroup",
        ),
        ClientEvent(
            Client.TIMER_ADD,
            TIMER,
            '`{"step_id", "group_id"?, "seconds"}`',
            (Broadcast.TIMER_CHANGED,),
            payload_model="facilitation.TimerSeconds",
        ),
        ClientEvent(
            Client.VOTING_OPEN,
            STEERING,
            '`{"step_id", "votes_per_participant", "max_per_note"?, "show_tallies"?}`',
            (Broadcast.VOTING_CHANGED,),
            payload_model="facilitation.VotingOpen",
        ),
        ClientEvent(
            Client.VOTING_CLOSE,
            STEERING,
            '`{"step_id"}`',
            (Broadcast.VOTING_CHANGED,),
            '`voting.changed` with `"tallies": {note_id: votes}`',
            payload_model="facilitation.Steer",
        ),
        ClientEvent(
            Client.VOTE_ADD,
            (PARTICIPANT,),
            '`{"op_id", "note_id"}` — ack `{"note_id", "my_votes", "votes_left"}`',
            (Broadcast.VOTE_CHANGED,),
            payload_model="facilitation.VoteChange",
        ),
        ClientEvent(
            Client.VOTE_REMOVE,
            (PARTICIPANT,),
            '`{"op_id", "note_id"}` — ack `{"note_id", "my_votes", "votes_left"}`',
            (Broadcast.VOTE_CHANGED,),
            payload_model="facilitation.VoteChange",
        ),
        ClientEvent(
            Client.THEME_CREATE,
            (FACILITATOR, PARTICIPANT),
            '`{"op_id", "step_id", "title", "description"?, "group_id"?}` (participants where '
            "the step allows clustering)",
            (Broadcast.THEME_CREATED,),
            payload_model="facilitation.ThemeCreate",
        ),
        ClientEvent(
            Client.THEME_UPDATE,
            STEERING,
            '`{"theme_id", "title"?, "description"?}`',
            (Broadcast.THEME_UPDATED,),
            payload_model="facilitation.ThemeUpdate",
        ),
        ClientEvent(
            Client.THEME_REORDER,
            STEERING,
            '`{"step_id", "theme_ids": [...]}`',
            (Broadcast.THEMES_REORDERED,),
            payload_model="facilitation.ThemeReorder",
        ),
        ClientEvent(
            Client.THEME_DELETE,
            STEERING,
            '`{"theme_id"}` — its notes stay, unclustered',
            (Broadcast.THEME_DELETED,),
            payload_model="facilitation.ThemeDelete",
        ),
        ClientEvent(
            Client.NOTE_THEME,
            (FACILITATOR, PARTICIPANT),
            '`{"note_id", "theme_id" | null}` (participants where the step allows clustering)',
            (Broadcast.NOTE_EDITED,),
            payload_model="facilitation.NoteTheme",
        ),
        ClientEvent(
            Client.THEMES_SUGGEST,
            STEERING,
            '`{"step_id", "prompt_id"?}` — a reading: computed on the server, not stored, '
            'changes nothing; ack without `seq`: `{"candidates": [{"title", "note_ids": [...]}], '
            '"assignments": [{"note_id", "theme_id" | null, "score"}], "similar": [[note_id, '
            "...], ...]}`. Candidates: terms that recur across the notes in no theme (base "
            "forms and compound parts); assignments: every note of the step (or of the "
            "question) that is in no theme yet, with the theme it fits best or null; similar: "
            "likely duplicates. "
            "Moderated notes take no part. Accepting is ordinary `note.theme`, merging "
            "`note.merge`. One at a time per workshop: meanwhile `busy`; a failed or timed-out "
            "computation `suggest_failed`",
            broadcast_note="—",
            payload_model="facilitation.ThemesSuggest",
        ),
        ClientEvent(
            Client.NOTE_HIDE,
            STEERING,
            '`{"note_id", "hidden": bool}` — moderation',
            (Broadcast.NOTE_DELETED, Broadcast.NOTE_ADDED),
            "`note.deleted` then `note.added` (the note, `moderated: true`, to facilitators only)",
            payload_model="facilitation.NoteHide",
        ),
        ClientEvent(
            Client.NOTE_MOVE,
            STEERING,
            '`{"note_id", "step_id"?, "prompt_id"}`',
            (Broadcast.NOTE_DELETED, Broadcast.NOTE_ADDED),
            "`note.deleted` then `note.added`",
            payload_model="facilitation.NoteMove",
        ),
        ClientEvent(
            Client.NOTE_MERGE,
            STEERING,
            '`{"note_id", "into_note_id"}` — texts joined, votes kept',
            (Broadcast.NOTE_DELETED, Broadcast.NOTE_EDITED),
            "`note.deleted` then `note.edited`",
            payload_model="facilitation.NoteMerge",
        ),
        ClientEvent(
            Client.NOTE_EXCLUDE,
            STEERING,
            '`{"note_id", "excluded": bool}` — leave the note out of the documents (summary, '
            "training-plan draft) or take it back in; it stays on the board as it is (its text "
            'and `version` do not change). Works in a closed workshop too. Ack `{"note", "seq"}` '
            "(no `seq` when it already was so)",
            (Broadcast.NOTE_EDITED,),
            '`note.edited` (the note, `"excluded"` set) to whoever may see the note',
            payload_model="facilitation.NoteExclude",
        ),
        ClientEvent(
            Client.PROMPT_EXCLUDE,
            STEERING,
            '`{"step_id", "prompt_id", "excluded": bool}` — leave a question of the step, with '
            "every note under it, out of the documents, or take it back in. Works in a closed "
            'workshop too. Ack `{"step_id", "excluded_prompts", "seq"}` (no `seq` when it '
            "already was so)",
            (Broadcast.STEP_EXCLUDED,),
            "`step.excluded`; the snapshot's step carries the same `excluded_prompts`",
            payload_model="facilitation.PromptExclude",
        ),
        ClientEvent(
            Client.PARTICIPANT_REMOVE,
            STEERING,
            '`{"participant_id"}` or `{"participant_ids": [1–500 ids]}` (a browser\'s '
            "duplicates at once) — no more joins or changes; notes stay, votes go; their "
            "connections close",
            (Broadcast.PARTICIPANT_REMOVED, Broadcast.VOTE_CHANGED),
            "`participant.removed` per participant, then `vote.changed` for every note whose "
            "tally dropped",
            payload_model="facilitation.ParticipantRemove",
        ),
        ClientEvent(
            Client.PARTICIPANTS_DUPLICATES,
            STEERING,
            '`{}` — a reading: changes nothing, ack without `seq`: `{"groups": [{"kind": '
            '"browser" | "address", "count", "participants": [{"id", "name"}]}]}`: present '
            "participants who joined from the same browser (`browser_id`) or the same network "
            "address, first joiner first, at most 501 listed per group (`count` says how many "
            "in all). A network group with exactly a browser group's members is left out. No "
            "hashes or browser ids are sent",
            broadcast_note="—",
            payload_model="facilitation.Nothing",
        ),
        ClientEvent(
            Client.GROUPS_CREATE,
            STEERING,
            '`{"step_id", "count", "mode": "random" | "choose"}`',
            (Broadcast.GROUPS_CHANGED,),
            payload_model="facilitation.GroupsCreate",
        ),
        ClientEvent(
            Client.GROUP_JOIN,
            (PARTICIPANT,),
            '`{"group_id"}` — a participant chooses a group; ack carries the group\'s `notes`',
            (Broadcast.GROUPS_CHANGED,),
            payload_model="facilitation.GroupJoin",
        ),
        ClientEvent(
            Client.GROUP_CHAIR,
            (FACILITATOR, PARTICIPANT),
            '`{"group_id", "participant_id" | null}` — facilitator; or a member volunteering '
            "for a chairless group",
            (Broadcast.GROUPS_CHANGED,),
            payload_model="facilitation.GroupChair",
        ),
        ClientEvent(
            Client.GROUPS_DEBRIEF,
            STEERING,
            '`{"step_id"}` — the groups\' notes move into the plenary, each labelled with its '
            "group",
            (Broadcast.NOTES_DEBRIEFED,),
            payload_model="facilitation.Steer",
        ),
        ClientEvent(
            Client.GROUPS_RENAME,
            STEERING,
            '`{"group_id", "name"}` — 1–80 characters',
            (Broadcast.GROUPS_CHANGED,),
            payload_model="facilitation.GroupRename",
        ),
        ClientEvent(
            Client.GROUPS_END,
            STEERING,
            '`{"step_id"}` — the step\'s small groups end: every note they still hold moves '
            "into the plenary labelled with its group (`group_label`, as in the debrief), their "
            "themes become the step's, the groups and their members' places are gone; ack "
            '`{"ended", "brought"}`',
            (
                Broadcast.NOTES_DEBRIEFED,
                Broadcast.NOTE_EDITED,
                Broadcast.THEME_UPDATED,
                Broadcast.GROUPS_CHANGED,
            ),
            "`notes.debriefed` (the moved notes everyone may see, if any), `note.edited` for "
            "each moved note not everyone sees (moderated, or in private brainstorming: to "
            "those who see it), `theme.updated` per group theme, then `groups.changed` with "
            '`"groups": []`',
            payload_model="facilitation.Steer",
        ),
        ClientEvent(
            Client.STEP_DONE,
            (PARTICIPANT,),
            '`{"step_id", "done": bool}`',
            (Broadcast.STEP_DONE,),
            payload_model="facilitation.StepDone",
        ),
        ClientEvent(
            Client.VISION_EDIT,
            (PARTICIPANT, FACILITATOR),
            '`{"op_id", "step_id", "text", "version"}` — a stale `version` is a `conflict` '
            'with `error.vision`; ack `{"step_id", "vision", "seq"}`, and a resent `op_id` '
            "answers with the vision as it is now",
            (Broadcast.VISION_CHANGED,),
            waits_offline=True,
            payload_model="workshops.VisionEdit",
        ),
    )
}

BROADCAST_TYPES: dict[str, BroadcastType] = {
    b.name: b
    for b in (
        BroadcastType(Broadcast.NOTE_ADDED, '`{"note": <note>}`', "everyone who may see the note"),
        BroadcastType(Broadcast.NOTE_EDITED, '`{"note": <note>}`', "everyone who may see the note"),
        BroadcastType(
            Broadcast.NOTE_DELETED,
            '`{"note_id", "step_id"}`',
            "everyone who may see the note (from `resync`: whoever saw it until then)",
        ),
        BroadcastType(Broadcast.WORKSHOP_STEP, '`{"current_step_id"}`', "everyone"),
        BroadcastType(Broadcast.WORKSHOP_FOLLOW, '`{"follow_me", "current_step_id"}`', "everyone"),
        BroadcastType(Broadcast.WORKSHOP_STATUS, '`{"status", "closed_at"}`', "everyone"),
        BroadcastType(Broadcast.STEP_STATE, '`{"step_id", "state"}`', "everyone"),
        BroadcastType(Broadcast.STEP_HIDDEN, '`{"step_id", "group_id"}`', EVERYONE_OR_GROUP),
        BroadcastType(
            Broadcast.STEP_REVEALED,
            '`{"step_id", "group_id", "notes": [...]}`',
            EVERYONE_OR_GROUP,
        ),
        BroadcastType(
            Broadcast.TIMER_CHANGED,
            '`{"step_id", "group_id", "timer", "server_now"}`',
            EVERYONE_OR_GROUP,
        ),
        BroadcastType(
            Broadcast.VOTING_CHANGED,
            '`{"step_id", "voting", "tallies"}` — `tallies` is `null` while the round is open, '
            "`{note_id: votes}` when it closes",
            "everyone",
        ),
        BroadcastType(
            Broadcast.VOTE_CHANGED,
            '`{"note_id", "step_id", "votes", "voters"}` — `voters`: how many participants '
            "have used at least one vote in the step's round (the console's \"9/18 have "
            'voted")',
            "everyone (facilitators only while tallies are hidden)",
        ),
        BroadcastType(Broadcast.THEME_CREATED, '`{"theme"}`', "everyone"),
        BroadcastType(Broadcast.THEME_UPDATED, '`{"theme"}`', "everyone"),
        BroadcastType(Broadcast.THEMES_REORDERED, '`{"step_id", "theme_ids"}`', "everyone"),
        BroadcastType(Broadcast.THEME_DELETED, '`{"theme_id", "step_id"}`', "everyone"),
        BroadcastType(
            Broadcast.STEP_EXCLUDED,
            '`{"step_id", "excluded_prompts": [prompt ids, in the step\'s order]}`',
            "everyone",
        ),
        BroadcastType(Broadcast.PARTICIPANT_REMOVED, '`{"participant_id"}`', "everyone"),
        BroadcastType(Broadcast.GROUPS_CHANGED, '`{"step_id", "groups": [...]}`', "everyone"),
        BroadcastType(Broadcast.NOTES_DEBRIEFED, '`{"step_id", "notes": [...]}`', "everyone"),
        BroadcastType(Broadcast.STEP_DONE, '`{"step_id", "participant_id", "done"}`', "everyone"),
        BroadcastType(
            Broadcast.VISION_CHANGED,
            '`{"step_id", "vision": {"text", "version", "edited_by", "edited_at"}}` (from '
            "`resync`: the vision as it is now)",
            "everyone",
        ),
        BroadcastType(
            Broadcast.WORKSHOP_DOCUMENTS,
            '`{"held_on": "YYYY-MM-DD" | null, "time_zone", "closing_text"}` — the documents\' '
            "facts as they are now, after a facilitator saved them (the summary preview's "
            '"Yhteenvedon tiedot" form, or `PATCH /api/v1/workshops/{id}`); no client→server '
            "event sends it",
            "facilitators (everyone else: `hidden`)",
        ),
        BroadcastType(
            Broadcast.HIDDEN,
            "`{}`",
            "the whole workshop, for every event not sent to everyone, so that their `seq` "
            "stays gapless. It says nothing of the event nor of who may see it (during private "
            "brainstorming that would tell who wrote). The event itself is sent to its audience "
            "first, so a client drops a placeholder for a `seq` it already holds, and otherwise "
            "treats the placeholder as that `seq` applied",
        ),
    )
}


def names(namespace: type) -> dict[str, str]:
    """A namespace's constants in the order written: ``{"NOTE_ADD": "note.add", ...}``."""
    return {k: v for k, v in vars(namespace).items() if k.isupper()}


def _check() -> None:
    for namespace, table in ((Client, CLIENT_EVENTS), (Broadcast, BROADCAST_TYPES)):
        if set(names(namespace).values()) != set(table):
            raise RuntimeError(f"app.protocol: {namespace.__name__} and its table differ")
    for event in CLIENT_EVENTS.values():
        unknown = set(event.broadcasts) - set(BROADCAST_TYPES)
        if unknown:
            raise RuntimeError(f"app.protocol: {event.name} broadcasts unknown {unknown}")


_check()

ROOT = Path(__file__).resolve().parents[1]
JS_PATH = ROOT / "app" / "static" / "js" / "lib" / "events.js"
DOC_PATH = ROOT / "docs" / "protocol.md"
COMMAND = "python -m app.protocol"


def _js_object(name: str, namespace: type) -> str:
    body = "".join(f'  {key}: "{value}",\n' for key, value in names(namespace).items())
    return f"export const {name} = Object.freeze({{\n{body}}});\n"


def render_js() -> str:
    """The browser's constants, ``app/static/js/lib/events.js``."""
    return (
        f"// Generated from app/protocol.py by `{COMMAND}`: do not edit by hand.\n"
        "// Every Socket.IO event name of the protocol, once (docs/protocol.md).\n"
        + _js_object("CLIENT_EVENTS", Client)
        + f'\nexport const SERVER_EVENT = "{Server.EVENT}";\n\n'
        + _js_object("SERVER_EVENTS", Server)
        + "\n"
        + _js_object("EVENT_TYPES", Broadcast)
        + "\n// The events that wait in the outbox while offline; any other is refused then.\n"
        + "export const WAITS_OFFLINE = new Set(["
        + ", ".join(f'"{e.name}"' for e in CLIENT_EVENTS.values() if e.waits_offline)
        + "]);\n"
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _client_table() -> str:
    rows = [
        "| client → server | sent by | payload | broadcast | offline |",
        "|---|---|---|---|---|",
    ]
    for event in CLIENT_EVENTS.values():
        sent = event.broadcast_note or ", ".join(f"`{name}`" for name in event.broadcasts)
        who = ", ".join(event.sent_by)
        offline = "waits" if event.waits_offline else "refused"
        rows.append(
            f"| `{event.name}` | {who} | {_cell(event.payload)} | {_cell(sent)} | {offline} |"
        )
    return "\n".join(rows)


def _broadcast_table() -> str:
    rows = ["| `type` | `data` | sent to |", "|---|---|---|"]
    for kind in BROADCAST_TYPES.values():
        rows.append(f"| `{kind.name}` | {_cell(kind.data)} | {_cell(kind.sent_to)} |")
    return "\n".join(rows)


def _markers(table: str) -> tuple[str, str]:
    return (
        f"<!-- {table} table: generated by `{COMMAND}` from app/protocol.py -->",
        f"<!-- end of {table} table -->",
    )


def render_doc(doc: str) -> str:
    """``doc`` (docs/protocol.md) with its generated tables as the table says now."""
    for table, text in (
        ("client events", _client_table()),
        ("broadcast types", _broadcast_table()),
    ):
        begin, end = _markers(table)
        found = re.search(re.escape(begin) + r"\n.*?" + re.escape(end), doc, re.S)
        if found is None:
            raise RuntimeError(f"{DOC_PATH}: the markers of the {table} table are missing")
        doc = f"{doc[: found.start()]}{begin}\n{text}\n{end}{doc[found.end() :]}"
    return doc


def main() -> None:
    JS_PATH.write_text(render_js(), encoding="utf-8")
    DOC_PATH.write_text(render_doc(DOC_PATH.read_text(encoding="utf-8")), encoding="utf-8")
    sys.stdout.write(f"wrote {JS_PATH.relative_to(ROOT)} and {DOC_PATH.relative_to(ROOT)}\n")


if __name__ == "__main__":
    main()
