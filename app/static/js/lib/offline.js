// What lets the participant page open and show the board without a network: the service worker
// (which keeps the page and its files), and the last known board kept in localStorage.

// Past this many events after the last snapshot, ask the server for a fresh one. More than the
// server's resync limit (500), so that resync from 0 surely answers with a snapshot; spread out
// so that a full room does not ask at the same moment.
const TAIL_LIMIT = 1000 + Math.floor(Math.random() * 500);
const MAX_CHARS = 2_000_000; // well inside the 5 MB that browsers give localStorage
const SAVE_DELAY_MS = 1000;

export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // The page and its files were loaded before the worker existed: hand it their addresses.
      const files = performance.getEntriesByType("resource").map((entry) => entry.name)
        .filter((url) => new URL(url).origin === location.origin && new URL(url).pathname.startsWith("/static/"));
      registration.active?.postMessage({ type: "keep", urls: [location.pathname, ...files] });
    })
    .catch(() => {}); // without a worker the page still works online
}

// The board as last seen: the last snapshot plus the events applied since, replayed through the
// board itself on load so that it needs no second copy of the board's rules.
export class BoardCache {
  constructor(key, ownerId) {
    this.key = key;
    this.ownerId = ownerId; // a cache belongs to one participant: others see other things
    // Kept as JSON text, so that the board's later changes to these objects cannot touch them.
    this.snapshot = null;
    this.tail = [];
    this.timer = null;
    window.addEventListener("pagehide", () => this.save());
  }

  read() {
    try {
      const stored = JSON.parse(localStorage.getItem(this.key) || "null");
      if (!stored || stored.owner !== this.ownerId || !Array.isArray(stored.tail)) return null;
      return { snapshot: stored.snapshot, tail: stored.tail };
    } catch {
      return null;
    }
  }

  reset(snapshot, ownerId) {
    this.ownerId = ownerId;
    this.snapshot = JSON.stringify(snapshot);
    this.tail = [];
    this.save();
  }

  // Returns true when the tail is long enough that a fresh snapshot should replace it.
  record(event) {
    if (this.snapshot === null) return false;
    this.tail.push(JSON.stringify(event));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    return this.tail.length > TAIL_LIMIT;
  }

  save() {
    clearTimeout(this.timer);
    if (this.snapshot === null) return;
    const owner = JSON.stringify(this.ownerId ?? null);
    const text = `{"owner":${owner},"snapshot":${this.snapshot},"tail":[${this.tail.join(",")}]}`;
    try {
      if (text.length > MAX_CHARS) localStorage.removeItem(this.key);
      else localStorage.setItem(this.key, text);
    } catch {
      localStorage.removeItem(this.key); // storage full: the outbox matters more than this copy
    }
  }
}
