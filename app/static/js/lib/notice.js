// Visible notices: a refused action (a vote past the budget, a control used after the workshop
// closed, a rate-limit refusal) is shown on screen as well as announced, never only to a screen
// reader. One region per page (#notices, made here if the page has none); a notice stays until
// it is dismissed or, for information, for a few seconds.
import { el } from "./dom.js";

const INFO_MS = 6000;
const MAX_SHOWN = 3;

function region() {
  let root = document.getElementById("notices");
  if (!root) {
    root = el("div", { id: "notices", class: "notice-region" });
    document.body.append(root);
  }
  return root;
}

// kind: "error" (a refusal: role=alert, stays until dismissed) or "info" (role=status, fades).
export function showNotice(message, { kind = "error", dismissLabel = "OK" } = {}) {
  const root = region();
  for (const old of root.querySelectorAll(".notice")) if (old.dataset.message === message) old.remove();
  const notice = el("div", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status", "data-message": message },
    el("p", { text: message }));
  const close = () => notice.remove();
  notice.append(el("button", { type: "button", text: dismissLabel, onclick: close }));
  root.append(notice);
  while (root.children.length > MAX_SHOWN) root.firstElementChild.remove();
  if (kind !== "error") setTimeout(close, INFO_MS);
  return notice;
}
