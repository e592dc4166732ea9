// Every Socket.IO event name of the protocol, once (mirrors docs/protocol.md and the server's
// handler registry).
export const CLIENT_EVENTS = Object.freeze({
  JOIN: "join",
  RESYNC: "resync",
  NOTE_ADD: "note.add",
  NOTE_EDIT: "note.edit",
  NOTE_DELETE: "note.delete",
  GROUPS_RENAME: "groups.rename",
  GROUPS_END: "groups.end",
});

export const SERVER_EVENT = "event";

export const EVENT_TYPES = Object.freeze({
  NOTE_ADDED: "note.added",
  NOTE_EDITED: "note.edited",
  NOTE_DELETED: "note.deleted",
  HIDDEN: "hidden",
});
