#!/usr/bin/env node
// A reference integration: a small inference API (node:http) guarded by b3iq-operator.
//
//   /v1/*           a local API key (Authorization: Bearer b3iq_local_…), one scope per route
//   /diagnostics/*  a support grant (Authorization: Bearer b3iq_support_…), diagnostics scopes
//   / (the rest)    the local operator UI (b3iq-operator/ui): the owner's session cookie
//
// So one process shows all three credential paths: bearer keys, support grants and owner
// sessions (HttpOnly cookie, CSRF token, same-origin checks: all inside operatorUI).
//
// Run it from a clone after `npm ci` (or from any project with b3iq-operator installed):
//   B3IQ_HOME=~/.config/b3iq PORT=8080 node examples/server.js
// and call it without putting the key on a command line:
//   curl -K <(b3iq request-config --key-file .secrets/b3iq-local-key) http://127.0.0.1:8080/v1/models
//
// What it shows: the store is opened once and stays current by itself (a `b3iq keys revoke`
// elsewhere is refused here within a second); verification is in-memory and constant-time;
// a refused request learns nothing (one 401 body for every reason, no echo of the token);
// nothing secret is logged: the log line names the credential's public id, never the token.
import { createServer } from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStore, resolveHome } from 'b3iq-operator';
import { operatorUI } from 'b3iq-operator/ui';

/** Each route: method, path, who may call it, and the scope it needs. */
const ROUTES = {
  'GET /v1/models': { kind: 'local', scope: 'models:read', handle: () => ({ object: 'list', data: [{ id: 'example-model', object: 'model' }] }) },
  'POST /v1/chat/completions': { kind: 'local', scope: 'inference', handle: chat },
  'GET /v1/usage': { kind: 'local', scope: 'usage:read', handle: () => ({ requests: served.v1 }) },
  'GET /diagnostics/health': { kind: 'support', scope: 'health:read', handle: () => ({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) }) },
  'GET /diagnostics/info': { kind: 'support', scope: 'diagnostics:read', handle: () => ({ node: process.version, requests: served }) },
  'GET /diagnostics/logs': { kind: 'support', scope: 'logs:read', handle: () => ({ lines: [] }) },
};
const MAX_BODY = 1 << 20;
const served = { v1: 0, diagnostics: 0 };

function chat(body) {
  // A stand-in for the model: the prompt is neither logged nor echoed.
  let messages;
  try {
    const doc = JSON.parse(body || '{}');
    messages = Array.isArray(doc?.messages) ? doc.messages.length : 0;
  } catch {
    return undefined;
  }
  return { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: 'Hello from the example model.' } }], usage: { messages } };
}

function send(res, status, doc, headers = {}) {
  const body = JSON.stringify(doc);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(body);
}

// One body per status: which check failed (malformed, unknown, revoked, expired, wrong kind)
// is for the operator's `b3iq keys verify`, not for whoever is knocking.
const unauthorized = (res) => send(res, 401, { error: 'unauthorized' }, { 'www-authenticate': 'Bearer realm="b3iq"' });
const forbidden = (res) => send(res, 403, { error: 'forbidden' });

/** The bearer token, or undefined. Anything odd is simply no credential. */
function bearer(req) {
  const h = req.headers.authorization;
  if (typeof h !== 'string' || h.length > 200) return undefined;
  const m = /^Bearer +([A-Za-z0-9_]+) *$/i.exec(h);
  return m ? m[1] : undefined;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) reject(Object.assign(new Error('too large'), { status: 413 }));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startServer({ home = resolveHome(undefined), port = 8080, host = '127.0.0.1', log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const store = await openStore({ home }); // live: sees other processes' writes within a second
  // The operator UI on the same store: /setup, /login, /logout, / and its form posts. It logs
  // method, path, status and the session id only.
  const ui = operatorUI({ store, log: (line) => log(`ui ${line}`) });

  const server = createServer(async (req, res) => {
    const started = Date.now();
    const path = (req.url ?? '/').split('?')[0];
    let who = '-';
    // Public id, never the token; a known route's name, never the raw path or query (a
    // client may paste anything there, a token included); no headers.
    const known = Object.hasOwn(ROUTES, `${req.method} ${path}`) || ui.paths.includes(path) ? path : '(unknown route)';
    res.on('finish', () => log(`${new Date(started).toISOString()} ${req.method} ${known} ${res.statusCode} ${who} ${Date.now() - started}ms`));
    try {
      const area = path.startsWith('/v1/') ? 'v1' : path.startsWith('/diagnostics/') ? 'diagnostics' : undefined;
      if (!area) return ui(req, res, () => send(res, 404, { error: 'not found' }));
      // Authenticate before routing: an anonymous caller cannot map the routes either.
      const token = bearer(req);
      const kind = area === 'v1' ? 'local' : 'support';
      const verify = () => (token === undefined ? undefined : kind === 'local' ? store.verifyLocalKey(token) : store.verifySupportGrant(token));
      let check = verify();
      // A key issued a moment ago by another process may not be in this store's view yet (it
      // polls every 200 ms): look at the records once before refusing an unknown token.
      if (check && !check.valid && check.reason === 'unknown') {
        await store.refresh();
        check = verify();
      }
      if (!check?.valid) return unauthorized(res);
      who = check.id;
      const route = Object.hasOwn(ROUTES, `${req.method} ${path}`) ? ROUTES[`${req.method} ${path}`] : undefined;
      if (!route || route.kind !== kind) return send(res, 404, { error: 'not found' });
      if (!check.scopes.includes(route.scope)) return forbidden(res);
      const body = req.method === 'POST' ? await readBody(req) : '';
      const doc = route.handle(body);
      if (doc === undefined) return send(res, 400, { error: 'bad request' });
      served[area]++;
      return send(res, 200, doc);
    } catch (e) {
      return send(res, e?.status === 413 ? 413 : 500, { error: e?.status === 413 ? 'too large' : 'internal error' });
    }
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const close = () =>
    new Promise((resolve) => {
      ui.close();
      store.close();
      server.close(() => resolve());
      server.closeAllConnections?.();
    });
  return { server, store, url: `http://${host}:${server.address().port}`, close };
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  const { url, close } = await startServer({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '127.0.0.1' });
  process.stdout.write(`listening on ${url}\n`);
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void close().then(() => process.exit(0)));
}
