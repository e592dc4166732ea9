// Curation on the facilitator's board: a note, or a whole question, left out of the documents
// (the summary and the training-plan draft) stays on the board, muted and labelled in words
// ("Ei dokumenteissa"), never by colour alone. Participants' boards and the presenter's screen
// show nothing of it.
import { el } from "./dom.js";
import { CLIENT_EVENTS } from "./events.js";

const curates = (state) => state.me.role === "facilitator";

export function promptExcluded(step, promptId) {
  return (step.excluded_prompts || []).includes(promptId);
}

// The small label in a note's foot; null for a note in the documents, and for non-facilitators.
export function noteExcludedMark(ctx, note) {
  if (!note.excluded || !curates(ctx.state)) return null;
  return el("span", { class: "excluded-mark", text: ctx.strings.not_in_documents });
}

// Whether the note's card looks left out (for the signature and the card's class).
export function noteLooksExcluded(state, note) {
  return Boolean(note.excluded) && curates(state);
}

// The note menu's entry: "Jätä pois dokumenteista" or "Palauta dokumentteihin".
export function noteExclusionEntry(ctx, close, note) {
  const s = ctx.strings;
  return el("button", { type: "button", "data-action": "exclude", text: note.excluded ? s.include_note : s.exclude_note,
    onclick: close(() => ctx.actions.exclude(note, !note.excluded)) });
}

// A question's column: its mark in the heading and, for facilitators who may act, a toggle
// under it. Built once per column; `renderPromptCuration` keeps it up to date in place, so a
// focused toggle keeps its focus.
export function promptCurationParts(board, step, prompt, headingId) {
  if (!curates(board.state)) return { mark: null, toggle: null };
  const s = board.strings;
  // Empty while the question is in the documents: the heading's text is then only its own.
  const mark = el("span", { class: "excluded-mark", hidden: true });
  const toggle = board.readOnly ? null : el("button", {
    type: "button", class: "small prompt-exclude", "data-action": "exclude-prompt", "aria-describedby": headingId,
    onclick: () => {
      const excluded = !promptExcluded(board.step(), prompt.id);
      board.send(CLIENT_EVENTS.PROMPT_EXCLUDE, { step_id: step.id, prompt_id: prompt.id, excluded })
        .then(() => board.announcer.say(excluded ? s.left_out : s.brought_back), (error) => board.refuse(error));
    },
  });
  return { mark, toggle: toggle && el("p", { class: "prompt-curation" }, toggle) };
}

export function renderPromptCuration(board, column, step, promptId) {
  if (!curates(board.state)) return;
  const excluded = promptExcluded(step, promptId);
  column.classList.toggle("excluded", excluded);
  const mark = column.querySelector("h3 .excluded-mark");
  if (mark) {
    mark.hidden = !excluded;
    mark.textContent = excluded ? board.strings.not_in_documents : "";
  }
  const toggle = column.querySelector("button.prompt-exclude");
  const text = excluded ? board.strings.include_prompt : board.strings.exclude_prompt;
  if (toggle && toggle.textContent !== text) toggle.textContent = text;
}
