// The offline page's one script (offline.html): the user's language first, and the retry buttons. A file of its
// own because the Content-Security-Policy allows no inline script; the service worker keeps it with the page.
(function () {
  var saved = null;
  try { saved = localStorage.getItem('flowdesk.language'); } catch (e) { /* storage off */ }
  var lang = saved || (navigator.language || 'en').slice(0, 2).toLowerCase();
  if (lang === 'de') {
    var main = document.querySelector('main');
    main.insertBefore(document.querySelector('.de'), document.querySelector('.en'));
    document.querySelector('.de').className = '';
    document.querySelector('.en').className = 'de';
    document.documentElement.lang = 'de';
  }
  document.querySelectorAll('[data-retry]').forEach(function (button) {
    button.addEventListener('click', function () { location.reload(); });
  });
})();
