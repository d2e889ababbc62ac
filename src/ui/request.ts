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

export function makeCtx(req: IncomingMessage, res: ServerResponse, opts: { secure?: boolean; origin?: string }): Ctx {
  const secure = opts.secure ?? (req.socket as TLSSocket).encrypted === true;
  const origin = opts.origin ?? `${secure ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
  const url = new URL(req.url ?? '/', 'http://x');
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

/** A urlencoded form body of at most 16 KiB; undefined for anything else. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
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
  const browser = /Firefox\/\d+/.exec(ua)?.[0] ?? /(?:Edg|Chrome|Chromium)\/\d+/.exec(ua)?.[0] ?? /Safari\/\d+/.exec(ua)?.[0] ?? /^[A-Za-z][\w.-]{0,20}/.exec(ua)?.[0] ?? '';
  return { client: addr, label: browser ? `${addr} ${browser}` : addr };
}
