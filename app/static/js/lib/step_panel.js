// What a step says about itself above the columns: timer, private brainstorming, lock, voting,
// small groups, "I'm done", and the shared vision statement.
import { el, format } from "./dom.js";
import { CLIENT_EVENTS } from "./events.js";
import { keepFocus } from "./focus.js";
import { showNotice } from "./notice.js";
import { contentLang } from "./room_frame.js";
import { TimerView } from "./timer.js";

export class StepPanel {
  constructor(board) {
    this.board = board;
    this.strings = board.strings;
    this.root = document.getElementById("step-panel");
    this.timer = new TimerView(this.strings, board.announcer, { sound: !board.readOnly });
    this.status = el("div", { class: "step-status" });
    this.ratings = el("div", { class: "ratings" });
    this.groupBar = el("div", { class: "group-bar" });
    this.vision = el("div", { class: "vision" });
    this.visionStep = null;
    // The countdown is pinned in the room's bar (sticky, on phones too) where the page has one.
    const pinned = document.getElementById("room-timer");
    if (pinned) pinned.replaceChildren(this.timer.root);
    this.root.replaceChildren(...(pinned ? [] : [this.timer.root]), this.status, this.groupBar, this.ratings, this.vision);
  }

  // A refused action is shown, not only announced.
  refused(error) {
    const message = `${this.strings.error_prefix} ${error.message}`;
    this.board.announcer.say(message);
    showNotice(message, { dismissLabel: this.strings.dismiss });
  }

  render(step) {
    const { state } = this.board;
    const group = state.myGroup(step.id);
    // The countdown for what the viewer is looking at: their small group's own, else the
    // plenary's — for a group member only while it runs: the plenary's ended time is not theirs.
    if (group?.timer) this.timer.set(group.timer, state.clockOffset);
    else this.timer.set(step.state.timer, state.clockOffset, { hideAtZero: Boolean(group) });
    keepFocus(this.root, () => {
      this.#status(step, group);
      this.#groups(step, group);
      this.#vision(step);
      this.#ratings(step);
    });
  }

