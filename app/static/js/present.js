// The presenter view: the workshop's live step, large, for sharing the screen with the room.
// It joins as the facilitator's presenter screen (`presenter: true`): the server sends it what
// participants see (no hidden or moderated notes, no tallies they would not see), it changes
// nothing and is not counted as present. It follows the live step by itself.
import { el, format } from "./lib/dom.js";
import { Connection } from "./lib/connection.js";
import { BoardState } from "./lib/state.js";
import { clock, remainingSeconds } from "./lib/timer.js";

const boot = JSON.parse(document.getElementById("boot").textContent);
const S = JSON.parse(document.getElementById("present-strings").textContent);
const B = boot.strings;
const scope = `pajapohja:w${boot.workshop_id}:present`;

const $ = (id) => document.getElementById(id);
const state = new BoardState({ role: "presenter" });
let loaded = false;
let shownStepId = null;
let frame = null;
let joinOverride = null; // "large" | "small" chosen with the button; reset when the step changes

// Workshop content (titles, questions, notes, themes) carries the workshop's language when the
// page speaks another one (WCAG 3.1.2).
function content(node) {
  const lang = state.workshop?.language;
  if (lang && lang !== document.documentElement.lang) node.lang = lang;
  return node;
}

function liveStep() {
  return state.step(state.workshop.current_step_id) || state.steps[0];
}

function votesText(n) {
  return n === 1 ? S.one_vote : format(S.votes_n, { n });
}

function say(message) {
  const region = $("present-announcer");
  region.textContent = "";
  requestAnimationFrame(() => { region.textContent = message; });
}

// --- rendering -----------------------------------------------------------------------------
function scheduleRender() {
  if (frame === null) frame = requestAnimationFrame(() => { frame = null; render(); });
}

function render() {
  if (!loaded) return;
  const step = liveStep();
  if (!step) return;
  if (step.id !== shownStepId) {
    if (shownStepId !== null) say(format(S.step_now, { title: step.title }));
    shownStepId = step.id;
    joinOverride = null;
  }
  $("present-stage").hidden = false;
  const index = state.steps.indexOf(step);
  $("present-position").textContent = format(B.step_of, { n: index + 1, total: state.steps.length });
  const title = $("present-step-title");
  title.textContent = step.title;
  content(title);
  tick();
  $("present-notices").replaceChildren(...notices(step));
  $("present-body").replaceChildren(...body(step));
  renderJoin(index);
}

function notices(step) {
  const lines = [];
  const add = (text, kind = "") => lines.push(el("p", { class: `present-notice ${kind}`.trim(), text }));
  if (state.workshop.status !== "open") add(S.closed, "strong");
  if (step.instructions) lines.push(content(el("p", { class: "present-instructions", text: step.instructions })));
  if (step.state.locked) add(S.locked);
  if (step.state.hidden) {
    add(S.private, "strong");
    const done = [...state.done].filter((key) => key.startsWith(`${step.id}:`)).length;
    if (done) add(format(S.done_n, { n: done }));
  }
  const groups = state.groupsOf(step.id);
  if (groups.length) add(format(S.groups, { names: groups.map((g) => g.name).join(", ") }));
  if (step.state.voting?.open) add(S.voting_open, "strong");
  return lines;
}

function stepNotes(step) {
  return [...state.notes.values()].filter((note) => note.step_id === step.id && !note.moderated);
}

function body(step) {
  const parts = [];
  if (step.vision?.text) {
    parts.push(el("section", { class: "present-vision", "aria-labelledby": "present-vision-heading" },
      el("h3", { id: "present-vision-heading", text: S.vision }),
      content(el("p", { class: "present-vision-text", text: step.vision.text }))));
  }
  if (step.note?.type === "rating") parts.push(ratings(step));
  const voting = step.state.voting;
  if (voting && !voting.open && !step.state.hidden) parts.push(results(step));
  else parts.push(columns(step));
  return parts;
}

function columns(step) {
  const notes = stepNotes(step);
  const grid = el("div", { class: "present-columns", "data-count": String(step.prompts.length) });
  for (const prompt of step.prompts) {
    const mine = notes.filter((note) => note.prompt_id === prompt.id).sort((a, b) => a.id - b.id);
    const headingId = `present-prompt-${prompt.id}`;
    const column = el("section", { class: "present-column", "aria-labelledby": headingId },
      el("h3", { id: headingId }, content(el("span", { text: prompt.title })), " ",
        el("span", { class: "present-count", text: format(S.notes_n, { n: mine.length }) })));
    if (prompt.help) column.append(content(el("p", { class: "present-help", text: prompt.help })));
    if (step.state.hidden && !mine.length) column.append(el("p", { class: "present-empty", text: S.private_column }));
    else if (!mine.length) column.append(el("p", { class: "present-empty", text: S.no_notes }));
    else column.append(...clusters(step, mine));
    grid.append(column);
  }
  return grid;
}

