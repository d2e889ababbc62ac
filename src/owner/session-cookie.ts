/**
 * The owner-session cookie. `HttpOnly` (no script reads it), `SameSite=Strict` (no other
 * site's page makes the browser send it), `Path=/`, never `Domain` (host-only). Served over
 * HTTPS it is also `Secure` and named `__Host-b3iq_session`: the prefix makes the browser
 * refuse it unless it is Secure, host-only and Path=/, so a sibling subdomain cannot plant one.
 */
export const COOKIE_NAME = 'b3iq_session';
export const SECURE_COOKIE_NAME = '__Host-b3iq_session';

export function sessionCookie(value: string, secure: boolean, maxAgeMs: number): string {
  const maxAge = Math.max(0, Math.floor(maxAgeMs / 1000));
  return secure
    ? `${SECURE_COOKIE_NAME}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`
    : `${COOKIE_NAME}=${value}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict`;
}

export function clearSessionCookie(secure: boolean): string {
  return secure
    ? `${SECURE_COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict`
    : `${COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;
}

/** At most this many session cookies are looked at (a header stuffed with copies costs nothing). */
const MAX_CANDIDATES = 4;

/** The session cookie values in a Cookie header: `__Host-` ones first, plain ones unless `secureOnly`. */
export function cookieValues(header: string | undefined, secureOnly: boolean): string[] {
  if (typeof header !== 'string' || header.length > 16_384) return [];
  const host: string[] = [];
  const plain: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name === SECURE_COOKIE_NAME) host.push(value);
    else if (name === COOKIE_NAME && !secureOnly) plain.push(value);
  }
  return [...host, ...plain].slice(0, MAX_CANDIDATES);
}
