// One note on the board: its text or card fields, author, group, votes and the actions this
// viewer may take. Drag and drop into a theme always has a menu alternative (WCAG 2.5.7).
import { el, format } from "./dom.js";

export function authorName(state, strings, note) {
  if (note.participant_id && note.participant_id === state.me.participantId) return strings.you;
  if (note.participant_id) return state.participants.get(note.participant_id)?.name || note.author_name || strings.anonymous;
  return note.author_name ? `${note.author_name} (${strings.facilitator})` : strings.facilitator;
}

export function noteSnippet(note) {
  return (note.text || Object.values(note.fields || {}).flat().join(" ")).slice(0, 40);
}

function body(step, note) {
  const content = el("div", { class: "note-body" });
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

function meta(state, strings, note) {
  const line = el("p", { class: "note-meta" }, el("span", { class: "author", text: authorName(state, strings, note) }));
  const group = note.group_label || (note.group_id && state.groups.get(note.group_id)?.name);
  if (group) line.append(" · ", el("span", { class: "group-label", text: group }));
  if (note.pending) line.append(" · ", el("span", { class: "note-status", text: strings.sending }));
  else if (note.version > 1) line.append(" · ", el("span", { class: "edited", text: strings.edited }));
  if (note.moderated) line.append(" · ", el("strong", { class: "moderated", text: strings.hidden_by_moderator }));
  if (typeof note.votes === "number") line.append(" · ", el("span", { class: "votes", text: format(strings.votes_n, { n: note.votes }) }));
  return line;
}

function voteControls(ctx, step, note) {
  const voting = step.state.voting;
  if (!voting?.open || ctx.state.me.role !== "participant" || note.pending) return null;
  const mine = ctx.state.myVotes.get(note.id) || 0;
  const left = voting.votes_per_participant - ctx.state.votesUsed(step);
  const snippet = noteSnippet(note);
  const box = el("div", { class: "vote-controls" });
  box.append(el("button", {
    type: "button", class: "vote", "data-action": "vote", text: strings(ctx).vote, "aria-label": `${strings(ctx).vote}: ${snippet}`,
    disabled: left <= 0 || mine >= voting.max_per_note ? true : null, onclick: () => ctx.actions.vote(note, true),
  }));
  if (mine) {
    box.append(
      el("span", { class: "my-votes", text: format(strings(ctx).my_votes, { n: mine }) }),
      el("button", { type: "button", "data-action": "unvote", text: strings(ctx).unvote, "aria-label": `${strings(ctx).unvote}: ${snippet}`, onclick: () => ctx.actions.vote(note, false) }),
    );
  }
  return box;
}

function strings(ctx) {
  return ctx.strings;
}

function themeMenu(ctx, step, note) {
  const themes = ctx.state.themesOf(step.id);
  const mayCluster = ctx.state.me.role === "facilitator" || step.state.participants_may_cluster;
  if (!themes.length || !mayCluster || note.pending) return null;
  const id = `theme-of-${note.id}`;
  const select = el("select", { id, onchange: () => ctx.actions.theme(note, select.value ? Number(select.value) : null) });
  select.append(el("option", { value: "", text: ctx.strings.no_theme }));
  for (const theme of themes) {
    const option = el("option", { value: String(theme.id), text: theme.title });
    if (theme.id === note.theme_id) option.selected = true;
    select.append(option);
  }
  return el("span", { class: "theme-menu" }, el("label", { for: id, text: `${ctx.strings.theme}:` }), " ", select);
}

function moderation(ctx, step, note) {
  if (ctx.state.me.role !== "facilitator" || note.pending) return null;
  const s = ctx.strings;
  const details = el("details", { class: "moderation" },
    el("summary", { text: s.more_actions, "aria-label": `${s.more_actions}: ${noteSnippet(note)}` }));
  // Built when opened: a board of 2,000 notes must not carry 2,000 menus of 2,000 options.
  details.addEventListener("toggle", () => {
    if (details.open && details.children.length === 1) details.append(moderationActions(ctx, step, note));
  });
  return details;
}

function moderationActions(ctx, step, note) {
  const s = ctx.strings;
  const moveId = `move-${note.id}`;
  const move = el("select", { id: moveId });
  for (const prompt of step.prompts) {
    const option = el("option", { value: prompt.id, text: prompt.title });
    if (prompt.id === note.prompt_id) option.selected = true;
    move.append(option);
  }
  const mergeId = `merge-${note.id}`;
  const merge = el("select", { id: mergeId }, el("option", { value: "", text: "—" }));
  for (const other of ctx.state.notes.values()) {
    if (other.step_id === step.id && other.id !== note.id) merge.append(el("option", { value: String(other.id), text: noteSnippet(other) }));
  }
  return el("div", { class: "moderation-actions" },
    el("button", { type: "button", text: note.moderated ? s.show_note : s.hide_note, onclick: () => ctx.actions.hide(note, !note.moderated) }),
    el("span", {}, el("label", { for: moveId, text: s.move_to }), " ", move, " ",
      el("button", { type: "button", text: s.move, onclick: () => ctx.actions.move(note, move.value) })),
    el("span", {}, el("label", { for: mergeId, text: s.merge_into }), " ", merge, " ",
      el("button", { type: "button", text: s.merge, onclick: () => merge.value && ctx.actions.merge(note, Number(merge.value)) })));
}

// Fill `item` (an <li>) for `note`; returns false when nothing changed.
export function fillNote(ctx, item, step, note) {
  const { state, strings: s } = ctx;
  const mayChange = !note.pending && state.writable(step) && (state.me.role === "facilitator" || state.isMine(note));
  const signature = JSON.stringify([note.version, note.text, note.fields, note.pending, note.votes, note.theme_id,
    note.moderated, authorName(state, s, note), step.state.voting, state.myVotes.get(note.id), mayChange,
    state.themesOf(step.id).map((t) => [t.id, t.title]), step.state.participants_may_cluster]);
  if (item.dataset.signature === signature) return false;
  item.dataset.signature = signature;
  item.dataset.noteId = note.id || "";
  item.classList.toggle("pending", Boolean(note.pending));
  item.classList.toggle("mine", state.isMine(note));
  const draggable = !note.pending && (state.me.role === "facilitator" || step.state.participants_may_cluster);
  item.draggable = draggable;
  const actions = el("div", { class: "note-actions" });
  if (mayChange) {
    const snippet = noteSnippet(note);
    actions.append(
      el("button", { type: "button", "data-action": "edit", text: s.edit, "aria-label": `${s.edit}: ${snippet}`, onclick: () => ctx.actions.edit(item, step, note) }),
      el("button", { type: "button", "data-action": "delete", text: s.delete, "aria-label": `${s.delete}: ${snippet}`, onclick: () => ctx.actions.remove(note) }),
    );
  }
  const extras = [voteControls(ctx, step, note), themeMenu(ctx, step, note), moderation(ctx, step, note)].filter(Boolean);
  item.replaceChildren(el("article", { class: "note-card" }, body(step, note), meta(state, s, note), ...extras, actions));
  return true;
}
