// One note on the wall: a compact card with its text first, the author, group and votes small,
// and every action this viewer may take behind one menu button (a disclosure: Enter or Space
// opens it, Escape closes it and gives the focus back, arrow keys walk it). While voting is open
// a participant keeps one small vote button on the card, so that voting stays one tap.
// Drag and drop into a theme always has the menu as its alternative (WCAG 2.5.7).
import { noteExcludedMark, noteExclusionEntry, noteLooksExcluded } from "./curation.js";
import { el, format, plural } from "./dom.js";

export function authorName(state, strings, note) {
  if (note.participant_id && note.participant_id === state.me.participantId) return strings.you;
  if (note.participant_id) return state.participants.get(note.participant_id)?.name || note.author_name || strings.anonymous;
  return note.author_name ? `${note.author_name} (${strings.facilitator})` : strings.facilitator;
}

export function noteSnippet(note) {
  return (note.text || Object.values(note.fields || {}).flat().join(" ")).slice(0, 40);
}

// "Edited" means its words changed. A debrief, a move or a theme also raise the version (for
// the edit conflict check) but leave updated_at alone; creation sets the two microseconds apart.
export function wasEdited(note) {
  if (note.pending || !note.updated_at || !note.created_at) return false;
  return Date.parse(note.updated_at) - Date.parse(note.created_at) > 100;
}

export function groupOf(state, note) {
  return note.group_label || (note.group_id && state.groups.get(note.group_id)?.name) || "";
}

// Which group a note came from, where that tells something: a debriefed note on the plenary
// board, or any group's note to a facilitator (a participant in a group sees only their own).
function groupLabel(state, note) {
  if (note.group_label) return note.group_label;
  return state.me.role === "facilitator" ? groupOf(state, note) : "";
}

function body(ctx, step, note) {
  const content = el("div", { class: "note-body", lang: ctx.lang });
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
    content.append(list);
  }
  if (step.note?.type === "rating" && note.fields?.rating) {
    content.append(el("p", { class: "rating-value", text: `${note.fields.rating} / ${step.rating?.max || 5}` }));
  }
  if (note.text) content.append(el("p", { class: "note-text", text: note.text }));
  return content;
}

function meta(ctx, note) {
  const { state, strings } = ctx;
  const line = el("p", { class: "note-meta" }, el("span", { class: "author", text: authorName(state, strings, note) }));
  const group = groupLabel(state, note);
  if (group) line.append(" ", el("span", { class: "group-label", lang: ctx.lang, text: group }));
  if (note.pending) line.append(" · ", el("span", { class: "note-status", text: strings.sending }));
  else if (wasEdited(note)) line.append(" · ", el("span", { class: "edited", text: strings.edited }));
  if (note.moderated) line.append(" · ", el("strong", { class: "moderated", text: strings.hidden_by_moderator }));
  const excluded = noteExcludedMark(ctx, note);
  if (excluded) line.append(" ", excluded);
  return line;
}

function votingOf(ctx, step, note) {
  const voting = step.state.voting;
  if (!voting?.open || ctx.state.me.role !== "participant" || note.pending) return null;
  const mine = ctx.state.myVotes.get(note.id) || 0;
  const left = voting.votes_per_participant - factsOf(ctx, step).votesUsed;
  return { mine, canAdd: left > 0 && mine < voting.max_per_note };
}

// The small things at the card's foot: votes as a badge, my votes as dots, the vote button.
function badges(ctx, step, note) {
  const s = ctx.strings;
  const parts = [];
  if (typeof note.votes === "number" && note.votes > 0) {
    parts.push(el("span", { class: "votes", title: plural(s.votes_n, note.votes) },
      el("span", { "aria-hidden": "true", text: `● ${note.votes}` }),
      el("span", { class: "visually-hidden", text: plural(s.votes_n, note.votes) })));
  }
  const voting = votingOf(ctx, step, note);
  if (voting) {
    if (voting.mine) {
      parts.push(el("span", { class: "my-votes" },
        el("span", { "aria-hidden": "true", text: "✓".repeat(Math.min(voting.mine, 5)) }),
        el("span", { class: "visually-hidden", text: format(s.my_votes, { n: voting.mine }) })));
    }
    parts.push(el("button", {
      type: "button", class: "vote", "data-action": "vote", text: s.vote, "aria-label": `${s.vote}: ${noteSnippet(note)}`,
      disabled: voting.canAdd ? null : true, onclick: () => ctx.actions.vote(note, true),
    }));
  }
  return parts;
}

