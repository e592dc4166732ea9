"""Every client → server socket event's payload, declared once: ``SOCKET_PAYLOADS`` maps the
event's name to its pydantic model (``app/validation.py`` has the field types and ``parse``).
The handlers' service functions read their payload with ``parse(Model, payload)``; fields a
model does not know are ignored."""

from pydantic import BaseModel

from .facilitation import payloads as steering
from .notes import payloads as notes
from .workshops import payloads as workshops

SOCKET_PAYLOADS: dict[str, type[BaseModel]] = {
    # Joining and catching up. A ``join`` with ``workshop_id`` is a workshops.FacilitatorJoin.
    "join": workshops.Join,
    "resync": workshops.Resync,
    # Notes and the vision statement.
    "note.add": notes.NoteAdd,
    "note.edit": notes.NoteEdit,
    "note.delete": notes.NoteDelete,
    "vision.edit": workshops.VisionEdit,
    # Steering the room.
    "step.goto": steering.Steer,
    "workshop.follow": steering.Follow,
    "step.lock": steering.StepLock,
    "step.cluster": steering.StepCluster,
    "step.open_until": steering.StepOpenUntil,
    "step.hide": steering.SteerGroup,
    "step.reveal": steering.SteerGroup,
    "workshop.close": steering.Steer,
    "workshop.reopen": steering.Steer,
    "timer.start": steering.TimerSeconds,
    "timer.pause": steering.SteerGroup,
    "timer.resume": steering.SteerGroup,
    "timer.add": steering.TimerSeconds,
    "timer.stop": steering.SteerGroup,
    "voting.open": steering.VotingOpen,
    "voting.close": steering.Steer,
    "vote.add": steering.VoteChange,
    "vote.remove": steering.VoteChange,
    "theme.create": steering.ThemeCreate,
    "theme.update": steering.ThemeUpdate,
    "theme.reorder": steering.ThemeReorder,
    "theme.delete": steering.ThemeDelete,
    "note.theme": steering.NoteTheme,
    "note.hide": steering.NoteHide,
    "note.move": steering.NoteMove,
    "note.merge": steering.NoteMerge,
    "note.exclude": steering.NoteExclude,
    "prompt.exclude": steering.PromptExclude,
    "participant.remove": steering.ParticipantRemove,
    "participants.duplicates": steering.Nothing,
    "groups.create": steering.GroupsCreate,
    "group.join": steering.GroupJoin,
    "group.chair": steering.GroupChair,
    "groups.debrief": steering.Steer,
    "groups.rename": steering.GroupRename,
    "groups.end": steering.Steer,
    "step.done": steering.StepDone,
}
