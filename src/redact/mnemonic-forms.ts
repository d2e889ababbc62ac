/**
 * BIP-39 mnemonics in the list layouts wallet.ts's two rules do not read: words joined by any
 * punctuation (`-`, `.`, `/`, `;`, `+`, `_`, `~`, ` · `, `%20`), numbered in other ways
 * (`#1 abandon`, `[1] abandon`, `01 abandon`, `(1) abandon`, `1/ abandon`, `1=abandon`,
 * `word1=abandon`, `w1: abandon`), or wrapped in markup (`<li>…</li>`, `<span>…</span>`,
 * `**abandon**`, a Markdown table's `|`). The checksum decides, as for the other layouts.
 */
import { INDEX, mnemonicLengthAt } from './wallet.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsTest } from './needs-test.js';

/** Between two words: up to 16 of a non-letter, an HTML tag, or `w`/`word` before a number. */
const PIECE = `(?:[^A-Za-z\\n]|\\\\[tnr]|</?[A-Za-z]{1,6}>|\\b[wW](?:ord)?(?=\\d))`;
/** Each separator holds more than blanks (blank-separated runs are wallet.ts's): prose never wakes this rule. */
const SEP = `[ \\t]{0,4}(?:[^A-Za-z\\s]|\\\\[tnr]|</?[A-Za-z]{1,6}>|\\b[wW](?:ord)?(?=\\d))${PIECE}{0,7}`;
const RUN_RE = new RegExp(`(?<![A-Za-z])[A-Za-z]{3,8}(?:${SEP}[A-Za-z]{3,8}){11,}(?![A-Za-z])`, 'g');
/** A word of the run that is not markup (`<li>`, `</span>`) nor a number's label (`word1`, `w1`). */
const WORD_RE = /(?<![<A-Za-z]|<\/)[A-Za-z]{3,8}(?![A-Za-z0-9>])/g;
const CHECK_BUDGET = 2048;

function mnemonicsIn(eng: RuleHost, m: Match): HandlerResult {
  const run = m[0];
  // a JSON string's escapes (`\t`) separate words: blank them (same length) before reading words
  const text = run.includes('\\') ? run.replace(/\\[tnr]/g, '  ') : run;
  const spans: Array<[number, number]> = [];
  const ids: number[] = [];
  let listed = 0;
  WORD_RE.lastIndex = 0;
  for (let w = WORD_RE.exec(text); w !== null; w = WORD_RE.exec(text)) {
    const id = INDEX.get(w[0].toLowerCase()) ?? -1;
    if (id >= 0) listed++;
    spans.push([w.index, w.index + w[0].length]);
    ids.push(id);
  }
  if (listed < 12) return [run, m.index + run.length];
  const budget = { left: CHECK_BUDGET };
  let out = '';
  let pos = 0;
  let coverEnd = 0;
  for (let i = 0; i + 12 <= ids.length || i < coverEnd; i++) {
    const len = i + 12 > ids.length || ids[i]! < 0 ? 0 : mnemonicLengthAt(ids, i, budget);
    if (len > 0 && i >= coverEnd) out += run.slice(pos, spans[i]![0]) + eng.mark('mnemonic');
    if (len > 0) coverEnd = Math.max(coverEnd, i + len);
    if (i + 1 === coverEnd) pos = spans[i]![1];
  }
  return [pos === 0 ? run : out + run.slice(pos), m.index + run.length];
}

/**
 * What the rule needs: eleven (separator, word) pairs, each led by a non-letter, non-blank
 * character or a tag, so V8 skips every letter and blank fast; a run always holds this.
 */
const LEAD = `(?:\\\\[tnr]|[^A-Za-z\\s]|</?[A-Za-z]{1,6}>)`;
const NEED = new RegExp(
  `(?:${LEAD}(?:[^A-Za-z\\n]|\\\\[tnr]|</?[A-Za-z]{1,6}>|\\b[wW](?:ord)?(?=\\d)){0,7}[A-Za-z]{3,8}[ \\t]{0,4}(?:[wW](?:ord)?(?=\\d))?){11}`,
);

export const MNEMONIC_FORMS_RULE: Rule = {
  ...needsTest(NEED),
  re: RUN_RE,
  handle: mnemonicsIn,
};
