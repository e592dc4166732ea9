// Small DOM helpers. Text from users is only ever set with textContent.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : `{${key}}`));
}

const pluralRules = new Map();

// A count in words: ``forms`` holds the server's gettext plural forms by plural category
// ({one: "{n} vote", other: "{n} votes"}, app/i18n.py plural_forms); the page's language picks.
export function plural(forms, n, values = {}) {
  const lang = document.documentElement.lang || "fi";
  if (!pluralRules.has(lang)) pluralRules.set(lang, new Intl.PluralRules(lang));
  return format(forms[pluralRules.get(lang).select(n)] ?? forms.other, { ...values, n });
}
