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

  /**
   * Releases held lines: all of them (`all`), or when the hold is full only what can be
   * decided now (a mnemonic at the front, or else the front line). Each released line goes
   * to `plain` (the usual redaction) unless it is part of a mnemonic (`mark` is asked once
   * per mnemonic for its marker).
   */
  release(all: boolean, mark: () => string, plain: (line: string) => string | null): string[] {
    const out: string[] = [];
    const budget = { left: 128 };
    let i = 0;
    const n = this.lines.length;
    while (i < n) {
      const len = n - i >= 12 ? mnemonicLengthAt(this.ids, i, budget) : 0;
      if (len > 0) {
        const marker = mark();
        for (let k = i; k < i + len; k++) out.push(markWord(this.lines[k] as string, marker));
        i += len;
      } else {
        const r = plain(this.lines[i] as string);
        if (r !== null) out.push(r);
        i++;
      }
      if (!all) break;
    }
    this.lines.splice(0, i);
    this.ids.splice(0, i);
    return out;
  }
}
