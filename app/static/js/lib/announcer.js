// Polite screen-reader announcements, batched: a busy room gives one message every few seconds,
// not one per note.
import { plural } from "./dom.js";

const BATCH_MS = 3000;

export class Announcer {
  constructor(region, strings) {
    this.region = region;
    this.strings = strings;
    this.count = 0;
    this.timer = null;
  }

  noteFromOthers() {
    this.count += 1;
    if (!this.timer) this.timer = setTimeout(() => this.#flush(), BATCH_MS);
  }

  say(message) {
    this.region.textContent = "";
    // A fresh text node after clearing makes screen readers announce repeated messages too.
    requestAnimationFrame(() => { this.region.textContent = message; });
  }

  #flush() {
    const n = this.count;
    this.count = 0;
    this.timer = null;
    if (n) this.say(plural(this.strings.new_notes, n));
  }
}
