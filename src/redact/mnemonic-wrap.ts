/**
 * A mnemonic that a terminal (or `fold`) cut at its width: the first line ends in a run of
 * listed words, maybe in half a word (`… explain semina`), the next starts with the rest
 * (`r`, `e crowd gauge`). Neither line holds a checksum-valid phrase, so a run of
 * WRAP_RUN_MIN (8) listed words that ends a line long enough to have been wrapped is redacted as a
 * mnemonic to the line's end when the line is exactly a terminal's width (80, 100, 120, …); the engine's carry (carry.ts) then takes the words that open
 * the next line. Prose rarely strings eight listed words together (`the`, `of`, `and`, `is`
 * are not on the list).
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { INDEX } from './wallet.js';

/** Listed words the run must hold before the cut. */
const WRAP_RUN_MIN = 8;

/** The line without the one blank a cut right after a word leaves. */
const trimmedEnd = (line: string): number => (line.charCodeAt(line.length - 1) === 32 ? line.length - 1 : line.length);

/** Every prefix of a listed word: the half a terminal's cut leaves at a line's end. */
const PREFIXES = new Set<string>();
for (const w of INDEX.keys()) for (let i = 1; i <= w.length; i++) PREFIXES.add(w.slice(0, i));

/** A listed word, or (at a cut) any start of one. */
export const isListedWord = (w: string): boolean => INDEX.has(w);
export const isWordStart = (w: string): boolean => PREFIXES.has(w);

/** Where the run of listed words that ends the line starts (the last word may be cut), or -1 when it is shorter than WRAP_RUN_MIN. */
function runStart(line: string): number {
  let e = trimmedEnd(line);
  let listed = 0;
  let start = -1;
  let first = true;
  while (e > 0) {
    let s = e;
    while (s > 0) {
      const c = line.charCodeAt(s - 1);
      if (c < 97 || c > 122) break;
      s--;
    }
    const w = line.slice(s, e);
    if (w === '' || !(first ? isWordStart(w) : isListedWord(w))) break;
    if (!first || w.length >= 3) listed++; // a cut word's first three letters count as a word
    first = false;
    start = s;
    if (s === 0 || line.charCodeAt(s - 1) !== 32) break;
    e = s - 1;
  }
  return listed >= WRAP_RUN_MIN ? start : -1;
}

/** Terminal widths: a line a terminal cut is exactly as long as one. */
export const TERMINAL_WIDTHS = new Set([80, 100, 120, 132, 140, 160, 200]);

/** Cheap tests first: the line is a terminal's width, a small letter ends it; then the run. */
function endsInWords(line: string): boolean {
  const n = trimmedEnd(line);
  if (!TERMINAL_WIDTHS.has(line.length)) return false;
  const c = line.charCodeAt(n - 1);
  if (c < 97 || c > 122) return false;
  return runStart(line) >= 0;
}

const LINE_END_RE = /[a-z] ?$/g;

export const CUT_MNEMONIC_RULE: Rule = {
  // (a test, not a length alone: a length-only need would wake the rule loop for every long line)
  needs: { minLength: 80, test: /[a-z] ?$/ },
  gate: endsInWords,
  re: LINE_END_RE,
  handle: (eng: RuleHost, m: Match, line: string): HandlerResult => {
    const s = runStart(line);
    // (a blank the cut left stays: the carry reads it as the phrase going on)
    return s < 0 ? null : [eng.mark('mnemonic'), trimmedEnd(line), s];
  },
};

/** The listed words that open a line continuing a cut mnemonic (the first may be a word's rest): where they end, or -1. */
export function mnemonicRestEnd(body: string): number {
  let i = 0;
  let k = 0;
  let end = -1;
  while (i < body.length) {
    let e = i;
    while (e < body.length && body.charCodeAt(e) >= 97 && body.charCodeAt(e) <= 122) e++;
    const w = body.slice(i, e);
    // the first word may be a cut word's rest, the last one ending the line a cut word's start
    const atEnd = e === body.length || (e === body.length - 1 && body.charCodeAt(e) === 32);
    if (w === '' || !(k === 0 ? w.length <= 8 : isListedWord(w) || (atEnd && isWordStart(w)))) break;
    end = e;
    k++;
    if (body.charCodeAt(e) !== 32) break;
    i = e + 1;
  }
  return end;
}
