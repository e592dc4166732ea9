// Facilitator console: the live board, joined with the logged-in session, and the controls.
import { Board } from "./lib/board.js";
import { Connection } from "./lib/connection.js";
import { Controls } from "./lib/controls.js";
import { DuplicatesPanel } from "./lib/duplicates.js";
import { EVENT_TYPES, SERVER_EVENTS } from "./lib/events.js";

const boot = JSON.parse(document.getElementById("boot").textContent);
const scope = `pajapohja:w${boot.workshop_id}`;
const board = new Board({ connection: null, strings: boot.strings, scope, me: { role: "facilitator" } });
const connection = new Connection({
  joinPayload: () => ({ workshop_id: boot.workshop_id }),
  outboxKey: `${scope}:outbox`,
  strings: boot.strings,
});
board.connection = connection;
const controls = new Controls(board, document.getElementById("controls"), document.getElementById("presence"));
const duplicateStrings = JSON.parse(document.getElementById("duplicate-strings").textContent);
const duplicates = new DuplicatesPanel(board, connection, document.getElementById("duplicates"), duplicateStrings);
connection.addEventListener("snapshot", ({ detail }) => {
  if (detail.ack?.facilitator) board.me.facilitatorId = detail.ack.facilitator.id;
  controls.loadVotes(detail.snapshot);
  board.load(detail.snapshot);
  controls.render();
  duplicates.refresh();
});
connection.addEventListener("change", ({ detail }) => {
  board.apply(detail);
  if (detail.type === EVENT_TYPES.PARTICIPANT_REMOVED) duplicates.refresh();
});
connection.addEventListener("status", ({ detail }) => board.setConnected(detail.connected));
connection.addEventListener("joinfailed", () => board.setConnected(false));
connection.start();
connection.socket.on(SERVER_EVENTS.PRESENCE, (presence) => {
  board.setPresence(presence);
  duplicates.refresh(); // someone arrived or left: maybe another copy of someone
});
