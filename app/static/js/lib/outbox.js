// Changes not yet acknowledged by the server, kept in localStorage so that a reload, a lost
// network or a server restart loses none of them. Each entry is resent with the same op_id
// until the server answers; the server stores each op_id once.
import { WAITS_OFFLINE } from "./events.js";

// Only content waits here for the network: notes, and the shared vision statement (its edits
// carry a version, so a late one is a conflict, never an overwrite). Everything else — a step
// move, the timer, voting, hiding, locking, groups, themes, a vote — is sent at once or refused
// (connection.js): replayed minutes later, it would act on a room that has moved on.
// The list is the protocol table's "offline" column (app/protocol.py).
export function waitsForNetwork(event) {
  return WAITS_OFFLINE.has(event);
}

export class Outbox {
  constructor(key) {
    this.key = key;
    // A page from an older version may have left steering commands here: drop them unsent.
    const stored = this.#stored();
    if (stored.length !== this.entries().length) this.#write(this.entries());
  }

  entries() {
    return this.#stored().filter((entry) => waitsForNetwork(entry?.event) && entry.payload);
  }

  #stored() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
    }
  }

  #write(entries) {
    try {
      localStorage.setItem(this.key, JSON.stringify(entries));
    } catch {
      // Storage full: the entries stay filtered when read.
    }
  }

  put(event, payload) {
    const entries = this.entries().filter((entry) => entry.payload.op_id !== payload.op_id);
    entries.push({ event, payload });
    localStorage.setItem(this.key, JSON.stringify(entries));
  }

  remove(opId) {
    const entries = this.entries().filter((entry) => entry.payload.op_id !== opId);
    localStorage.setItem(this.key, JSON.stringify(entries));
  }
}

export function newOpId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
