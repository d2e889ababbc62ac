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
  /** The values by the hash of their first ANCHOR characters, longest first. */
  private readonly byAnchor = new Map<number, string[]>();
  /** How many values' anchors hash to each slot (the per-character test, no Map lookup). */
  private readonly slots = new Uint16Array(SLOTS);
  /**
   * Per pair of characters (their low bytes), how far a window of ANCHOR characters ending in
   * it may move on with no anchor skipped (Wu–Manber): a clean line is read a few characters
   * in ANCHOR, not every one. A removed value leaves its pairs' shifts low (only slower, never
   * wrong) until the table is built again.
   */
  private readonly shifts = new Uint8Array(1 << 16).fill(ANCHOR - 1);
  private removed = 0;

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
    else this.index(v, true);
    this.values.set(v, cat);
    if (this.values.size > RECENT) {
      const oldest = this.values.keys().next().value as string;
      this.values.delete(oldest);
      this.index(oldest, false);
      if (++this.removed >= RECENT) this.rebuildShifts();
    }
  }

  /** Lowers the shifts of the character pairs of `v`'s anchor. */
  private addShifts(v: string): void {
    const shifts = this.shifts;
    for (let q = 1; q < ANCHOR; q++) {
      const pair = pairOf(v.charCodeAt(q - 1), v.charCodeAt(q));
      const d = ANCHOR - 1 - q;
      if ((shifts[pair] as number) > d) shifts[pair] = d;
    }
  }

  private rebuildShifts(): void {
    this.shifts.fill(ANCHOR - 1);
    for (const v of this.values.keys()) this.addShifts(v);
    this.removed = 0;
  }

  private index(v: string, add: boolean): void {
    const h = anchorHash(v, 0);
    // the list is kept in place, longest first (a copy and a sort for each value cost a fifth of a
    // secret-dense log's remembering): a new value goes after the ones at least as long
    const list = this.byAnchor.get(h);
    if (add) {
      if (list === undefined) this.byAnchor.set(h, [v]);
      else {
        let at = 0;
        while (at < list.length && (list[at] as string).length >= v.length) at++;
        list.splice(at, 0, v);
      }
    } else if (list !== undefined) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i] === v) list.splice(i, 1);
      if (list.length === 0) this.byAnchor.delete(h);
    }
    const slot = h & SLOT_MASK;
    this.slots[slot] = (this.slots[slot] ?? 0) + (add ? 1 : -1);
    if (add) this.addShifts(v);
  }

  /**
   * `line` with every remembered value marked (the same string when none occurs): at each
   * position from the left, the longest value that starts there. The window of ANCHOR
   * characters at a position moves on by its last pair's shift; where the shift is 0 the hash
   * of the window is tested against the slots, then the values, so a clean line costs a few
   * operations per ANCHOR characters and no allocation (a regex of the values had to be
   * compiled again for every new value: 1.3 ms a line on a log where every line holds a new
   * secret; a rolling hash at every position cost 9 % of redaction time on real logs).
   */
  apply(line: string, mark: (cat: string) => string): string {
    if (this.values.size === 0 || line.length < ANCHOR) return line;
    const shifts = this.shifts;
    let out: string | null = null;
    let from = 0;
    let p = 0;
    const last = line.length - ANCHOR;
    while (p <= last) {
      const e = p + ANCHOR - 1;
      const d = shifts[pairOf(line.charCodeAt(e - 1), line.charCodeAt(e))] as number;
      if (d > 0) {
        p += d; // no anchor starts before p + d: its pair would end this window with a smaller shift
        continue;
      }
      const h = anchorHash(line, p);
      const hit = this.slots[h & SLOT_MASK] === 0 ? undefined : this.byAnchor.get(h)?.find((v) => line.startsWith(v, p));
      if (hit !== undefined) {
        out = (out ?? '') + line.slice(from, p) + mark(this.values.get(hit) ?? 'secret');
        p += hit.length;
        from = p;
        continue;
      }
      p++;
    }
    return out === null ? line : out + line.slice(from);
  }
}

/** Every remembered value is at least MIN_LENGTH long: its first ANCHOR characters find it. */
const ANCHOR = 8;
const BASE = 31;
const SLOTS = 1 << 14;
const SLOT_MASK = SLOTS - 1;

/** The shift table's index of two characters (their low bytes: pairs that share it share the smaller shift). */
const pairOf = (a: number, b: number): number => ((a & 0xff) << 8) | (b & 0xff);

/** The hash of `text[at, at + ANCHOR)`. */
function anchorHash(text: string, at: number): number {
  let h = 0;
  for (let i = at; i < at + ANCHOR; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  return h;
}
