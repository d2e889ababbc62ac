/**
 * A mnemonic written over several lines: one word per line (`abandon`, `1. abandon`,
 * `- abandon`, `"abandon",` in a pretty-printed array) or a few per line (rows of six, a
 * numbered grid `1. abandon  2. ability  3. able`), each line maybe behind a log prefix
 * (ISO timestamp, syslog, RFC 5424, a container runtime's `stdout F`) or inside the message of
 * a one-record-per-line JSON log (`{"ts":…,"msg":"  - abandon"}`). No line alone says it
 * is secret, so lines made only of listed words are held back until the run ends (at most
 * HOLD_MAX lines, HOLD_WORDS words); then each word inside a checksum-valid window is
 * redacted and every other held line is redacted as usual, in order.
 */
import { LOG_PREFIX_RE } from './log-prefix.js';
import { INDEX, mnemonicLengthAt } from './wallet.js';

/** Most lines a run holds back (the longest mnemonic, one word a line). */
export const HOLD_MAX = 24;
/** Words held past the front line's: every window that could cover it is then in view. */
const HOLD_WORDS = 24;
/** Longest line (after its log prefix) read as a line of words: 24 words of up to 8 letters. */
const WORD_LINE_MAX = 240;
/** Most words one held line may carry: a phrase split 6 + 18 or 12 + 12 over two lines is read whole. */
const LINE_WORDS_MAX = 24;
/**
 * An indented line holds at most 12: it may be the rest of a phrase a terminal wrapped, which
 * the carried secret (carry.ts) reads better than a window that holds by chance.
 */
