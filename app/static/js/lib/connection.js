// The live connection: join, acknowledgements with time-outs, the outbox, and a gapless,
// in-order stream of events (resyncing whenever a gap does not close by itself). After a
// reconnect it joins with the last seq it applied and gets only the events it missed.
import { io } from "../../vendor/socket.io/socket.io.esm.min.js";
import { CLIENT_EVENTS, EVENT_TYPES, SERVER_EVENT } from "./events.js";
import { Outbox, waitsForNetwork } from "./outbox.js";

const ACK_TIMEOUT_MS = 10000;
const GAP_WAIT_MS = 800;
const RETRY_MS = 4000;
// The server's disk is full: nothing can be saved until someone frees space, so try again
// seldom rather than every few seconds.
const STORAGE_FULL_RETRY_MS = 60000;
// Refusals worth retrying later; every other refusal is final for that change.
const TRANSIENT = new Set(["too_fast", "server_error", "not_joined"]);

export class Connection extends EventTarget {
  // strings: the page's words for a command refused here (offline_refused, no_answer).
  constructor({ joinPayload, outboxKey, strings = {} }) {
    super();
    this.joinPayload = joinPayload;
    this.strings = strings;
    this.outbox = new Outbox(outboxKey);
    this.seq = 0;
    this.loaded = false; // a snapshot has been applied: later joins can catch up from this.seq
    this.joined = false;
    this.pending = new Map(); // seq -> event received ahead of order
    this.inflight = new Set();
    this.gapTimer = null;
    this.retryTimer = null;
  }

  start() {
    this.socket = io({ reconnectionDelayMax: 5000 });
    this.socket.on("connect", () => this.#join());
    this.socket.on("disconnect", (reason) => {
      this.joined = false;
      this.inflight.clear();
      this.#emitLocal("status", { connected: false });
      // Socket.IO does not reconnect by itself after the server ended the connection (a
      // removal, a revoked login, a socket cut off for not reading): join again, so that the
      // server's answer says why (joinfailed: "removed"), or the board catches up.
      if (reason === "io server disconnect") setTimeout(() => this.socket.connect(), 1000);
    });
    this.socket.on("connect_error", () => this.#emitLocal("status", { connected: false }));
    this.socket.on(SERVER_EVENT, (event) => this.#receive(event));
    // A socket can look open for a long while after the network went away: drop it at once, so
    // that new notes wait in the outbox visibly, and reconnect as soon as the network is back.
    window.addEventListener("offline", () => this.socket.disconnect());
    window.addEventListener("online", () => { if (!this.socket.connected) this.socket.connect(); });
    if (!navigator.onLine) this.#emitLocal("status", { connected: false });
  }

  // Queue a change; resolves with the acknowledgement, rejects with the server's refusal.
  // Only content is queued (outbox.js); any other command is sent now or not at all.
  send(event, payload) {
    if (!waitsForNetwork(event)) return this.#sendNow(event, payload);
    this.outbox.put(event, payload);
    return new Promise((resolve, reject) => {
      const settle = (e) => {
        if (e.detail.payload.op_id !== payload.op_id) return;
        this.removeEventListener("acked", settle);
        this.removeEventListener("refused", settle);
        if (e.type === "acked") resolve(e.detail.ack);
        else reject(e.detail.error);
      };
      this.addEventListener("acked", settle);
      this.addEventListener("refused", settle);
      this.#flush();
    });
  }

  // A steering command (or a vote) made without a connection is refused at once, visibly, by
  // its caller, and never sent later; one that gets no answer is not sent again either.
  async #sendNow(event, payload) {
    if (!this.joined) throw { code: "offline", message: this.strings.offline_refused || "offline" };
    const ack = await this.#call(event, payload);
    if (ack.ok) return ack;
    if (ack.error.code === "timeout") throw { code: "timeout", message: this.strings.no_answer || "timeout" };
    throw ack.error;
  }

  pendingEntries() {
    return this.outbox.entries();
  }

  #emitLocal(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #call(event, payload) {
    return new Promise((resolve) => {
      this.socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, (err, ack) => {
        if (err) resolve({ ok: false, error: { code: "timeout", message: "timeout" } });
        else resolve(ack || { ok: false, error: { code: "server_error", message: "" } });
      });
    });
  }

