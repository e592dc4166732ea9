// The board: one step at a time, a column per guiding question, notes grouped by theme and kept
// live. Typing is never lost: composers keep drafts, and re-rendering never rebuilds a composer
// or a note being edited.
import { Announcer } from "./announcer.js";
import { noteForm } from "./composer.js";
import { promptCurationParts, renderPromptCuration } from "./curation.js";
import { el, format, plural } from "./dom.js";
import { CLIENT_EVENTS, EVENT_TYPES } from "./events.js";
import { keepFocus } from "./focus.js";
import { fillNote, groupOf, stepFacts } from "./note_view.js";
import { showNotice } from "./notice.js";
import { newOpId } from "./outbox.js";
import { RoomFrame } from "./room_frame.js";
import { factsBefore, newsOf } from "./room_news.js";
import { StepPanel } from "./step_panel.js";
import { BoardState } from "./state.js";

export class Board {
  constructor({ connection, strings, scope, me }) {
    this.connection = connection;
    this.strings = strings;
    this.scope = scope;
    this.state = new BoardState(me);
    this.me = this.state.me;
    this.viewedStepId = null;
    this.noteEls = new Map();
    this.sectionEls = new Map();
    this.editing = new Set();
    this.view = "board"; // or "groups" (the facilitator's debrief view)
    this.root = document.getElementById("board");
    this.columns = document.getElementById("columns");
    this.nav = document.getElementById("step-nav");
    this.announcer = new Announcer(document.getElementById("announcer"), strings);
    this.banner = document.getElementById("status");
    this.panel = new StepPanel(this);
    this.frame = new RoomFrame(this);
    this.renderedStepId = null;
    this.listeners = [];
    this.openMenuKey = null; // the one note menu open on the wall, if any
    this.ctx = { state: this.state, strings, actions: this.#actions(), menu: this.#menu(), lang: null };
    // A tap or click anywhere outside the open note menu closes it.
    document.addEventListener("pointerdown", (event) => {
      const item = this.openMenuKey && this.noteEls.get(this.openMenuKey);
      if (item && !item.contains(event.target)) this.ctx.menu.close(item, false);
    });
  }

  onChange(listener) {
    this.listeners.push(listener);
  }

  send(event, payload) {
    return this.connection.send(event, { op_id: newOpId(), ...payload });
  }

  // --- state -------------------------------------------------------------------------------
  load(snapshot) {
    const first = !this.loaded;
    const liveBefore = first ? null : this.state.workshop.current_step_id;
    this.state.load(snapshot);
    const remembered = Number(sessionStorage.getItem(`${this.scope}:step`));
    const known = (id) => this.state.steps.some((step) => step.id === id);
    const current = this.state.workshop.current_step_id;
    if ((this.state.workshop.follow_me && this.#participant()) || this.readOnly) this.viewedStepId = current;
    else if (!known(this.viewedStepId)) this.viewedStepId = known(remembered) ? remembered : current || this.state.steps[0]?.id;
    // Far behind, the server answers with a snapshot instead of the events: a move made
    // meanwhile still moves this participant.
    const moved = liveBefore && current !== liveBefore && this.#participant() && this.#live() && known(current);
    if (moved) this.#moveTo(current);
    if (first) this.#listenForOwnNotes();
    this.loaded = true;
    this.root.hidden = false;
    this.renderedStepId = null;
    this.render();
    // After joining (and after a move) the keyboard and screen reader start at the step's
    // heading, not at the top of the page (WCAG 2.4.3).
    if (moved || (first && this.#participant() && focusIsLost())) this.frame.focusTitle();
  }

  apply(event) {
    const followed = this.state.workshop.follow_me;
    const before = factsBefore(this.state, event);
    const offset = this.state.clockOffset;
    const changed = this.state.apply(event);
    // A replayed event's server time is old news: it must not set the clock.
    const live = this.#live();
    if (!live) this.state.clockOffset = offset;
    if (changed.newFromOthers) for (let i = 0; i < changed.newFromOthers; i += 1) this.announcer.noteFromOthers();
    // Events replayed from this browser's copy (before the connection joins) only rebuild the
    // state: the participant saw them happen, and may have browsed on since.
    const current = this.state.workshop.current_step_id;
    let moved = false;
    if (live && (this.#participant() || this.readOnly) && event.type === EVENT_TYPES.WORKSHOP_STEP) {
      moved = true; // "Siirrä kaikki tähän vaiheeseen" moves everyone, following or not
      this.#moveTo(current);
    } else if (live && this.#participant() && event.type === EVENT_TYPES.WORKSHOP_FOLLOW && !followed && this.state.workshop.follow_me) {
      moved = this.viewedStepId !== current;
      this.viewedStepId = current;
      this.announcer.say(this.strings.following);
    }
    if (this.state.removed) this.#removed();
    if (changed.all || changed.steps.has(this.viewedStepId)) this.render();
    else this.renderNav();
    if (moved && this.#participant()) this.frame.focusTitle(); // the presenter's screen keeps its focus
    const news = live && !moved ? newsOf(this, event, before) : null;
    if (news) this.announcer.say(news);
    this.listeners.forEach((listener) => listener(event));
  }

  // "Lappusi on lähetetty" when the server has stored one's note: also a note that waited in
  // the outbox while offline, and never for a note that only moved.
  #listenForOwnNotes() {
    this.connection?.addEventListener("acked", ({ detail }) => {
      if (detail.event === CLIENT_EVENTS.NOTE_ADD) this.announcer.say(this.strings.announce_note_posted);
    });
  }

  #participant() {
    return this.me.role === "participant";
  }

  // The presenter screen: always the live step, nothing to write, move or vote with.
  get readOnly() {
    return this.state.readOnly;
  }

  #live() {
    return Boolean(this.connection?.joined);
  }

  #moveTo(stepId) {
    this.viewedStepId = stepId;
    this.frame.movedTo = stepId;
    sessionStorage.setItem(`${this.scope}:step`, String(stepId));
    const number = this.state.steps.findIndex((step) => step.id === stepId) + 1;
    this.announcer.say(`${format(this.strings.moved_everyone, { n: number })}: ${this.state.step(stepId).title}`);
  }

  step(id = this.viewedStepId) {
    return this.state.step(id);
  }

  // --- rendering ---------------------------------------------------------------------------
  render() {
    this.renderNav();
    const step = this.step();
    if (!step) return;
    if (this.renderedStepId !== step.id) this.renderStep(step);
    // A locked step, a wall past its date or a closed workshop is read-only: no composers
    // (their drafts stay stored and come back when the step opens again).
    const writable = this.state.writable(step);
    for (const form of this.columns.querySelectorAll(".column-composer")) form.hidden = !writable;
    this.frame.renderNewNote(writable);
    this.panel.render(step);
    this.renderNotes(step);
    this.listeners.forEach((listener) => listener(null));
  }

  renderNav() {
    this.frame.renderNav();
  }

  show(stepId) {
    this.viewedStepId = stepId;
    this.frame.movedTo = null; // the participant chose a step: the move is old news
    sessionStorage.setItem(`${this.scope}:step`, String(stepId));
    this.render();
    this.frame.focusTitle();
  }

  setView(view) {
    this.view = view;
    this.renderedStepId = null;
    this.render();
  }

  renderStep(step) {
    this.renderedStepId = step.id;
    this.frame.renderHeader(step);
    this.noteEls.clear();
    this.sectionEls.clear();
    this.editing.clear();
    this.openMenuKey = null;
    // The debrief ("groups") view is the plenary board too: each note says its group.
    const columns = step.prompts.map((prompt) => this.#column(step, prompt));
    this.columns.classList.toggle("debrief", this.view === "groups");
    this.columns.replaceChildren(...columns);
    this.#renderJumpLinks(columns);
  }

  // On a phone the columns stack: in-page links take the reader straight to one question.
  #renderJumpLinks(columns) {
    const jump = document.getElementById("column-jump");
    jump.hidden = columns.length < 2;
    jump.querySelector("ul").replaceChildren(...columns.map((column) => el("li", {},
      el("a", { href: `#${column.id}`, text: column.querySelector("h3").firstChild.textContent }))));
  }

  #column(step, prompt) {
    const headingId = `prompt-${step.id}-${prompt.id}`;
    const container = el("div", { class: "note-sections", "data-prompt-id": prompt.id });
    const curation = promptCurationParts(this, step, prompt, headingId);
    const column = el("section", { class: "column", id: `column-${step.id}-${prompt.id}`, tabindex: "-1",
      "data-prompt-id": prompt.id, "aria-labelledby": headingId },
      el("h3", { id: headingId }, el("span", { class: "column-title", lang: this.#lang() }, prompt.title), " ",
        el("span", { class: "count", "data-count-for": prompt.id }), curation.mark ? " " : null, curation.mark),
      prompt.help ? el("p", { class: "help", lang: this.#lang(), text: prompt.help }) : null,
      curation.toggle, container);
    if (!prompt.group && !this.readOnly) {
      const { form } = noteForm({
        step, prompt, strings: this.strings, submitLabel: this.strings.post, lang: this.#lang(),
        draftKey: `${this.scope}:draft:${step.id}:${prompt.id}`,
        onSubmit: (value, ui) => this.addNote(step, prompt, value, ui),
      });
      form.classList.add("column-composer");
      column.append(form);
    }
    return column;
  }

  notesOf(step, column) {
    const stored = [...this.state.notes.values()].filter((n) => n.step_id === step.id
      && (column.group ? n.group_id === column.group.id : n.prompt_id === column.id));
    const storedOps = new Set(stored.map((n) => n.op_id));
    const waiting = column.group ? [] : this.connection.pendingEntries()
      .filter(({ event, payload }) => event === CLIENT_EVENTS.NOTE_ADD && payload.step_id === step.id
        && payload.prompt_id === column.id && !storedOps.has(payload.op_id))
      .map(({ payload }) => ({ ...payload, pending: true, participant_id: this.me.participantId, version: 1 }));
    const ranked = step.state.voting && !step.state.voting.open;
    const byGroup = this.view === "groups"
      ? (a, b) => groupOf(this.state, a).localeCompare(groupOf(this.state, b), undefined, { numeric: true }) : () => 0;
    stored.sort((a, b) => (ranked ? (b.votes || 0) - (a.votes || 0) : 0) || byGroup(a, b) || a.id - b.id);
    return [...stored, ...waiting];
  }

  // Sections of a column: one per theme of the step (in order), then the notes in no theme.
  sectionsOf(step, notes) {
    const themes = this.state.themesOf(step.id);
    const sections = themes.map((theme) => ({ key: `t${theme.id}`, theme, notes: [] }));
    const loose = { key: "none", theme: null, notes: [] };
    const byId = new Map(sections.map((s) => [s.theme.id, s]));
    for (const note of notes) (byId.get(note.theme_id) || loose).notes.push(note);
    for (const section of sections) section.votes = section.notes.reduce((sum, n) => sum + (typeof n.votes === "number" ? n.votes : 0), 0);
    // After the vote the clusters are ranked too, the most voted first (ties keep their order).
    if (step.state.voting && !step.state.voting.open) sections.sort((a, b) => b.votes - a.votes);
    return [...sections, loose];
  }

  renderNotes(step) {
    if (step.id !== this.renderedStepId) return;
    this.ctx.lang = this.#lang();
    // What every note's card depends on alike, worked out once per render, not per note.
    this.ctx.stepFacts = stepFacts(this.state, step);
    try {
      keepFocus(this.columns, () => this.#renderColumns(step));
    } finally {
      this.ctx.stepFacts = null;
    }
  }

  #renderColumns(step) {
    for (const column of this.columns.querySelectorAll("section.column")) {
      const promptId = column.dataset.promptId;
      const prompt = step.prompts.find((p) => p.id === promptId);
      if (!prompt) continue;
      const notes = this.notesOf(step, prompt);
      this.#renderSections(step, column.querySelector(".note-sections"), promptId, this.sectionsOf(step, notes));
      renderPromptCuration(this, column, step, promptId);
      const counter = column.querySelector(`[data-count-for]`);
      counter.textContent = `(${notes.length})`;
      counter.setAttribute("aria-label", plural(this.strings.notes_count, notes.length));
    }
  }

  #renderSections(step, container, promptId, sections) {
    const wantedSections = [];
    const seen = new Set();
    for (const section of sections) {
      // Empty theme boxes are drop targets for those who may cluster; others see only content.
      const mayCluster = this.me.role === "facilitator" || (step.state.participants_may_cluster && !this.readOnly);
      if (!section.notes.length && (section.theme === null ? sections.length > 1 : !mayCluster)) continue;
      const key = `${promptId}:${section.key}`;
      let box = this.sectionEls.get(key);
      if (!box) {
        box = this.#section(step, section);
        this.sectionEls.set(key, box);
      }
      // A theme's description once per box that holds notes, or in the first column (where an
      // empty theme is seen first): not repeated in every empty drop target.
      if (section.theme) this.#themeHeading(box, section, section.notes.length > 0 || promptId === step.prompts[0]?.id);
      this.#renderList(step, box.querySelector("ul"), section.notes, seen);
      wantedSections.push(box);
    }
    for (const [key, box] of this.sectionEls) {
      if (key.startsWith(`${promptId}:`) && !wantedSections.includes(box)) { box.remove(); this.sectionEls.delete(key); }
    }
    wantedSections.forEach((box, index) => {
      if (container.children[index] !== box) container.insertBefore(box, container.children[index] || null);
    });
    for (const [key, item] of this.noteEls) {
      if (!seen.has(key) && container.contains(item)) { item.remove(); this.noteEls.delete(key); this.editing.delete(key); }
    }
  }

  #section(step, section) {
    const list = el("ul", { class: "notes" });
    const box = el("div", { class: section.theme ? "theme-section" : "loose-section" });
    if (section.theme) {
      const id = `theme-h-${step.id}-${section.theme.id}-${Math.random().toString(36).slice(2, 7)}`;
      box.append(el("div", { class: "theme-head" }, el("h4", { id, class: "theme-title", lang: this.#lang(), text: section.theme.title }),
        el("span", { class: "theme-votes" })), el("p", { class: "theme-description", hidden: true }));
      list.setAttribute("aria-labelledby", id);
      box.dataset.themeId = section.theme.id;
      box.addEventListener("dragover", (event) => { event.preventDefault(); box.classList.add("drop-target"); });
      box.addEventListener("dragleave", () => box.classList.remove("drop-target"));
      box.addEventListener("drop", (event) => {
        event.preventDefault();
        box.classList.remove("drop-target");
        const noteId = Number(event.dataTransfer.getData("text/plain"));
        if (noteId) this.ctx.actions.theme({ id: noteId }, section.theme.id);
      });
    } else {
      list.setAttribute("aria-label", this.strings.notes);
    }
    box.append(list);
    return box;
  }

  // A cluster's heading: its title, its description (if it has one) and, once votes are known,
  // its vote total. Its colour is the theme's (the notes in it take it too); the title, not the
  // colour, says which theme it is.
  #themeHeading(box, section, described) {
    const title = box.querySelector("h4");
    const description = box.querySelector(".theme-description");
    if (title.textContent !== section.theme.title) title.textContent = section.theme.title;
    if (description.textContent !== (section.theme.description || "")) description.textContent = section.theme.description || "";
    description.hidden = !described || !description.textContent;
    for (const node of [title, description]) {
      node.lang = this.#lang() || "";
      if (!node.lang) node.removeAttribute("lang");
    }
    const colour = `theme-colour-${(this.state.themesOf(section.theme.step_id).indexOf(section.theme) % 6 + 6) % 6}`;
    if (box.dataset.colour !== colour) {
      if (box.dataset.colour) box.classList.remove(box.dataset.colour);
      box.classList.add(colour);
      box.dataset.colour = colour;
    }
    const known = section.notes.some((n) => typeof n.votes === "number");
    const total = box.querySelector(".theme-votes");
    total.textContent = known ? plural(this.strings.votes_n, section.votes) : "";
    total.hidden = !known;
  }

  // The workshop's language on its own content, where the page speaks another (WCAG 3.1.2).
  #lang() {
    const language = this.state.workshop?.language;
    return language && language !== document.documentElement.lang ? language : null;
  }

  #renderList(step, list, notes, seen) {
    const wanted = [];
    for (const note of notes) {
      const key = note.pending ? `op:${note.op_id}` : `id:${note.id}`;
      let item = this.noteEls.get(key);
      if (!item && !note.pending) {
        item = this.noteEls.get(`op:${note.op_id}`);
        if (item) { this.noteEls.delete(`op:${note.op_id}`); this.noteEls.set(key, item); item.dataset.focusKey = key; }
      }
      if (!item) {
        item = el("li", { class: "note", "data-focus-key": key });
        item.addEventListener("dragstart", (event) => event.dataTransfer.setData("text/plain", item.dataset.noteId));
        // Tabbing out of an open menu closes it (a re-render's lost focus has no new target).
        item.addEventListener("focusout", (event) => {
          if (this.ctx.menu.isOpen(item.dataset.focusKey) && event.relatedTarget && !item.contains(event.relatedTarget)) {
            this.ctx.menu.close(item, false);
          }
        });
        this.noteEls.set(key, item);
      }
      if (!this.editing.has(key)) fillNote(this.ctx, item, step, note);
      seen.add(key);
      wanted.push(item);
    }
    wanted.forEach((item, index) => {
      if (list.children[index] !== item) list.insertBefore(item, list.children[index] || null);
    });
    while (list.children.length > wanted.length) list.lastElementChild.remove();
  }

  // --- actions -----------------------------------------------------------------------------
  addNote(step, prompt, value, ui) {
    const payload = { op_id: newOpId(), step_id: step.id, prompt_id: prompt.id, text: value.text };
    if (step.note?.type && step.note.type !== "text") payload.fields = value.fields;
    const sent = this.connection.send(CLIENT_EVENTS.NOTE_ADD, payload);
    ui.clear();
    this.renderNotes(step);
    sent.then((ack) => {
      this.state.notes.set(ack.note.id, { ...ack.note, votes: this.state.notes.get(ack.note.id)?.votes ?? null });
      this.renderNotes(this.step());
    }, (error) => {
      ui.restore(value); // a refused note comes back into its box, never lost
      ui.showError(`${this.strings.error_prefix} ${error.message}`, error.field);
      this.renderNotes(this.step());
    });
  }

  #actions() {
    const report = (error) => this.refuse(error);
    return {
      edit: (item, step, note) => this.startEdit(item, step, note),
      remove: (note) => this.deleteNote(note),
      vote: (note, add) => this.send(add ? CLIENT_EVENTS.VOTE_ADD : CLIENT_EVENTS.VOTE_REMOVE, { note_id: note.id }).then((ack) => {
        this.state.myVotes.set(note.id, ack.my_votes);
        this.announcer.say(format(this.strings.votes_left, { n: ack.votes_left }));
        this.render();
      }, report),
      theme: (note, themeId) => this.send(CLIENT_EVENTS.NOTE_THEME, { note_id: note.id, theme_id: themeId }).then((ack) => {
        this.state.apply({ type: EVENT_TYPES.NOTE_EDITED, data: { note: ack.note } });
        const theme = this.state.themes.get(themeId);
        this.announcer.say(theme ? format(this.strings.moved_to_theme, { title: theme.title }) : this.strings.moved_out_of_theme);
        this.render();
      }, report),
      hide: (note, hidden) => this.send(CLIENT_EVENTS.NOTE_HIDE, { note_id: note.id, hidden }).catch(report),
      exclude: (note, excluded) => this.send(CLIENT_EVENTS.NOTE_EXCLUDE, { note_id: note.id, excluded })
        .then(() => this.announcer.say(excluded ? this.strings.left_out : this.strings.brought_back), report),
      move: (note, promptId) => this.send(CLIENT_EVENTS.NOTE_MOVE, { note_id: note.id, prompt_id: promptId }).catch(report),
      merge: (note, intoId) => this.send(CLIENT_EVENTS.NOTE_MERGE, { note_id: note.id, into_note_id: intoId }).catch(report),
    };
  }

  // A refused action shows on screen (and is announced): a vote past the budget, a change after
  // the workshop closed, a rate limit.
  refuse(error) {
    const message = `${this.strings.error_prefix} ${error.message}`;
    this.announcer.say(message);
    showNotice(message, { kind: "error", dismissLabel: this.strings.dismiss_notice });
  }

  // The note menus: one open at a time, kept open across live re-rendering.
  #menu() {
    const refill = (item) => {
      const key = item.dataset.focusKey;
      const note = this.state.notes.get(Number(item.dataset.noteId));
      if (!note || this.editing.has(key) || !item.isConnected) return;
      item.dataset.signature = "";
      fillNote(this.ctx, item, this.step(), note);
    };
    const close = (item, focus = true) => {
      if (this.openMenuKey === item.dataset.focusKey) this.openMenuKey = null;
      refill(item);
      if (focus) item.querySelector("[data-action=menu]")?.focus();
    };
    return {
      isOpen: (key) => Boolean(key) && key === this.openMenuKey,
      close,
      toggle: (item) => {
        if (this.openMenuKey === item.dataset.focusKey) { close(item); return; }
        const previous = this.openMenuKey && this.noteEls.get(this.openMenuKey);
        this.openMenuKey = item.dataset.focusKey;
        if (previous && previous !== item) refill(previous);
        refill(item);
        item.querySelector(".note-menu button, .note-menu select")?.focus();
      },
    };
  }

  startEdit(item, step, note, base = note) {
    const key = `id:${note.id}`;
    this.editing.add(key);
    const stop = () => {
      this.editing.delete(key);
      item.dataset.signature = "";
      fillNote(this.ctx, item, step, this.state.notes.get(note.id) || note);
      (item.querySelector("[data-action=menu]") || item.querySelector("button"))?.focus();
    };
    const { form, focus } = noteForm({
      step, prompt: null, strings: this.strings, initial: { text: note.text, fields: note.fields }, lang: this.#lang(),
      submitLabel: this.strings.save, onCancel: stop,
      onSubmit: (value, ui) => {
        const payload = { op_id: newOpId(), note_id: note.id, version: base.version, text: value.text };
        if (step.note?.type && step.note.type !== "text") payload.fields = value.fields;
        this.connection.send(CLIENT_EVENTS.NOTE_EDIT, payload).then((ack) => {
          this.state.apply({ type: EVENT_TYPES.NOTE_EDITED, data: { note: ack.note } });
          stop();
        }, (error) => {
          if (error.code === "conflict") this.showConflict(item, step, key, value, error.note);
          else ui.showError(`${this.strings.error_prefix} ${error.message}`);
        });
      },
    });
    item.replaceChildren(form);
    focus();
  }

  showConflict(item, step, key, mine, theirs) {
    this.state.apply({ type: EVENT_TYPES.NOTE_EDITED, data: { note: theirs } });
    const panel = el("div", { class: "conflict", role: "alert" },
      el("p", { text: this.strings.conflict }),
      el("blockquote", { class: "theirs", text: theirs.text || JSON.stringify(theirs.fields) }),
      el("p", { text: this.strings.your_version }),
      el("blockquote", { class: "mine-text", text: mine.text || JSON.stringify(mine.fields) }),
      el("div", { class: "form-actions" },
        el("button", { type: "button", class: "primary", text: this.strings.take_theirs, onclick: () => {
          this.editing.delete(key); item.dataset.signature = ""; fillNote(this.ctx, item, step, theirs);
          (item.querySelector("[data-action=menu]") || item.querySelector("button"))?.focus();
        } }),
        el("button", { type: "button", text: this.strings.keep_mine, onclick: () => {
          this.startEdit(item, step, { ...theirs, text: mine.text, fields: mine.fields }, theirs);
        } })));
    item.replaceChildren(panel);
    panel.querySelector("button").focus();
  }

  deleteNote(note) {
    if (!window.confirm(this.strings.delete_confirm)) return;
    const column = this.noteEls.get(`id:${note.id}`)?.closest("section.column");
    this.connection.send(CLIENT_EVENTS.NOTE_DELETE, { op_id: newOpId(), note_id: note.id }).then(() => {
      this.state.notes.delete(note.id);
      this.renderNotes(this.step());
      // The note and its button are gone: continue from the question's writing box.
      if (column?.isConnected && (!document.activeElement || document.activeElement === document.body)) {
        column.querySelector("textarea")?.focus();
      }
      this.announcer.say(this.strings.deleted);
    }, (error) => this.refuse(error));
  }

  #removed() {
    this.root.hidden = true;
    this.banner.hidden = false;
    this.banner.textContent = this.strings.errors.removed;
    showNotice(this.strings.errors.removed, { dismissLabel: this.strings.dismiss });
    this.connection.socket?.disconnect();
  }

  // --- connection state --------------------------------------------------------------------
  setConnected(connected) {
    // Joined and showing the server's state, not a copy kept from an earlier visit.
    this.root.dataset.connected = String(connected);
    if (this.state.removed) return; // the banner says why the connection ended, and stays
    if (connected) {
      if (!this.banner.hidden) this.announcer.say(this.strings.reconnected);
      this.banner.hidden = true;
      this.banner.textContent = "";
    } else {
      this.banner.hidden = false;
      this.banner.textContent = this.strings.disconnected;
    }
  }

  setPresence(presence) {
    this.state.presence = presence;
    for (const [id, name] of Object.entries(presence.names || {})) {
      const known = this.state.participants.get(Number(id));
      if (!known) this.state.participants.set(Number(id), { id: Number(id), name });
    }
    this.listeners.forEach((listener) => listener(null));
  }
}

// The focus was on something now gone (the join form) or nowhere in particular.
function focusIsLost() {
  const active = document.activeElement;
  return !active || active === document.body || Boolean(active.closest("[hidden]"));
}
