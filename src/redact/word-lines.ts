/**
 * A mnemonic written one word per line (`abandon`, `1. abandon`, `- abandon`, `"abandon",`
 * in a pretty-printed array). No line alone says it is secret, so such lines are held back
 * (at most 24) until the run ends; then each checksum-valid mnemonic among them is redacted
 * word by word and every other held line is redacted as usual, in order.
 */
import { INDEX, mnemonicLengthAt } from './wallet.js';

/** Most lines a run holds back: the longest mnemonic. */
export const HOLD_MAX = 24;
/** A word line is short: a number or dash, quotes, up to eight letters, a comma. */
const WORD_LINE_MAX = 20;
const WORD_LINE_RE = /^([ \t]*(?:\d{1,2}[.):][ \t]*|[-*][ \t]+)?(["']?))([A-Za-z]{3,8})\2(,?[ \t]*\r?)$/;

/** The word-list index of a line that is one listed word alone, or -1. */
export function wordLineIndex(line: string): number {
  if (line.length > WORD_LINE_MAX || line.length < 3) return -1;
  const m = WORD_LINE_RE.exec(line);
  return m === null ? -1 : (INDEX.get((m[3] as string).toLowerCase()) ?? -1);
}

/** The line with its word replaced by `marker`. */
function markWord(line: string, marker: string): string {
  const m = WORD_LINE_RE.exec(line);
  return m === null ? marker : (m[1] as string) + marker + (m[2] as string) + (m[4] as string);
}

export class HeldWords {
  readonly lines: string[] = [];
  readonly ids: number[] = [];

  push(line: string, id: number): void {
    this.lines.push(line);
    this.ids.push(id);
  }

  /** Lines still to come that a checksum-valid window already covers, and that window's marker. */
  private cover = 0;
  private marker = '';

  /**
   * Releases held lines: all of them (`all`), or when the hold is full only the front line
   * (every window that could cover it is held by then). A line inside any checksum-valid
   * window (windows may overlap: a listed word right before a mnemonic) is marked, `mark`
   * being asked once per run of such lines; any other goes to `plain` (the usual redaction).
   */
  release(all: boolean, mark: () => string, plain: (line: string) => string | null): string[] {
    const out: string[] = [];
    const budget = { left: 128 };
    while (this.lines.length > 0 && (all || this.lines.length >= HOLD_MAX)) {
      const len = mnemonicLengthAt(this.ids, 0, budget);
      if (len > 0 && this.cover === 0) this.marker = mark();
      this.cover = Math.max(this.cover, len);
      const line = this.lines.shift() as string;
      this.ids.shift();
      if (this.cover > 0) {
        out.push(markWord(line, this.marker));
        this.cover--;
      } else {
        const r = plain(line);
        if (r !== null) out.push(r);
      }
    }
    if (all) this.cover = 0;
    return out;
  }
}
