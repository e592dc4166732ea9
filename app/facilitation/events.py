"""Socket events for steering the room. Unless a docstring says otherwise an event is sent by a
facilitator of the workshop and its broadcast reaches everyone in the workshop; a chair may
steer the timer and hide/reveal of their own group (the broadcast then reaches that group and
the facilitators)."""

from functools import partial

from ..realtime import broadcast, current_viewer, handler
from . import curation, groups, membership, moderation, steps, themes, timer, voting
from .done import mark_done


def _on(name: str, action, doc: str) -> None:
    def run(payload: dict):
        return action(current_viewer(), payload)

    run.__doc__ = doc
    run.__name__ = name.replace(".", "_")
    handler(name)(run)


_on("step.goto", steps.goto, "Move the workshop's current step. Broadcast: workshop.step.")
_on("workshop.follow", steps.follow, "Turn 'follow me' on or off. Broadcast: workshop.follow.")
_on("step.lock", steps.lock, "Lock or unlock a step. Broadcast: step.state.")
_on(
    "step.cluster",
    steps.allow_clustering,
    "Let participants cluster notes into themes on a step, or stop it. Broadcast: step.state.",
)
_on(
    "step.open_until",
    steps.open_until,
    "Keep a wall or pre-task open until a moment. Broadcast: step.state.",
)
_on(
    "step.hide",
    partial(steps.set_hidden, hidden=True),
    "Start private brainstorming (facilitator; chair for a group). Broadcast: step.hidden.",
)
_on(
    "step.reveal",
    partial(steps.set_hidden, hidden=False),
    "Reveal all notes at once (facilitator; chair for a group). Broadcast: step.revealed.",
)
_on(
    "workshop.close",
    partial(steps.set_status, status="closed"),
    "Close the workshop: the join code stops working. Broadcast: workshop.status.",
)
_on(
    "workshop.reopen",
    partial(steps.set_status, status="open"),
    "Reopen a closed workshop. Broadcast: workshop.status.",
)
for _action in timer.ACTIONS:
    _on(
        f"timer.{_action}",
        partial(timer.control, action=_action),
        f"Timer {_action} (facilitator; chair for a group). Broadcast: timer.changed.",
    )
_on("voting.open", voting.open_round, "Open a voting round. Broadcast: voting.changed.")
_on(
    "voting.close",
    voting.close_round,
    "Close the round; the broadcast carries the tallies. Broadcast: voting.changed.",
)
_on(
    "vote.add",
    partial(voting.vote, add=True),
    "A participant spends one vote. Broadcast: vote.changed (facilitators only while tallies "
    "are hidden).",
)
_on(
    "vote.remove",
    partial(voting.vote, add=False),
    "A participant takes one vote back. Broadcast: vote.changed.",
)
_on(
    "theme.create",
    themes.create,
    "Create a theme (facilitator; participants where clustering is open). Broadcast: "
    "theme.created.",
)
_on("theme.update", themes.update, "Rename or describe a theme. Broadcast: theme.updated.")
_on("theme.reorder", themes.reorder, "Reorder a step's themes. Broadcast: themes.reordered.")
_on("theme.delete", themes.delete, "Delete a theme; its notes stay. Broadcast: theme.deleted.")
_on(
    "note.theme",
    themes.assign,
    "Put a note into a theme or out of any (facilitator; participants where clustering is "
    "open). Broadcast: note.edited.",
)
_on(
    "note.hide",
    moderation.hide,
    "Hide a note from participants, or show it again. Broadcast: note.deleted + note.added.",
)
_on(
    "note.move",
    moderation.move,
    "Move a note to another question or step. Broadcast: note.deleted + note.added.",
)
_on(
    "note.merge",
    moderation.merge,
    "Merge a note into another. Broadcast: note.deleted + note.edited.",
)
_on(
    "note.exclude",
    curation.exclude_note,
    "Leave a note out of the documents, or take it back in; it stays on the board. Broadcast: "
    "note.edited.",
)
_on(
    "prompt.exclude",
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
    "participant.remove",
    _remove_participant,
    "Remove a participant from the workshop. Broadcast: participant.removed.",
)
_on(
    "groups.create",
    groups.create,
    "Split a step into small groups, at random or by choice. Broadcast: groups.changed.",
)
_on(
    "group.join",
    groups.join,
    "A participant chooses their group; the ack carries the group's notes. Broadcast: "
    "groups.changed.",
)
_on(
    "group.chair",
    groups.set_chair,
    "Name a group's chair (facilitator), or volunteer as chair (member of a chairless group). "
    "Broadcast: groups.changed.",
)
_on(
    "groups.debrief",
    groups.debrief,
    "Bring the groups' notes into the plenary, labelled. Broadcast: notes.debriefed.",
)
_on(
    "groups.rename",
    groups.rename,
    "Rename a small group. Broadcast: groups.changed.",
)
_on(
    "groups.end",
    groups.end,
    "End a step's small groups: their notes stay, in the plenary, labelled with their group. "
    "Broadcast: notes.debriefed, note.edited (notes not everyone sees), theme.updated (the "
    "groups' themes), groups.changed.",
)
_on(
    "step.done",
    mark_done,
    "A participant marks themselves done (or not) with a step. Broadcast: step.done.",
)
