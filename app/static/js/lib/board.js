// The board: one step at a time, a column per guiding question, notes kept live.
import { Announcer } from "./announcer.js";
import { noteForm } from "./composer.js";
import { el, format } from "./dom.js";
import { CLIENT_EVENTS, EVENT_TYPES } from "./events.js";
import { newOpId } from "./outbox.js";

export class Board {
  constructor({ connection, strings, scope, me }) {
    this.connection = connection;
    this.strings = strings;
    this.scope = scope;
    this.me = me; // { role, participantId, facilitatorId }
    this.steps = [];
    this.notes = new Map();
    this.participants = new Map();
    this.viewedStepId = null;
    this.noteEls = new Map();
    this.editing = new Set();
    this.root = document.getElementById("board");
    this.columns = document.getElementById("columns");
    this.nav = document.getElementById("step-nav");
    this.announcer = new Announcer(document.getElementById("announcer"), strings);
    this.banner = document.getElementById("status");
    this.renderedStepId = null;
  }

  // --- state -------------------------------------------------------------------------------
  load(snapshot) {
    this.workshop = snapshot.workshop;
    this.steps = snapshot.steps;
    this.notes = new Map(snapshot.notes.map((note) => [note.id, note]));
    this.participants = new Map(snapshot.participants.map((p) => [p.id, p]));
    const remembered = Number(sessionStorage.getItem(`${this.scope}:step`));
    const known = (id) => this.steps.some((step) => step.id === id);
    if (!known(this.viewedStepId)) {
      this.viewedStepId = known(remembered) ? remembered : snapshot.workshop.current_step_id || this.steps[0]?.id;
    }
    this.root.hidden = false;
    this.render();
  }

  apply(event) {
    const { type, data } = event;
    if (type === EVENT_TYPES.NOTE_ADDED || type === EVENT_TYPES.NOTE_EDITED) {
      const fresh = !this.notes.has(data.note.id);
      this.notes.set(data.note.id, data.note);
      if (fresh && !this.isMine(data.note)) this.announcer.noteFromOthers();
      this.renderNotes(data.note.step_id);
    } else if (type === EVENT_TYPES.NOTE_DELETED) {
      this.notes.delete(data.note_id);
      this.renderNotes(data.step_id);
    } else if (type === EVENT_TYPES.PARTICIPANT_JOINED) {
      this.participants.set(data.participant.id, data.participant);
    }
  }

  isMine(note) {
    if (this.me.role === "facilitator") return note.facilitator_id === this.me.facilitatorId && !note.participant_id;
    return note.participant_id === this.me.participantId;
  }

  mayChange(note) {
    return this.me.role === "facilitator" || this.isMine(note);
  }

  step(id = this.viewedStepId) {
    return this.steps.find((step) => step.id === id);
  }

  // --- rendering ---------------------------------------------------------------------------
  render() {
    this.renderNav();
    const step = this.step();
    if (!step) return;
    if (this.renderedStepId !== step.id) this.renderStep(step);
    this.renderNotes(step.id);
  }

  renderNav() {
    const list = el("ol", { class: "step-list" });
    this.steps.forEach((step, index) => {
      const current = step.id === this.viewedStepId;
      list.append(el("li", {}, el("button", {
        type: "button", class: current ? "step-button current" : "step-button",
        "aria-current": current ? "step" : null, "data-step-id": step.id,
        onclick: () => this.show(step.id),
      }, el("span", { class: "step-number", text: `${index + 1}.` }), " ", step.title)));
    });
    this.nav.replaceChildren(el("h2", { class: "visually-hidden", text: this.strings.steps }), list);
  }

  show(stepId) {
    this.viewedStepId = stepId;
    sessionStorage.setItem(`${this.scope}:step`, String(stepId));
    this.render();
    document.getElementById("step-title").focus();
  }

  renderStep(step) {
    this.renderedStepId = step.id;
    const index = this.steps.indexOf(step);
    document.getElementById("step-position").textContent = format(this.strings.step_of, { n: index + 1, total: this.steps.length });
    const title = document.getElementById("step-title");
    title.textContent = step.title;
    title.tabIndex = -1;
    document.getElementById("step-instructions").textContent = step.instructions || "";
    this.noteEls.clear();
    this.editing.clear();
    const columns = step.prompts.map((prompt) => this.renderColumn(step, prompt));
    this.columns.replaceChildren(...columns);
  }

