/**
 * Configuration wrapped in base64 (`data=eyJwYXNzd29yZCI6…`, a Secret's `config:` blob, a
 * header carrying `cGFzc3dvcmQ9…`): the run is decoded and, when its text assigns a secret
 * key a value (`password=…`, `"api_key":"…"`, `token: …`), the whole run is redacted.
 *
 * Only runs that hold the base64 spelling of a secret word are decoded: a word's bytes
 * encode to one of three strings, depending on where they fall in a 3-byte group, and the
 * characters inside those strings that the neighbouring bytes cannot change are literals the
 * prefilter looks for.
 *
 * Base64 of a bare `user:password` carries no such word: it is marked only where a key says
 * it is HTTP basic credentials (`basic_auth=…`, `"basicAuth": "…"`, npm's `npm_config__auth`);
 * `Basic …` headers, `auth`/`_auth` fields and `.git-credentials` have rules of their own.
 * Anywhere else such a run reads as any other base64 and is left as it is.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit } from './needs-test.js';

const WORDS = [
  'password',
  'passwd',
  'secret',
  'token',
  'api_key',
  'apikey',
  'PASSWORD',
  'PASSWD',
  'SECRET',
  'TOKEN',
  'API_KEY',
  'APIKEY',
  'Password',
  'Secret',
  'Token',
];

/** The base64 characters `word` always encodes to, at each of the three byte offsets. */
export function stableFragments(word: string): string[] {
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.from('\0'.repeat(k) + word).toString('base64');
    // the first full group after the pad, and the groups before the word's last partial one
    const from = k === 0 ? 0 : 4;
    const bytes = k + word.length;
    const to = Math.floor(bytes / 3) * 4;
    let frag = enc.slice(from, to);
    // a word that starts inside a group: that group's last characters are the word's alone
    if (k > 0) frag = enc.slice(k === 1 ? 2 : 3, 4) + frag;
    if (frag.length >= 4) out.push(frag);
  }
  return out;
}

const FRAGMENTS = [...new Set(WORDS.flatMap(stableFragments))];

/** A base64 (or base64url) run. */
const RUN_RE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{12,4096}={0,2}/g;
/** A secret key assigned a value, in the decoded text. */
const ASSIGNS_SECRET_RE = /(?:pass(?:word|wd)?|secret|token|api[_-]?key)["']?[ \t]*[:=][ \t]*["']?[^\s"',}]{4,}/i;

/** The printable text a run decodes to, or null. */
function decodedText(run: string): string | null {
  const b = Buffer.from(run.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (b.length < 8) return null;
  let printable = 0;
  for (const c of b) if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13) printable++;
  return printable * 10 >= b.length * 9 ? b.toString('latin1') : null;
}

export const ENCODED_CONFIG_RULE: Rule = {
  ...needsAnyLit(FRAGMENTS),
  re: RUN_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => {
    if (!FRAGMENTS.some((f) => m[0].includes(f))) return null;
    const text = decodedText(m[0]);
    if (text === null || !ASSIGNS_SECRET_RE.test(text)) return [m[0], m.index + m[0].length];
    return [eng.mark('secret'), m.index + m[0].length];
  },
};

/** A key that says its value is basic credentials, then a base64 run (group 1). */
const BASIC_KEY_RE =
  /\b(?:(?:basic|Basic|BASIC)[_-]?(?:auth|Auth|AUTH)|(?:auth|Auth|AUTH)[_-]?(?:basic|Basic|BASIC)|npm_config__auth|NPM_CONFIG__AUTH)\\?["']?[ \t]*[:=][ \t]*\\?["']?([A-Za-z0-9+/_-]{8,1024}={0,2})(?![A-Za-z0-9+/_=-])/g;
/** What basic credentials decode to: `user:password`, both printable and unbroken. */
const USER_PASS_RE = /^[^\s:]{1,256}:[^\s]{1,1024}$/;

export const BASIC_KEY_RULE: Rule = {
  needs: { lits: ['basic', 'Basic', 'BASIC', '_auth', '_AUTH'] },
  gate: (l) => l.includes('basic') || l.includes('Basic') || l.includes('BASIC') || l.includes('_auth') || l.includes('_AUTH'),
  re: BASIC_KEY_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => {
    const run = m[1] as string;
    const text = decodedText(run);
    if (text === null || !USER_PASS_RE.test(text)) return null;
    const start = m.index + m[0].length - run.length;
    return [eng.mark('secret'), start + run.length, start];
  },
};
