// A stand-in for the Flowdesk engine, for fast UI iteration without Java: `npm run build && npm run mock`,
// then open http://localhost:8090 (or run `BASE_URL=http://localhost:8090 node e2e/smoke.mjs`).
// It imitates the contract the page relies on (shared/API.md and Spring Security's form login with a
// cookie CSRF token), not the engine's rules: priority here is a plain impact × urgency table, and printer or
// hardware tickets go to field-service as the shipped rules route them. Its form is the engine's shipped one.
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const webRoot = join(here, '..', 'target', 'classes', 'META-INF', 'resources');
const port = Number(process.env.PORT || 8090);
const form = JSON.parse(await readFile(
  join(here, '..', '..', 'forms', 'src', 'main', 'resources', 'dev', 'flowdesk', 'forms', 'builtin', 'report-incident.json'), 'utf8'));

const users = {
  alice: { id: 'alice', name: 'Alice Requester', email: 'alice@flowdesk.test', groups: [], roles: ['REQUESTER'], tenant: null },
  bob: { id: 'bob', name: 'Bob Agent', email: 'bob@flowdesk.test', groups: ['service-desk'], roles: ['AGENT'], tenant: null },
};
const sessions = new Map(); // session id -> { user, csrf }
const tickets = [];
const history = new Map(); // ticket id -> events
const LEVELS = ['LOW', 'MEDIUM', 'HIGH'];
const PRIORITY = { HIGH: { HIGH: 'P1', MEDIUM: 'P2', LOW: 'P3' }, MEDIUM: { HIGH: 'P2', MEDIUM: 'P3', LOW: 'P4' }, LOW: { HIGH: 'P3', MEDIUM: 'P4', LOW: 'P4' } };

function cookies(req) {
  return Object.fromEntries((req.headers.cookie || '').split(';').filter(Boolean).map((c) => {
    const [k, ...v] = c.trim().split('=');
    return [k, decodeURIComponent(v.join('='))];
  }));
}

function session(req) {
  return sessions.get(cookies(req).JSESSIONID) || null;
}

function send(res, status, body, headers = {}) {
  const json = body !== undefined && typeof body !== 'string';
  res.writeHead(status, { 'Content-Type': json ? 'application/json' : 'text/html; charset=utf-8', ...headers });
  res.end(json ? JSON.stringify(body) : body);
}

function problem(res, status, title, extra = {}) {
  res.writeHead(status, { 'Content-Type': 'application/problem+json' });
  res.end(JSON.stringify({ type: 'about:blank', title, status, ...extra }));
}

function redirect(res, location, headers = {}) {
  res.writeHead(302, { Location: location, ...headers });
  res.end();
}

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function newCsrfCookie() {
  const token = randomUUID();
  return [token, `XSRF-TOKEN=${token}; Path=/; SameSite=Lax`];
}

function loginPage(res, query, req) {
  const token = cookies(req)['XSRF-TOKEN'] || newCsrfCookie()[0];
  const error = query.has('error') ? '<div class="alert" role="alert">Bad credentials</div>' : '';
  const out = query.has('logout') ? '<div class="alert" role="status">You have been signed out</div>' : '';
  send(res, 200, `<!doctype html><html lang="en"><head><title>Please sign in</title></head><body>
<form method="post" action="/login"><h2>Please sign in</h2>${error}${out}
<p><label for="username">Username</label><input type="text" id="username" name="username" required autofocus></p>
<p><label for="password">Password</label><input type="password" id="password" name="password" required></p>
<input name="_csrf" type="hidden" value="${token}">
<button type="submit">Sign in</button></form></body></html>`, { 'Set-Cookie': `XSRF-TOKEN=${token}; Path=/; SameSite=Lax` });
}

function validate(data) {
  const errors = [];
  const text = (key, label, max) => {
    const value = typeof data[key] === 'string' ? data[key].trim() : '';
    if (!value) errors.push({ path: `data.${key}`, message: `${label} is required` });
    else if (value.length > max) errors.push({ path: `data.${key}`, message: `${label} must be at most ${max} characters` });
  };
  text('subject', 'Subject', 200);
  text('description', 'Description', 10000);
  for (const [key, label] of [['impact', 'Impact'], ['urgency', 'Urgency']]) {
    if (!LEVELS.includes(data[key])) errors.push({ path: `data.${key}`, message: `${label} must be one of ${LEVELS.join(', ')}` });
  }
  return errors;
}

function createTicket(user, data) {
  const id = tickets.length + 1;
  const priority = PRIORITY[data.impact][data.urgency];
  const category = data.categoryHint || (/printer/i.test(data.subject) ? 'printer' : null);
  const queue = ['printer', 'hardware'].includes(category) ? 'field-service' : 'service-desk';
  const ticket = {
    id, number: `FD-${String(id).padStart(6, '0')}`, type: 'INCIDENT', subject: data.subject.trim(),
    description: data.description, status: 'OPEN', priority, category, queue, requester: user.id,
    assignee: null, createdAt: new Date().toISOString(), processInstanceId: randomUUID(),
    decision: { ruleSetVersion: 1, rulesFired: [{ name: `Impact ${data.impact} and urgency ${data.urgency} give ${priority}` }, { name: `Incidents of category ${category} go to ${queue}` }] },
  };
  tickets.push(ticket);
  history.set(id, [
    { at: ticket.createdAt, actor: user.id, type: 'TICKET_CREATED', detail: `Reported through form report-incident` },
    { at: ticket.createdAt, actor: 'rules', type: 'TICKET_CLASSIFIED', detail: `priority ${priority}, category ${category}, queue ${queue}` },
  ]);
  return ticket;
}

