"""Socket events for steering the room. Unless a docstring says otherwise an event is sent by a
facilitator of the workshop and its broadcast reaches everyone in the workshop; a chair may
steer the timer and hide/reveal of their own group (the broadcast then reaches that group and
the facilitators)."""

from functools import partial

from ..core import membership
from ..protocol import Client
from ..realtime import broadcast, current_viewer, handler
from . import curation, groups, moderation, steps, suggestions, themes, timer, voting
from .done import mark_done


def _on(name: str, action, doc: str) -> None:
    def run(payload: dict):
        return action(current_viewer(), payload)

    run.__doc__ = doc
    run.__name__ = name.replace(".", "_")
    handler(name)(run)


_on(Client.STEP_GOTO, steps.goto, "Move the workshop's current step. Broadcast: workshop.step.")
_on(Client.WORKSHOP_FOLLOW, steps.follow, "Turn 'follow me' on or off. Broadcast: workshop.follow.")
_on(Client.STEP_LOCK, steps.lock, "Lock or unlock a step. Broadcast: step.state.")
_on(
    Client.STEP_CLUSTER,
    steps.allow_clustering,
    "Let participants cluster notes into themes on a step, or stop it. Broadcast: step.state.",
)
_on(
    Client.STEP_OPEN_UNTIL,
    steps.open_until,
    "Keep a wall or pre-task open until a moment. Broadcast: step.state.",
)
_on(
    Client.STEP_HIDE,
    partial(steps.set_hidden, hidden=True),
    "Start private brainstorming (facilitator; chair for a group). Broadcast: step.hidden.",
)
_on(
    Client.STEP_REVEAL,
    partial(steps.set_hidden, hidden=False),
    "Reveal all notes at once (facilitator; chair for a group). Broadcast: step.revealed.",
)
_on(
    Client.WORKSHOP_CLOSE,
    partial(steps.set_status, status="closed"),
    "Close the workshop: the join code stops working. Broadcast: workshop.status.",
)
_on(
    Client.WORKSHOP_REOPEN,
    partial(steps.set_status, status="open"),
    "Reopen a closed workshop. Broadcast: workshop.status.",
)
_TIMER_ACTIONS = {
    Client.TIMER_START: "start",
    Client.TIMER_PAUSE: "pause",
    Client.TIMER_RESUME: "resume",
    Client.TIMER_ADD: "add",
    Client.TIMER_STOP: "stop",
}
for _name, _action in _TIMER_ACTIONS.items():
    _on(
        _name,
        partial(timer.control, action=_action),
        f"Timer {_action} (facilitator; chair for a group). Broadcast: timer.changed.",
    )
_on(Client.VOTING_OPEN, voting.open_round, "Open a voting round. Broadcast: voting.changed.")
_on(
    Client.VOTING_CLOSE,
    voting.close_round,
    "Close the round; the broadcast carries the tallies. Broadcast: voting.changed.",
)
_on(
    Client.VOTE_ADD,
    partial(voting.vote, add=True),
    "A participant spends one vote. Broadcast: vote.changed (facilitators only while tallies "
    "are hidden).",
)
_on(
    Client.VOTE_REMOVE,
    partial(voting.vote, add=False),
    "A participant takes one vote back. Broadcast: vote.changed.",
)
_on(
    Client.THEME_CREATE,
    themes.create,
    "Create a theme (facilitator; participants where clustering is open). Broadcast: "
    "theme.created.",
)
_on(Client.THEME_UPDATE, themes.update, "Rename or describe a theme. Broadcast: theme.updated.")
_on(Client.THEME_REORDER, themes.reorder, "Reorder a step's themes. Broadcast: themes.reordered.")
_on(Client.THEME_DELETE, themes.delete, "Delete a theme; its notes stay. Broadcast: theme.deleted.")
_on(
    Client.NOTE_THEME,
    themes.assign,
    "Put a note into a theme or out of any (facilitator; participants where clustering is "
    "open). Broadcast: note.edited.",
)
_on(
    Client.THEMES_SUGGEST,
    suggestions.suggestions,
    "Candidate themes, a proposed theme for each note in none, and likely duplicates, computed "
    "on the server (facilitator). Nothing is broadcast.",
)
_on(
    Client.NOTE_HIDE,
    moderation.hide,
    "Hide a note from participants, or show it again. Broadcast: note.deleted + note.added.",
)
_on(
    Client.NOTE_MOVE,
    moderation.move,
    "Move a note to another question or step. Broadcast: note.deleted + note.added.",
)
_on(
    Client.NOTE_MERGE,
    moderation.merge,
    "Merge a note into another. Broadcast: note.deleted + note.edited.",
)
_on(
    Client.NOTE_EXCLUDE,
    curation.exclude_note,
    "Leave a note out of the documents, or take it back in; it stays on the board. Broadcast: "
    "note.edited.",
)
_on(
    Client.PROMPT_EXCLUDE,
    curation.exclude_prompt,
    "Leave a step's question out of the documents, or take it back in. Broadcast: step.excluded.",
)


def _remove_participant(viewer, payload: dict):
    result, events = moderation.remove_participant(viewer, payload)
    # Committed: everyone (the removed too) learns of it first, then their sockets close.
    broadcast(events)
    membership.end(viewer.workshop_id, participant_ids=result["participant_ids"])
    return result, []


_on(
    Client.PARTICIPANT_REMOVE,
    _remove_participant,
    "Remove a participant from the workshop. Broadcast: participant.removed.",
)
_on(
    Client.GROUPS_CREATE,
    groups.create,
    "Split a step into small groups, at random or by choice. Broadcast: groups.changed.",
)
_on(
    Client.GROUP_JOIN,
    groups.join,
    "A participant chooses their group; the ack carries the group's notes. Broadcast: "
    "groups.changed.",
)
_on(
    Client.GROUP_CHAIR,
    groups.set_chair,
    "Name a group's chair (facilitator), or volunteer as chair (member of a chairless group). "
    "Broadcast: groups.changed.",
)
_on(
    Client.GROUPS_DEBRIEF,
    groups.debrief,
    "Bring the groups' notes into the plenary, labelled. Broadcast: notes.debriefed.",
)
_on(
    Client.GROUPS_RENAME,
    groups.rename,
    "Rename a small group. Broadcast: groups.changed.",
)
_on(
    Client.GROUPS_END,
    groups.end,
    "End a step's small groups: their notes stay, in the plenary, labelled with their group. "
    "Broadcast: notes.debriefed, note.edited (notes not everyone sees), theme.updated (the "
    "groups' themes), groups.changed.",
)
_on(
    Client.STEP_DONE,
    mark_done,
    "A participant marks themselves done (or not) with a step. Broadcast: step.done.",
)
