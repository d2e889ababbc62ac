/**
 * A secret named in a sentence or behind an arrow rather than assigned: `password -> …`,
 * `token => …`, `api key → …`, `the password is …`, `Your token is: …`, `password was
 * changed to …`, `new password …`, `generated token …`, `PASSWORD<TAB>…`, `password | …`.
 *
 * Prose says "password is incorrect" and "token expired" far more often than it spells one:
 * the value must look like a credential (8+ characters mixing letters and digits, or a long
 * random run), and must not be a stand-in.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsLits } from './needs-test.js';
import { isStandIn } from './values.js';
import { looksRandom } from './stand-ins.js';

const KW = `(pass(?:word|phrase|wd)|api[ _-]?(?:key|token)|access[ _-]?token|auth[ _-]?token|secret(?:[ _-]?key)?|token)`;
/** How the sentence links the name to its value. */
const LINK = [
  `[ \\t]*(?:->|=>|\\u2192|--|\\|)[ \\t]*`,
  `[ \\t]+(?:is|was|now|becomes)(?:[ \\t]+now)?:?[ \\t]+`,
  `(?:[ \\t]+(?:was|has been|is))?[ \\t]+(?:set|changed|reset|updated|rotated)[ \\t]+to:?[ \\t]+`,
  `(?:\\t|\\\\t)+`, // a tab, or a JSON string's `\t`
].join('|');
/** A qualifier that makes `<qualifier> password <value>` a statement of the value. */
const QUALIFIED = `(?:new|generated|temporary|temp|initial|default|one-time|your|random|issued)[ \\t]+${KW}:?[ \\t]+`;

const PROSE_RE = new RegExp(
  `(?:\\b${KW}(?:${LINK})|\\b${QUALIFIED})(?:(["'\`])([^"'\`\\s]{8,256})\\3|([^\\s"'\`<>()\\[\\]{},;]{8,256}?))(?=[.,;:!?)]?(?:\\s|$|["'\`]))`,
  'gi',
);

/** Whether a word in a sentence reads as a credential rather than as prose or a number. */
export function readsAsCredential(v: string): boolean {
  if (isStandIn(v) || v.startsWith('[') || v.includes('://') || v.startsWith('/')) return false;
  if (/^v?\d+(?:\.\d+)+(?:[-+][\w.]+)?$/.test(v)) return false; // `rotated to v2.3.4-beta`: a version
  const letters = /[A-Za-z]/.test(v);
  const digits = /\d/.test(v);
  if (letters && digits && (/[A-Z]/.test(v) || /[^A-Za-z0-9]/.test(v) || v.length >= 16)) return true;
  if (/[A-Z]/.test(v) && /[a-z]/.test(v) && /[^A-Za-z0-9]/.test(v) && v.length >= 10) return true; // `Gug.zwTPfajp`
  return v.length >= 16 && looksRandom(v);
}

export const PROSE_SECRET_RULE: Rule = {
  // a name and the start of its link, or a qualifier and a name: far rarer than the names alone
  // (the needs: a name then what may start its link, or a qualifier then a blank: literals for the one-pass scanner)
  ...needsLits(
    ['\u2192'],
    /(?:pass(?:word|phrase|wd)|key|token|secret)(?:[ \t]*(?:->|=>|\u2192|--|\|)|[ \t]+(?:is|was|now|becomes|set|changed|reset|updated|rotated|has)\b|\t|\\t)|(?:new|generated|temporary|temp|initial|default|one-time|your|random|issued)[ \t]+(?:pass|api|access|auth|secret|token)/i,
    /(?:pass(?:word|phrase|wd)|key|token|secret)(?: |\t|-|=|\||\\)|(?:new|generated|temporary|temp|initial|default|one-time|your|random|issued)(?: |\t)/i,
  ),
  re: PROSE_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => {
    const v = (m[4] ?? m[5]) as string;
    if (!readsAsCredential(v)) return null;
    const start = m.index + m[0].lastIndexOf(v);
    const cat = /pass/i.test(m[1] ?? m[2] ?? '') ? 'password' : 'secret';
    return [eng.mark(cat), start + v.length, start];
  },
};
