// The form that writes a note: a text area, or a card's fields, or a rating. Drafts are kept in
// localStorage so that nothing typed is lost to a reload or a step change.
import { el } from "./dom.js";

let uid = 0;

export function noteForm({ step, prompt, strings, initial = null, submitLabel, onSubmit, onCancel, draftKey }) {
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
      inputs[field.id] = { input, field };
      const label = el("label", { for: inputId, text: field.label + (field.required ? " *" : "") });
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
  const text = el("textarea", {
    id: textId, name: "text", rows: type === "text" ? 2 : 2, maxlength: 2000,
    "aria-describedby": `${id}-hint`,
  });
  text.value = start.text || "";
  const textLabel = type === "text" ? (initial ? strings.edit : prompt.title) : strings.comment || strings.add_note;
  form.append(
    el("label", { for: textId, class: type === "text" && !initial ? "visually-hidden" : "", text: textLabel }),
    text,
    el("p", { id: `${id}-hint`, class: "hint", text: strings.enter_hint }),
  );
  const error = el("p", { class: "error", role: "alert", hidden: true });
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

  function clear() {
    text.value = "";
    for (const { input, group } of Object.values(inputs)) {
      if (group) group.querySelectorAll("input").forEach((r) => { r.checked = false; });
      else input.value = "";
    }
    if (draftKey) localStorage.removeItem(draftKey);
  }

  form.addEventListener("input", saveDraft);
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
    const empty = type === "text" && !value.text.trim();
    if (empty) {
      showError(strings.errors.empty);
      return;
    }
    error.hidden = true;
    onSubmit(value, { clear, showError, focus: () => (inputs[Object.keys(inputs)[0]]?.input || text).focus() });
  });

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  return { form, focus: () => (type === "card" ? inputs[step.note.fields[0].id].input : text).focus() };
}
