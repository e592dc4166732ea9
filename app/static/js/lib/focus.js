// Live re-rendering replaces elements; a keyboard or screen-reader user's focus must stay on
// "the same" control (WCAG 2.4.3), not fall back to the top of the page.
function focusable(node) {
  return node && !node.disabled && !node.hidden ? node : null;
}

// Run `render`; if it took away the focus from inside `root`, give it back to the element with
// the same id, else to the same action (data-action) of the same item (data-focus-key), else to
// that item's first control.
export function keepFocus(root, render) {
  const active = document.activeElement;
  const inside = Boolean(active && active !== document.body && root.contains(active));
  const id = inside ? active.id : "";
  const action = inside ? active.dataset.action : "";
  const key = inside ? active.closest("[data-focus-key]")?.dataset.focusKey : "";
  render();
  if (!inside || (document.activeElement && document.activeElement !== document.body)) return;
  const item = key ? [...root.querySelectorAll("[data-focus-key]")].find((n) => n.dataset.focusKey === key) : null;
  const target = focusable(id && document.getElementById(id))
    || (item && action && focusable(item.querySelector(`[data-action="${action}"]`)))
    || (item && [...item.querySelectorAll("button, select, textarea, input, summary")].find((n) => focusable(n)));
  target?.focus();
}