const INDENTED_WORDS_MAX = 12;
/** What may stand between two words of a held line: blanks, list numbers and punctuation. */
const GAP_RE = /^[ \t,;#|"'.():[\]0-9*-]*$/;
/** The same inside a JSON message, where quotes come escaped (`\"abandon\",`). */
const JSON_GAP_RE = /^[ \t,;#|"'.():[\]0-9*\\-]*$/;
const WORD_RE = /[A-Za-z]+/g;
/** A JSON log record's message field names (found by indexOf: cheaper than a regex on every record). */
const MESSAGE_KEYS = ['"msg"', '"message"', '"log"', '"MESSAGE"'];
/** From a message key's end to its text's start. */
const KEY_TO_TEXT_RE = /[ \t]*:[ \t]*"/y;

/** The end of the line without a trailing CR. */
function contentEnd(line: string): number {
  return line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
}

/** A numbered line's label (`word 3: abandon`, `Word #3 abandon`): `word` is itself a listed word. */
const LABEL_RE = /[ \t]*word(?=[ \t]*#?\d)/iy;

/** A CSV export's leading fields (`2026-11-13T06:15:32Z,node-1,INFO,"`): no log prefix reads them (a Python `,747` millisecond field is none). */
const CSV_LEAD_RE = /^\d{4}-\d\d-\d\d[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?,(?!\d{3}\b)(?:[^,"\s]*,){0,4}"?/;

/** Past a message's leading label (`imported: `, `seed_words: `), read by character: the words after it may begin a phrase. */
function afterMessageLabel(line: string, from: number): number {
  let i = from;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  const start = i;
  for (let c = line.charCodeAt(i); ((c | 32) - 97) >>> 0 < 26 || c === 95 || c === 45; c = line.charCodeAt(++i)) if (i - start > 24) return from;
  if (i - start < 2 || line.charCodeAt(i) !== 58) return from;
  const text = ++i;
  while (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9) i++;
  return i > text ? i : from;
}

/** Past a leading `word N` label or a message label, if the text at `from` has one. */
function afterLabel(line: string, from: number): number {
  LABEL_RE.lastIndex = from;
  return LABEL_RE.test(line) ? LABEL_RE.lastIndex : afterMessageLabel(line, from);
}

/** Where a JSON record's message text starts (its first key of MESSAGE_KEYS), or -1. */
function messageTextAt(line: string, from: number): number {
  for (const key of MESSAGE_KEYS) {
    const k = line.indexOf(key, from);
    if (k < 0) continue;
    KEY_TO_TEXT_RE.lastIndex = k + key.length;
    return KEY_TO_TEXT_RE.test(line) ? KEY_TO_TEXT_RE.lastIndex : -1;
  }
  return -1;
}

/** Where a line's printed text lies: after its log prefix, or a JSON record's message; null when neither can hold words. */
function wordSpan(line: string): { from: number; end: number; json: boolean } | null {
  const end = contentEnd(line);
  if (end < 3) return null;
  // cheap rejects first: the line ends in a word (or its quote, comma) or a record's `}`
  const last = line.charCodeAt(end - 1);
  const endsWord = (last >= 65 && last <= 90) || (last >= 97 && last <= 122) || last === 34 || last === 39 || last === 44;
  if (!endsWord && last !== 125) return null;
  const p = LOG_PREFIX_RE.exec(line) ?? (line.charCodeAt(4) === 45 && line.charCodeAt(0) <= 57 ? CSV_LEAD_RE.exec(line) : null);
  const from = p === null ? 0 : p[0].length;
  if (last !== 125) return end - from > WORD_LINE_MAX ? null : { from: afterLabel(line, from), end, json: false };
  if (line.charCodeAt(from) !== 123) return null;
  const textFrom = messageTextAt(line, from);
  if (textFrom < 0) return null;
  // the text ends at the first unescaped quote; a trailing escaped newline is not part of it
  let q = line.indexOf('"', textFrom);
  while (q > 0 && line.charCodeAt(q - 1) === 92 && q - textFrom <= WORD_LINE_MAX) q = line.indexOf('"', q + 1);
  if (q < 0 || q - textFrom > WORD_LINE_MAX) return null;
  let textEnd = q;
  if (line.startsWith('\\n', textEnd - 2)) textEnd -= 2;
  if (line.startsWith('\\r', textEnd - 2)) textEnd -= 2;
  return { from: afterLabel(line, textFrom), end: textEnd, json: true };
}

/** The word-list indexes of a line made only of 1–12 listed words (after a log prefix, or as a JSON record's message), or null. */
export function wordLineIds(line: string): number[] | null {
  const span = wordSpan(line);
  if (span === null) return null;
  const { from, end } = span;
  const gap = span.json ? JSON_GAP_RE : GAP_RE;
  const c = line.charCodeAt(from);
  const most = c === 32 || c === 9 ? INDENTED_WORDS_MAX : LINE_WORDS_MAX;
  const ids: number[] = [];
  WORD_RE.lastIndex = from;
  let gapFrom = from;
  let w: RegExpExecArray | null;
  while ((w = WORD_RE.exec(line)) !== null && w.index < end) {
    const id = w[0].length < 3 || w[0].length > 8 ? undefined : INDEX.get(w[0].toLowerCase());
    if (id === undefined || ids.length === most || !gap.test(line.slice(gapFrom, w.index))) return null;
    ids.push(id);
    gapFrom = w.index + w[0].length;
  }
  return ids.length > 0 && gap.test(line.slice(gapFrom, end)) ? ids : null;
}

/** The line with each run of covered words (and what stands between them) replaced by one `marker`. */
function markWords(line: string, covered: boolean[], marker: string): string {
  let out = '';
  let pos = 0;
  let runStart = -1;
  let runEnd = -1;
  let k = 0;
  WORD_RE.lastIndex = wordSpan(line)?.from ?? 0;
  let w: RegExpExecArray | null;
  const flush = (): void => {
    if (runStart < 0) return;
    out += line.slice(pos, runStart) + marker;
    pos = runEnd;
    runStart = -1;
  };
  while ((w = WORD_RE.exec(line)) !== null) {
    if (covered[k++] === true) {
      if (runStart < 0) runStart = w.index;
      runEnd = w.index + w[0].length;
    } else flush();
  }
  flush();
  return out + line.slice(pos);
}

export class HeldWords {
  readonly lines: string[] = [];
  private readonly ids: number[][] = [];
  private words = 0;

  push(line: string, ids: number[]): void {
    this.lines.push(line);
    this.ids.push(ids);
    this.words += ids.length;
  }

  /** The hold is full: its front line can be decided. */
  full(): boolean {
    return this.lines.length >= HOLD_MAX || this.words - (this.ids[0]?.length ?? 0) >= HOLD_WORDS;
  }

  /** Words still to come that a checksum-valid window already covers, and that window's marker. */
  private cover = 0;
  private marker = '';

  /**
   * Releases held lines: all of them (`all`), or while the hold is full only the front line
   * (every window that could cover it is held by then). A word inside any checksum-valid
   * window (windows may overlap: a listed word right before a mnemonic) is marked, `mark`
   * being asked once per run of such words; a line with no such word goes to `plain`.
   */
  release(all: boolean, mark: () => string, plain: (line: string) => string | null): string[] {
    const out: string[] = [];
    const budget = { left: 128 };
    while (this.lines.length > 0 && (all || this.full())) {
      const flat = this.ids.flat();
      const line = this.lines.shift() as string;
      const ids = this.ids.shift() as number[];
      this.words -= ids.length;
      const covered: boolean[] = [];
      let any = false;
      for (let k = 0; k < ids.length; k++) {
        const len = mnemonicLengthAt(flat, k, budget);
        if (len > 0 && this.cover === 0) this.marker = mark();
        this.cover = Math.max(this.cover, len);
        covered.push(this.cover > 0);
        if (this.cover > 0) {
          any = true;
          this.cover--;
        }
      }
      if (any) out.push(markWords(line, covered, this.marker));
      else {
        const r = plain(line);
        if (r !== null) out.push(r);
      }
    }
    if (all) this.cover = 0;
    return out;
  }
}
