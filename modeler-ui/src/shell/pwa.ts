/**
 * Installs the service worker (`public/sw.js`): it keeps the app's static files for fast starts and shows
 * `offline.html` when a page cannot be reached; it never stores API answers (tickets are personal data).
 * Browsers without service workers (or an insecure origin other than localhost) simply go without.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // the app works without its offline page
    });
  // After the page has loaded, so installing (which fetches the shell) does not compete with the first start.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
