import 'bootstrap/dist/css/bootstrap.min.css';
import 'bootstrap-icons/font/bootstrap-icons.min.css';
import '@formio/js/dist/formio.form.min.css';
import './styles/app.css';

import { api } from './api';
import type { Me } from './api';
import { initLocale, LOCALE_EVENT, t } from './i18n';
import { areaLabel, areasFor, landingArea, parseHash } from './shell/areas';
import type { Area, AreaView } from './shell/areas';
import { renderHeader } from './shell/header';
import { describeError, h, notice, replaceChildren } from './ui/dom';
import { registerServiceWorker } from './shell/pwa';

/**
 * Picks the area from the URL fragment (`#/agent/...`, `#/approvals`, `#/design/...`, else the portal), loads its
 * code on first use (the design area brings bpmn-js and the form builder, which the portal never needs) and hands
 * it the rest of the path.
 */
async function start(): Promise<void> {
  const header = document.getElementById('app-header')!;
  const main = document.getElementById('app-main')!;
  const skipLink = document.querySelector('.skip-link');
  initLocale();
  if (skipLink) skipLink.textContent = t('shell.skipToContent');
  let me: Me;
  try {
    me = await api.me();
  } catch (error) {
    replaceChildren(main, notice('danger', t('shell.couldNotStart', { why: describeError(error) })));
    return;
  }
  // The profile's language counts only when the user has not chosen one on this device.
  if (me.language) initLocale(me.language);
  if (skipLink) skipLink.textContent = t('shell.skipToContent');
  const areas = areasFor(me);
  let markActive = renderHeader(header, me, areas);
  if (!window.location.hash) {
    const landing = landingArea(areas);
    if (landing.name !== 'portal') window.history.replaceState(null, '', landing.href);
  }

  let mounted: { area: Area; view: AreaView } | null = null;
  let navigation = 0;
  const route = async () => {
    const ticket = ++navigation;
    const { area, path } = parseHash(window.location.hash, areas);
    markActive(area.name);
    main.dataset.area = area.name;
    try {
      if (mounted?.area !== area) {
        mounted?.view.dispose?.();
        mounted = null;
        replaceChildren(main, h('p', { class: 'text-body-secondary mt-4' }, t('shell.loadingArea', { area: areaLabel(area) })));
        const mount = await area.load();
        if (ticket !== navigation) return; // the user went elsewhere meanwhile
        mounted = { area, view: mount(main, me) };
      }
      mounted.view.route(path);
    } catch (error) {
      replaceChildren(main, notice('danger', t('shell.areaFailed', { area: areaLabel(area), why: describeError(error) })));
    }
  };
  window.addEventListener('hashchange', () => void route());
  // A new language: the header and the current page are built again, in it (the page reads its data again).
  window.addEventListener(LOCALE_EVENT, () => {
    markActive = renderHeader(header, me, areas);
    if (skipLink) skipLink.textContent = t('shell.skipToContent');
    mounted?.view.dispose?.();
    mounted = null;
    void route();
  });
  await route();
}

void start();
registerServiceWorker();
