/**
 * A secret quoted by an error message or a warning rather than assigned: `invalid token 'X'`,
 * `Incorrect API key provided: X.`, `Bad credentials for api key X`, `using fallback key X for
 * signing`, `The security token included in the request is invalid: X`, `failed to login as
 * admin:X`, `login failed: credentials admin/X rejected`. Error text says "invalid token" far
 * more often than it spells one: the value must read as a credential (prose-secrets.ts), and a
 * timestamp, a UUID or a version is never one.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { readsAsCredential } from './prose-secrets.js';

const NOUN = `(?:api[ _-]?key|access[ _-]?(?:key|token)|auth[ _-]?token|session[ _-]?token|security[ _-]?token|token|secret(?:[ _-]?key)?|signing[ _-]?key|key|password|passphrase|credentials?)`;
/** A value in optional quotes, its quote captured as group `n` (each alternative numbers its own). */
const VALUE = (n: number): string => `\\\\?(['"\`]?)([^\\s'"\`<>()\\[\\]{},;\\\\]{8,256}?)\\\\?\\${n}(?=[.,;:!?)]?(?:\\s|$|\\\\?["']))`;
/** What the message says about the secret before naming it. */
const JUDGED = `(?:invalid|incorrect|bad|wrong|unknown|unrecognized|malformed|rejected|revoked|expired|fallback|leaked|compromised|using)`;
const ERROR_RE = new RegExp(
  [
    // invalid token 'X', Incorrect API key provided: X, Bad credentials for api key X, using fallback key X for signing
    `\\b${JUDGED}[ \\t]+${NOUN}(?:[ \\t]+for[ \\t]+${NOUN})?(?:[ \\t]+(?:provided|given|supplied|used|value))?(?:[ \\t]*[:=][ \\t]*|[ \\t]+)${VALUE(1)}`,
    // The security token included in the request is invalid: X
    `\\b${NOUN}\\b[^\\n:]{0,48}?\\b(?:is|was)[ \\t]+(?:invalid|not[ \\t]+valid|rejected|expired|revoked)[ \\t]*:[ \\t]*${VALUE(3)}`,
    // failed to login as admin:X, login failed: credentials admin/X
    `\\b(?:login|logon|log[ \\t]+in|authenticate)\\b[^\\n]{0,32}?\\b(?:as|credentials|with)[ \\t]+[\\w.@-]{1,64}[:/]()([^\\s'"\`/<>()\\[\\]{},;:]{8,256}?)(?=[.,;!?)]?(?:\\s|$|\\\\?["']))`,
  ].join('|'),
  'gi',
);
const NOT_SECRET_RE = /^\d{4}-\d\d-\d\d|^[0-9a-f]{8}-[0-9a-f]{4}-|^v?\d+(?:\.\d+)+|^https?:|@/i;

function errorSecret(eng: RuleHost, m: Match): HandlerResult {
  const v = (m[2] ?? m[4] ?? m[6]) as string;
  if (NOT_SECRET_RE.test(v) || !readsAsCredential(v)) return null;
  const start = m.index + m[0].lastIndexOf(v);
  return [eng.mark(/pass/i.test(m[0]) ? 'password' : 'secret'), start + v.length, start];
}

/** The judging words, the secrets' names and the login verbs as written in messages. */
const JUDGE_LITS = [
  'nvalid',
  'ncorrect',
  'Bad ',
  'bad ',
  'rong ',
  'nknown',
  'nrecognized',
  'alformed',
  'ejected',
  'evoked',
  'xpired',
  'allback',
  'eaked',
  'ompromised',
  'using',
  'INVALID',
  'BAD ',
];
const NOUN_LITS = ['oken', 'OKEN', 'key', 'Key', 'KEY', 'ecret', 'ECRET', 'assw', 'ASSW', 'assphrase', 'redential', 'REDENTIAL'];
const LOGIN_LITS = ['ogin', 'ogon', 'og in', 'uthenticate'];
const has = (line: string, lits: readonly string[]): boolean => lits.some((x) => line.includes(x));
/**
 * A judging word a few words before a secret's name, a verdict before a colon, a login verb
 * before `user:` or `user/`: loghub's many "invalid"/"unknown"/"expired" lines without a name
 * after them skip the full pattern.
 */
const GATE_RE =
  /(?:invalid|incorrect|bad|wrong|unknown|unrecognized|malformed|rejected|revoked|expired|fallback|leaked|compromised|using)[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:api|access|auth|session|security|token|secret|signing|key|password|passphrase|credential)|(?:is|was)[ \t]+(?:invalid|not[ \t]+valid|rejected|expired|revoked)[ \t]*:|(?:login|logon|log[ \t]+in|authenticate)\b[^\n]{0,32}?\b(?:as|credentials|with)[ \t]+[\w.@-]{1,64}[:/]/i;

export const ERROR_SECRET_RULE: Rule = {
  // a name (or a login verb) wakes the rule: far rarer in logs than "invalid" or "unknown"
  needs: { lits: [...NOUN_LITS, ...LOGIN_LITS] },
  gate: (line) => ((has(line, NOUN_LITS) && has(line, JUDGE_LITS)) || has(line, LOGIN_LITS)) && GATE_RE.test(line),
  re: ERROR_RE,
  handle: errorSecret,
};