// Notes of one question: a cluster per theme (with its vote total), then the notes in none.
function clusters(step, notes) {
  const themes = state.themesOf(step.id);
  const out = [];
  for (const theme of themes) {
    const inTheme = notes.filter((note) => note.theme_id === theme.id);
    if (!inTheme.length) continue;
    const headingId = `present-theme-${theme.id}-${inTheme[0].prompt_id}`;
    const total = inTheme.reduce((sum, note) => sum + (note.votes || 0), 0);
    const counted = inTheme.some((note) => typeof note.votes === "number");
    out.push(el("section", { class: "present-cluster", "aria-labelledby": headingId },
      el("h4", { id: headingId }, content(el("span", { text: theme.title })),
        counted ? el("span", { class: "present-badge", text: votesText(total) }) : null),
      noteList(step, inTheme)));
  }
  const loose = notes.filter((note) => !themes.some((theme) => theme.id === note.theme_id));
  if (loose.length) {
    if (out.length) {
      out.push(el("section", { class: "present-cluster loose", "aria-label": S.no_theme }, noteList(step, loose)));
    } else {
      out.push(noteList(step, loose));
    }
  }
  return out;
}

function noteList(step, notes) {
  return el("ul", { class: "present-notes" }, ...notes.map((note) => el("li", { class: "present-note", "data-note-id": note.id },
    noteBody(step, note), noteMeta(note))));
}

function noteBody(step, note) {
  const box = el("div", { class: "present-note-body" });
  const fields = step.note?.type === "card" ? step.note.fields || [] : [];
  if (fields.length) {
    const list = el("dl", { class: "present-card-fields" });
    for (const field of fields) {
      const value = note.fields?.[field.id];
      if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) continue;
      list.append(el("dt", { text: field.label }),
        content(el("dd", { text: Array.isArray(value) ? value.join(", ") : String(value) })));
    }
    box.append(list);
  }
  if (step.note?.type === "rating" && note.fields?.rating) {
    box.append(el("p", { class: "present-rating", text: `${note.fields.rating} / ${step.rating?.max || 5}` }));
  }
  if (note.text) box.append(content(el("p", { class: "present-note-text", text: note.text })));
  return box;
}

function noteMeta(note) {
  const parts = [];
  const author = note.participant_id ? note.author_name || state.participants.get(note.participant_id)?.name : note.author_name;
  if (author) parts.push(el("span", { class: "present-author", text: author }));
  const group = note.group_label || state.groups.get(note.group_id)?.name;
  if (group) parts.push(el("span", { class: "present-group", text: group }));
  if (typeof note.votes === "number" && note.votes > 0) parts.push(el("span", { class: "present-badge", text: votesText(note.votes) }));
  return parts.length ? el("p", { class: "present-note-meta" }, ...parts) : null;
}

// After voting: the step's notes (and themes) in order of votes, as a ranked list with bars.
function results(step) {
  const notes = stepNotes(step).sort((a, b) => (b.votes || 0) - (a.votes || 0) || a.id - b.id);
  const top = Math.max(1, ...notes.map((note) => note.votes || 0));
  const section = el("section", { class: "present-results", "aria-labelledby": "present-results-heading" },
    el("h3", { id: "present-results-heading", text: S.results }));
  const themes = state.themesOf(step.id).map((theme) => ({
    theme, total: notes.filter((n) => n.theme_id === theme.id).reduce((sum, n) => sum + (n.votes || 0), 0),
  })).filter((t) => notes.some((n) => n.theme_id === t.theme.id)).sort((a, b) => b.total - a.total);
  const parts = el("div", { class: "present-results-parts" });
  if (themes.length) {
    const best = Math.max(1, ...themes.map((t) => t.total));
    parts.append(el("div", {}, el("h4", { text: S.themes_ranked }), el("ol", { class: "present-ranking themes" },
      ...themes.map(({ theme, total }) => rankItem(content(el("span", { class: "present-rank-text", text: theme.title })), total, best)))));
  }
  const ranked = el("div", {}, themes.length ? el("h4", { text: S.notes_ranked }) : null);
  if (!notes.length) ranked.append(el("p", { class: "present-empty", text: S.no_notes }));
  else {
    const prompts = new Map(step.prompts.map((p) => [p.id, p.title]));
    ranked.append(el("ol", { class: "present-ranking" }, ...notes.map((note) => {
      const text = el("span", { class: "present-rank-text" }, content(el("span", { text: note.text || Object.values(note.fields || {}).flat().join(" · ") })));
      if (step.prompts.length > 1) text.append(" ", content(el("span", { class: "present-rank-prompt", text: prompts.get(note.prompt_id) || "" })));
      return rankItem(text, note.votes || 0, top);
    })));
  }
  parts.append(ranked);
  section.append(parts);
  return section;
}

