import { IncomingMessage, type ServerResponse } from 'node:http';
import { resolveHome } from '../home/paths.js';
import { B3iqError } from '../core/errors.js';
import { openStore, type NodeStore as Store } from '../owner/node-store.js';
import { csrfMatches } from '../owner/csrf.js';
import type { SessionCheck } from '../owner/sessions.js';
import { clientOf, hostAllowed, makeCtx, targetOf, readForm, redirect, sameOrigin, send, type Ctx } from './request.js';
import { errorPage, goneSecretPage, loginPage, logoutPage, secretPage, setupPage } from './auth-pages.js';
import { dashboardPage } from './dashboard.js';
import { runAction, ACTIONS } from './actions.js';
import { OneTimeNotes, OneTimeSecrets } from './one-time.js';
import { nonce, securityHeaders } from './html.js';

export interface OperatorUIOptions {
  /** An open store (the runtime's); else one is opened from `home` on the first request. */
  store?: Store;
  /** Default: as the CLI resolves it (`B3IQ_HOME`, else the default config directory). */
  home?: string;
  /** Served over HTTPS (Secure, `__Host-` cookies). Default: whether the request's socket is TLS. */
  secure?: boolean;
  /** The UI's origin (`https://node.example:8443`): CSRF checks and the Host check use it. Default: from Host. */
  origin?: string;
  /**
   * Who is asking, for login throttling: by default the peer address. Behind a reverse proxy
   * every request comes from the proxy, so return the address the proxy vouches for.
   */
  client?: (req: IncomingMessage) => string;
  /** Access log: one line per request with method, path, status and the session id; never a secret, a query or a cookie. */
  log?: (line: string) => void;
}

export type Next = (err?: unknown) => void;
export type OperatorUIHandler = ((req: IncomingMessage, res: ServerResponse, next?: Next) => void) & {
  /** The paths this handler answers; anything else goes to `next` (or 404). */
  readonly paths: readonly string[];
  close(): void;
};

const PAGES = ['/', '/setup', '/login', '/logout', '/secret'];

/**
 * The local operator UI as a request handler for node:http (or any framework that passes
 * (req, res, next)): setup from a setup URL, sign-in, the overview with keys, grants, setup
 * tokens, sessions, health checks and the audit log. It calls the same library methods as
 * the CLI and keeps nothing of its own on disk.
 */
