// Shared by the e2e scripts: named steps with timing, checks that fail a step, and formio.js widget helpers.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A failed expectation inside a step (as opposed to an unexpected error). */
export class StepFailed extends Error {}

/** Runs named steps in order and remembers which one is running, for the failure report. */
export function createSteps() {
  const steps = { current: 'start', passed: [] };
  steps.step = async (name, action) => {
    steps.current = name;
    const started = Date.now();
    await action();
    steps.passed.push(name);
    console.log(`  ok  ${name} (${Date.now() - started} ms)`);
  };
  return steps;
}

export function check(condition, message) {
  if (!condition) throw new StepFailed(message);
}

/** formio.js helpers on the page `getPage()` returns (the scripts replace their page between users). */
export function formio(getPage, timeout) {
  /** Picks `value` in the component `key`, whatever widget the form uses: Choices.js, native select, radio. */
  async function choose(key, value) {
    const component = getPage().locator(`.formio-component-${key}`).first();
    await component.waitFor({ timeout });
    const radio = component.locator(`input[type="radio"][value="${value}"]`);
    if (await radio.count()) return radio.check();
    const choices = component.locator('.choices');
    if (await choices.count()) {
      await choices.first().click();
      await component.locator(`.choices__list--dropdown .choices__item--choice[data-value="${value}"]`).first().click();
      return;
    }
    await component.locator('select').first().selectOption(value);
  }

  async function fillText(key, text) {
    await getPage().locator(`.formio-component-${key}`).first().locator('input, textarea').first().fill(text);
  }

  function submitButton() {
    return getPage().locator('.formio-component-button button[type="submit"], .formio-component-submit button').first();
  }

  return { choose, fillText, submitButton };
}

/**
 * Collects every Content-Security-Policy violation of the page into `pageErrors` (issue 15 part 7: the app runs
 * under a strict policy and a violation fails the script). The page's own `securitypolicyviolation` event is the
 * source, written to the console by a script Playwright injects before the page's own (not subject to the policy);
 * Chromium's console report of a violation is taken too.
 */
export async function watchContentSecurityPolicy(page, pageErrors) {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
        + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
    });
  });
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && (text.startsWith('CSP violation:') || /Content Security Policy/.test(text))) {
      pageErrors.push(text.startsWith('CSP violation:') ? text : `CSP violation: ${text}`);
    }
  });
}

/**
 * Runs a script's `main`, prints the outcome, keeps a screenshot and the page's HTML of a failure in `artifacts`,
 * closes the browser and removes its profile, and exits with 0 or 1.
 */
export async function runScript(name, main, { steps, getPage, getBrowser, pageErrors, artifacts, userDataDir }) {
  let exitCode = 0;
  try {
    await main();
    const violations = pageErrors.filter((error) => error.startsWith('CSP violation:'));
    if (violations.length) {
      steps.current = 'no Content-Security-Policy violation';
      throw new StepFailed(`${violations.length} CSP violation(s): ${violations.join(' | ')}`);
    }
    console.log(`${name}: ${steps.passed.length} passed, 0 failed`);
  } catch (error) {
    exitCode = 1;
    console.error(`${name}: FAILED at step "${steps.current}": ${error.message.split('\n')[0]}`);
    if (!(error instanceof StepFailed)) console.error(error.stack);
    if (pageErrors.length) console.error(`${name}: script errors on the page: ${pageErrors.join(' | ')}`);
    const page = getPage();
    if (page) {
      mkdirSync(artifacts, { recursive: true });
      const shot = join(artifacts, `${name}-failure.png`);
      try {
        await page.screenshot({ path: shot, fullPage: true });
        writeFileSync(join(artifacts, `${name}-failure.html`), await page.content());
        console.error(`${name}: screenshot ${shot} (page was ${page.url()})`);
      } catch (shotError) {
        console.error(`${name}: no screenshot: ${shotError.message}`);
      }
    }
    console.log(`${name}: ${steps.passed.length} passed, 1 failed`);
  } finally {
    await getBrowser()?.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

/**
 * Signing in through the login form and out through the header, the same in every script: `signIn(user)` ends on the
 * app with the user shown, `signOut()` on the login form (not an error page).
 */
/**
 * Waits until the page's address satisfies `predicate`, by looking at it, not by following one navigation: the app
 * may replace a navigation with the next (sign-in lands on "/", then the area's hash), which makes Playwright's
 * waitForURL fail with net::ERR_ABORTED although the page ends up where it should.
 */
export async function waitForAddress(page, predicate, timeout = Number(process.env.E2E_TIMEOUT_MS || 15000)) {
  const end = Date.now() + timeout;
  for (;;) {
    if (predicate(new URL(page.url()))) return;
    if (Date.now() > end) throw new Error(`the page stayed at ${page.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function accounts(getPage, baseUrl, password) {
  async function signIn(user) {
    const page = getPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.fill('input[name="username"]', user);
    await page.fill('input[name="password"]', password);
    await page.locator('button[type="submit"], input[type="submit"]').first().click();
    await waitForAddress(page, (url) => url.pathname === '/' || url.pathname === '/index.html');
    await page.getByTestId('signed-in-user').waitFor();
  }

  async function signOut() {
    const page = getPage();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // by looking, like signIn: the logout's redirect may replace a navigation still under way (ERR_ABORTED)
    await waitForAddress(page, (url) => url.pathname === '/login');
    await page.locator('input[name="username"]').waitFor();
  }

  return { signIn, signOut };
}