  // Feedback: how the ratings are distributed (the comments are the notes below).
  #ratings(step) {
    if (step.note?.type !== "rating") {
      this.ratings.replaceChildren();
      return;
    }
    const { min = 1, max = 5 } = step.rating || {};
    const counts = new Map();
    for (const note of this.board.state.notes.values()) {
      if (note.step_id === step.id && note.fields?.rating) counts.set(note.fields.rating, (counts.get(note.fields.rating) || 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const rows = [];
    for (let value = max; value >= min; value -= 1) {
      const n = counts.get(value) || 0;
      rows.push(el("li", {}, el("span", { class: "rating-label", text: String(value) }), " ",
        el("span", { class: "bar", style: null, "data-share": total ? Math.round((100 * n) / total) : 0 }), " ",
        el("span", { text: format(this.strings.answers_n, { n }) })));
    }
    const list = el("ul", { class: "rating-distribution" }, ...rows);
    list.querySelectorAll(".bar").forEach((bar) => { bar.style.width = `${bar.dataset.share}%`; });
    this.ratings.replaceChildren(el("section", { class: "card", "aria-labelledby": "ratings-heading" },
      el("h3", { id: "ratings-heading", text: this.strings.rating_distribution }), list));
  }

  #status(step, group) {
    const s = this.strings;
    const { state } = this.board;
    const lines = [];
    if (state.workshop.status !== "open") lines.push(el("p", { class: "notice", text: s.errors.workshop_closed }));
    if (group ? group.hidden : step.state.hidden) lines.push(el("p", { class: "notice", text: state.me.role === "facilitator" ? s.hidden_step_facilitator : s.hidden_step }));
    if (step.state.locked) lines.push(el("p", { class: "notice", text: s.locked_step }));
    if (step.state.open_until) {
      const until = new Date(step.state.open_until).toLocaleString(document.documentElement.lang);
      lines.push(el("p", { class: "notice", text: state.writable(step) || state.me.role !== "participant" ? format(s.open_until, { time: until }) : format(s.closed_since, { time: until }) }));
    }
    const voting = step.state.voting;
    if (voting?.open && state.me.role === "participant") {
      const left = voting.votes_per_participant - state.votesUsed(step);
      lines.push(el("p", { class: "notice voting-notice", text: format(s.voting_open, { n: left }) }));
    } else if (voting?.open) {
      lines.push(el("p", { class: "notice", text: s.voting_open_facilitator }));
    } else if (voting) {
      lines.push(el("p", { class: "notice", text: s.voting_closed }));
    }
    if (state.me.role === "participant" && state.workshop.status === "open") {
      const done = state.done.has(`${step.id}:${state.me.participantId}`);
      lines.push(el("button", { type: "button", id: "done-toggle", class: "done-toggle", "aria-pressed": done ? "true" : "false",
        text: done ? s.done_marked : s.mark_done,
        onclick: () => this.board.send(CLIENT_EVENTS.STEP_DONE, { step_id: step.id, done: !done }).catch((error) => this.refused(error)) }));
    }
    this.status.replaceChildren(...lines);
  }

  #groups(step, group) {
    const s = this.strings;
    const { state } = this.board;
    const groups = state.groupsOf(step.id);
    if (!groups.length || state.me.role === "facilitator") {
      this.groupBar.replaceChildren();
      return;
    }
    if (state.readOnly) { // the presenter: which groups are at work, nothing to choose
      this.groupBar.replaceChildren(el("p", { class: "notice" }, ...this.#named(s.groups_working, groups.map((g) => g.name).join(", "))));
      return;
    }
    const parts = [];
    if (group) {
      const chair = group.chair_id ? state.participants.get(group.chair_id)?.name || s.anonymous : null;
      parts.push(el("p", { class: "my-group" }, el("strong", {}, ...this.#named(s.your_group, group.name)),
        chair ? ` · ${format(s.chair_is, { name: group.chair_id === state.me.participantId ? s.you : chair })}` : ""));
      if (!group.chair_id) parts.push(el("button", { type: "button", id: "volunteer-chair", text: s.volunteer_chair, onclick: () => this.board.send(CLIENT_EVENTS.GROUP_CHAIR, { group_id: group.id, participant_id: state.me.participantId }).catch((error) => this.refused(error)) }));
      if (group.chair_id === state.me.participantId) parts.push(this.#chairControls(step, group));
    } else {
      parts.push(el("p", { text: s.choose_group }));
    }
    const choose = el("div", { class: "form-actions" });
    for (const other of groups) {
      if (other.id === group?.id) continue;
      choose.append(el("button", { type: "button", id: `join-group-${other.id}`,
        onclick: () => this.board.send(CLIENT_EVENTS.GROUP_JOIN, { group_id: other.id }).then((ack) => {
          ack.notes.forEach((note) => state.notes.set(note.id, note));
          this.board.render();
        }, (error) => this.refused(error)) }, ...this.#named(s.join_group, other.name)));
    }
    parts.push(choose);
    this.groupBar.replaceChildren(el("section", { class: "card group-card", "aria-label": s.small_groups }, ...parts));
  }

  // "Ryhmäsi: {name}" with the group's name (the workshop's words) in the workshop's language.
  #named(template, name) {
    const [before, after = ""] = template.split("{name}");
    return [before, el("span", { lang: contentLang(this.board.state), text: name }), after].filter((part) => part !== "");
  }

  #chairControls(step, group) {
    const s = this.strings;
    const minutes = el("input", { type: "number", id: "chair-minutes", min: "1", max: "240", value: "10", class: "short" });
    const send = (event, extra = {}) => this.board.send(event, { step_id: step.id, group_id: group.id, ...extra }).catch((error) => this.refused(error));
    return el("div", { class: "chair-controls" },
      el("h3", { text: s.chair_tools }),
      el("label", { for: "chair-minutes", text: s.minutes }), " ", minutes, " ",
      el("button", { type: "button", id: "chair-timer-start", text: s.timer_start, onclick: () => send(CLIENT_EVENTS.TIMER_START, { seconds: Number(minutes.value) * 60 }) }), " ",
      el("button", { type: "button", id: "chair-timer-stop", text: s.timer_stop, onclick: () => send(CLIENT_EVENTS.TIMER_STOP) }), " ",
      el("button", { type: "button", id: "chair-hide", text: group.hidden ? s.reveal : s.hide, onclick: () => send(group.hidden ? CLIENT_EVENTS.STEP_REVEAL : CLIENT_EVENTS.STEP_HIDE) }));
  }

  #vision(step) {
    const s = this.strings;
    if (!step.vision) {
      this.vision.replaceChildren();
      this.visionStep = null;
      return;
    }
    const { state } = this.board;
    if (state.readOnly) { // the presenter shows the statement, large, with nothing to edit
      this.visionStep = null;
      this.vision.replaceChildren(el("section", { class: "vision-card", "aria-labelledby": "vision-heading" },
        el("h3", { id: "vision-heading", text: s.vision_statement }),
        el("p", { class: "vision-text", lang: contentLang(state), text: step.vision.text })));
      return;
    }
    const fresh = this.visionStep !== step.id;
    if (fresh) {
      this.visionStep = step.id;
      this.base = step.vision;
      const area = el("textarea", { id: "vision-text", rows: 4, maxlength: 4000, lang: contentLang(state) });
      area.value = step.vision.text;
      this.area = area;
      this.editedLine = el("p", { class: "hint", id: "vision-edited" });
      this.changedLine = el("p", { class: "notice", role: "status", hidden: true });
      this.conflict = el("div", { class: "conflict", hidden: true, role: "alert" });
      const save = el("button", { type: "button", class: "primary", text: s.save_vision, onclick: () => this.#saveVision(step) });
      area.setAttribute("aria-describedby", "vision-edited");
      this.vision.replaceChildren(el("section", { class: "card vision-card", "aria-labelledby": "vision-heading" },
        el("h3", { id: "vision-heading", text: s.vision_statement }),
        el("label", { for: "vision-text", class: "visually-hidden", text: s.vision_statement }),
        area, this.editedLine, this.changedLine, this.conflict, el("div", { class: "form-actions" }, save)));
    }
    this.area.disabled = !state.writable(step);
    const edited = step.vision.edited_at
      ? format(s.vision_edited, { name: step.vision.edited_by || s.anonymous, time: new Date(step.vision.edited_at).toLocaleString(document.documentElement.lang) })
      : s.vision_empty;
    this.editedLine.textContent = edited;
    if (!fresh && step.vision.version !== this.base.version) {
      if (this.area.value === this.base.text) {
        this.area.value = step.vision.text; // nothing typed here: take the new text
        this.base = step.vision;
      } else {
        this.changedLine.hidden = false;
        this.changedLine.textContent = s.vision_changed_meanwhile;
      }
    }
  }

  #saveVision(step) {
    const text = this.area.value;
    this.board.send(CLIENT_EVENTS.VISION_EDIT, { step_id: step.id, text, version: this.base.version }).then((ack) => {
      step.vision = ack.vision;
      this.base = ack.vision;
      this.area.value = ack.vision.text;
      this.changedLine.hidden = true;
      this.conflict.hidden = true;
      this.board.announcer.say(this.strings.vision_saved);
      this.#vision(step);
    }, (error) => {
      if (error.code !== "conflict") {
        this.refused(error);
        return;
      }
      this.#showConflict(step, text, error.vision);
    });
  }

  #showConflict(step, mine, theirs) {
    const s = this.strings;
    step.vision = theirs;
    this.conflict.hidden = false;
    this.conflict.replaceChildren(
      el("p", { text: s.vision_conflict }),
      el("blockquote", { class: "theirs", text: theirs.text }),
      el("div", { class: "form-actions" },
        el("button", { type: "button", text: s.take_theirs, onclick: () => {
          this.base = theirs; this.area.value = theirs.text; this.conflict.hidden = true; this.changedLine.hidden = true; this.area.focus();
        } }),
        el("button", { type: "button", text: s.keep_mine, onclick: () => {
          this.base = theirs; this.area.value = mine; this.conflict.hidden = true; this.#saveVision(step);
        } })));
    this.conflict.querySelector("button").focus();
  }
}
