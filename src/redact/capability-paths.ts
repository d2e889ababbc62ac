/**
 * Capability URLs: a random token as the path segment after a route that hands out access
 * (`/reset-password/<token>`, `/invite/<token>`, `/owner/pair/<token>`, `/v1/support/grants/<token>/accept`,
 * `/share/<token>`, `/auth/magic/<token>`, `/unsubscribe/<token>`, `/api/webhooks/<id>/<token>`).
 * Whoever holds the URL holds the access, so the segment is a credential. Only a random-looking
 * segment counts (digits and both cases, 20+ characters): `/share/llama-3.1-8b` and ids made of
 * words or lowercase hex stay.
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';

const ROUTES =
  'reset-password|password-reset|reset|invite|invitation|invites|pair|pairing|share|shared|magic|magic-link|login-link|unsubscribe|verify|verify-email|confirm|activate|activation|claim|grants|webhooks/\\d+|hooks|dl|download|s';
const CAPABILITY_RE = new RegExp(`(?<=/(?:${ROUTES})/)[A-Za-z0-9_-]{20,}(?=[/?#\\s"'&;]|$)`, 'g');

/** What each route holds (the prefilter's literals and the gate's). */
const ROUTE_LITS = [
  'reset',
  'invit',
  '/pair',
  '/share',
  '/magic',
  'link/',
  'unsubscribe',
  '/verify',
  '/confirm',
  '/activat',
  '/claim',
  '/grants/',
  'hooks/',
  '/dl/',
  '/download/',
  '/s/',
];

/** Random: a digit, a capital and a small letter, and not a slug of three or more words (`llama-3-8B-Instruct`). */
function randomLooking(s: string): boolean {
  return /\d/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s) && s.split(/[-_]/).length < 3;
}

export const CAPABILITY_PATH_RULE: Rule = {
  ...needsAnyLit(ROUTE_LITS),
  re: CAPABILITY_RE,
  handle: (eng, m) => (randomLooking(m[0]) ? [eng.mark('url-credential'), m.index + m[0].length] : null),
};
