// The room's frame around the wall: the step bar (every step, the live one marked, the one in
// view selected), the line that says where the room is ("Olet vaiheessa 1 – työpaja on
// vaiheessa 2", with the way back), the step's heading with its instruction in one line that
// opens on demand, and the phone's always-reachable "+ Uusi lappu".
import { el, format } from "./dom.js";
import { keepFocus } from "./focus.js";

// The workshop's own words carry its language where the user interface speaks another
// (WCAG 3.1.2); null where they are the same.
export function contentLang(state) {
  const lang = state.workshop?.language;
  return lang && lang !== document.documentElement.lang ? lang : null;
}

export class RoomFrame {
  constructor(board) {
    this.board = board;
    this.s = board.strings;
    this.nav = document.getElementById("step-nav");
    this.live = document.getElementById("step-live");
    this.instructions = document.getElementById("step-instructions");
    this.toggle = document.getElementById("instructions-toggle");
    this.newNote = document.getElementById("new-note");
    this.movedTo = null; // the step the facilitator last moved everyone to, while it is in view
    this.toggle?.addEventListener("click", () => this.#expand(this.toggle.getAttribute("aria-expanded") !== "true"));
    this.newNote?.addEventListener("click", () => this.openComposer());
    window.addEventListener("resize", () => this.#measure());
    // The starting points from earlier workshops start folded, except on a screen with room for
    // them beside a full wall.
    const references = document.getElementById("references");
    if (references && window.matchMedia("(min-width: 100rem) and (min-height: 62rem)").matches) references.open = true;
  }

  get #participant() {
    return this.board.me.role === "participant";
  }

  #number(stepId) {
    return this.board.state.steps.findIndex((step) => step.id === stepId) + 1;
  }

  // The steps as one row of pills: on a phone the row scrolls sideways instead of stacking.
  renderNav() {
    if (!this.nav) return; // the presenter screen has no step bar: it always shows the live step
    const { state } = this.board;
    const locked = this.#participant && state.workshop.follow_me;
    const lang = contentLang(state);
    // Most events (a note, a vote) change nothing here: rebuild only when the bar would differ,
    // so that a busy room costs the step bar nothing.
    const signature = JSON.stringify([this.board.viewedStepId, state.workshop.current_step_id, locked, lang, state.steps.map((step) => step.title)]);
    if (signature === this.navSignature && this.nav.firstChild) {
      this.renderLive();
      return;
    }
    this.navSignature = signature;
    const list = el("ol", { class: "step-list" });
    state.steps.forEach((step, index) => {
      const viewed = step.id === this.board.viewedStepId;
      const live = step.id === state.workshop.current_step_id;
      const classes = ["step-button", viewed ? "viewed" : "", live ? "live" : ""].filter(Boolean).join(" ");
      list.append(el("li", {}, el("button", {
        type: "button", id: `step-button-${step.id}`, class: classes, "aria-current": viewed ? "step" : null,
        "data-step-id": step.id, title: step.title, disabled: locked && !viewed ? true : null, onclick: () => this.board.show(step.id),
      }, el("span", { class: "step-number", text: `${index + 1}.` }), " ",
      el("span", { class: "step-name", lang, text: step.title }),
      live ? " " : null, live ? el("span", { class: "live-badge", text: this.s.current_step }) : null)));
    });
    const heading = el("h2", { class: "visually-hidden", text: this.s.steps });
    const note = locked ? el("p", { class: "hint following", text: this.s.following }) : null;
    keepFocus(this.nav, () => this.nav.replaceChildren(heading, list, ...(note ? [note] : [])));
    // Measured in the next frame, not now: reading sizes here would lay out the whole board
    // (thousands of notes) in the middle of rendering it.
    requestAnimationFrame(() => {
      const viewed = list.querySelector(".viewed");
      if (viewed && list.scrollWidth > list.clientWidth) list.scrollLeft = Math.max(0, viewed.offsetLeft - list.offsetLeft - 24);
    });
    this.renderLive();
  }

