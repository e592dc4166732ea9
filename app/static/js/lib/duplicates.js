// The facilitator's view of duplicates: participants who joined from the same browser (one person
// joining many times, voting as each) or the same network (maybe colleagues behind one office
// address). Asked from the server (`participants.duplicates`) when someone arrives or leaves;
// the facilitator removes one, or all but the first of a group, after confirming.
import { el, format, plural } from "./dom.js";
import { CLIENT_EVENTS } from "./events.js";
import { keepFocus } from "./focus.js";
import { showNotice } from "./notice.js";

const ACK_TIMEOUT_MS = 10000;

export class DuplicatesPanel {
  constructor(board, connection, root, strings) {
    this.board = board;
    this.connection = connection;
    this.root = root;
    this.s = strings;
    this.groups = [];
    this.asking = false;
    this.again = false;
  }

  // Ask again; while an answer is awaited, once more after it (presence comes about once a
  // second, so this is about one small request a second at most).
  refresh() {
    if (this.asking) {
      this.again = true;
      return;
    }
    this.asking = true;
    this.connection.socket.timeout(ACK_TIMEOUT_MS).emit(CLIENT_EVENTS.PARTICIPANTS_DUPLICATES, {}, (err, ack) => {
      this.asking = false;
      if (!err && ack?.ok) this.render(ack.groups);
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  render(groups) {
    this.groups = groups;
    const s = this.s;
    const focusWasInside = this.root.contains(document.activeElement);
    keepFocus(this.root, () => {
      this.root.hidden = !groups.length;
      this.root.replaceChildren(
        el("h2", { id: "duplicates-heading", tabindex: "-1", text: s.heading }),
        el("p", { class: "hint", text: s.intro }),
        ...groups.map((group) => this.#group(group)));
    });
    // The control that had the focus went with its participants: keep the keyboard nearby.
    if (focusWasInside && !this.root.contains(document.activeElement)) {
      (groups.length ? document.getElementById("duplicates-heading") : document.getElementById("all-participants"))?.focus();
    }
  }

  #group(group) {
    const s = this.s;
    const key = `${group.kind}-${group.participants[0].id}`;
    const title = plural(group.kind === "browser" ? s.same_browser_n : s.same_address_n, group.count);
    const headingId = `duplicates-${key}`;
    const list = el("ol", { class: "participant-list", "aria-labelledby": headingId });
    group.participants.forEach((participant, index) => {
      const name = this.#name(participant);
      list.append(el("li", { "data-focus-key": `${key}-${participant.id}` },
        name, " ", index === 0 ? el("span", { class: "hint", text: s.joined_first }) : "", " ",
        el("button", { type: "button", class: "small", "data-action": "remove", id: `duplicate-remove-${key}-${participant.id}`,
          text: s.remove, "aria-label": format(s.remove_named, { name, n: index + 1, count: group.count }),
          onclick: () => this.#remove([participant], format(s.remove_one_confirm, { name })) })));
    });
    const extras = group.participants.slice(1);
    const children = [
      el("h3", { id: headingId, text: title }),
      el("p", { class: "hint", text: group.kind === "browser" ? s.browser_hint : s.address_hint }),
      list,
    ];
    if (group.count > group.participants.length) {
      children.push(el("p", { class: "hint", text: format(s.more_n, { n: group.count - group.participants.length }) }));
    }
    children.push(el("p", {}, el("button", { type: "button", id: `duplicate-remove-extras-${key}`, "data-action": "remove-extras",
      text: format(s.remove_extras, { n: extras.length }), "aria-describedby": headingId,
      onclick: () => this.#remove(extras, plural(s.remove_extras_confirm, extras.length, { names: extras.map((p) => this.#name(p)).join(", ") })) })));
    return el("section", { class: "control-box duplicate-group", "data-focus-key": key, "aria-labelledby": headingId }, ...children);
  }

  #name(participant) {
    return participant.name || this.s.anonymous;
  }

  // The browser's own confirmation dialog: modal, read out by screen readers, Enter/Escape.
  #remove(participants, question) {
    if (!participants.length || !window.confirm(question)) return;
    const ids = participants.map((p) => p.id);
    this.board.send(CLIENT_EVENTS.PARTICIPANT_REMOVE, { participant_ids: ids }).then(() => {
      this.board.announcer.say(format(this.s.removed_n, { n: ids.length }));
      this.refresh();
    }, (error) => {
      const message = format(this.board.strings.refused, { message: error.message });
      this.board.announcer.say(message);
      showNotice(message, { kind: "error", dismissLabel: this.board.strings.dismiss });
    });
  }
}