  renderColumn(step, prompt) {
    const headingId = `prompt-${step.id}-${prompt.id}`;
    const list = el("ul", { class: "notes", "data-prompt-id": prompt.id, "aria-labelledby": headingId });
    const { form } = noteForm({
      step, prompt, strings: this.strings, submitLabel: this.strings.post,
      draftKey: `${this.scope}:draft:${step.id}:${prompt.id}`,
      onSubmit: (value, ui) => this.addNote(step, prompt, value, ui),
    });
    const count = el("span", { class: "count", "data-count-for": prompt.id });
    return el("section", { class: "column", "data-prompt-id": prompt.id, "aria-labelledby": headingId },
      el("h3", { id: headingId }, prompt.title, " ", count),
      prompt.help ? el("p", { class: "help", text: prompt.help }) : null,
      list,
      form);
  }

  notesOf(stepId, promptId) {
    const stored = [...this.notes.values()].filter((n) => n.step_id === stepId && n.prompt_id === promptId);
    stored.sort((a, b) => a.id - b.id);
    const storedOps = new Set(stored.map((n) => n.op_id));
    const waiting = this.connection.pendingEntries()
      .filter(({ event, payload }) => event === CLIENT_EVENTS.NOTE_ADD && payload.step_id === stepId
        && payload.prompt_id === promptId && !storedOps.has(payload.op_id))
      .map(({ payload }) => ({ ...payload, pending: true, participant_id: this.me.participantId }));
    return [...stored, ...waiting];
  }

  renderNotes(stepId) {
    if (stepId !== this.renderedStepId) return;
    const step = this.step(stepId);
    for (const prompt of step.prompts) {
      const list = this.columns.querySelector(`ul.notes[data-prompt-id="${CSS.escape(prompt.id)}"]`);
      if (!list) continue;
      const notes = this.notesOf(stepId, prompt.id);
      const wanted = [];
      for (const note of notes) {
        const key = note.pending ? `op:${note.op_id}` : `id:${note.id}`;
        let item = this.noteEls.get(key);
        // A note that was waiting becomes the stored note: keep its element (and focus).
        if (!item && !note.pending) {
          item = this.noteEls.get(`op:${note.op_id}`);
          if (item) { this.noteEls.delete(`op:${note.op_id}`); this.noteEls.set(key, item); }
        }
        if (!item) {
          item = el("li", { class: "note" });
          this.noteEls.set(key, item);
        }
        if (!this.editing.has(key)) this.fillNote(item, step, note, key);
        wanted.push(item);
      }
      for (const [key, item] of this.noteEls) {
        if (item.parentNode === list && !wanted.includes(item)) { item.remove(); this.noteEls.delete(key); this.editing.delete(key); }
      }
      wanted.forEach((item, index) => {
        if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
      });
      const counter = this.columns.querySelector(`[data-count-for="${CSS.escape(prompt.id)}"]`);
      counter.textContent = `(${notes.length})`;
      counter.setAttribute("aria-label", format(this.strings.notes_count, { n: notes.length }));
    }
  }

  authorName(note) {
    if (note.participant_id && note.participant_id === this.me.participantId) return this.strings.you;
    if (note.participant_id) return this.participants.get(note.participant_id)?.name || note.author_name || this.strings.anonymous;
    return note.author_name ? `${note.author_name} (${this.strings.facilitator})` : this.strings.facilitator;
  }

  fillNote(item, step, note, key) {
    const signature = JSON.stringify([note.version, note.text, note.fields, note.pending, this.authorName(note)]);
    if (item.dataset.signature === signature) return;
    item.dataset.signature = signature;
    item.dataset.noteId = note.id || "";
    item.classList.toggle("pending", Boolean(note.pending));
    item.classList.toggle("mine", this.isMine(note));
    const body = el("div", { class: "note-body" });
    const fields = step.note?.fields || [];
    if (step.note?.type === "card" && fields.length) {
      const list = el("dl", { class: "card-fields" });
      for (const field of fields) {
        const value = note.fields?.[field.id];
        if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
        const dd = el("dd");
        if (Array.isArray(value)) dd.append(el("ul", {}, ...value.map((v) => el("li", { text: v }))));
        else dd.textContent = value;
        list.append(el("dt", { text: field.label }), dd);
      }
      body.append(list);
    }
    if (step.note?.type === "rating" && note.fields?.rating) {
      body.append(el("p", { class: "rating-value", text: `${note.fields.rating} / ${step.rating?.max || 5}` }));
    }
    if (note.text) body.append(el("p", { class: "note-text", text: note.text }));
    const meta = el("p", { class: "note-meta" }, el("span", { class: "author", text: this.authorName(note) }));
    if (note.pending) meta.append(" · ", el("span", { class: "note-status", text: this.strings.sending }));
    else if (note.version > 1) meta.append(" · ", el("span", { class: "edited", text: this.strings.edited }));
    const actions = el("div", { class: "note-actions" });
    if (!note.pending && this.mayChange(note)) {
      const snippet = (note.text || Object.values(note.fields || {}).flat().join(" ")).slice(0, 40);
      actions.append(
        el("button", { type: "button", text: this.strings.edit, "aria-label": `${this.strings.edit}: ${snippet}`, onclick: () => this.startEdit(item, step, note, key) }),
        el("button", { type: "button", text: this.strings.delete, "aria-label": `${this.strings.delete}: ${snippet}`, onclick: () => this.deleteNote(note) }),
      );
    }
    item.replaceChildren(el("article", { class: "note-card" }, body, meta, actions));
  }

