/**
 * A secret's value said again later: `password=Xk39fa…` and, lines on, `connecting with Xk39fa…`
 * (under no key, or a key no rule knows). Once a value was redacted as a secret, its later
 * exact occurrences in the same stream are redacted too, with the same category.
 *
 * The values are read back from each changed line: the output's text between markers is the
 * input's, so the input between those literal pieces is what a marker replaced. Only the last
 * RECENT values of MIN_LENGTH or more are kept (in memory, never written anywhere), so memory
 * stays constant; lines are seen in order whatever the chunking, so output does not depend on it.
 */
import { escapeRegExp } from './patterns.js';

/** Values remembered at most (the most recent ones). */
export const RECENT = 256;
/** Shorter values recur by chance (`password=abc`, `pin=1234`). */
export const MIN_LENGTH = 8;
const MAX_LENGTH = 512;

/** A marker (whose span is remembered) or a pseudonym (whose span is not a secret). */
const REPLACED_RE = /\[REDACTED:([a-z0-9-]+)\]|\[[a-z][a-z-]*-h?[0-9a-f]+\]/g;
const SKIP_CATS = new Set(['overlong-line', 'mnemonic', 'customer-identity', 'prompt-output']);

export class RecentSecrets {
  /** Value → category, in insertion order (the oldest first). */
  private readonly values = new Map<string, string>();
  private re: RegExp | null = null;

  get size(): number {
    return this.values.size;
  }

  /** Reads what each marker of `out` replaced in `raw`, and remembers it. */
  learn(raw: string, out: string): void {
    if (!out.includes('[REDACTED:') || out.includes('\n')) return;
    REPLACED_RE.lastIndex = 0;
    let o = 0; // out[0, o) is aligned with raw[0, r)
    let r = 0;
    let pending: string | null | undefined; // the category of the marker before the current piece
    let m: RegExpExecArray | null;
    while ((m = REPLACED_RE.exec(out)) !== null) {
      const next = this.alignPiece(raw, out.slice(o, m.index), r, pending);
      if (next < 0) return;
      r = next;
      o = m.index + m[0].length;
      pending = m[1] === undefined ? null : m[1];
    }
    const tail = out.slice(o);
    if (pending !== undefined && pending !== null && raw.endsWith(tail) && raw.length - tail.length >= r) {
      this.remember(raw.slice(r, raw.length - tail.length), pending);
    }
  }

  /** Finds `piece` in `raw` from `r` (right there when nothing was replaced before it); the index after it, or -1. */
  private alignPiece(raw: string, piece: string, r: number, pending: string | null | undefined): number {
    if (pending === undefined) return raw.startsWith(piece) ? piece.length : -1;
    const at = piece === '' ? -1 : raw.indexOf(piece, r + 1);
    if (at < 0) return -1; // two markers side by side, or no alignment: nothing learnt from here on
    if (pending !== null) this.remember(raw.slice(r, at), pending);
    return at + piece.length;
  }

  private remember(value: string, cat: string): void {
    const v = value.trim();
    if (v.length < MIN_LENGTH || v.length > MAX_LENGTH || SKIP_CATS.has(cat) || v.includes('[REDACTED:')) return;
    if (this.values.has(v))
      this.values.delete(v); // now the most recent
    else this.re = null;
    this.values.set(v, cat);
    if (this.values.size > RECENT) {
      this.values.delete(this.values.keys().next().value as string);
      this.re = null;
    }
  }

  /** `line` with every remembered value marked (the same string when none occurs). */
  apply(line: string, mark: (cat: string) => string): string {
    if (this.values.size === 0) return line;
    if (this.re === null) {
      // longest first: a value that holds another is marked whole
      const alts = [...this.values.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.re = new RegExp(alts.join('|'), 'g');
    }
    this.re.lastIndex = 0;
    if (!this.re.test(line)) return line;
    this.re.lastIndex = 0;
    return line.replace(this.re, (v) => mark(this.values.get(v) ?? 'secret'));
  }
}
