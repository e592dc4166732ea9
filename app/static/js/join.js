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

function storedIdentity() {
  try {
    return JSON.parse(localStorage.getItem(identityKey) || "null");
  } catch {
    return null;
  }
}

function start(name) {
  let identity = storedIdentity();
  const board = new Board({ connection: null, strings, scope, me: { role: "participant", participantId: identity?.id } });
  const connection = new Connection({
    joinPayload: () => ({ join_code: boot.join_code, name: name || undefined, participant_token: identity?.token, browser_id: browserId() }),
    outboxKey: `${scope}:outbox`,
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
  document.getElementById("join-name").focus();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start(document.getElementById("join-name").value.trim());
  });
  document.getElementById("join-anonymous").addEventListener("click", () => start(""));
}
