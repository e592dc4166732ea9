// A countdown every client computes from the same server facts (end moment or seconds left).
// Milestones are announced to screen readers; zero gives a visible and, if chosen, audible cue.
import { el, format } from "./dom.js";

const SOUND_KEY = "pajapohja:timer-sound";
// An ended countdown says "Aika loppui" for a while, then leaves the screen: a time that ran
// out long ago is nobody's time any more.
const SHOWN_AFTER_END_S = 300;

export function remainingSeconds(timer, clockOffset) {
  if (!timer) return null;
  if (timer.state === "paused") return timer.remaining;
  return Math.max(0, Math.round((Date.parse(timer.ends_at) - (Date.now() + clockOffset)) / 1000));
}

export function clock(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}

export class TimerView {
  // sound: false on the presenter screen, which has no controls (the choice made in this
  // browser's console still holds there).
  constructor(strings, announcer, { sound: withSound = true } = {}) {
    this.strings = strings;
    this.announcer = announcer;
    this.timer = null;
    this.offset = 0;
    this.lastAnnounced = null;
    this.display = el("span", { class: "timer-display", role: "timer", "aria-live": "off" });
    this.status = el("span", { class: "timer-status" });
    const sound = el("input", { type: "checkbox", id: "timer-sound" });
    sound.checked = localStorage.getItem(SOUND_KEY) === "1";
    sound.addEventListener("change", () => localStorage.setItem(SOUND_KEY, sound.checked ? "1" : "0"));
    this.sound = sound;
    this.root = el("div", { class: "timer", hidden: true },
      el("span", { class: "timer-label", text: strings.timer }), " ", this.display, " ", this.status,
      withSound ? el("span", { class: "timer-sound" }, sound, el("label", { for: "timer-sound", text: strings.timer_sound })) : null);
    this.interval = setInterval(() => this.tick(), 1000);
  }

  // hideAtZero: the countdown leaves the screen when it runs out (another's time, not the viewer's).
  set(timer, offset, { hideAtZero = false } = {}) {
    const changed = JSON.stringify(timer) !== JSON.stringify(this.timer);
    this.timer = timer;
    this.offset = offset;
    this.hideAtZero = hideAtZero;
    if (changed) this.lastAnnounced = null;
    this.tick();
  }

  tick() {
    const left = remainingSeconds(this.timer, this.offset);
    this.root.hidden = left === null || this.#longOver() || (left === 0 && this.hideAtZero);
    if (this.root.hidden) return;
    this.display.textContent = clock(left);
    const done = left === 0;
    this.root.classList.toggle("timer-done", done);
    this.status.textContent = done ? this.strings.time_up : this.timer.state === "paused" ? this.strings.timer_paused : "";
    const milestone = done ? 0 : left <= 60 && left > 55 ? 60 : null;
    if (milestone !== null && this.lastAnnounced !== milestone && this.timer.state === "running") {
      this.lastAnnounced = milestone;
      this.announcer.say(done ? this.strings.time_up : format(this.strings.minute_left, {}));
      if (done && this.sound.checked) beep();
    }
  }

  #longOver() {
    if (this.timer?.state !== "running") return false;
    return Date.now() + this.offset - Date.parse(this.timer.ends_at) > SHOWN_AFTER_END_S * 1000;
  }
}

function beep() {
  try {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const volume = context.createGain();
    volume.gain.value = 0.15;
    tone.frequency.value = 660;
    tone.connect(volume).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 0.6);
  } catch {
    // No audio available: the visible cue remains.
  }
}
