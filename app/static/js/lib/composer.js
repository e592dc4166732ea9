// The form that writes a note: a text area, or a card's fields, or a rating. Drafts are kept in
// localStorage so that nothing typed is lost to a reload or a step change, and a refusal (an empty
// required field, a note over the length limit, the server saying no) never wipes the input:
// the error names the field, marks it invalid and takes the focus there.
import { el, format } from "./dom.js";

// The server's limit (app/canvases/schema.py MAX_NOTE_LENGTH). The box does not cut at it
// (maxlength would cut a pasted text mid-word, silently): a counter shows near the limit and
// sending is refused, the text kept, until it fits.
export const MAX_NOTE_LENGTH = 2000;
const COUNT_FROM = MAX_NOTE_LENGTH - 200;

let uid = 0;

function describe(input, id, on) {
  const ids = new Set((input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
  if (on) ids.add(id); else ids.delete(id);
  if (ids.size) input.setAttribute("aria-describedby", [...ids].join(" "));
  else input.removeAttribute("aria-describedby");
}

// `lang`: the workshop's language where the page speaks another (its field labels and question).
export function noteForm({ step, prompt, strings, initial = null, submitLabel, onSubmit, onCancel, draftKey, lang = null }) {
  uid += 1;
  const id = `f${uid}`;
  const type = step.note?.type || "text";
  const form = el("form", { class: `composer composer-${type}`, novalidate: true });
  const inputs = {};
  const saveDraft = () => {
    if (!draftKey) return;
    localStorage.setItem(draftKey, JSON.stringify(read()));
  };
  const draft = draftKey ? JSON.parse(localStorage.getItem(draftKey) || "null") : null;
  const start = initial || draft || { text: "", fields: {} };

  if (type === "card") {
    if (step.note.fields.some((field) => field.required)) {
      form.append(el("p", { class: "hint required-legend", text: strings.required_legend }));
    }
    for (const field of step.note.fields) {
      const inputId = `${id}-${field.id}`;
      const multiline = field.type === "list" || field.type === "longtext";
      const input = el(multiline ? "textarea" : "input", {
        id: inputId, name: field.id, rows: multiline ? 3 : null,
        maxlength: field.max_length || null, required: field.required || null,
        "aria-required": field.required ? "true" : null,
      });
      const value = start.fields?.[field.id];
      input.value = Array.isArray(value) ? value.join("\n") : value || "";
      inputs[field.id] = { input, field, label: field.label };
      const label = el("label", { for: inputId }, el("span", { lang, text: field.label }), field.required ? " *" : "");
      const hint = field.type === "list" ? el("span", { class: "hint", id: `${inputId}-hint`, text: strings.list_hint || "" }) : null;
      if (hint && hint.textContent) input.setAttribute("aria-describedby", hint.id);
      form.append(el("div", { class: "field" }, label, input, hint && hint.textContent ? hint : null));
    }
  } else if (type === "rating") {
    const rating = step.rating || { min: 1, max: 5 };
    const group = el("fieldset", { class: "rating" }, el("legend", { text: strings.rating || "" }));
    for (let n = rating.min; n <= rating.max; n += 1) {
      const inputId = `${id}-r${n}`;
      const radio = el("input", { type: "radio", name: "rating", id: inputId, value: String(n) });
      if (String(start.fields?.rating) === String(n)) radio.checked = true;
      group.append(el("span", { class: "rating-choice" }, radio, el("label", { for: inputId, text: String(n) })));
    }
    inputs.rating = { group };
    form.append(group);
  }

  const textId = `${id}-text`;
  const text = el("textarea", { id: textId, name: "text", rows: 2, "aria-describedby": `${id}-hint` });
  const counter = el("p", { id: `${id}-count`, class: "hint char-count", hidden: true });
  text.value = start.text || "";
  const textLabel = type === "text" ? (initial ? strings.edit : prompt.title) : strings.comment || strings.add_note;
  form.append(
    el("label", { for: textId, class: type === "text" && !initial ? "visually-hidden" : "", lang: type === "text" && !initial ? lang : null, text: textLabel }),
    text,
    counter,
    el("p", { id: `${id}-hint`, class: "hint", text: strings.enter_hint }),
  );
  const errorId = `${id}-error`;
  const error = el("p", { id: errorId, class: "error", role: "alert", hidden: true });
  const actions = el("div", { class: "form-actions" },
    el("button", { type: "submit", class: "primary", text: submitLabel }));
  if (onCancel) actions.append(el("button", { type: "button", text: strings.cancel, onclick: onCancel }));
  form.append(error, actions);

  function read() {
    const fields = {};
    for (const [fieldId, { input, field, group }] of Object.entries(inputs)) {
      if (group) {
        const checked = group.querySelector("input:checked");
        if (checked) fields.rating = Number(checked.value);
      } else if (field.type === "list") {
        fields[fieldId] = input.value.split("\n").map((s) => s.trim()).filter(Boolean);
      } else if (input.value.trim()) {
        fields[fieldId] = input.value;
      }
    }
    return { text: text.value, fields };
  }

  // Put a refused note back, unless something new has been typed meanwhile.
  function restore(value) {
    const now = read();
    if (now.text.trim() || Object.keys(now.fields).length) return;
    text.value = value.text || "";
    for (const [fieldId, { input, group }] of Object.entries(inputs)) {
      const v = value.fields?.[fieldId];
      if (group) group.querySelectorAll("input").forEach((r) => { r.checked = String(v) === r.value; });
      else input.value = Array.isArray(v) ? v.join("\n") : v || "";
    }
    count();
    saveDraft();
  }

  function count() {
    const n = text.value.length;
    const over = n > MAX_NOTE_LENGTH;
    counter.hidden = n < COUNT_FROM;
    counter.classList.toggle("over", over);
    counter.textContent = format(strings.char_count, { n, max: MAX_NOTE_LENGTH })
      + (over ? ` — ${format(strings.chars_over, { n: n - MAX_NOTE_LENGTH })}` : "");
    describe(text, counter.id, !counter.hidden);
    if (!over && text.getAttribute("aria-invalid") === "true" && error.dataset.field === "text") clearError();
  }

  function clear() {
    text.value = "";
    for (const { input, group } of Object.values(inputs)) {
      if (group) group.querySelectorAll("input").forEach((r) => { r.checked = false; });
      else input.value = "";
    }
    if (draftKey) localStorage.removeItem(draftKey);
    count();
    clearError();
  }

  form.addEventListener("input", (event) => {
    saveDraft();
    if (event.target === text) count();
    else if (event.target.getAttribute("aria-invalid") === "true" && event.target.value.trim()) invalid(event.target, false);
  });
  form.addEventListener("change", saveDraft);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = read();
    clearError();
    if (type === "text" && !value.text.trim()) {
      showError(strings.errors.empty, "text");
      return;
    }
    if (value.text.length > MAX_NOTE_LENGTH) {
      showError(format(strings.note_too_long, { n: value.text.length, max: MAX_NOTE_LENGTH }), "text");
      return;
    }
    const missing = Object.values(inputs).filter(({ input, field }) => input && field.required && !value.fields[field.id]?.length);
    if (missing.length) {
      missing.forEach(({ input }) => invalid(input, true));
      showError(format(strings.field_required, { label: missing[0].label }), missing[0].field.id);
      return;
    }
    onSubmit(value, { clear, restore, showError, focus: () => (inputs[Object.keys(inputs)[0]]?.input || text).focus() });
  });

  function invalid(input, on) {
    if (on) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    describe(input, errorId, on);
  }

  // Show a refusal; with `fieldId` ("text" or a card field's id) mark that field and focus it.
  function showError(message, fieldId = null) {
    error.textContent = message;
    error.hidden = false;
    error.dataset.field = fieldId || "";
    const target = fieldId === "text" ? text : inputs[fieldId]?.input;
    if (target) {
      invalid(target, true);
      target.focus();
    }
  }

  function clearError() {
    error.hidden = true;
    error.textContent = "";
    error.dataset.field = "";
    for (const input of [text, ...Object.values(inputs).map((i) => i.input).filter(Boolean)]) invalid(input, false);
  }

  count();
  return { form, focus: () => (type === "card" ? inputs[step.note.fields[0].id].input : text).focus() };
}
