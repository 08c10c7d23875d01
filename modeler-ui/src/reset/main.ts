import 'bootstrap/dist/css/bootstrap.min.css';
import '../styles/app.css';

import { passwordReset } from '../api/password-reset';
import { ApiError } from '../api/http';
import { LOCALES, LOCALE_EVENT, initLocale, locale, setLocale, t } from '../i18n';
import { describeError, formatInstant, h, notice, replaceChildren } from '../ui/dom';

/**
 * The page a user reaches without signing in (issue 15 part 2): from the login page's "Forgot password?" she asks
 * for a link by user id or e-mail address; the mailed link (`/password-reset.html#<token>`) brings her back here to
 * set a new password twice. The token travels in the fragment, so it is never sent to a server as part of an
 * address (logs, Referer); the page sends it to the API itself. The server decides everything (policy, expiry,
 * single use); the page only shows what it says.
 */
const ENDONYMS = { en: 'English', de: 'Deutsch' } as const;

function header(): void {
  const bar = document.getElementById('app-header')!;
  replaceChildren(bar, h('nav', { class: 'navbar navbar-dark bg-dark app-bar', 'aria-label': t('shell.mainNavigation') },
    h('div', { class: 'container-fluid' },
      h('a', { class: 'navbar-brand', href: '/login' }, 'Flowdesk'),
      h('div', { class: 'btn-group btn-group-sm language-switch', role: 'group', 'aria-label': t('shell.language') },
        LOCALES.map((l) => h('button', {
          type: 'button', class: `btn ${l === locale() ? 'btn-light' : 'btn-outline-light'}`, lang: l, title: ENDONYMS[l],
          'aria-pressed': String(l === locale()), 'data-locale': l,
          onclick: () => { if (l !== locale()) setLocale(l); },
        }, l.toUpperCase()))))));
}

function panel(heading: string, ...content: (Node | null)[]): HTMLElement {
  return h('section', { class: 'panel password-reset mx-auto mt-4', 'aria-labelledby': 'reset-heading' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'reset-heading' }, heading)), ...content);
}

function signInLink(): HTMLElement {
  return h('p', { class: 'mb-0' }, h('a', { class: 'reset-sign-in', href: '/login' }, t('reset.backToSignIn')));
}

/** The server's word on a failure: a field's message when it names one, else its detail. */
function problemText(error: unknown, field: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const errors = (error.problem as { errors?: { path: string; message: string }[] }).errors ?? [];
  return errors.find((e) => e.path === field)?.message ?? null;
}

function requestForm(main: HTMLElement): void {
  const login = h('input', { type: 'text', id: 'reset-login', class: 'form-control reset-login', name: 'login', autocomplete: 'username', required: true, maxlength: 254 });
  const outcome = h('div', { class: 'reset-outcome', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary reset-request' }, t('reset.send'));
  const form = h('form', { class: 'reset-request-form mb-3', novalidate: true },
    h('p', {}, t('reset.requestIntro')),
    h('div', { class: 'mb-3' }, h('label', { class: 'form-label', for: 'reset-login' }, t('reset.login')), login),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!login.value.trim()) {
      replaceChildren(outcome, notice('danger', t('reset.loginRequired')));
      return;
    }
    button.disabled = true;
    passwordReset.request(login.value.trim())
      .then(() => {
        form.hidden = true;
        replaceChildren(outcome, notice('success', t('reset.mailOnItsWay')));
      })
      .catch((error: unknown) => {
        const text = error instanceof ApiError && error.status === 429 ? t('reset.tooMany')
          : problemText(error, 'login') ?? describeError(error);
        replaceChildren(outcome, notice('danger', t('reset.failed', { why: text })));
      })
      .finally(() => { button.disabled = false; });
  });
  replaceChildren(main, panel(t('reset.requestHeading'), form, outcome, signInLink()));
  login.focus();
}

async function newPasswordForm(main: HTMLElement, token: string): Promise<void> {
  let until: string;
  try {
    until = (await passwordReset.check(token)).expiresAt;
  } catch (error) {
    const unusable = problemText(error, 'token') !== null;
    replaceChildren(main, panel(t('reset.newHeading'),
      notice('danger', unusable ? t('reset.linkUnusable') : t('reset.failed', { why: describeError(error) })),
      h('p', {}, h('a', { class: 'reset-ask-again', href: '/password-reset.html' }, t('reset.askAgain'))), signInLink()));
    return;
  }
  const first = h('input', { type: 'password', id: 'reset-password', class: 'form-control reset-password', autocomplete: 'new-password', required: true });
  const second = h('input', { type: 'password', id: 'reset-password-again', class: 'form-control reset-password-again', autocomplete: 'new-password', required: true });
  const outcome = h('div', { class: 'reset-outcome', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'btn btn-primary reset-save' }, t('reset.save'));
  const form = h('form', { class: 'reset-new-form mb-3', novalidate: true },
    h('p', {}, t('reset.newIntro', { until: formatInstant(until) })),
    h('div', { class: 'mb-3' }, h('label', { class: 'form-label', for: 'reset-password' }, t('reset.password')), first),
    h('div', { class: 'mb-3' }, h('label', { class: 'form-label', for: 'reset-password-again' }, t('reset.passwordAgain')), second),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!first.value) {
      replaceChildren(outcome, notice('danger', t('reset.passwordRequired')));
      return;
    }
    if (first.value !== second.value) {
      replaceChildren(outcome, notice('danger', t('reset.mismatch')));
      return;
    }
    button.disabled = true;
    passwordReset.reset(token, first.value)
      .then(() => {
        form.hidden = true;
        // the token is spent: it leaves the address bar and the history entry
        window.history.replaceState(null, '', '/password-reset.html');
        replaceChildren(outcome, notice('success', t('reset.done')),
          h('a', { class: 'btn btn-primary reset-sign-in-now', href: '/login' }, t('reset.signInNow')));
      })
      .catch((error: unknown) => {
        const policy = problemText(error, 'password');
        const text = policy !== null ? t('reset.refusedPassword', { why: policy })
          : problemText(error, 'token') !== null ? t('reset.linkUnusable') : t('reset.failed', { why: describeError(error) });
        replaceChildren(outcome, notice('danger', text));
      })
      .finally(() => { button.disabled = false; });
  });
  replaceChildren(main, panel(t('reset.newHeading'), form, outcome, signInLink()));
  first.focus();
}

function render(): void {
  header();
  document.title = t('reset.pageTitle');
  const main = document.getElementById('app-main')!;
  const token = window.location.hash.replace(/^#/, '');
  if (token) void newPasswordForm(main, token);
  else requestForm(main);
}

initLocale();
window.addEventListener(LOCALE_EVENT, render);
window.addEventListener('hashchange', render);
render();