function rankItem(text, votes, top) {
  const bar = el("span", { class: "present-bar", "aria-hidden": "true" });
  bar.style.setProperty("--share", `${Math.round((100 * votes) / top)}%`);
  return el("li", { class: "present-rank" }, text, el("span", { class: "present-rank-votes" }, bar,
    el("span", { class: "present-badge", text: votesText(votes) })));
}

function ratings(step) {
  const { min = 1, max = 5 } = step.rating || {};
  const counts = new Map();
  for (const note of stepNotes(step)) if (note.fields?.rating) counts.set(note.fields.rating, (counts.get(note.fields.rating) || 0) + 1);
  const top = Math.max(1, ...counts.values());
  const list = el("ol", { class: "present-ranking ratings" });
  for (let value = max; value >= min; value -= 1) {
    const n = counts.get(value) || 0;
    const bar = el("span", { class: "present-bar", "aria-hidden": "true" });
    bar.style.setProperty("--share", `${Math.round((100 * n) / top)}%`);
    list.append(el("li", { class: "present-rank" }, el("span", { class: "present-rank-text", text: String(value) }),
      el("span", { class: "present-rank-votes" }, bar, el("span", { class: "present-badge", text: format(B.answers_n, { n }) }))));
  }
  return el("section", { class: "present-ratings", "aria-labelledby": "present-ratings-heading" },
    el("h3", { id: "present-ratings-heading", text: S.ratings }), list);
}

// --- the countdown -------------------------------------------------------------------------
function tick() {
  if (!loaded) return;
  const step = liveStep();
  const timer = step?.state.timer || null;
  const left = remainingSeconds(timer, state.clockOffset);
  const box = $("present-timer");
  box.hidden = left === null;
  if (left === null) return;
  $("present-timer-display").textContent = clock(left);
  box.classList.toggle("done", left === 0);
  box.classList.toggle("paused", timer.state === "paused");
  $("present-timer-status").textContent = left === 0 ? S.time_up : timer.state === "paused" ? S.paused : "";
}

// --- how to join ---------------------------------------------------------------------------
// Large beside the board while people arrive (the first step), a corner chip afterwards; the
// button swaps the two until the live step changes.
function renderJoin(index) {
  const join = $("present-join");
  if (!join) return;
  join.hidden = state.workshop.status !== "open";
  const size = joinOverride || (index === 0 ? "large" : "small");
  const button = $("present-join-toggle");
  button.textContent = size === "large" ? S.shrink_join : S.enlarge_join;
  if (join.dataset.size === size) return;
  join.dataset.size = size;
  document.body.classList.toggle("present-join-large", size === "large" && !join.hidden);
  // Large: a column beside the board. Small: a chip in the step's header, covering nothing.
  const focused = document.activeElement === button;
  (size === "large" ? document.querySelector(".present-layout") : $("present-join-slot")).append(join);
  if (focused) button.focus();
}

function setupJoinToggle() {
  const button = $("present-join-toggle");
  if (!button) return;
  button.addEventListener("click", () => {
    joinOverride = $("present-join").dataset.size === "large" ? "small" : "large";
    renderJoin(state.steps.indexOf(liveStep()));
  });
}

// --- the connection ------------------------------------------------------------------------
function setStatus(text) {
  const status = $("present-status");
  status.textContent = text; // an empty status takes no room (present.css)
}

const connection = new Connection({
  joinPayload: () => ({ workshop_id: boot.workshop_id, presenter: true }),
  outboxKey: `${scope}:outbox`,
});
connection.addEventListener("snapshot", ({ detail }) => {
  state.load(detail.snapshot);
  loaded = true;
  render();
});
connection.addEventListener("change", ({ detail }) => {
  const before = state.step(state.workshop.current_step_id)?.state.voting?.open;
  state.apply(detail);
  const after = liveStep()?.state.voting;
  if (before && after && !after.open) say(S.results);
  scheduleRender();
});
connection.addEventListener("status", ({ detail }) => setStatus(detail.connected ? "" : S.disconnected));
connection.addEventListener("joinfailed", ({ detail }) => setStatus(format(S.join_failed, { reason: detail.message || detail.code })));
setupJoinToggle();
setInterval(tick, 1000);
connection.start();
