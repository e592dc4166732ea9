// The live summary preview: refresh in place (on request or every 15 s), and print.
// The new summary is parsed with DOMParser, which runs nothing, and moved into the page as
// nodes; the server escaped every participant text when it rendered the Markdown.
const REFRESH_MS = 15_000;
const MAX_AUTOMATIC = 960; // four hours of automatic refreshes, then it stops by itself

const link = document.getElementById("refresh-summary");
const auto = document.getElementById("auto-refresh");
const status = document.getElementById("refresh-status");
const printButton = document.getElementById("print-summary");
let timer = null;
let automatic = 0;

function say(template, time) {
  status.textContent = template.replace("{time}", time ?? "");
}

async function refresh() {
  try {
    const response = await fetch(link.href, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(String(response.status));
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("summary-content");
    if (!fresh) throw new Error("no summary in the response");
    document.getElementById("summary-content").replaceWith(document.adoptNode(fresh));
    say(status.dataset.updated, new Date().toLocaleTimeString(document.documentElement.lang));
  } catch {
    say(status.dataset.failed);
  }
}

function schedule() {
  clearInterval(timer);
  timer = null;
  automatic = 0;
  if (!auto.checked) return;
  timer = setInterval(() => {
    automatic += 1;
    if (automatic > MAX_AUTOMATIC) {
      auto.checked = false;
      schedule();
      return;
    }
    refresh();
  }, REFRESH_MS);
}

link.addEventListener("click", (event) => {
  event.preventDefault();
  refresh();
});
auto.addEventListener("change", schedule);
printButton.hidden = false;
printButton.addEventListener("click", () => window.print());
