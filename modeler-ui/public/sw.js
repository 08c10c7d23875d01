// Flowdesk's service worker (registered by src/shell/pwa.ts). It does two things only:
//  - keeps the app's static files (the hashed bundles under /assets/, the icons, the offline page) so the app
//    starts fast and the offline page can be shown without the network;
//  - when a page navigation fails because the network is down, answers with /offline.html.
// It never stores or serves API answers (/api/**: tickets are personal data and must be fresh), nor index.html
// (it needs a signed-in session, and the engine decides about that), nor anything but same-origin GETs.
const VERSION = 'flowdesk-shell-v2';
const SHELL = ['/offline.html', '/offline.js', '/icons/icon-192.png', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(VERSION)
      .then((cache) => cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name !== VERSION).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

/** Bundles and icons whose content never changes under the same URL (vite hashes the bundle names). */
function isStatic(url) {
  return url.pathname.startsWith('/assets/') || url.pathname.startsWith('/icons/') || url.pathname === '/offline.js';
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;

  if (request.mode === 'navigate') {
    // Network first, always: the engine answers (the app, the login page, a redirect); only when there is no
    // answer at all does the offline page stand in.
    event.respondWith(fetch(request).catch(() => caches.match('/offline.html')));
    return;
  }
  if (isStatic(url)) {
    event.respondWith(
      caches.match(request).then((cached) => cached || fetch(request).then((response) => {
        if (response.ok && response.type === 'basic') {
          const copy = response.clone();
          void caches.open(VERSION).then((cache) => cache.put(request, copy));
        }
        return response;
      })),
    );
  }
});