// What this viewer may do to the note, as menu entries; null when there is nothing.
function menuEntries(ctx, item, step, note) {
  const { state, strings: s, actions } = ctx;
  if (note.pending) return [];
  const entries = [];
  const pick = (action) => () => { ctx.menu.close(item); action(); };
  const mayChange = state.writable(step) && (state.me.role === "facilitator" || state.isMine(note));
  if (mayChange) {
    entries.push(el("button", { type: "button", "data-action": "edit", text: s.edit, onclick: () => { ctx.menu.close(item, false); actions.edit(item, step, note); } }));
    entries.push(el("button", { type: "button", "data-action": "delete", text: s.delete, onclick: pick(() => actions.remove(note)) }));
  }
  const voting = votingOf(ctx, step, note);
  if (voting?.mine) entries.push(el("button", { type: "button", "data-action": "unvote", text: s.unvote, onclick: pick(() => actions.vote(note, false)) }));
  const themes = state.themesOf(step.id);
  const mayCluster = state.me.role === "facilitator" || step.state.participants_may_cluster;
  if (themes.length && mayCluster) {
    // A list of choices: walking it moves nothing; Enter or a tap on one moves the note.
    const choice = (themeId, title) => {
      const current = (note.theme_id || null) === themeId;
      return el("li", {}, el("button", {
        type: "button", class: "theme-choice", "data-action": `theme-${themeId ?? "none"}`, "aria-current": current ? "true" : null,
        lang: themeId ? ctx.lang : null, onclick: pick(() => { if (!current) actions.theme(note, themeId); }),
      }, current ? el("span", { "aria-hidden": "true", text: "✓ " }) : null, title));
    };
    const headingId = `${item.dataset.menuId}-themes`;
    entries.push(el("div", { class: "menu-group" },
      el("p", { id: headingId, class: "menu-heading", text: s.move_to_theme }),
      el("ul", { "aria-labelledby": headingId },
        ...themes.map((theme) => choice(theme.id, theme.title)), choice(null, s.no_theme))));
  }
  if (state.me.role === "facilitator") entries.push(...moderation(ctx, item, step, note));
  return entries;
}

function moderation(ctx, item, step, note) {
  const s = ctx.strings;
  const base = item.dataset.menuId;
  const close = (action) => () => { ctx.menu.close(item); action(); };
  const entries = [el("button", { type: "button", "data-action": "hide", text: note.moderated ? s.show_note : s.hide_note,
    onclick: close(() => ctx.actions.hide(note, !note.moderated)) }), noteExclusionEntry(ctx, close, note)];
  if (step.prompts.length > 1) {
    const move = el("select", { id: `${base}-move`, "data-action": "move-to" });
    for (const prompt of step.prompts) {
      const option = el("option", { value: prompt.id, lang: ctx.lang, text: prompt.title });
      if (prompt.id === note.prompt_id) option.selected = true;
      move.append(option);
    }
    entries.push(el("div", { class: "menu-field" }, el("label", { for: move.id, text: s.move_to }), move,
      el("button", { type: "button", "data-action": "move", text: s.move, onclick: close(() => ctx.actions.move(note, move.value)) })));
  }
  const merge = el("select", { id: `${base}-merge`, "data-action": "merge-into" }, el("option", { value: "", text: "—" }));
  for (const other of ctx.state.notes.values()) {
    if (other.step_id === step.id && other.id !== note.id) merge.append(el("option", { value: String(other.id), lang: ctx.lang, text: noteSnippet(other) }));
  }
  entries.push(el("div", { class: "menu-field" }, el("label", { for: merge.id, text: s.merge_into }), merge,
    el("button", { type: "button", "data-action": "merge", text: s.merge,
      onclick: () => { if (merge.value) close(() => ctx.actions.merge(note, Number(merge.value)))(); } })));
  return entries;
}

