/**
 * URL parameters that carry a credential under a name no key rule reads: a signed URL's
 * `Signature=` (CloudFront, Alibaba OSS, policy uploads: `policy=…&signature=…`), an OAuth
 * `client_assertion=`, and the one-letter names of reset and download links (`?t=`, `?k=`,
 * `?tk=`) when the value is a long random run (`?t=1733119040` is a timestamp and stays).
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';
import { readsAsCredential } from './prose-secrets.js';

/** The value runs to the next `&`, `?`, `=` (base64 padding aside) or `;`: a value that read on would be rescanned from every `?t=`. */
const QUERY_RE = /(?<=[?&;](?:(Signature|signature|client_assertion)|(t|k|tk))=)[^&\s"'#<>\\?=;]{12,4096}={0,2}/g;

export const QUERY_SECRET_RULE: Rule = {
  ...needsAnyLit(['Signature=', 'signature=', 'client_assertion=', '?t=', '&t=', '?k=', '&k=', '?tk=', '&tk=']),
  re: QUERY_RE,
  handle: (eng, m) => {
    const v = m[0];
    // a value that is not one is passed over whole (no match starts inside it)
    if (v.startsWith('[REDACTED') || (m[2] !== undefined && !readsAsCredential(v))) return [v, m.index + v.length];
    return [eng.mark('secret'), m.index + v.length];
  },
};
