// The presenter view: the shared board (lib/board.js) in its read-only presenter mode, large,
// for sharing the screen with the room. It joins as the facilitator's presenter screen
// (`presenter: true`): the server sends it what participants see (no hidden or moderated notes,
// no tallies they would not see); it changes nothing and always shows the live step. This page
// adds only what a shared screen needs besides the board: how to join, and the vote's results.
import { Board } from "./lib/board.js";
import { Connection } from "./lib/connection.js";
import { el, format, plural } from "./lib/dom.js";
import { showNotice } from "./lib/notice.js";

const boot = JSON.parse(document.getElementById("boot").textContent);
const S = JSON.parse(document.getElementById("present-strings").textContent);
const scope = `pajapohja:w${boot.workshop_id}:present`;
// The board's words, with the ones a room reads off the shared screen (not "your notes").
const strings = { ...boot.strings, hidden_step: S.private, voting_open_facilitator: S.voting_open, groups_working: S.groups };
const board = new Board({ connection: null, strings, scope, me: { role: "presenter" } });
const connection = new Connection({
  joinPayload: () => ({ workshop_id: boot.workshop_id, presenter: true }),
  outboxKey: `${scope}:outbox`,
});
board.connection = connection;

const $ = (id) => document.getElementById(id);
const results = el("section", { id: "present-results", class: "present-results", "aria-labelledby": "present-results-heading", hidden: true });
board.columns.before(results);
let joinStep = null;
let joinOverride = null; // "large" | "small" chosen with the button; reset when the step changes

function votesText(n) {
  return plural(S.votes_n, n);
}

// --- after a vote: the themes and notes of the step ranked, with bars ----------------------
function renderResults(step) {
  const voting = step.state.voting;
  const shown = Boolean(voting && !voting.open && !step.state.hidden);
  results.hidden = !shown;
  document.body.classList.toggle("present-showing-results", shown); // the ranking replaces the columns
  if (!shown) return;
  const { state } = board;
  const lang = board.ctx.lang;
  const notes = [...state.notes.values()].filter((note) => note.step_id === step.id && !note.moderated)
    .sort((a, b) => (b.votes || 0) - (a.votes || 0) || a.id - b.id);
  const themes = state.themesOf(step.id).map((theme) => ({
    title: theme.title, notes: notes.filter((n) => n.theme_id === theme.id),
  })).filter((t) => t.notes.length).map((t) => ({ ...t, votes: t.notes.reduce((sum, n) => sum + (n.votes || 0), 0) }))
    .sort((a, b) => b.votes - a.votes);
  const prompts = new Map(step.prompts.map((p) => [p.id, p.title]));
  const parts = el("div", { class: "present-results-parts" });
  if (themes.length) {
    parts.append(el("div", {}, el("h3", { text: S.themes_ranked }),
      ranking(themes.map((t) => [el("span", { class: "present-rank-text", lang, text: t.title }), t.votes]), "themes")));
  }
  const ranked = el("div", {}, themes.length ? el("h3", { text: S.notes_ranked }) : null);
  if (!notes.length) ranked.append(el("p", { class: "present-empty", text: S.no_notes }));
  else {
    ranked.append(ranking(notes.map((note) => {
      const text = el("span", { class: "present-rank-text", lang }, note.text || Object.values(note.fields || {}).flat().join(" · "));
      if (step.prompts.length > 1) text.append(" ", el("span", { class: "present-rank-prompt", text: prompts.get(note.prompt_id) || "" }));
      return [text, note.votes || 0];
    })));
  }
  parts.append(ranked);
  results.replaceChildren(el("h2", { id: "present-results-heading", text: S.results }), parts);
}

function ranking(rows, kind = "") {
  const top = Math.max(1, ...rows.map(([, votes]) => votes));
  return el("ol", { class: `present-ranking ${kind}`.trim() }, ...rows.map(([text, votes]) => {
    const bar = el("span", { class: "present-bar", "aria-hidden": "true" });
    bar.style.setProperty("--share", `${Math.round((100 * votes) / top)}%`);
    return el("li", { class: "present-rank" }, text,
      el("span", { class: "present-rank-votes" }, bar, el("span", { class: "present-badge", text: votesText(votes) })));
  }));
}

// --- how to join ---------------------------------------------------------------------------
// Large beside the board while people arrive (the first step), a chip in the step's header
// afterwards; the button swaps the two until the live step changes.
function renderJoin(step) {
  const join = $("present-join");
  if (step.id !== joinStep) {
    joinStep = step.id;
    joinOverride = null;
  }
  join.hidden = board.state.workshop.status !== "open";
  const size = joinOverride || (board.state.steps.indexOf(step) === 0 ? "large" : "small");
  const button = $("present-join-toggle");
  button.textContent = size === "large" ? S.shrink_join : S.enlarge_join;
  document.body.classList.toggle("present-join-large", size === "large" && !join.hidden);
  if (join.dataset.size === size) return;
  join.dataset.size = size;
  const focused = document.activeElement === button;
  (size === "large" ? document.querySelector(".present-layout") : $("present-join-slot")).append(join);
  if (focused) button.focus();
}

$("present-join-toggle").addEventListener("click", () => {
  joinOverride = $("present-join").dataset.size === "large" ? "small" : "large";
  renderJoin(board.step());
});

board.onChange(() => {
  const step = board.loaded && board.step();
  if (!step) return;
  renderResults(step);
  renderJoin(step);
});
connection.addEventListener("snapshot", ({ detail }) => board.load(detail.snapshot));
connection.addEventListener("change", ({ detail }) => board.apply(detail));
connection.addEventListener("status", ({ detail }) => board.setConnected(detail.connected));
connection.addEventListener("joinfailed", ({ detail }) => {
  board.setConnected(false);
  showNotice(format(S.join_failed, { reason: detail.message || detail.code }), { kind: "error", dismissLabel: boot.strings.dismiss_notice });
});
connection.start();