const summary = ({ id, number, subject, status, priority, category, queue, createdAt }) => ({ id, number, subject, status, priority, category, queue, createdAt });

async function api(req, res, url, s) {
  if (!s) return problem(res, 401, 'Unauthorized');
  if (req.method !== 'GET' && req.headers['x-xsrf-token'] !== cookies(req)['XSRF-TOKEN']) return problem(res, 403, 'Forbidden', { detail: 'Invalid CSRF token' });
  const path = url.pathname;
  const mine = (t) => t.requester === s.user.id || s.user.roles.includes('AGENT');
  let m;
  if (req.method === 'GET' && path === '/api/me') return send(res, 200, s.user);
  if (req.method === 'GET' && path === '/api/tickets') {
    const items = tickets.filter((t) => t.requester === s.user.id || (url.searchParams.get('view') !== 'mine' && mine(t))).reverse().map(summary);
    return send(res, 200, { items, page: 0, size: 20, total: items.length });
  }
  if (req.method === 'GET' && (m = /^\/api\/tickets\/(\d+)(\/history)?$/.exec(path))) {
    const ticket = tickets.find((t) => t.id === Number(m[1]));
    if (!ticket || !mine(ticket)) return problem(res, 404, 'Not Found');
    return send(res, 200, m[2] ? history.get(ticket.id) : ticket);
  }
  if (req.method === 'GET' && path === '/api/forms') {
    // The catalogue as the engine lists it: the one form this mock serves, placed by its properties.
    const p = form.properties || {};
    return send(res, 200, [{ key: 'report-incident', title: form.title, description: p.description ?? '', processKey: 'incident',
      ticketType: p.ticketType ?? null, version: 0, anonymous: false, category: p.category ?? null, icon: p.icon ?? null,
      order: p.order ? Number(p.order) : null }]);
  }
  if (req.method === 'GET' && path === '/api/forms/report-incident') return send(res, 200, form);
  if (req.method === 'POST' && path === '/api/forms/report-incident/submissions') {
    let data;
    try { data = JSON.parse(await body(req)).data; } catch { return problem(res, 400, 'Malformed JSON'); }
    if (!data || typeof data !== 'object') return problem(res, 400, 'Bad Request', { detail: 'A submission is {"data":{...}}' });
    const errors = validate(data);
    if (errors.length) return problem(res, 400, 'The submission is not valid', { detail: `${errors.length} field(s) are not valid`, errors });
    const t = createTicket(s.user, data);
    return send(res, 201, { ticketId: t.id, number: t.number, processInstanceId: t.processInstanceId });
  }
  return problem(res, 404, 'Not Found');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

async function staticFile(res, pathname) {
  const file = normalize(join(webRoot, pathname === '/' ? 'index.html' : pathname));
  if (!file.startsWith(webRoot)) return send(res, 404, 'Not found');
  try {
    const content = await readFile(file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' });
    res.end(content);
  } catch {
    send(res, 404, 'Not found');
  }
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, `http://${req.headers.host}`);
    const s = session(req);
    if (url.pathname.startsWith('/api/')) return await api(req, res, url, s);
    if (url.pathname === '/login' && req.method === 'GET') return loginPage(res, url.searchParams, req);
    if (url.pathname === '/login' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      if (form.get('_csrf') !== cookies(req)['XSRF-TOKEN']) return send(res, 403, 'Invalid CSRF token');
      const user = users[form.get('username')];
      if (!user || form.get('password') !== 'demo') return redirect(res, '/login?error');
      const sid = randomBytes(16).toString('hex');
      const [csrf, csrfCookie] = newCsrfCookie(); // Spring rotates the CSRF token at sign-in
      sessions.set(sid, { user, csrf });
      return redirect(res, '/', { 'Set-Cookie': [`JSESSIONID=${sid}; Path=/; HttpOnly; SameSite=Lax`, csrfCookie] });
    }
    if (url.pathname === '/logout' && req.method === 'POST') {
      const token = req.headers['x-xsrf-token'] || new URLSearchParams(await body(req)).get('_csrf');
      if (token !== cookies(req)['XSRF-TOKEN']) return send(res, 403, 'Invalid CSRF token');
      sessions.delete(cookies(req).JSESSIONID);
      return redirect(res, '/login?logout', { 'Set-Cookie': 'JSESSIONID=; Path=/; Max-Age=0' });
    }
    if ((url.pathname === '/' || url.pathname === '/index.html') && !s) return redirect(res, '/login');
    if (req.method === 'GET') return await staticFile(res, url.pathname);
    send(res, 405, 'Method not allowed');
  } catch (error) {
    console.error(error);
    if (!res.headersSent) problem(res, 500, 'Internal Server Error');
  }
});

server.listen(port, '127.0.0.1', () => console.log(`Flowdesk mock listening on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
