// Changes not yet acknowledged by the server, kept in localStorage so that a reload, a lost
// network or a server restart loses none of them. Each entry is resent with the same op_id
// until the server answers; the server stores each op_id once.

export class Outbox {
  constructor(key) {
    this.key = key;
  }

  entries() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) || "[]");
      return Array.isArray(stored) ? stored : [];
    } catch {
      return [];
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
