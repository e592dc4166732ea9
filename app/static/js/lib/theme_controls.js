// The console's themes box: each theme with its name and short description ("nimi ja lyhyt
// kuvaus", as the canvases ask), saved together; reordering and deleting; a new theme's name
// and optional description.
import { el, format } from "./dom.js";
import { CLIENT_EVENTS } from "./events.js";

// As the server allows (app/facilitation/themes.py).
const TITLE_MAX = "200";
const DESCRIPTION_MAX = "1000";

function labelled(id, text, input) {
  return el("span", { class: "theme-field" }, el("label", { for: id, text }), input);
}

function themeItem({ s, step, send, lang }, themes, theme, index) {
  const name = el("input", { id: `ctl-theme-${theme.id}`, value: theme.title, maxlength: TITLE_MAX, lang });
  const description = el("input", { id: `ctl-theme-description-${theme.id}`, value: theme.description || "",
    maxlength: DESCRIPTION_MAX, lang, class: "theme-description-input" });
  const order = themes.map((t) => t.id);
  const swap = (a, b) => { [order[a], order[b]] = [order[b], order[a]]; send(CLIENT_EVENTS.THEME_REORDER, { step_id: step.id, theme_ids: order }).catch(() => {}); };
  const save = () => send(CLIENT_EVENTS.THEME_UPDATE, { theme_id: theme.id, title: name.value, description: description.value }).catch(() => {});
  for (const input of [name, description]) {
    input.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); save(); } });
  }
  return el("li", {},
    labelled(name.id, format(s.theme_name_n, { n: index + 1 }), name),
    labelled(description.id, format(s.theme_description_n, { n: index + 1 }), description),
    el("div", { class: "control-row" },
      el("button", { type: "button", id: `ctl-theme-save-${theme.id}`, class: "small", text: s.save, "aria-label": `${s.save}: ${theme.title}`, onclick: save }),
      el("button", { type: "button", class: "small", text: "↑", "aria-label": format(s.move_up, { title: theme.title }), disabled: index === 0 ? true : null, onclick: () => swap(index, index - 1) }),
      el("button", { type: "button", class: "small", text: "↓", "aria-label": format(s.move_down, { title: theme.title }), disabled: index === themes.length - 1 ? true : null, onclick: () => swap(index, index + 1) }),
      el("button", { type: "button", class: "small", text: s.delete, "aria-label": `${s.delete}: ${theme.title}`, onclick: () => send(CLIENT_EVENTS.THEME_DELETE, { theme_id: theme.id }).catch(() => {}) })));
}

// The new theme's fields: Enter in either adds it; only what was sent is cleared afterwards (the
// next theme's name may be typed already when the answer comes).
function newTheme({ s, step, send }) {
  const title = el("input", { id: "ctl-theme-title", maxlength: TITLE_MAX });
  const description = el("input", { id: "ctl-theme-description", maxlength: DESCRIPTION_MAX, class: "theme-description-input" });
  const add = () => {
    const sent = { title: title.value, description: description.value };
    if (!sent.title.trim()) return;
    send(CLIENT_EVENTS.THEME_CREATE, { step_id: step.id, ...sent }).then(() => {
      const current = { title: document.getElementById("ctl-theme-title"), description: document.getElementById("ctl-theme-description") };
      if (current.title?.value === sent.title) {
        current.title.value = "";
        if (current.description?.value === sent.description) current.description.value = "";
      }
    }, () => {});
  };
  for (const input of [title, description]) {
    input.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); add(); } });
  }
  return el("div", { class: "new-theme" },
    labelled(title.id, s.new_theme, title),
    labelled(description.id, s.new_theme_description, description),
    el("button", { type: "button", id: "ctl-theme-add", text: s.add_theme, onclick: add }));
}

// The box's contents (the caller folds them under "Teemat (n)").
export function themeControls(options, themes) {
  const list = el("ol", { class: "theme-list" }, ...themes.map((theme, index) => themeItem(options, themes, theme, index)));
  return [list, newTheme(options)];
}
