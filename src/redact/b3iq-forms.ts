/**
 * b3iq's own tokens in the spellings the exact-shape rule (`b3iq_<kind>_<body>`) does not
 * take: upper-cased or re-separated (`B3IQ_LOCAL_…`, `b3iq-local-…`, `b3iq.local.…`,
 * `b3iq local …`), escaped (`b3iq\u005flocal…`, `\x5f`, `%5f`, `&#95;`, every character as
 * `\u00XX`), hex-encoded (`623369715f…`), with invisible characters inside, and cut in two
 * by a string concatenation (`"b3iq_local_AbC" + "dEf…"`). The category follows the kind.
 */
import { B3IQ_KIND_CATEGORY, type Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit, needsTest } from './needs-test.js';

const INVISIBLE = `\\u00ad\\u200b-\\u200f\\u2060-\\u2064\\ufeff`;
/** What may stand for the `_` between the parts. */
const SEP = `(?:[-_. ]|\\\\{1,3}u005[fF]|\\\\{1,3}x5[fF]|%5[fF]|&#95;|&#x5[fF];|[${INVISIBLE}])+[${INVISIBLE}]*`;
const KINDS = `(local|support|gateway|setup|session)`;
/** Any case, any separator, invisibles anywhere in the body; 20+ body characters. */
const LOOSE_RE = new RegExp(`(?:(?<![0-9A-Za-z])b3iq|\\[REDACTED:[a-z-]+\\](?= ))${SEP}${KINDS}${SEP}((?:[0-9A-Za-z][${INVISIBLE}]*){20,80})`, 'gi');

const categoryOf = (kind: string): Category => B3IQ_KIND_CATEGORY[kind.toLowerCase()] ?? 'local-key';

export const LOOSE_B3IQ_RULE: Rule = {
  // (or what is left after the keyed pass took `b3iq` for a value: `key: [REDACTED:secret] local …`)
  ...needsTest(/[bB]3[iI][qQ]|\] (?:local|support|gateway|setup|session) /i),
  re: LOOSE_RE,
  handle: (eng: RuleHost, m: Match): HandlerResult => [eng.mark(categoryOf(m[1] as string)), m.index + m[0].length],
};

/** `b3iq_` in hex (`62 33 69 71 5f`), then the rest of the token's hex. */
const HEX_RE = /(?<![0-9a-fA-F])623369715[fF](?:[0-9a-fA-F]{2}){20,80}(?![0-9a-fA-F])/g;

export const HEX_B3IQ_RULE: Rule = {
  needs: { lits: ['623369715f', '623369715F'] },
  gate: (l) => l.includes('623369715f') || l.includes('623369715F'),
  re: HEX_RE,
  handle: (eng, m) => {
    const kind = /^b3iq_([a-z]+)_/.exec(Buffer.from(m[0], 'hex').toString('latin1'));
    return [eng.mark(categoryOf(kind?.[1] ?? 'local')), m.index + m[0].length];
  },
};

/** Every character a `\u00XX` escape: `\u0062\u0033\u0069\u0071` spells `b3iq`. */
const ESCAPED_RE = /\\u0062\\u0033\\u0069\\u0071(?:\\u00[0-9a-fA-F]{2}){20,100}/g;

export const ESCAPED_B3IQ_RULE: Rule = {
  needs: { lits: ['\\u0062\\u0033'] },
  gate: (l) => l.includes('\\u0062\\u0033'),
  re: ESCAPED_RE,
  handle: (eng, m) => {
    const text = m[0].replace(/\\u00([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return [eng.mark(categoryOf(/^b3iq_([a-z]+)_/.exec(text)?.[1] ?? 'local')), m.index + m[0].length];
  },
};

/** `"b3iq_local_AbC" + "dEf…"` (or its first part already a marker): the second part too. */
const CONCAT_RE = new RegExp(
  `(?:b3iq_${KINDS}_[0-9A-Za-z]*|\\[REDACTED:(local-key|support-grant|gateway-key|setup-token|cookie)\\])(\\\\?["'])?[ \\t]?\\+[ \\t]?\\\\?["']([0-9A-Za-z]{2,49})`,
  'g',
);

/** `+` and the next part's opening quote, with at most one blank between. */
const CONCAT_LITS = ['+"', "+'", '+ "', "+ '", '+\t"', "+\t'", '+\\"', '+ \\"'];

export const CONCAT_B3IQ_RULE: Rule = {
  ...needsAnyLit(CONCAT_LITS),
  re: CONCAT_RE,
  handle: (eng, m) => {
    const cat = m[1] !== undefined ? categoryOf(m[1]) : (m[2] as Category);
    // a first part too short for the exact rule goes with its tail
    const end = m.index + m[0].length;
    return [eng.mark(cat), end, m[1] !== undefined ? m.index : end - (m[4] as string).length];
  },
};

export const B3IQ_FORM_RULES: Rule[] = [LOOSE_B3IQ_RULE, HEX_B3IQ_RULE, ESCAPED_B3IQ_RULE, CONCAT_B3IQ_RULE];
