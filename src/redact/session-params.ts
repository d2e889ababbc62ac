/**
 * Session and one-time credentials in a URL's query or path parameters, as access logs and
 * redirects record them: `;jsessionid=…`, `?PHPSESSID=…`, `ASPSESSIONID…=`, `sid=`,
 * `session_id=`, CAS `ticket=ST-…`, OAuth 1 `oauth_token=`/`oauth_verifier=`, magic-link and
 * invite codes. The value must read as a credential (long, mixed), so `sid=3` or `code=200` stay.
 */
import { readsAsCredential } from './prose-secrets.js';
import type { Rule } from './rules.js';
import { needsTest } from './needs-test.js';

const NAMES = `jsessionid|phpsessid|aspsessionid\\w{0,12}|sessid|sid|session(?:_?id|_?token|_?key)?|ticket|code|auth|sig|hash|oauth_token|oauth_verifier|magic(?:_?link|_?token)?|invite(?:_?code|_?token)?|otp|nonce_token|login_token|reset_token`;
const PARAM_RE = new RegExp(`(?<=[?&;](?:${NAMES})=)[^&\\s"'#;<>\\\\]{12,1024}`, 'gi');

export const SESSION_PARAM_RULE: Rule = {
  ...needsTest(new RegExp(`[?&;](?:${NAMES})=`, 'i')),
  re: PARAM_RE,
  handle: (eng, m) => {
    const v = m[0].startsWith('ST-') ? m[0].slice(3) : m[0];
    return readsAsCredential(v) || v.length >= 24 ? [eng.mark('cookie'), m.index + m[0].length] : null;
  },
};
