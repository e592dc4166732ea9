// The participant page's service worker: the page, its scripts, styles and socket.io client are
// fetched from the network when it answers and from the last copy kept here when it does not,
// so that a participant can reload without a network and still see the board and the notes
// waiting to be sent. Nothing else (the API, Socket.IO, the facilitator's pages) is touched.
const CACHE = "pajapohja-offline-v1";

function kept(url) {
  return url.origin === self.location.origin
    && (url.pathname.startsWith("/static/") || /^\/j\/[^/]+$/.test(url.pathname));
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
    await self.clients.claim();
  })());
});

// The page hands over what it loaded before this worker was in charge.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep" || !Array.isArray(event.data.urls)) return;
  const urls = event.data.urls.map((url) => new URL(url, self.location.origin)).filter(kept);
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map(
    (url) => cache.add(url.href).catch(() => {}),
  ))));
});

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (offline) {
    const copy = await cache.match(request, { ignoreSearch: request.mode === "navigate" });
    if (copy) return copy;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || !kept(url)) return;
  event.respondWith(networkFirst(event.request));
});