/** A fixed text answer (nothing of the request in it) with the UI's headers. */
function plain(res: ServerResponse, status: number, text: string): void {
  securityHeaders(res, nonce());
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

let sharedHandler: OperatorUIHandler | undefined;

/** A request object (node:http's, or a framework's subclass), not an options object. */
function isRequest(v: unknown): v is IncomingMessage {
  return v instanceof IncomingMessage || (typeof v === 'object' && v !== null && 'headers' in v && 'method' in v && 'url' in v && 'socket' in v);
}

/**
 * `operatorUI(opts)` returns a handler; `operatorUI(req, res, next?)` is one itself, serving
 * the home the CLI would use (`B3IQ_HOME`, else the default), so
 * `createServer(operatorUI)` works as written.
 */
export function operatorUI(opts?: OperatorUIOptions): OperatorUIHandler;
export function operatorUI(req: IncomingMessage, res: ServerResponse, next?: Next): void;
export function operatorUI(a?: OperatorUIOptions | IncomingMessage, res?: ServerResponse, next?: Next): OperatorUIHandler | undefined {
  if (isRequest(a)) {
    (sharedHandler ??= createOperatorUI({}))(a, res!, next);
    return undefined;
  }
  return createOperatorUI(a ?? {});
}

function createOperatorUI(opts: OperatorUIOptions): OperatorUIHandler {
  // Neither store nor home: the home as the CLI resolves it.
  const home = opts.store ? undefined : (opts.home ?? resolveHome(undefined));
  let storeP: Promise<Store> | undefined = opts.store ? Promise.resolve(opts.store) : undefined;
  const owned = !opts.store;
  const store = () => (storeP ??= openStore({ home: home! }));
  const secrets = new OneTimeSecrets();
  const notes = new OneTimeNotes();
  const paths = [...PAGES, ...Object.keys(ACTIONS)];

  const handle = async (req: IncomingMessage, res: ServerResponse, next?: Next): Promise<void> => {
    const url = targetOf(req);
    if (!url) return plain(res, 400, 'Bad request\n');
    if (!paths.includes(url.pathname)) {
      if (next) return next();
      return plain(res, 404, 'Not found\n');
    }
    const c = makeCtx(req, res, url, opts);
    try {
      if (!hostAllowed(req, opts.origin)) return send(c, 421, errorPage(c.nonce, 'Wrong host', 'This UI answers only to the address it was started on.'));
      await route(c, await store());
    } catch (e) {
      if (!res.headersSent) send(c, 500, errorPage(c.nonce, 'Error', e instanceof B3iqError ? e.message : 'Something went wrong; nothing secret was logged.'));
      else res.end();
    } finally {
      opts.log?.(`${req.method} ${c.path} ${res.statusCode} ${c.sessionId ?? '-'}`);
    }
  };

  async function route(c: Ctx, s: Store): Promise<void> {
    const method = c.req.method ?? 'GET';
    const session = s.verifyOwnerSession(c.req.headers.cookie, { secure: c.secure });
    if (session.valid) c.sessionId = session.id;
    if (method === 'GET' || method === 'HEAD') return get(c, s, session);
    if (method !== 'POST') return send(c, 405, errorPage(c.nonce, 'Not allowed', 'Only GET and POST.'), { Allow: 'GET, POST' });
    // Every state-changing request: same origin first (before reading a byte of the body).
    if (!sameOrigin(c)) return send(c, 403, errorPage(c.nonce, 'Refused', 'Cross-site request refused.'));
    const form = await readForm(c.req);
    if (typeof form === 'number')
      return send(c, form, errorPage(c.nonce, 'Bad request', 'Expected a form of at most 16 KiB, sent within 10 s.'), { Connection: 'close' });
    if (c.path === '/setup') return postSetup(c, s, form);
    if (c.path === '/login') return postLogin(c, s, form);
    if (!session.valid) return redirect(c, '/login');
    if (!csrfMatches(session.csrf, form.get('csrf')))
      return send(c, 403, errorPage(c.nonce, 'Refused', 'The form is missing its CSRF token or it does not match; reload the page.', true));
    if (c.path === '/logout') {
      const out = await s.ownerLogout(c.req.headers.cookie, { secure: c.secure });
      return redirect(c, '/login?signed-out=1', { 'Set-Cookie': out.cookie });
    }
    const r = await runAction(c.path, s, form, session.id, secrets);
    if (!r) return send(c, 404, errorPage(c.nonce, 'Not found', 'No such action.', true));
    if ('error' in r) return redirect(c, withNote(session.id, 'err', r.error, '/'));
    return redirect(c, noteOf(session.id, r.to));
  }

  /** `/` with the note's key; the note's text stays in memory, for this session. */
  function withNote(sid: string, kind: 'ok' | 'err', text: string, to: string): string {
    const u = new URL(to, 'http://x');
    return `/?m=${notes.put(sid, kind, text)}${u.hash}`;
  }

  /** An action's `/?ok=<text>` target becomes a note key: no page's words reach the overview via its URL. */
  function noteOf(sid: string, to: string): string {
    const u = new URL(to, 'http://x');
    const ok = u.pathname === '/' ? u.searchParams.get('ok') : null;
    return ok === null ? to : withNote(sid, 'ok', ok, to);
  }

  async function get(c: Ctx, s: Store, session: SessionCheck): Promise<void> {
    if (c.path === '/setup') return send(c, 200, setupPage(c.nonce));
    if (c.path === '/login') {
      if (session.valid) return redirect(c, '/');
      return send(c, 200, loginPage(c.nonce, c.query.has('signed-out') ? { kind: 'ok', text: 'Signed out.' } : undefined));
    }
    if (!session.valid) return redirect(c, '/login');
    if (c.path === '/logout') return send(c, 200, logoutPage(c.nonce, session.csrf));
    if (c.path === '/secret') {
      // A HEAD (a link checker, a prefetch) must not use up the one showing it never displays.
      if (c.req.method === 'HEAD') return send(c, 200, '');
      const slot = secrets.take(session.id, c.query.get('s'));
      return slot ? send(c, 200, secretPage(c.nonce, slot.what, slot.id, slot.secret)) : send(c, 410, goneSecretPage(c.nonce));
    }
    const note = notes.take(session.id, c.query.get('m'));
    return send(c, 200, await dashboardPage({ store: s, csrf: session.csrf, sessionId: session.id, nonce: c.nonce, note }));
  }

  const who = (req: IncomingMessage) => {
    const w = clientOf(req);
    if (!opts.client) return w;
    const client = opts.client(req);
    return { client, label: w.label.replace(/^\S+/, client) };
  };

  async function postLogin(c: Ctx, s: Store, form: URLSearchParams): Promise<void> {
    const { client, label } = who(c.req);
    const r = await s.ownerLogin(form.get('password') ?? '', { client, label, secure: c.secure });
    if (r.ok) {
      c.sessionId = r.session.id;
      return redirect(c, '/', { 'Set-Cookie': r.cookie });
    }
    if (r.reason === 'throttled') {
      const secs = Math.ceil((r.retryAfterMs ?? 1000) / 1000);
      return send(c, 429, loginPage(c.nonce, { kind: 'err', text: `Too many attempts: try again in ${secs} s.` }), { 'Retry-After': String(secs) });
    }
    if (r.reason === 'no-owner') return send(c, 409, loginPage(c.nonce, { kind: 'err', text: 'No owner password is set yet: open the setup link first.' }));
    return send(c, 401, loginPage(c.nonce, { kind: 'err', text: 'Wrong password.' }));
  }

  async function postSetup(c: Ctx, s: Store, form: URLSearchParams): Promise<void> {
    const password = form.get('password') ?? '';
    if (password !== (form.get('password2') ?? '')) return send(c, 400, setupPage(c.nonce, 'The two passwords differ; nothing was changed.'));
    try {
      await s.completeSetup({ token: form.get('token') ?? '', password });
    } catch (e) {
      if (e instanceof B3iqError) return send(c, e.exitCode === 2 ? 400 : 403, setupPage(c.nonce, e.message));
      throw e;
    }
    const { client, label } = who(c.req);
    const r = await s.ownerLogin(password, { client, label, secure: c.secure });
    if (!r.ok) return redirect(c, '/login');
    c.sessionId = r.session.id;
    return redirect(c, withNote(r.session.id, 'ok', 'The owner password is set; you are signed in.', '/'), { 'Set-Cookie': r.cookie });
  }

  const handler = ((req: IncomingMessage, res: ServerResponse, next?: Next) => {
    // Nothing a request does may become an unhandled rejection: it would end the process.
    handle(req, res, next).catch(() => {
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  }) as OperatorUIHandler;
  Object.defineProperty(handler, 'paths', { value: paths });
  handler.close = () => {
    secrets.clear();
    notes.clear();
    if (owned && storeP)
      void storeP.then(
        (st) => st.close(),
        () => undefined,
      );
  };
  return handler;
}
