import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { isSameOrigin } from '../owner/csrf.js';
import { nonce as newNonce, securityHeaders } from './html.js';

/** What a route handler needs of one request. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  query: URLSearchParams;
  nonce: string;
  secure: boolean;
  origin: string;
  /** The session id once known: the only identifier the UI logs. */
  sessionId: string | null;
}

const MAX_BODY = 16 * 1024;

/**
 * The request target as a URL; undefined when it is not one. Node's parser lets through
 * targets such as `http://[` that `new URL` throws on: one such request must not end the process.
 */
export function targetOf(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://x');
  } catch {
    return undefined;
  }
}

export function makeCtx(req: IncomingMessage, res: ServerResponse, url: URL, opts: { secure?: boolean; origin?: string }): Ctx {
  const secure = opts.secure ?? (req.socket as TLSSocket).encrypted === true;
  const origin = opts.origin ?? `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
  const n = newNonce();
  securityHeaders(res, n);
  return { req, res, path: url.pathname, query: url.searchParams, nonce: n, secure, origin, sessionId: null };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * DNS rebinding defence: a page of another site whose name resolves to 127.0.0.1 reaches this
 * server with its own name in Host. On a loopback socket only loopback names are served; with
 * a configured origin, only its host.
 */
export function hostAllowed(req: IncomingMessage, origin: string | undefined): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  if (origin !== undefined) return host === new URL(origin).host.toLowerCase();
  const local = req.socket.localAddress ?? '';
  const loopback = local.startsWith('127.') || local === '::1' || local.startsWith('::ffff:127.');
  if (!loopback) return host.length > 0;
  const name = host.replace(/:\d+$/, '');
  return LOOPBACK_HOSTS.has(name);
}

export function sameOrigin(c: Ctx): boolean {
  return isSameOrigin(c.req.headers, c.origin);
}

const BODY_DEADLINE_MS = 10_000;

/**
 * A urlencoded form body of at most 16 KiB, in full within 10 s; else the status to answer
 * (400 not a form, 413 too large, 408 too slow). A Content-Length over the limit is refused
 * before a byte is read, and a body trickled in (slowloris) cannot hold the request open.
 */
export function readForm(req: IncomingMessage): Promise<URLSearchParams | 400 | 408 | 413> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return Promise.resolve(400);
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.resolve(413);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (v: URLSearchParams | 400 | 408 | 413) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (typeof v === 'number') req.pause(); // the answer says Connection: close; the rest is never read
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) return finish(413);
      chunks.push(chunk);
    };
    const onEnd = () => finish(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const onError = () => finish(400);
    const timer = setTimeout(() => finish(408), BODY_DEADLINE_MS);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Limits for a server that serves the UI: headers in 10 s, a whole request in 30 s, idle keep-alive 5 s. */
export function limitServer(server: { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number; maxHeadersCount: number | null }): void {
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
}

export function send(c: Ctx, status: number, html: string, extra: Record<string, string | string[]> = {}): void {
  for (const [k, v] of Object.entries(extra)) c.res.setHeader(k, v);
  c.res.statusCode = status;
  c.res.setHeader('Content-Type', 'text/html; charset=utf-8');
  c.res.end(html);
}

export function redirect(c: Ctx, to: string, extra: Record<string, string | string[]> = {}): void {
  for (const [k, v] of Object.entries(extra)) c.res.setHeader(k, v);
  c.res.statusCode = 303;
  c.res.setHeader('Location', to);
  c.res.end();
}

/** The client as login throttling counts it: the peer address (labels are for people). */
export function clientOf(req: IncomingMessage): { client: string; label: string } {
  const addr = req.socket.remoteAddress ?? 'unknown';
  const ua = String(req.headers['user-agent'] ?? '');
  const browser =
    /Firefox\/\d+/.exec(ua)?.[0] ?? /(?:Edg|Chrome|Chromium)\/\d+/.exec(ua)?.[0] ?? /Safari\/\d+/.exec(ua)?.[0] ?? /^[A-Za-z][\w.-]{0,20}/.exec(ua)?.[0] ?? '';
  return { client: addr, label: browser ? `${addr} ${browser}` : addr };
}
