// The facilitator's controls for the step on screen: move everyone, timer, private
// brainstorming, lock, voting, themes, small groups, walls, and the room (presence, close).
import { el, format } from "./dom.js";
import { keepFocus } from "./focus.js";

let uid = 0;
const field = (labelText, input) => {
  uid += 1;
  input.id = input.id || `ctl-${uid}`;
  return el("span", { class: "control-field" }, el("label", { for: input.id, text: labelText }), " ", input);
};

export class Controls {
  constructor(board, root, presenceRoot) {
    this.board = board;
    this.s = board.strings;
    this.root = root;
    this.presenceRoot = presenceRoot;
    this.renderedFor = null;
    board.onChange(() => this.render());
  }

  send(event, payload = {}) {
    return this.board.send(event, payload).catch((error) => {
      this.board.announcer.say(`${this.s.error_prefix} ${error.message}`);
      throw error;
    });
  }

  render() {
    const step = this.board.step();
    if (!step) return;
    const { state } = this.board;
    const signature = JSON.stringify([step.id, step.state, state.workshop, state.themesOf(step.id), state.groupsOf(step.id), this.board.view]);
    if (signature !== this.renderedFor) {
      const focused = document.activeElement?.id;
      const typed = this.#typedValues();
      this.renderedFor = signature;
      this.root.replaceChildren(el("h2", { text: this.s.controls }), ...this.#sections(step));
      for (const [id, value] of typed) {
        const input = document.getElementById(id);
        if (input) input.value = value;
      }
      if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
    }
    this.#presence(step);
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
    return [this.#room(step), this.#timer(step), this.#brainstorm(step), this.#voting(step), this.#themes(step), this.#groups(step), this.#workshop()];
  }

  #box(title, ...children) {
    return el("section", { class: "control-box" }, el("h3", { text: title }), ...children);
  }

  #room(step) {
    const s = this.s;
    const { workshop } = this.board.state;
    const follow = el("input", { type: "checkbox", id: "ctl-follow" });
    follow.checked = workshop.follow_me;
    follow.addEventListener("change", () => this.send("workshop.follow", { follow: follow.checked }).catch(() => { follow.checked = !follow.checked; }));
    const current = workshop.current_step_id === step.id;
    return this.#box(s.step_control,
      el("button", { type: "button", id: "ctl-goto", class: "primary", disabled: current ? true : null,
        text: current ? s.everyone_here : s.move_everyone_here, onclick: () => this.send("step.goto", { step_id: step.id }) }),
      el("p", {}, follow, " ", el("label", { for: "ctl-follow", text: s.follow_me })));
  }

  #timer(step) {
    const s = this.s;
    const minutes = el("input", { type: "number", id: "ctl-minutes", min: "1", max: "240", value: "5", class: "short" });
    const timer = step.state.timer;
    const send = (event, extra = {}) => this.send(event, { step_id: step.id, ...extra });
    const buttons = [el("button", { type: "button", id: "ctl-timer-start", text: s.timer_start, onclick: () => send("timer.start", { seconds: Number(minutes.value) * 60 }) })];
    if (timer?.state === "running") buttons.push(el("button", { type: "button", text: s.timer_pause, onclick: () => send("timer.pause") }));
    if (timer?.state === "paused") buttons.push(el("button", { type: "button", text: s.timer_resume, onclick: () => send("timer.resume") }));
    if (timer) {
      buttons.push(el("button", { type: "button", text: s.timer_add_minute, onclick: () => send("timer.add", { seconds: 60 }) }));
      buttons.push(el("button", { type: "button", text: s.timer_stop, onclick: () => send("timer.stop") }));
    }
    return this.#box(s.timer, field(s.minutes, minutes), el("div", { class: "form-actions" }, ...buttons));
  }

  #brainstorm(step) {
    const s = this.s;
    const lock = el("input", { type: "checkbox", id: "ctl-lock" });
    lock.checked = step.state.locked;
    lock.addEventListener("change", () => this.send("step.lock", { step_id: step.id, locked: lock.checked }).catch(() => {}));
    const children = [
      el("button", { type: "button", id: "ctl-hide", text: step.state.hidden ? s.reveal : s.hide,
        onclick: () => this.send(step.state.hidden ? "step.reveal" : "step.hide", { step_id: step.id }) }),
      el("p", {}, lock, " ", el("label", { for: "ctl-lock", text: s.lock_step })),
    ];
    if (step.open_until || step.state.open_until) {
      const until = el("input", { type: "datetime-local", id: "ctl-open-until" });
      if (step.state.open_until) until.defaultValue = toLocalInput(step.state.open_until);
      children.push(field(s.open_until_label, until), el("button", { type: "button", text: s.save,
        onclick: () => this.send("step.open_until", { step_id: step.id, open_until: until.value ? new Date(until.value).toISOString() : null }) }));
    }
    return this.#box(s.brainstorming, ...children);
  }

  #voting(step) {
    const s = this.s;
    const voting = step.state.voting;
    if (voting?.open) {
      return this.#box(s.voting,
        el("p", { text: format(s.voting_running, { n: voting.votes_per_participant }) }),
        el("button", { type: "button", id: "ctl-voting", class: "primary", text: s.close_voting, onclick: () => this.send("voting.close", { step_id: step.id }) }));
    }
    const votes = el("input", { type: "number", id: "ctl-votes", min: "1", max: "20", value: "3", class: "short" });
    const perNote = el("input", { type: "number", id: "ctl-per-note", min: "1", max: "20", value: "1", class: "short" });
    const live = el("input", { type: "checkbox", id: "ctl-live-tallies" });
    return this.#box(s.voting,
      field(s.votes_per_participant, votes), field(s.max_per_note, perNote),
      el("p", {}, live, " ", el("label", { for: "ctl-live-tallies", text: s.show_tallies })),
      el("button", { type: "button", id: "ctl-voting", text: s.open_voting, onclick: () => this.send("voting.open", {
        step_id: step.id, votes_per_participant: Number(votes.value),
        max_per_note: Math.min(Number(perNote.value), Number(votes.value)), show_tallies: live.checked }) }));
  }

  #themes(step) {
    const s = this.s;
    const themes = this.board.state.themesOf(step.id);
    const title = el("input", { id: "ctl-theme-title", maxlength: "200" });
    const list = el("ol", { class: "theme-list" });
    themes.forEach((theme, index) => {
      const name = el("input", { id: `ctl-theme-${theme.id}`, value: theme.title, maxlength: "200" });
      const order = themes.map((t) => t.id);
      const swap = (a, b) => { [order[a], order[b]] = [order[b], order[a]]; this.send("theme.reorder", { step_id: step.id, theme_ids: order }); };
      list.append(el("li", {},
        el("label", { for: name.id, class: "visually-hidden", text: format(s.theme_name_n, { n: index + 1 }) }), name, " ",
        el("button", { type: "button", text: s.rename, onclick: () => this.send("theme.update", { theme_id: theme.id, title: name.value }) }), " ",
        el("button", { type: "button", text: "↑", "aria-label": format(s.move_up, { title: theme.title }), disabled: index === 0 ? true : null, onclick: () => swap(index, index - 1) }), " ",
        el("button", { type: "button", text: "↓", "aria-label": format(s.move_down, { title: theme.title }), disabled: index === themes.length - 1 ? true : null, onclick: () => swap(index, index + 1) }), " ",
        el("button", { type: "button", text: s.delete, "aria-label": `${s.delete}: ${theme.title}`, onclick: () => this.send("theme.delete", { theme_id: theme.id }) })));
    });
    const cluster = el("input", { type: "checkbox", id: "ctl-cluster" });
    cluster.checked = step.state.participants_may_cluster;
    cluster.addEventListener("change", () => this.send("step.cluster", { step_id: step.id, allowed: cluster.checked }).catch(() => {}));
    const add = () => {
      if (!title.value.trim()) return;
      this.send("theme.create", { step_id: step.id, title: title.value }).then(() => {
        const current = document.getElementById("ctl-theme-title"); // the controls may have been re-rendered
        if (current) current.value = "";
      }, () => {});
    };
    title.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); add(); } });
    return this.#box(s.themes, list, field(s.new_theme, title), el("button", { type: "button", id: "ctl-theme-add", text: s.add_theme, onclick: add }),
      el("p", {}, cluster, " ", el("label", { for: "ctl-cluster", text: s.participants_cluster })));
  }

  #groups(step) {
    const s = this.s;
    const { state } = this.board;
    const groups = state.groupsOf(step.id);
    if (!groups.length) {
      const count = el("input", { type: "number", id: "ctl-group-count", min: "2", max: "50", value: "2", class: "short" });
      const mode = el("select", { id: "ctl-group-mode" },
        el("option", { value: "random", text: s.groups_random }), el("option", { value: "choose", text: s.groups_choose }));
      return this.#box(s.small_groups, field(s.group_count, count), field(s.group_mode, mode),
        el("button", { type: "button", id: "ctl-groups-create", text: s.create_groups, onclick: () => this.send("groups.create", { step_id: step.id, count: Number(count.value), mode: mode.value }) }));
    }
    const list = el("ul", { class: "group-list" });
    for (const group of groups) {
      const chair = el("select", { id: `ctl-chair-${group.id}` }, el("option", { value: "", text: s.no_chair }));
      for (const member of group.members) {
        const option = el("option", { value: String(member), text: state.participants.get(member)?.name || s.anonymous });
        if (member === group.chair_id) option.defaultSelected = true;
        chair.append(option);
      }
      chair.addEventListener("change", () => this.send("group.chair", { group_id: group.id, participant_id: chair.value ? Number(chair.value) : null }).catch(() => {}));
      const names = group.members.map((m) => state.participants.get(m)?.name || s.anonymous).join(", ") || s.nobody;
      list.append(el("li", {}, el("strong", { text: group.name }), `: ${names} `, field(s.chair, chair)));
    }
    const debriefView = this.board.view === "groups";
    return this.#box(s.small_groups, list,
      el("div", { class: "form-actions" },
        el("button", { type: "button", id: "ctl-debrief-view", "aria-pressed": debriefView ? "true" : "false", text: s.groups_side_by_side, onclick: () => this.board.setView(debriefView ? "board" : "groups") }),
        el("button", { type: "button", id: "ctl-debrief", class: "primary", text: s.bring_to_plenary, onclick: () => this.send("groups.debrief", { step_id: step.id }) })));
  }

  #workshop() {
    const s = this.s;
    const open = this.board.state.workshop.status === "open";
    return this.#box(s.workshop,
      el("button", { type: "button", id: "ctl-close", text: open ? s.close_workshop : s.reopen_workshop,
        onclick: () => {
          if (open && !window.confirm(s.close_confirm)) return;
          this.send(open ? "workshop.close" : "workshop.reopen").catch(() => {});
        } }));
  }

  #presence(step) {
    const s = this.s;
    const { state } = this.board;
    const online = state.presence.participants;
    const named = online.map((id) => state.participants.get(id)?.name).filter(Boolean);
    const anonymous = online.length - named.length;
    const who = [...named, ...(anonymous ? [format(s.anonymous_n, { n: anonymous })] : [])].join(", ");
    const done = online.filter((id) => state.done.has(`${step.id}:${id}`)).length;
    const people = el("ul", { class: "participant-list" });
    for (const participant of state.participants.values()) {
      people.append(el("li", {}, participant.name || s.anonymous, " ",
        el("button", { type: "button", id: `remove-participant-${participant.id}`, class: "small", text: s.remove, "aria-label": `${s.remove}: ${participant.name || s.anonymous}`,
          onclick: () => { if (window.confirm(s.remove_confirm)) this.send("participant.remove", { participant_id: participant.id }).catch(() => {}); } })));
    }
    const open = this.presenceRoot.querySelector("details")?.open;
    keepFocus(this.presenceRoot, () => this.presenceRoot.replaceChildren(
      el("h2", { text: s.presence }),
      el("p", { id: "presence-count", text: format(s.online_n, { n: online.length }) }),
      el("p", { text: who || s.nobody }),
      el("p", { id: "done-count", text: format(s.done_n, { n: done, total: online.length }) }),
      el("details", { open: open ? true : null }, el("summary", { id: "all-participants", text: format(s.all_participants, { n: state.participants.size }) }), people)));
  }
}

function toLocalInput(iso) {
  const date = new Date(iso);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
