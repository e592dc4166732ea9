// Theme suggestions in the console's themes box (issue #18), computed on this server
// (`themes.suggest`, nothing broadcast): candidate theme names made themes with one click; a
// sorting preview — every note in no theme with its proposed theme, which the facilitator
// corrects and then accepts, each move an ordinary `note.theme` the room sees live; likely
// duplicates side by side, merged with the board's own merge. The last answer and the
// facilitator's corrections outlive the controls' re-renders; they belong to one step.
import { el, format, plural } from "./dom.js";
import { CLIENT_EVENTS } from "./events.js";
import { keepFocus } from "./focus.js";
import { showNotice } from "./notice.js";

const SNIPPET = 60;
// Below this score a proposal is marked uncertain: python -m bench.themes finds proposals from
// 0.5 up right 83-100 % of the time, those under it far less often.
const SURE = 0.5;
// A move refused as too fast is sent again after this pause, this many times at most.
const MOVE_PAUSE_MS = 150;
const MOVE_RETRIES = 40;
const snippet = (text) => (text.length > SNIPPET ? `${text.slice(0, SNIPPET - 1)}…` : text);
const capitalised = (title) => title.charAt(0).toLocaleUpperCase() + title.slice(1);

export class ThemeSuggestions {
  constructor(board) {
    this.board = board;
    this.s = board.strings;
    this.stepId = null;
    this.answer = null; // the server's last answer for the step
    this.made = new Set(); // candidates made themes (by title)
    this.corrections = new Map(); // note id -> theme id or null, the facilitator's own choice
    this.busy = ""; // the id of the button whose request is under way
    this.making = false; // a candidate being made a theme
    this.error = "";
    this.dialog = null;
  }

  // The box's part, drawn anew with the rest of the controls.
  render(step, themes) {
    if (this.stepId !== step.id) this.#reset(step.id);
    this.step = step;
    this.themes = themes;
    const s = this.s;
    const result = el("div", { id: "ctl-suggestions-result" });
    this.#fill(result);
    return el("section", { id: "ctl-suggestions", class: "suggestions", "aria-labelledby": "ctl-suggestions-heading" },
      el("h4", { id: "ctl-suggestions-heading", text: s.suggestions }),
      el("p", { class: "hint", id: "ctl-suggestions-hint", text: s.suggestions_hint }),
      el("div", { class: "control-row" },
        this.#button("ctl-suggest", s.suggest_themes, false, () => this.#ask("ctl-suggest")),
        this.#button("ctl-sort", s.sort_into_themes, !themes.length, () => this.#ask("ctl-sort").then((ok) => { if (ok) this.#openPreview(); }))),
      // Why sorting waits (it puts notes into the step's themes, and there are none yet), or
      // what it goes by: a theme's description is where the facilitator can help it.
      el("p", { class: "hint", id: "ctl-sort-hint", text: themes.length ? s.sort_uses_descriptions : s.sort_needs_themes }),
      result);
  }

  #reset(stepId) {
    this.stepId = stepId;
    this.answer = null;
    this.made.clear();
    this.corrections.clear();
    this.error = "";
    this.busy = "";
    if (this.dialog?.open) this.dialog.close();
  }