// Arrow keys walk the menu's buttons; Escape closes it and returns to its button.
function onMenuKey(ctx, item, event) {
  if (event.key === "Escape") {
    event.preventDefault();
    event.stopPropagation();
    ctx.menu.close(item);
    return;
  }
  if (!["ArrowDown", "ArrowUp", "Home", "End"].includes(event.key) || event.target.tagName === "SELECT") return;
  const buttons = [...item.querySelectorAll(".note-menu button:not([disabled])")];
  const at = buttons.indexOf(event.target);
  if (!buttons.length) return;
  event.preventDefault();
  let next = 0;
  if (event.key === "End") next = buttons.length - 1;
  else if (event.key === "ArrowDown") next = at < 0 ? 0 : (at + 1) % buttons.length;
  else if (event.key === "ArrowUp") next = at <= 0 ? buttons.length - 1 : at - 1;
  buttons[next].focus();
}

// What every card of a step depends on alike: the votes this viewer has used and the step's
// themes. A render of 2,000 notes works them out once (ctx.stepFacts), not once per note.
export function stepFacts(state, step) {
  const themes = state.themesOf(step.id);
  return { stepId: step.id, votesUsed: state.votesUsed(step), themes, themesKey: themes.map((t) => [t.id, t.title]) };
}

function factsOf(ctx, step) {
  const facts = ctx.stepFacts;
  return facts && facts.stepId === step.id ? facts : stepFacts(ctx.state, step);
}

// Fill `item` (an <li>) for `note`; returns false when nothing changed.
export function fillNote(ctx, item, step, note) {
  const { state, strings: s } = ctx;
  const facts = factsOf(ctx, step);
  const key = item.dataset.focusKey;
  const open = ctx.menu.isOpen(key);
  const mayChange = !note.pending && state.writable(step) && (state.me.role === "facilitator" || state.isMine(note));
  const signature = JSON.stringify([note.version, note.text, note.fields, note.pending, note.votes, note.theme_id,
    note.moderated, noteLooksExcluded(state, note), note.updated_at, groupOf(state, note), authorName(state, s, note), step.state.voting,
    state.myVotes.get(note.id), facts.votesUsed, mayChange, facts.themesKey,
    step.state.participants_may_cluster, ctx.lang, open]);
  if (item.dataset.signature === signature) return false;
  item.dataset.signature = signature;
  item.dataset.noteId = note.id || "";
  item.dataset.menuId = `note-menu-${key.replace(/[^\w-]/g, "-")}`;
  item.classList.toggle("pending", Boolean(note.pending));
  item.classList.toggle("mine", state.isMine(note));
  item.classList.toggle("excluded", noteLooksExcluded(state, note));
  item.draggable = !note.pending && !state.readOnly && (state.me.role === "facilitator" || step.state.participants_may_cluster);
  const foot = el("div", { class: "note-foot" }, meta(ctx, note), ...badges(ctx, step, note));
  const card = el("article", { class: "note-card" }, body(ctx, step, note), foot);
  // The menu's entries are built only while it is open: a wall of 2,000 notes carries no
  // 2,000 menus (and a facilitator's merge list of 2,000 notes each).
  const hasMenu = !note.pending && !state.readOnly && (mayChange || state.me.role === "facilitator" || votingOf(ctx, step, note)?.mine
    || (facts.themes.length && step.state.participants_may_cluster));
  if (hasMenu) {
    const entries = open ? menuEntries(ctx, item, step, note) : [];
    // Named "Toiminnot" plus the note's first words (which note's menu it is); the dots are
    // drawn by CSS, so the visible name and the guide's name are the one word.
    const id = item.dataset.menuId;
    const button = el("button", {
      type: "button", class: "note-menu-button", "data-action": "menu", "aria-expanded": open ? "true" : "false",
      "aria-controls": open ? id : null, "aria-labelledby": `${id}-label ${id}-about`, onclick: () => ctx.menu.toggle(item, step, note),
      onkeydown: (event) => { if (event.key === "Escape" && open) { event.preventDefault(); ctx.menu.close(item); } },
    }, el("span", { id: `${id}-label`, class: "visually-hidden", text: s.note_menu_button }));
    foot.append(button, el("span", { id: `${id}-about`, hidden: true, lang: ctx.lang, text: noteSnippet(note) }));
    if (open) {
      const menu = el("div", { class: "note-menu", id: item.dataset.menuId, role: "group", "aria-label": format(s.note_menu, { note: noteSnippet(note) }) },
        ...(entries.length ? entries : [el("p", { class: "menu-heading", text: s.no_actions })]));
      menu.addEventListener("keydown", (event) => onMenuKey(ctx, item, event));
      card.append(menu);
    }
  }
  item.replaceChildren(card);
  return true;
}
