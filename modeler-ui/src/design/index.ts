import type { Me } from '../api';
import type { AreaView } from '../shell/areas';
import { describeError, h, notice, replaceChildren } from '../ui/dom';
import { RuleSetsView } from './rules';
import { t } from '../i18n';

type Section = 'rules' | 'forms' | 'asset-types' | 'processes' | 'mail-templates' | 'calendars' | 'quick' | 'versions' | 'config';

interface SectionView {
  element: HTMLElement;
  dispose?(): void;
}

/**
 * The designer's area: rule sets, forms and processes. The form builder and bpmn-js are loaded when their
 * section is first opened, so neither weighs on the rule editor (or on any other area).
 */
export function mountDesign(main: HTMLElement, _me: Me): AreaView {
  const links = (['rules', 'forms', 'asset-types', 'processes', 'mail-templates', 'calendars', 'quick', 'versions', 'config'] as Section[]).map((s) =>
    h('a', { class: 'nav-link', href: `#/design/${s}`, 'data-section': s }, t(({ rules: 'design.rules', forms: 'design.forms', 'asset-types': 'assetTypes.heading', processes: 'design.processes', 'mail-templates': 'templates.heading', calendars: 'calendars.heading', quick: 'quick.heading', versions: 'design.versions', config: 'design.config' } as const)[s])));
  const body = h('div', { class: 'design-body' });
  replaceChildren(main, h('div', { class: 'design' }, h('nav', { class: 'nav nav-pills design-nav mb-3', 'aria-label': t('area.design') }, links), body));

  const rules = new RuleSetsView();
  let forms: import('./forms').FormsView | null = null;
  let processes: import('./processes').ProcessesView | null = null;
  let migration: import('./migration').MigrationView | null = null;
  let mailTemplates: import('../selfservice/mail-templates').MailTemplatesView | null = null;
  let calendarsView: import('./calendars').CalendarsView | null = null;
  let quickView: import('./quick').QuickView | null = null;
  let assetTypes: import('./asset-types').AssetTypesView | null = null;
  let versions: import('./versions').VersionsView | null = null;
  let transfer: import('./versions').ConfigTransferView | null = null;
  let shown: SectionView | null = null;

  const showSection = (view: SectionView) => {
    if (shown !== view) {
      shown?.dispose?.();
      replaceChildren(body, view.element);
      shown = view;
    }
  };

  return {
    async route(path) {
      const section: Section = path[0] === 'forms' || path[0] === 'asset-types' || path[0] === 'processes' || path[0] === 'mail-templates'
        || path[0] === 'calendars' || path[0] === 'quick' || path[0] === 'versions' || path[0] === 'config' ? path[0] : 'rules';
      for (const link of links) {
        const current = link.dataset.section === section;
        link.classList.toggle('active', current);
        if (current) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      try {
        if (section === 'rules') {
          showSection(rules);
          await rules.show(path[1], path[2] !== undefined ? Number(path[2]) : undefined);
        } else if (section === 'forms') {
          if (!forms) {
            replaceChildren(body, h('p', { class: 'text-body-secondary' }, t('design.loadingBuilder')));
            forms = new (await import('./forms')).FormsView();
          }
          showSection(forms);
          await forms.show(path[1]);
        } else if (section === 'asset-types') {
          // Issue 13: asset types and the forms that hold their fields.
          assetTypes ??= new (await import('./asset-types')).AssetTypesView();
          showSection(assetTypes);
          await assetTypes.show();
        } else if (section === 'mail-templates') {
          // Mail (issue 9): the template editor.
          mailTemplates ??= new (await import('../selfservice/mail-templates')).MailTemplatesView();
          showSection(mailTemplates);
          await mailTemplates.show(path[1], path[2]);
        } else if (section === 'calendars') {
          // Issue 11 part 6: business calendars per queue for the SLA deadlines and levels.
          calendarsView ??= new (await import('./calendars')).CalendarsView();
          showSection(calendarsView);
          await calendarsView.show();
        } else if (section === 'quick') {
          // Issue 11 parts 3 and 5: ticket templates and scheduled actions with conditions.
          quickView ??= new (await import('./quick')).QuickView();
          showSection(quickView);
          await quickView.show();
        } else if (section === 'versions') {
          // Issue 12 part 5: versions of any artefact and their diffs.
          versions ??= new (await import('./versions')).VersionsView();
          showSection(versions);
          await versions.show(path[1], path.slice(2).join('/') || undefined);
        } else if (section === 'config') {
          transfer ??= new (await import('./versions')).ConfigTransferView();
          showSection(transfer);
        } else if (path[1] === 'migrate' && path[2]) {
          // Issue 12 part 2: open tickets of one model moved to another of its versions.
          migration ??= new (await import('./migration')).MigrationView();
          showSection(migration);
          await migration.show(path[2]);
        } else {
          if (!processes) {
            replaceChildren(body, h('p', { class: 'text-body-secondary' }, t('design.loadingModeler')));
            processes = new (await import('./processes')).ProcessesView();
          }
          showSection(processes);
          await processes.show(path[1]);
        }
      } catch (error) {
        replaceChildren(body, notice('danger', t('design.sectionFailed', { why: describeError(error) })));
        shown = null;
      }
    },
    dispose() {
      shown?.dispose?.();
    },
  };
}
