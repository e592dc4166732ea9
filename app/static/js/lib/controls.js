// The facilitator's controls for the step on screen, in the order a step runs: where the room
// is (viewed and live step), the canvas's tip, progress, then the phases — writing (timer,
// lock), private brainstorming, voting, themes, small groups — and the workshop itself. Every
// toggle says its state in words; a refused action shows a visible notice. A closed workshop
// offers only what still works there: reopening it (the downloads are on the page).
import { el, format, plural } from "./dom.js";
import { CLIENT_EVENTS, EVENT_TYPES } from "./events.js";
import { keepFocus } from "./focus.js";
import { showNotice } from "./notice.js";
import { themeControls } from "./theme_controls.js";
import { ThemeSuggestions } from "./theme_suggestions.js";

let uid = 0;
const field = (labelText, input) => {
  uid += 1;
  input.id = input.id || `ctl-${uid}`;
  return el("span", { class: "control-field" }, el("label", { for: input.id, text: labelText }), " ", input);
};

// A visible on/off word beside a toggle: the state is said, not only shown by a tick or colour.
const stateText = (id, text, on) => el("p", { id, class: on ? "control-state on" : "control-state" }, text);

export class Controls {
  constructor(board, root, presenceRoot) {
    this.board = board;
    this.s = board.strings;
    this.root = root;
    this.presenceRoot = presenceRoot;
    this.renderedFor = null;
    this.voters = new Map(); // step id -> participants who used a vote in the round
    this.openSections = new Map(); // a section the facilitator opened or closed stays so
    this.suggestions = new ThemeSuggestions(board);
    board.onChange((event) => {
      if (event) this.#track(event);
      this.render();
    });
  }

  // Who has voted, from the snapshot (facilitators get every vote of the round).
  loadVotes(snapshot) {
    this.voters.clear();
    const rounds = new Map(snapshot.steps.map((step) => [step.id, step.state.voting?.round]));
    const stepOf = new Map(snapshot.notes.map((note) => [note.id, note.step_id]));
    const seen = new Map();
    for (const vote of snapshot.votes || []) {
      const stepId = stepOf.get(vote.note_id);
      if (stepId === undefined || vote.round !== rounds.get(stepId)) continue;
      if (!seen.has(stepId)) seen.set(stepId, new Set());
      seen.get(stepId).add(vote.participant_id);
    }
    for (const [stepId, people] of seen) this.voters.set(stepId, people.size);
  }

