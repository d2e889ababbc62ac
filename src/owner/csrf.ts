import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Cross-site request forgery defences for state-changing requests, two independent ones:
 *  1. the session's CSRF token (derived from the session secret with HMAC, so it is never
 *     stored and dies with the session) in the request body or an `X-CSRF-Token` header;
 *  2. the request comes from the same origin: its `Origin` header names the expected
 *     origin, or, when a browser withholds it (`Origin: null`, which browsers send for a
 *     form under `Referrer-Policy: no-referrer`), `Sec-Fetch-Site: same-origin`, which
 *     pages cannot forge. A `Referer`, when present, must be same-origin too. A request
 *     with neither is refused.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('b3iq-csrf-v1').digest('base64url');
}

/** Constant-time comparison of the presented token with the session's. */
export function csrfMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type HeaderBag = Record<string, string | string[] | undefined>;

function one(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}

function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === 'null' ? undefined : u.origin;
  } catch {
    return undefined;
  }
}

/**
 * True when the request's headers show it was sent by a page of `expectedOrigin`
 * (`scheme://host[:port]`, as `new URL(...).origin` writes it).
 */
export function isSameOrigin(headers: HeaderBag, expectedOrigin: string): boolean {
  const expected = originOf(expectedOrigin);
  if (!expected) return false;
  const origin = one(headers.origin);
  const referer = one(headers.referer);
  if (referer !== undefined && originOf(referer) !== expected) return false;
  if (origin !== undefined && origin !== 'null') return origin === expected;
  const site = one(headers['sec-fetch-site']);
  if (site !== undefined) return site === 'same-origin';
  // No Origin and no fetch metadata (an old browser, or not a browser): the Referer decides.
  return referer !== undefined && originOf(referer) === expected;
}
