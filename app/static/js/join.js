// Participant page: join by name or anonymously, then the live board. The participant token is
// kept in localStorage so that a reload is the same participant; the last board seen is kept
// too, so that a reload without network still shows the board and the notes waiting to be sent.
import { Board } from "./lib/board.js";
import { Connection } from "./lib/connection.js";
import { BoardCache, registerServiceWorker } from "./lib/offline.js";

const boot = JSON.parse(document.getElementById("boot").textContent);
const strings = boot.strings;
const scope = `pajapohja:${boot.join_code}`;
const identityKey = `${scope}:participant`;
const formSection = document.getElementById("join-form-section");
const form = document.getElementById("join-form");
const errorBox = document.getElementById("join-error");
const nameInput = document.getElementById("join-name");
const joinButtons = [document.getElementById("join-button"), document.getElementById("join-anonymous")];
// The name given in one workshop of a series is offered (never sent) in the next ones.
const seriesNameKey = boot.series_id ? `pajapohja:series:${boot.series_id}:name` : null;
// One join, however often it is sent: a double click, or the join resent after a time-out on a
// slow network, carries the same op id, and the server answers with the same participant.
let joinOpId = newOpId();
let joining = false;

// A random id this browser keeps for every workshop: the server stores only a keyed hash of it,
// so that the facilitator can see many participants made in one browser (app/workshops/
// sighting.py). Without localStorage there is none, and the join goes ahead without it.
function browserId() {
  const key = "pajapohja:browser";
  try {
    let id = localStorage.getItem(key);
    if (!/^[0-9a-f]{32}$/.test(id || "")) {
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      id = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
      localStorage.setItem(key, id);
    }
    return id;
  } catch {
    return undefined;
  }
}

function newOpId() {
  // crypto.randomUUID needs a secure context; a server on a LAN address may be plain http.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function remembered(key) {
  try {
    return key ? localStorage.getItem(key) || "" : "";
  } catch {
    return "";
  }
}

function remember(key, value) {
  try {
    if (key && value) localStorage.setItem(key, value);
  } catch {
    // Without storage the name is simply not offered next time.
  }
}

// While a join is under way the buttons look and announce themselves disabled, but keep focus
// (a disabled button would drop it to the page body).
function setJoining(on) {
  joining = on;
  for (const button of joinButtons) {
    if (on) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }
}

function storedIdentity() {
  try {
    return JSON.parse(localStorage.getItem(identityKey) || "null");
  } catch {
    return null;
  }
}

function start(name) {
  let identity = storedIdentity();
  const opId = joinOpId;
  const board = new Board({ connection: null, strings, scope, me: { role: "participant", participantId: identity?.id } });
  const connection = new Connection({
    joinPayload: () => ({ join_code: boot.join_code, name: name || undefined, participant_token: identity?.token, op_id: identity ? undefined : opId, browser_id: browserId() }),
    outboxKey: `${scope}:outbox`,
    strings,
  });
  board.connection = connection;
  const cache = new BoardCache(`${scope}:board`, identity?.id);
  const cached = identity ? cache.read() : null;
  if (cached) {
    try {
      formSection.hidden = true;
      board.load(cached.snapshot);
      cached.tail.forEach((event) => board.apply(event));
    } catch {
      localStorage.removeItem(cache.key); // a copy this board cannot read: the server's will do
    }
  }
  connection.addEventListener("snapshot", ({ detail }) => {
    const participant = detail.ack?.participant;
    if (participant) {
      identity = participant;
      localStorage.setItem(identityKey, JSON.stringify(participant));
      board.me.participantId = participant.id;
      remember(seriesNameKey, participant.name);
    }
    cache.reset(detail.snapshot, identity?.id); // before the board takes the objects over
    formSection.hidden = true;
    board.load(detail.snapshot);
  });
  connection.addEventListener("change", ({ detail }) => {
    if (cache.record(detail)) connection.refresh();
    board.apply(detail);
  });
  connection.addEventListener("status", ({ detail }) => board.setConnected(detail.connected));
  connection.addEventListener("joinfailed", ({ detail }) => {
    if (detail.code === "removed") {
      localStorage.removeItem(identityKey);
      localStorage.removeItem(cache.key);
      document.getElementById("board").hidden = true;
    }
    formSection.hidden = false;
    joinOpId = newOpId(); // a join after a refusal is a new attempt (after removal: a new person)
    setJoining(false);
    errorBox.textContent = strings.errors[detail.code] || detail.message;
    errorBox.hidden = false;
    connection.socket.disconnect();
  });
  connection.start();
}

registerServiceWorker();
if (storedIdentity()) {
  start();
} else {
  formSection.hidden = false;
  const offered = remembered(seriesNameKey);
  if (offered) {
    nameInput.value = offered;
    document.getElementById("join-name-remembered").hidden = false;
    nameInput.setAttribute("aria-describedby", "join-name-remembered");
  }
  nameInput.focus();
  const joinAs = (name) => {
    if (joining) return; // the second click of a double click
    setJoining(true);
    start(name);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    joinAs(nameInput.value.trim());
  });
  document.getElementById("join-anonymous").addEventListener("click", () => joinAs(""));
}