  async #join() {
    const payload = this.joinPayload();
    if (this.loaded) payload.since = this.seq;
    const ack = await this.#call(CLIENT_EVENTS.JOIN, payload);
    if (!ack.ok) {
      if (ack.error.code === "timeout") {
        this.socket.disconnect().connect();
        return;
      }
      this.#emitLocal("joinfailed", ack.error);
      return;
    }
    this.joined = true;
    if (ack.workshop) this.#applySnapshot(ack.workshop, ack.seq, ack);
    else this.#catchUp(ack.events);
    this.#emitLocal("status", { connected: true });
    this.#flush();
  }

  #applySnapshot(snapshot, seq, ack = null) {
    this.seq = seq;
    this.loaded = true;
    for (const key of [...this.pending.keys()]) if (key <= seq) this.pending.delete(key);
    this.#emitLocal("snapshot", { snapshot, ack });
    this.#drain();
  }

  #receive(event) {
    if (!event || typeof event.seq !== "number" || event.seq <= this.seq) return;
    const known = this.pending.get(event.seq);
    // The real event wins over the placeholder sent to the whole room for the same seq. The
    // server sends the event to those who may see it before the placeholder, and a placeholder
    // names no one, so a placeholder that comes first is all this client gets for that seq.
    if (!known || known.type === EVENT_TYPES.HIDDEN) this.pending.set(event.seq, event);
    if (this.joined) this.#drain();
  }

  #drain() {
    for (;;) {
      const next = this.pending.get(this.seq + 1);
      if (!next) break;
      this.pending.delete(next.seq);
      this.seq = next.seq;
      if (next.type !== EVENT_TYPES.HIDDEN) this.#emitLocal("change", next);
    }
    clearTimeout(this.gapTimer);
    if (this.pending.size) this.gapTimer = setTimeout(() => this.resync(), GAP_WAIT_MS);
  }

  async resync() {
    if (!this.joined) return;
    const ack = await this.#call(CLIENT_EVENTS.RESYNC, { since: this.seq });
    if (!ack.ok) return this.#retryLater(ack, () => this.resync());
    if (ack.snapshot) this.#applySnapshot(ack.snapshot, ack.seq);
    else this.#catchUp(ack.events);
  }

  // Ask for the whole state again (far behind the server answers resync with a snapshot).
  async refresh() {
    if (!this.joined || this.refreshing) return;
    this.refreshing = true;
    const ack = await this.#call(CLIENT_EVENTS.RESYNC, { since: 0 });
    this.refreshing = false;
    if (!ack.ok) return this.#retryLater(ack, () => this.refresh());
    if (ack.snapshot) this.#applySnapshot(ack.snapshot, ack.seq);
  }

  // A snapshot refused over the server's snapshot budget comes again when it says it fits.
  #retryLater(ack, again) {
    const after = ack.error && ack.error.code === "too_fast" ? ack.error.retry_after : null;
    if (typeof after === "number") setTimeout(again, Math.max(1, after) * 1000);
  }

  #catchUp(events) {
    for (const event of events) {
      if (event.seq > this.seq) this.pending.set(event.seq, event);
    }
    this.#drain();
  }

  #flush() {
    if (!this.joined) return;
    for (const { event, payload } of this.outbox.entries()) {
      if (this.inflight.has(payload.op_id)) continue;
      this.inflight.add(payload.op_id);
      this.#call(event, payload).then((ack) => this.#settle(event, payload, ack));
    }
  }

  #settle(event, payload, ack) {
    this.inflight.delete(payload.op_id);
    if (ack.ok) {
      this.outbox.remove(payload.op_id);
      this.#emitLocal("acked", { event, payload, ack });
      return;
    }
    if (ack.error.code === "storage_full") {
      // Kept in the outbox (shown as waiting) and sent again later; the sender learns why now.
      this.#emitLocal("refused", { event, payload, error: ack.error, kept: true });
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.#flush(), STORAGE_FULL_RETRY_MS);
      return;
    }
    if (ack.error.code === "timeout" || TRANSIENT.has(ack.error.code)) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.#flush(), RETRY_MS);
      return;
    }
    this.outbox.remove(payload.op_id);
    this.#emitLocal("refused", { event, payload, error: ack.error });
  }
}
