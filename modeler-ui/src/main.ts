import 'bootstrap/dist/css/bootstrap.min.css';
import 'bootstrap-icons/font/bootstrap-icons.min.css';
import '@formio/js/dist/formio.form.min.css';
import './styles/app.css';

import { api, SessionExpired } from './api';
import { mountPortal } from './portal';
import { renderHeader } from './shell/header';
import { describeError, notice, replaceChildren } from './ui/dom';

async function start(): Promise<void> {
  const header = document.getElementById('app-header')!;
  const main = document.getElementById('app-main')!;
  try {
    const me = await api.me();
    renderHeader(header, me);
    // Later areas (agent, approvals, design, admin) are chosen here from me.roles.
    mountPortal(main, me);
  } catch (error) {
    if (error instanceof SessionExpired) return;
    replaceChildren(main, notice('danger', `Flowdesk could not start: ${describeError(error)}`));
  }
}

void start();