  #track({ type, data }) {
    if (type === EVENT_TYPES.VOTE_CHANGED && typeof data.voters === "number") this.voters.set(data.step_id, data.voters);
    if (type === EVENT_TYPES.VOTING_CHANGED && data.voting.open && data.tallies === null) this.voters.set(data.step_id, 0);
  }

  send(event, payload = {}) {
    return this.board.send(event, payload).catch((error) => {
      const message = format(this.s.refused, { message: error.message });
      this.board.announcer.say(message);
      showNotice(message, { kind: "error", dismissLabel: this.s.dismiss });
      throw error;
    });
  }

  render() {
    const step = this.board.step();
    if (!step) return;
    const { state } = this.board;
    const signature = JSON.stringify([step.id, step.state, state.workshop, state.themesOf(step.id), state.groupsOf(step.id),
      this.board.view, this.board.viewedStepId]);
    if (signature !== this.renderedFor) {
      const active = document.activeElement;
      const inside = Boolean(active && active !== document.body && this.root.contains(active));
      const focusedId = inside ? active.id : "";
      const phase = inside ? active.closest("[data-phase]")?.dataset.phase : "";
      const typed = this.#typedValues();
      this.#keepOpenSections();
      this.renderedFor = signature;
      const closed = state.workshop.status !== "open";
      this.root.replaceChildren(el("h2", { id: "controls-heading", text: this.s.controls }),
        ...(closed ? this.#closed() : this.#sections(step)));
      for (const [id, value] of typed) {
        const input = document.getElementById(id);
        if (input) input.value = value;
      }
      // The keyboard stays where it was: on the same control, else in the same phase (pausing
      // the timer turns "Tauko" into "Jatka"), else on the panel's first control.
      if (inside) {
        const usable = (node) => (node && !node.disabled && node.getClientRects().length ? node : null);
        const same = usable(focusedId && document.getElementById(focusedId));
        const inPhase = phase && [...this.root.querySelectorAll(`[data-phase="${phase}"] button, [data-phase="${phase}"] summary`)].find(usable);
        (same || inPhase || [...this.root.querySelectorAll("button, summary")].find(usable))?.focus();
      }
    }
    this.#progress(step);
    this.#presence(step);
    this.#joinBox();
  }

  // What the facilitator has typed or chosen but not yet sent: a change from the room must not
  // wipe it (nor move the keyboard focus).
  #typedValues() {
    const typed = [];
    for (const input of this.root.querySelectorAll("input[id]:not([type=checkbox]), select[id]")) {
      const initial = input.tagName === "SELECT" ? [...input.options].find((o) => o.defaultSelected)?.value ?? input.options[0]?.value : input.defaultValue;
      if (input.value !== initial) typed.push([input.id, input.value]);
    }
    return typed;
  }

  #sections(step) {
    return [this.#where(step), this.#hint(step), el("div", { id: "ctl-progress", class: "control-progress" }),
      this.#write(step), this.#brainstorm(step), this.#voting(step), this.#themes(step), this.#groups(step), this.#workshop()];
  }

  #closed() {
    const s = this.s;
    return [
      el("p", { id: "ctl-closed", class: "control-closed", text: s.workshop_closed_note }),
      el("button", { type: "button", id: "ctl-close", class: "primary", text: s.reopen_workshop,
        onclick: () => this.send(CLIENT_EVENTS.WORKSHOP_REOPEN).catch(() => {}) }),
    ];
  }

  // Workshop content (titles, the tip, names) in the workshop's language where the UI differs.
  #lang() {
    const language = this.board.state.workshop.language;
    return language && language !== document.documentElement.lang ? language : null;
  }

  #box(phase, title, ...children) {
    return el("section", { class: `control-box phase-${phase}`, "data-phase": phase }, el("h3", { text: title }), ...children);
  }

  // A phase that is not always needed folds away; it opens by itself where the step uses it,
  // and once the facilitator opens or closes it, it stays so.
  #fold(phase, title, relevant, ...children) {
    const key = phase;
    const remembered = this.openSections.get(key);
    const details = el("details", { class: `control-box phase-${phase}`, "data-phase": phase, open: (remembered ?? relevant) ? true : null },
      el("summary", { id: `ctl-${phase}-summary` }, el("h3", { text: title })), ...children);
    this.#remember(details, key);
    return details;
  }

  // Only the facilitator's own opening or closing is remembered: a details element made open
  // also fires "toggle", which must not turn the step's default into a choice.
  #remember(details, key) {
    Object.assign(details.dataset, { section: key, drawnOpen: String(details.open) });
    details.addEventListener("toggle", () => this.#keep(details));
  }

  #keep(details) {
    const key = details.dataset.section;
    if (String(details.open) !== details.dataset.drawnOpen || this.openSections.has(key)) this.openSections.set(key, details.open);
  }

  // "toggle" comes a task after the click: a redraw in between (the room's next change) reads
  // the sections as they are now, so that the one just opened does not close again.
  #keepOpenSections() {
    this.root.querySelectorAll("details[data-section]").forEach((details) => this.#keep(details));
  }

  #where(step) {
    const s = this.s;
    const { state } = this.board;
    const { workshop } = state;
    const number = (id) => state.steps.findIndex((candidate) => candidate.id === id) + 1;
    const current = workshop.current_step_id === step.id;
    const live = number(workshop.current_step_id);
    const where = current
      ? el("p", { id: "ctl-where", class: "control-where" }, format(s.viewing_live, { n: number(step.id) }))
      : el("p", { id: "ctl-where", class: "control-where" }, format(s.viewing_step, { n: number(step.id) }),
        live ? " · " : null, live ? el("strong", { text: format(s.live_step, { n: live }) }) : null);
    const follow = el("input", { type: "checkbox", id: "ctl-follow" });
    follow.checked = workshop.follow_me;
    follow.addEventListener("change", () => this.send(CLIENT_EVENTS.WORKSHOP_FOLLOW, { follow: follow.checked }).catch(() => { follow.checked = !follow.checked; }));
    const actions = [el("button", { type: "button", id: "ctl-goto", class: "primary", disabled: current ? true : null,
      text: current ? s.everyone_here : s.move_everyone_here, onclick: () => this.send(CLIENT_EVENTS.STEP_GOTO, { step_id: step.id }).catch(() => {}) })];
    if (!current && workshop.current_step_id) {
      actions.push(el("button", { type: "button", id: "ctl-show-live", text: s.show_live_step,
        onclick: () => this.board.show(workshop.current_step_id) }));
    }
    return el("section", { class: "control-box phase-room", "data-phase": "room", "aria-label": s.step_control },
      where, el("div", { class: "form-actions" }, ...actions),
      el("p", { class: "control-toggle" }, follow, " ", el("label", { for: "ctl-follow", text: s.follow_me }), " ",
        el("span", { class: workshop.follow_me ? "state-badge on" : "state-badge", id: "ctl-follow-state",
          text: workshop.follow_me ? s.state_on : s.state_off })));
  }

  #hint(step) {
    if (!step.hint) return null;
    const key = "hint";
    const details = el("details", { class: "control-hint", id: "ctl-hint", open: this.openSections.get(key) ?? true ? true : null },
      el("summary", { text: this.s.step_hint }), el("p", { text: step.hint, lang: this.#lang() }));
    this.#remember(details, key);
    return details;
  }

  // Live figures for the step on screen: who is done, who has voted, notes per question.
  #progress(step) {
    const box = this.root.querySelector("#ctl-progress");
    if (!box) return;
    const s = this.s;
    const { state } = this.board;
    const online = state.presence.participants;
    const done = online.filter((id) => state.done.has(`${step.id}:${id}`)).length;
    const lines = [el("li", { id: "ready-count", text: format(s.ready_n, { n: done, total: online.length }) })];
    if (step.state.voting) {
      const voted = this.voters.get(step.id) || 0;
      // Out of those here now (of everyone who joined, when nobody is here, as after the session).
      const total = Math.max(voted, online.length || state.participants.size);
      lines.push(el("li", { id: "voted-count", text: format(s.voted_n, { n: voted, total }) }));
    }
    const notes = [...state.notes.values()].filter((note) => note.step_id === step.id);
    const perQuestion = step.prompts.map((prompt) => el("li", { lang: this.#lang(),
      text: format(s.notes_per_question, { title: prompt.title, n: notes.filter((n) => n.prompt_id === prompt.id).length }) }));
    for (const group of state.groupsOf(step.id)) { // and per small group, while there are groups
      perQuestion.push(el("li", { lang: this.#lang(),
        text: format(s.notes_per_question, { title: group.name, n: notes.filter((n) => n.group_id === group.id).length }) }));
    }
    const key = "notes";
    const wasOpen = box.querySelector("details")?.open ?? this.openSections.get(key);
    const details = el("details", { open: wasOpen ? true : null },
      el("summary", { id: "notes-count", text: format(s.notes_total_n, { n: notes.length }) }), el("ul", {}, ...perQuestion));
    this.#remember(details, key);
    keepFocus(box, () => box.replaceChildren(el("h3", { class: "visually-hidden", text: s.progress }),
      el("ul", { class: "progress-figures" }, ...lines), details));
  }

  #write(step) {
    const s = this.s;
    const minutes = el("input", { type: "number", id: "ctl-minutes", min: "1", max: "240", value: "5", class: "short" });
    const timer = step.state.timer;
    const send = (event, extra = {}) => this.send(event, { step_id: step.id, ...extra }).catch(() => {});
    const buttons = [el("button", { type: "button", id: "ctl-timer-start", text: s.timer_start, onclick: () => send(CLIENT_EVENTS.TIMER_START, { seconds: Number(minutes.value) * 60 }) })];
    if (timer?.state === "running") buttons.push(el("button", { type: "button", id: "ctl-timer-pause", text: s.timer_pause, onclick: () => send(CLIENT_EVENTS.TIMER_PAUSE) }));
    if (timer?.state === "paused") buttons.push(el("button", { type: "button", id: "ctl-timer-resume", text: s.timer_resume, onclick: () => send(CLIENT_EVENTS.TIMER_RESUME) }));
    if (timer) {
      buttons.push(el("button", { type: "button", id: "ctl-timer-add", text: s.timer_add_minute, onclick: () => send(CLIENT_EVENTS.TIMER_ADD, { seconds: 60 }) }));
      buttons.push(el("button", { type: "button", id: "ctl-timer-stop", text: s.timer_stop, onclick: () => send(CLIENT_EVENTS.TIMER_STOP) }));
    }
    const lock = el("input", { type: "checkbox", id: "ctl-lock" });
    lock.checked = step.state.locked;
    lock.addEventListener("change", () => this.send(CLIENT_EVENTS.STEP_LOCK, { step_id: step.id, locked: lock.checked }).catch(() => { lock.checked = !lock.checked; }));
    const children = [
      el("div", { class: "control-row" }, field(s.minutes, minutes), ...buttons),
      el("p", { class: "control-toggle" }, lock, " ", el("label", { for: "ctl-lock", text: s.lock_step }), " ",
        el("span", { class: step.state.locked ? "state-badge on" : "state-badge", id: "ctl-lock-state",
          text: step.state.locked ? s.state_on : s.state_off })),
    ];
    if (step.open_until || step.state.open_until) {
      const until = el("input", { type: "datetime-local", id: "ctl-open-until" });
      if (step.state.open_until) until.defaultValue = toLocalInput(step.state.open_until);
      children.push(el("div", { class: "control-row" }, field(s.open_until_label, until), el("button", { type: "button", text: s.save,
        onclick: () => this.send(CLIENT_EVENTS.STEP_OPEN_UNTIL, { step_id: step.id, open_until: until.value ? new Date(until.value).toISOString() : null }).catch(() => {}) })));
    }
    return this.#box("write", s.phase_write, ...children);
  }

  #brainstorm(step) {
    const s = this.s;
    const hidden = step.state.hidden;
    return this.#box("brainstorm", s.phase_brainstorm,
      stateText("ctl-hide-state", format(s.brainstorm_state, { state: hidden ? s.brainstorm_running : s.brainstorm_not_running }), hidden),
      el("button", { type: "button", id: "ctl-hide", text: hidden ? s.reveal : s.hide,
        onclick: () => this.send(hidden ? CLIENT_EVENTS.STEP_REVEAL : CLIENT_EVENTS.STEP_HIDE, { step_id: step.id }).catch(() => {}) }));
  }

  #voting(step) {
    const s = this.s;
    const voting = step.state.voting;
    if (voting?.open) {
      return this.#box("vote", s.voting,
        stateText("ctl-voting-state", plural(s.voting_state_open, voting.votes_per_participant), true),
        el("button", { type: "button", id: "ctl-voting", class: "primary", text: s.close_voting, onclick: () => this.send(CLIENT_EVENTS.VOTING_CLOSE, { step_id: step.id }).catch(() => {}) }));
    }
    const votes = el("input", { type: "number", id: "ctl-votes", min: "1", max: "20", value: "3", class: "short" });
    const perNote = el("input", { type: "number", id: "ctl-per-note", min: "1", max: "20", value: "1", class: "short" });
    const live = el("input", { type: "checkbox", id: "ctl-live-tallies" });
    return this.#box("vote", s.voting,
      stateText("ctl-voting-state", voting ? s.voting_state_closed : s.voting_state_none, false),
      el("div", { class: "control-row" }, field(s.votes_per_participant, votes), field(s.max_per_note, perNote)),
      el("p", { class: "control-toggle" }, live, " ", el("label", { for: "ctl-live-tallies", text: s.show_tallies })),
      el("button", { type: "button", id: "ctl-voting", text: s.open_voting, onclick: () => this.send(CLIENT_EVENTS.VOTING_OPEN, {
        step_id: step.id, votes_per_participant: Number(votes.value),
        max_per_note: Math.min(Number(perNote.value), Number(votes.value)), show_tallies: live.checked }).catch(() => {}) }));
  }

  #themes(step) {
    const s = this.s;
    const themes = this.board.state.themesOf(step.id);
    const cluster = el("input", { type: "checkbox", id: "ctl-cluster" });
    const clustering = step.state.participants_may_cluster;
    cluster.checked = clustering;
    cluster.addEventListener("change", () => this.send(CLIENT_EVENTS.STEP_CLUSTER, { step_id: step.id, allowed: cluster.checked }).catch(() => { cluster.checked = !cluster.checked; }));
    const options = { s, step, send: (event, payload) => this.send(event, payload), lang: this.#lang() };
    return this.#fold("themes", format(s.themes_n, { n: themes.length }), Boolean(step.themes || themes.length || clustering),
      ...themeControls(options, themes),
      this.suggestions.render(step, themes),
      el("p", { class: "control-toggle" }, cluster, " ", el("label", { for: "ctl-cluster", text: s.participants_cluster }), " ",
        el("span", { class: clustering ? "state-badge on" : "state-badge", id: "ctl-cluster-state", text: clustering ? s.state_on : s.state_off })));
  }

  #groups(step) {
    const s = this.s;
    const { state } = this.board;
    const groups = state.groupsOf(step.id);
    if (!groups.length) {
      const count = el("input", { type: "number", id: "ctl-group-count", min: "2", max: "50", value: "2", class: "short" });
      const mode = el("select", { id: "ctl-group-mode" },
        el("option", { value: "random", text: s.groups_random }), el("option", { value: "choose", text: s.groups_choose }));
      return this.#fold("groups", s.small_groups, Boolean(step.groups),
        el("div", { class: "control-row" }, field(s.group_count, count), field(s.group_mode, mode)),
        el("button", { type: "button", id: "ctl-groups-create", text: s.create_groups,
          onclick: () => this.send(CLIENT_EVENTS.GROUPS_CREATE, { step_id: step.id, count: Number(count.value), mode: mode.value }).catch(() => {}) }));
    }
    const list = el("ul", { class: "group-list" });
    groups.forEach((group, index) => {
      const chair = el("select", { id: `ctl-chair-${group.id}` }, el("option", { value: "", text: s.no_chair }));
      for (const member of group.members) {
        const option = el("option", { value: String(member), text: state.participants.get(member)?.name || s.anonymous });
        if (member === group.chair_id) option.defaultSelected = true;
        chair.append(option);
      }
      chair.addEventListener("change", () => this.send(CLIENT_EVENTS.GROUP_CHAIR, { group_id: group.id, participant_id: chair.value ? Number(chair.value) : null }).catch(() => {}));
      const name = el("input", { id: `ctl-group-name-${group.id}`, value: group.name, maxlength: "80", lang: this.#lang() });
      const rename = () => {
        if (!name.value.trim() || name.value === group.name) return;
        this.send(CLIENT_EVENTS.GROUPS_RENAME, { group_id: group.id, name: name.value })
          .then(() => this.board.announcer.say(format(s.group_renamed, { name: name.value.trim() })), () => {});
      };
      name.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); rename(); } });
      const names = group.members.map((m) => state.participants.get(m)?.name || s.anonymous).join(", ") || s.nobody;
      list.append(el("li", {},
        el("div", { class: "control-row" },
          el("label", { for: name.id, class: "visually-hidden", text: format(s.group_name_n, { n: index + 1 }) }), name,
          el("button", { type: "button", id: `ctl-group-rename-${group.id}`, class: "small", text: s.rename,
            "aria-label": `${s.rename}: ${group.name}`, onclick: rename })),
        el("p", { class: "group-members", text: names }), field(s.chair, chair)));
    });
    const debriefView = this.board.view === "groups";
    return this.#fold("groups", format(s.groups_n, { n: groups.length }), true, list,
      el("div", { class: "form-actions" },
        el("button", { type: "button", id: "ctl-debrief-view", class: "toggle", "aria-pressed": debriefView ? "true" : "false", text: s.groups_side_by_side,
          onclick: () => this.board.setView(debriefView ? "board" : "groups") })),
      stateText("ctl-debrief-view-state", format(s.side_by_side_state, { state: debriefView ? s.state_on : s.state_off }), debriefView),
      el("div", { class: "form-actions" },
        el("button", { type: "button", id: "ctl-debrief", class: "primary", text: s.bring_to_plenary, onclick: () => this.send(CLIENT_EVENTS.GROUPS_DEBRIEF, { step_id: step.id }).then(() => {
          // The notes left the groups: the side-by-side view would now be empty.
          if (this.board.view === "groups") this.board.setView("board");
          this.board.announcer.say(s.brought_to_plenary);
        }, () => {}) }),
        el("button", { type: "button", id: "ctl-groups-end", text: s.end_groups, onclick: () => {
          if (!window.confirm(s.end_groups_confirm)) return;
          this.send(CLIENT_EVENTS.GROUPS_END, { step_id: step.id }).then(() => {
            if (this.board.view === "groups") this.board.setView("board");
            this.board.announcer.say(s.groups_ended);
            document.getElementById("ctl-groups-summary")?.focus();
          }, () => {});
        } })));
  }

  #workshop() {
    const s = this.s;
    return this.#fold("workshop", s.workshop, false,
      el("button", { type: "button", id: "ctl-close", text: s.close_workshop,
        onclick: () => {
          if (!window.confirm(s.close_confirm)) return;
          this.send(CLIENT_EVENTS.WORKSHOP_CLOSE).catch(() => {});
        } }));
  }

  // The join box: prominent until someone joins, then a chip; gone once the workshop closes.
  #joinBox() {
    const box = document.getElementById("join-info");
    if (!box) return;
    const { state } = this.board;
    box.hidden = state.workshop.status !== "open";
    const joined = state.participants.size > 0 || state.presence.participants.length > 0;
    if (joined && box.classList.contains("prominent")) {
      box.classList.replace("prominent", "compact");
      const qr = document.getElementById("join-qr");
      if (qr && !qr.contains(document.activeElement)) qr.open = false;
    }
    const copy = document.getElementById("join-copy");
    if (copy && !copy.dataset.ready) {
      copy.dataset.ready = "1";
      copy.addEventListener("click", () => this.#copyLink());
      // The chip's QR code opens over the page: Escape closes it again.
      const qr = document.getElementById("join-qr");
      qr?.addEventListener("keydown", (event) => {
        if (event.key !== "Escape" || !qr.open || !box.classList.contains("compact")) return;
        qr.open = false;
        qr.querySelector("summary").focus();
      });
    }
  }

  async #copyLink() {
    const link = document.getElementById("join-link");
    try {
      await navigator.clipboard.writeText(link.href);
    } catch {
      // No clipboard (an insecure origin): select the link text for a manual copy.
      const range = document.createRange();
      range.selectNodeContents(link);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      return;
    }
    this.board.announcer.say(this.s.link_copied);
    showNotice(this.s.link_copied, { kind: "info", dismissLabel: this.s.dismiss });
  }

  #presence() {
    const s = this.s;
    const { state } = this.board;
    const online = state.presence.participants;
    const named = online.map((id) => state.participants.get(id)?.name).filter(Boolean);
    const anonymous = online.length - named.length;
    const who = [...named, ...(anonymous ? [format(s.anonymous_n, { n: anonymous })] : [])].join(", ");
    const people = el("ul", { class: "participant-list" });
    for (const participant of state.participants.values()) {
      people.append(el("li", {}, el("span", { class: "participant-name", text: participant.name || s.anonymous }), " ",
        // Still there once the workshop is closed: removing a duplicate takes its votes out of
        // the results that are downloaded.
        el("button", { type: "button", id: `remove-participant-${participant.id}`, class: "small", text: s.remove, "aria-label": `${s.remove}: ${participant.name || s.anonymous}`,
          onclick: () => { if (window.confirm(s.remove_confirm)) this.send(CLIENT_EVENTS.PARTICIPANT_REMOVE, { participant_id: participant.id }).catch(() => {}); } })));
    }
    const wasOpen = this.presenceRoot.querySelector("details")?.open;
    keepFocus(this.presenceRoot, () => this.presenceRoot.replaceChildren(
      el("h2", { text: s.presence }),
      el("p", { id: "presence-count", text: format(s.online_n, { n: online.length }) }),
      el("p", { class: "presence-names", text: who || s.nobody }),
      el("details", { open: wasOpen ? true : null }, el("summary", { id: "all-participants", text: format(s.all_participants, { n: state.participants.size }) }), people)));
  }
}

function toLocalInput(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