  // --- actions -----------------------------------------------------------------------------
  addNote(step, prompt, value, ui) {
    const payload = { op_id: newOpId(), step_id: step.id, prompt_id: prompt.id, text: value.text };
    if (step.note?.type && step.note.type !== "text") payload.fields = value.fields;
    const sent = this.connection.send(CLIENT_EVENTS.NOTE_ADD, payload);
    ui.clear();
    this.renderNotes(step.id);
    sent.then((ack) => {
      this.notes.set(ack.note.id, ack.note);
      this.renderNotes(step.id);
    }, (error) => {
      ui.showError(`${this.strings.error_prefix} ${error.message}`);
      this.renderNotes(step.id);
    });
  }

  startEdit(item, step, note, key, base = note) {
    this.editing.add(key);
    const stop = () => {
      this.editing.delete(key);
      item.dataset.signature = "";
      this.fillNote(item, step, this.notes.get(note.id) || note, key);
      item.querySelector("button")?.focus();
    };
    const { form, focus } = noteForm({
      step, prompt: null, strings: this.strings, initial: { text: note.text, fields: note.fields },
      submitLabel: this.strings.save, onCancel: stop,
      onSubmit: (value, ui) => {
        const payload = { op_id: newOpId(), note_id: note.id, version: base.version, text: value.text };
        if (step.note?.type && step.note.type !== "text") payload.fields = value.fields;
        this.connection.send(CLIENT_EVENTS.NOTE_EDIT, payload).then((ack) => {
          this.notes.set(ack.note.id, ack.note);
          stop();
        }, (error) => {
          if (error.code === "conflict") this.showConflict(item, step, note, key, value, error.note);
          else ui.showError(`${this.strings.error_prefix} ${error.message}`);
        });
      },
    });
    item.replaceChildren(form);
    focus();
  }

  showConflict(item, step, note, key, mine, theirs) {
    this.notes.set(theirs.id, theirs);
    const panel = el("div", { class: "conflict", role: "alert" },
      el("p", { text: this.strings.conflict }),
      el("blockquote", { class: "theirs", text: theirs.text || JSON.stringify(theirs.fields) }),
      el("div", { class: "form-actions" },
        el("button", { type: "button", class: "primary", text: this.strings.take_theirs, onclick: () => {
          this.editing.delete(key); item.dataset.signature = ""; this.fillNote(item, step, theirs, key);
        } }),
        el("button", { type: "button", text: this.strings.keep_mine, onclick: () => {
          this.startEdit(item, step, { ...theirs, text: mine.text, fields: mine.fields }, key, theirs);
        } })));
    item.replaceChildren(panel);
    panel.querySelector("button").focus();
  }

  deleteNote(note) {
    if (!window.confirm(this.strings.delete_confirm)) return;
    this.connection.send(CLIENT_EVENTS.NOTE_DELETE, { op_id: newOpId(), note_id: note.id }).then(() => {
      this.notes.delete(note.id);
      this.renderNotes(note.step_id);
      this.announcer.say(this.strings.deleted);
    }, (error) => this.announcer.say(`${this.strings.error_prefix} ${error.message}`));
  }

  // --- connection state --------------------------------------------------------------------
  setConnected(connected) {
    if (connected) {
      if (!this.banner.hidden) this.announcer.say(this.strings.reconnected);
      this.banner.hidden = true;
      this.banner.textContent = "";
    } else {
      this.banner.hidden = false;
      this.banner.textContent = this.strings.disconnected;
    }
  }
}