  // Where the room is: a participant away from the live step sees it and gets back in one
  // action; one the facilitator has just moved is told so, visibly.
  renderLive() {
    if (!this.live) return;
    const { state } = this.board;
    const live = state.workshop.current_step_id;
    const viewed = this.board.viewedStepId;
    let parts = null;
    let kind = "";
    if (this.#participant && live && viewed !== live && state.workshop.status === "open" && state.step(live)) {
      kind = "off-live";
      parts = [el("p", { text: format(this.s.off_live, { viewed: this.#number(viewed), live: this.#number(live) }) }),
        el("button", { type: "button", id: "back-to-live", class: "primary", text: format(this.s.back_to_live, { n: this.#number(live) }),
          onclick: () => this.board.show(live) })];
    } else if (this.#participant && this.movedTo && this.movedTo === viewed && viewed === live) {
      kind = "moved";
      parts = [el("p", { text: format(this.s.moved_everyone, { n: this.#number(live) }) })];
    }
    const signature = JSON.stringify([kind, viewed, live, state.steps.length]);
    if (signature === this.liveSignature) return;
    this.liveSignature = signature;
    this.live.className = `step-live ${kind}`;
    keepFocus(this.live, () => this.live.replaceChildren(...(parts || [])));
    this.live.hidden = !parts;
  }

  renderHeader(step) {
    const { state } = this.board;
    const lang = contentLang(state);
    document.getElementById("step-position").textContent = format(this.s.step_of, { n: this.#number(step.id), total: state.steps.length });
    const title = document.getElementById("step-title");
    title.textContent = step.title;
    title.tabIndex = -1;
    setLang(title, lang);
    this.instructions.textContent = step.instructions || "";
    setLang(this.instructions, lang);
    this.instructions.hidden = !step.instructions;
    this.#expand(false);
  }

  // The instruction shows one line (two on a phone); the rest opens on demand, and the button
  // appears only where there is more to read.
  #expand(open) {
    if (!this.toggle) return;
    this.instructions.classList.toggle("clamped", !open);
    this.toggle.setAttribute("aria-expanded", open ? "true" : "false");
    this.toggle.textContent = open ? this.s.show_less : this.s.show_whole_instruction;
    requestAnimationFrame(() => this.#measure());
  }

  #measure() {
    if (!this.toggle || !this.instructions.textContent) {
      if (this.toggle) this.toggle.hidden = true;
      return;
    }
    const open = this.toggle.getAttribute("aria-expanded") === "true";
    const clipped = this.instructions.scrollHeight > this.instructions.clientHeight + 1;
    this.toggle.hidden = !open && !clipped;
  }

  renderNewNote(writable) {
    if (this.newNote) this.newNote.hidden = !writable || !this.board.columns.querySelector(".column-composer");
  }

  // "+ Uusi lappu": the writing box of the question in view (the first column reaching below
  // the sticky bar), opened and focused.
  openComposer() {
    const columns = [...this.board.columns.querySelectorAll("section.column")]
      .filter((column) => column.querySelector(".column-composer:not([hidden])"));
    const bar = document.querySelector(".room-bar")?.getBoundingClientRect().bottom || 0;
    const column = columns.find((c) => c.getBoundingClientRect().bottom > bar + 48) || columns[0];
    if (!column) return;
    column.querySelector("[data-open-composer]")?.click();
    const field = column.querySelector(".column-composer textarea, .column-composer input:not([type=hidden]), .column-composer select");
    if (!field) return;
    field.focus({ preventScroll: true });
    field.scrollIntoView({ block: "center" });
  }

  // After the board has been laid out for painting, so that focusing (which scrolls) does not
  // force a layout of every note in the middle of rendering them.
  focusTitle() {
    requestAnimationFrame(() => document.getElementById("step-title").focus());
  }
}

function setLang(node, lang) {
  if (lang) node.setAttribute("lang", lang);
  else node.removeAttribute("lang");
}
