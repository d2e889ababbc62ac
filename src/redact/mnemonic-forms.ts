/**
 * BIP-39 mnemonics in the list layouts wallet.ts's two rules do not read: words joined by any
 * punctuation (`-`, `.`, `/`, `;`, `+`, `_`, `~`, ` · `, `%20`), numbered in other ways
 * (`#1 abandon`, `[1] abandon`, `01 abandon`, `(1) abandon`, `1/ abandon`, `1=abandon`,
 * `word1=abandon`, `w1: abandon`), or wrapped in markup (`<li>…</li>`, `<span>…</span>`,
 * `**abandon**`, a Markdown table's `|`). The checksum decides, as for the other layouts.
 */
import { INDEX, markMnemonicWords } from './wallet.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';

/** Between two words: up to 16 of a non-letter, an HTML tag, or `w`/`word` before a number. */
const PIECE = `(?:[^A-Za-z\\n]|\\\\[tnr]|</?[A-Za-z]{1,6}>|\\b[wW](?:ord)?(?=\\d))`;
/** Each separator holds more than blanks (blank-separated runs are wallet.ts's): prose never wakes this rule. */
const SEP = `[ \\t]{0,4}(?:[^A-Za-z\\s]|\\\\[tnr]|</?[A-Za-z]{1,6}>|\\b[wW](?:ord)?(?=\\d))${PIECE}{0,7}`;
const RUN_RE = new RegExp(`(?<![A-Za-z])[A-Za-z]{3,8}(?:${SEP}[A-Za-z]{3,8}){11,}(?![A-Za-z])`, 'g');
/** A word of the run that is not markup (`<li>`, `</span>`) nor a number's label (`word1`, `w1`). */
const WORD_RE = /(?<![<A-Za-z]|<\/)[A-Za-z]{3,8}(?![A-Za-z0-9>])/g;

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
  return [markMnemonicWords(eng, run, spans, ids), m.index + run.length];
}

/** The shortest run: twelve 3-letter words and eleven 1-character separators. */
const MIN_RUN = 47;

const isLetter = (c: number): boolean => ((c | 32) - 97) >>> 0 < 26;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Whether the line holds twelve short words in a row, each gap holding something besides
 * blanks (blank-separated runs are wallet.ts's) and at most 24 characters. One pass over the
 * characters, no regex: a regex for the same shape cost a fifth of all redaction time.
 * A letter run is a word when it has 3–8 letters and is not a tag's name (`<li>`) nor a
 * number's label (`word1`, `w1`).
 */
export function holdsWordRun(line: string): boolean {
  let streak = 0;
  let gapFrom = -1; // where the gap after the last word starts (-1: no word yet)
  let gapSolid = false; // the gap holds more than blanks
  const n = line.length;
  let i = 0;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (!isLetter(c)) {
      if (c === 10) streak = 0;
      else if (c !== 32 && c !== 9) gapSolid = true;
      i++;
      continue;
    }
    let e = i + 1;
    while (e < n && isLetter(line.charCodeAt(e))) e++;
    const len = e - i;
    const before = i > 0 ? line.charCodeAt(i - 1) : 0;
    const after = e < n ? line.charCodeAt(e) : 0;
    const tag = before === 60 || (before === 47 && i > 1 && line.charCodeAt(i - 2) === 60) || after === 62;
    if (len < 3 || tag || isDigit(after)) {
      gapSolid = true; // markup or a label: part of the gap
    } else if (len > 8) {
      streak = 0;
      gapFrom = -1;
      if (n - e < MIN_RUN) return false; // twelve words no longer fit
    } else {
      const gap = gapFrom < 0 ? 0 : i - gapFrom;
      streak = gapFrom >= 0 && gapSolid && gap <= 24 ? streak + 1 : 1;
      if (streak >= 12) return true;
      // each word still to come needs a gap character and three letters: stop when they no longer fit
      if (n - e < (12 - streak) * 4) return false;
      gapFrom = e;
      gapSolid = false;
    }
    i = e;
  }
  return false;
}

export const MNEMONIC_FORMS_RULE: Rule = {
  needs: { minLength: MIN_RUN },
  gate: (l) => l.length >= MIN_RUN && holdsWordRun(l),
  re: RUN_RE,
  handle: mnemonicsIn,
};
