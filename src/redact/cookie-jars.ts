/**
 * Cookies outside a `Cookie:` header: a Netscape cookie jar line (`curl -c`, `wget
 * --save-cookies`, browser exports: domain, flag, path, secure, expiry, name, value, tab
 * separated; `#HttpOnly_` before the domain) and a row copied from a browser's devtools cookie
 * table (name, value, domain, path, expiry, …). The value goes whatever the cookie's name: a
 * jar holds sessions under any name (`_gh_sess`, `sid`, `AWSALB`).
 */
import type { Rule } from './rules.js';
import { needsAnyLit } from './needs-test.js';

/** A tab, or a JSON string's `\t` (no backreference: a lookbehind reads right to left). */
const T = String.raw`(?:\t|\\t)`;
const F = String.raw`[^\t\\\n]`;
/** Netscape: domain TRUE|FALSE path TRUE|FALSE expiry name value. */
const JAR_RE = new RegExp(
  String.raw`(?<=(?:^|[\s"])(?:#HttpOnly_)?\.?[\w.-]{1,253}${T}(?:TRUE|FALSE)${T}\/${F}{0,256}${T}(?:TRUE|FALSE)${T}\d{1,12}${T}${F}{1,256}${T})[^\t\\\s"]{1,4096}`,
  'g',
);

/** Devtools: name value .domain|host /path expiry-or-Session size…: the second column. */
const DEVTOOLS_RE = new RegExp(
  String.raw`(?<=(?:^|[\s"])[\w.:-]{1,128}${T})[^\t\\\s"]{8,4096}(?=${T}\.?[a-z0-9-]+(?:\.[a-z0-9-]+)+${T}\/${F}{0,256}${T}(?:\d{4}-\d\d-\d\dT[\d:.]+Z|Session)${T})`,
  'g',
);

export const COOKIE_JAR_RULE: Rule = {
  ...needsAnyLit(['\tTRUE\t', '\tFALSE\t', '\\tTRUE\\t', '\\tFALSE\\t']),
  re: JAR_RE,
  handle: (eng, m) => [eng.mark('cookie'), m.index + m[0].length],
};

export const DEVTOOLS_COOKIE_RULE: Rule = {
  ...needsAnyLit(['\tSession\t', 'Z\t', '\\tSession\\t', 'Z\\t']),
  re: DEVTOOLS_RE,
  handle: (eng, m) => [eng.mark('cookie'), m.index + m[0].length],
};