  // A busy button says so (aria-busy) and cannot be pressed again; it keeps the focus.
  #button(id, text, disabled, action) {
    const busy = this.busy === id;
    return el("button", { type: "button", id, text, disabled: disabled ? true : null, "aria-busy": busy ? "true" : null,
      "aria-disabled": busy ? "true" : null, "aria-describedby": { "ctl-suggest": "ctl-suggestions-hint", "ctl-sort": "ctl-sort-hint" }[id],
      onclick: () => { if (!this.busy) action(); } });
  }

  // Ask the server; true once an answer is in.
  async #ask(buttonId) {
    const stepId = this.step.id;
    this.busy = buttonId;
    this.error = "";
    this.#redraw();
    try {
      const ack = await this.board.send(CLIENT_EVENTS.THEMES_SUGGEST, { step_id: stepId });
      if (this.stepId !== stepId) return false;
      this.answer = ack;
      // The sorting preview speaks for itself once open; the candidates are announced.
      if (buttonId === "ctl-suggest") {
        const found = this.#candidates().length;
        this.board.announcer.say(found ? plural(this.s.candidates_found_n, found) : this.s.no_candidates);
      }
      return true;
    } catch (error) {
      if (this.stepId !== stepId) return false;
      this.error = format(this.s.refused, { message: error.message });
      this.board.announcer.say(this.error);
      return false;
    } finally {
      if (this.stepId === stepId) {
        this.busy = "";
        this.#redraw();
      }
    }
  }

  // Only this part changes (the rest of the controls stays as it is, the focus where it was).
  #redraw() {
    const box = document.getElementById("ctl-suggestions");
    if (!box) return;
    keepFocus(box, () => {
      for (const id of ["ctl-suggest", "ctl-sort"]) {
        const button = document.getElementById(id);
        for (const name of ["aria-busy", "aria-disabled"]) {
          if (this.busy === id) button?.setAttribute(name, "true");
          else button?.removeAttribute(name);
        }
      }
      this.#fill(document.getElementById("ctl-suggestions-result"));
    });
  }

  #fill(result) {
    const parts = [];
    if (this.error) parts.push(el("p", { id: "ctl-suggestions-error", class: "error", role: "alert", text: this.error }));
    if (this.answer) parts.push(this.#candidateList(), this.#similar());
    result.replaceChildren(...parts.filter(Boolean));
  }

  // The answer's candidates not made yet, nor themes already under another click.
  #candidates() {
    const taken = new Set(this.themes.map((t) => t.title.trim().toLocaleLowerCase()));
    return (this.answer?.candidates || []).map((candidate, index) => ({ ...candidate, index }))
      .filter((c) => !this.made.has(c.title) && !taken.has(c.title.trim().toLocaleLowerCase()));
  }

  #candidateList() {
    const s = this.s;
    const candidates = this.#candidates();
    if (!candidates.length) return el("p", { id: "ctl-candidates", class: "hint", text: s.no_candidates });
    const list = el("ul", { id: "ctl-candidates", class: "candidate-list", "aria-labelledby": "ctl-candidates-heading" });
    // While the notes are private, their words reach the room only through a theme made of them.
    const notesPrivate = this.step.state.hidden;
    for (const candidate of candidates) {
      const label = `${candidate.title} ${plural(s.candidate_notes_n, candidate.note_ids.length)}`;
      list.append(el("li", { "data-focus-key": `candidate-${candidate.index}` },
        el("span", { class: "candidate-title", lang: this.#lang(), text: label }),
        el("button", { type: "button", class: "small", id: `ctl-candidate-${candidate.index}`, "data-action": "make-theme",
          text: s.make_theme, "aria-label": format(s.make_theme_named, { title: label }),
          "aria-describedby": notesPrivate ? "ctl-candidates-private" : null,
          onclick: () => this.#make(candidate) })));
    }
    return el("div", {}, el("h5", { id: "ctl-candidates-heading", text: s.candidate_names }),
      notesPrivate ? el("p", { id: "ctl-candidates-private", class: "hint", text: s.themes_seen_by_all }) : null, list);
  }

  #make(candidate) {
    if (this.making) return; // one theme per press, however fast the presses
    this.making = true;
    const title = capitalised(candidate.title.trim());
    const next = this.#candidates().find((c) => c.index > candidate.index) || this.#candidates().find((c) => c.index !== candidate.index);
    this.board.send(CLIENT_EVENTS.THEME_CREATE, { step_id: this.step.id, title, description: "" }).finally(() => {
      this.making = false;
    }).then(() => {
      this.made.add(candidate.title);
      this.board.announcer.say(format(this.s.theme_made, { title }));
      this.#redraw();
      // The keyboard goes on to the next candidate, or back to the box's first button.
      (document.getElementById(next ? `ctl-candidate-${next.index}` : "ctl-suggest"))?.focus();
    }, (error) => this.#refused(error));
  }

  #refused(error) {
    const message = format(this.s.refused, { message: error.message });
    this.board.announcer.say(message);
    showNotice(message, { kind: "error", dismissLabel: this.s.dismiss });
  }

  #lang() {
    const language = this.board.state.workshop.language;
    return language && language !== document.documentElement.lang ? language : null;
  }

  #note(id) {
    return this.board.state.notes.get(id);
  }

  // Likely duplicates, each group's texts side by side; "Yhdistä" merges the others into the first.
  #similar() {
    const s = this.s;
    const groups = (this.answer.similar || []).map((ids) => ids.filter((id) => this.#note(id))).filter((ids) => ids.length > 1);
    if (!groups.length) return null;
    return el("div", { class: "similar" }, el("h5", { id: "ctl-similar-heading", text: s.similar_notes }),
      el("p", { class: "hint", id: "ctl-similar-hint", text: s.similar_hint }),
      ...groups.map((ids) => {
        const texts = el("ul", { class: "similar-texts" }, ...ids.map((id) => el("li", { class: "similar-text", lang: this.#lang(), text: this.#note(id).text })));
        return el("div", { class: "similar-group", "data-focus-key": `similar-${ids[0]}` }, texts,
          el("button", { type: "button", class: "small", "data-action": "merge", text: s.merge,
            "aria-label": format(s.merge_similar, { text: snippet(this.#note(ids[0]).text), n: ids.length }),
            "aria-describedby": "ctl-similar-hint", onclick: () => this.#merge(ids) }));
      }));
  }

  async #merge([into, ...others]) {
    try {
      for (const id of others) await this.board.send(CLIENT_EVENTS.NOTE_MERGE, { note_id: id, into_note_id: into });
      this.board.announcer.say(plural(this.s.merged_n, others.length + 1));
    } catch (error) {
      this.#refused(error);
    }
    this.answer.similar = this.answer.similar.filter((ids) => !ids.includes(into));
    this.#redraw();
    document.getElementById("ctl-suggest")?.focus();
  }

  // --- The sorting preview: a modal dialog, outside the controls so that re-renders leave it be.

  #choices() {
    const themeIds = new Set(this.themes.map((t) => t.id));
    return (this.answer.assignments || []).filter((a) => this.#note(a.note_id) && this.#note(a.note_id).theme_id == null)
      .map((a) => {
        const proposed = themeIds.has(a.theme_id) ? a.theme_id : null;
        const corrected = this.corrections.has(a.note_id) && (this.corrections.get(a.note_id) === null || themeIds.has(this.corrections.get(a.note_id)));
        return { noteId: a.note_id, proposed, unsure: proposed !== null && a.score < SURE, chosen: corrected ? this.corrections.get(a.note_id) : proposed };
      });
  }

  #summary(choices) {
    const s = this.s;
    const sorted = choices.filter((c) => c.chosen !== null);
    const themes = new Set(sorted.map((c) => c.chosen)).size;
    return format(s.sort_summary, { notes: plural(s.sorted_notes_n, sorted.length), themes: plural(s.into_themes_n, themes),
      loose: plural(s.left_without_n, choices.length - sorted.length) });
  }

  #openPreview() {
    const s = this.s;
    const choices = this.#choices();
    const dialog = this.#dialog();
    // The notes answer several of the step's questions: each row then says which.
    const questions = new Set(choices.map((c) => this.#note(c.noteId).prompt_id)).size > 1;
    const summary = el("p", { id: "sort-summary", class: "sort-summary", "aria-live": "polite", text: this.#summary(choices) });
    const groups = [...this.themes.map((t) => ({ theme: t, key: t.id })), { theme: null, key: null }].map((group) => {
      const members = choices.filter((c) => c.proposed === group.key);
      if (!members.length) return null;
      const headingId = `sort-group-${group.key ?? "none"}`;
      const title = group.theme ? format(s.proposed_theme, { title: group.theme.title }) : s.no_proposal;
      return el("section", { class: "sort-group", "aria-labelledby": headingId },
        el("h3", { id: headingId }, el("span", { lang: group.theme ? this.#lang() : null, text: title }), " ",
          el("span", { class: "count", text: `(${members.length})` })),
        el("ul", { class: "sort-notes" }, ...members.map((choice) => this.#choiceRow(choice, choices, summary, questions))));
    }).filter(Boolean);
    const body = choices.length ? groups : [el("p", { text: s.nothing_to_sort })];
    dialog.replaceChildren(
      el("h2", { id: "sort-title", text: s.sort_into_themes }),
      el("p", { id: "sort-hint", class: "hint", text: s.sort_hint }),
      summary,
      el("div", { class: "sort-body" }, ...body),
      el("div", { class: "form-actions sort-actions" },
        el("button", { type: "button", id: "sort-accept", class: "primary", text: s.accept, disabled: choices.some((c) => c.chosen !== null) ? null : true,
          onclick: () => this.#accept(dialog) }),
        el("button", { type: "button", id: "sort-cancel", text: s.cancel, onclick: () => dialog.close() })));
    dialog.showModal();
    // The keyboard lands on the first proposal (or the dialog's heading when there is none).
    (dialog.querySelector("select") || dialog.querySelector("#sort-accept:not([disabled])") || dialog.querySelector("#sort-cancel")).focus();
  }

  #choiceRow(choice, choices, summary, questions) {
    const s = this.s;
    const id = `sort-note-${choice.noteId}`;
    const select = el("select", { id, "data-note-id": choice.noteId },
      ...this.themes.map((t) => el("option", { value: String(t.id), lang: this.#lang(), text: t.title, selected: t.id === choice.chosen ? true : null })),
      el("option", { value: "", text: s.no_theme, selected: choice.chosen === null ? true : null }));
    select.addEventListener("change", () => {
      choice.chosen = select.value ? Number(select.value) : null;
      this.corrections.set(choice.noteId, choice.chosen);
      row.classList.toggle("corrected", choice.chosen !== choice.proposed);
      summary.textContent = this.#summary(choices);
      document.getElementById("sort-accept").disabled = !choices.some((c) => c.chosen !== null);
    });
    const note = this.#note(choice.noteId);
    const prompt = questions ? this.step.prompts.find((p) => p.id === note.prompt_id) : null;
    const question = prompt ? el("span", { id: `${id}-question`, class: "sort-note-question" }, `${s.note_question} `,
      el("span", { lang: this.#lang(), text: prompt.title })) : null;
    if (question) select.setAttribute("aria-describedby", question.id);
    const row = el("li", { class: choice.chosen !== choice.proposed ? "sort-note corrected" : "sort-note" },
      el("div", {}, el("label", { for: id, class: "sort-note-text" }, el("span", { lang: this.#lang(), text: note.text }),
        choice.unsure ? el("span", { class: "unsure", text: ` (${s.unsure_proposal})` }) : null), question), select);
    return row;
  }

  // One note into its theme, as a settled promise. One after another, and again after a pause
  // when the server says too fast: a whole wall accepted at once is more moves than a
  // connection may send in a burst (app/ratelimit.py: 40, then 10 a second).
  async #move(choice) {
    for (let attempt = 0; ; attempt++) {
      try {
        return { status: "fulfilled", value: await this.board.send(CLIENT_EVENTS.NOTE_THEME, { note_id: choice.noteId, theme_id: choice.chosen }) };
      } catch (error) {
        if (error?.code !== "too_fast" || attempt >= MOVE_RETRIES) return { status: "rejected", reason: error };
        await new Promise((resolve) => setTimeout(resolve, MOVE_PAUSE_MS));
      }
    }
  }

  #dialog() {
    if (this.dialog) return this.dialog;
    this.dialog = el("dialog", { id: "sort-dialog", class: "sort-dialog", "aria-labelledby": "sort-title", "aria-describedby": "sort-hint" });
    // Escape (the dialog's "cancel") and both buttons close it; the keyboard goes back to its opener.
    this.dialog.addEventListener("close", () => document.getElementById("ctl-sort")?.focus());
    document.body.append(this.dialog);
    return this.dialog;
  }

  async #accept(dialog) {
    const s = this.s;
    const moves = this.#choices().filter((c) => c.chosen !== null);
    const accept = document.getElementById("sort-accept");
    if (accept.getAttribute("aria-busy") === "true") return; // moving already: once is enough
    accept.setAttribute("aria-busy", "true");
    accept.setAttribute("aria-disabled", "true");
    const results = [];
    for (const c of moves) results.push(await this.#move(c));
    const done = moves.filter((_, i) => results[i].status === "fulfilled");
    for (const c of done) this.corrections.delete(c.noteId);
    this.answer.assignments = this.answer.assignments.filter((a) => !done.some((c) => c.noteId === a.note_id));
    dialog.close();
    const message = format(s.sorted_result, { notes: plural(s.sorted_notes_n, done.length), themes: plural(s.into_themes_n, new Set(done.map((c) => c.chosen)).size) });
    this.board.announcer.say(message);
    const failed = results.find((r) => r.status === "rejected");
    if (failed) this.#refused(failed.reason);
    this.#redraw();
  }
}
