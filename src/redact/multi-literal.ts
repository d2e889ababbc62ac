/**
 * One pass for many literals (Aho–Corasick). V8's irregexp runs an alternation of hundreds
 * of literals as backtracking at each position; this automaton is one table lookup per
 * character, whatever the number of literals. It is compiled once to a dense table
 * (states × character classes), case-folded (A-Z read as a-z): a case-sensitive literal is
 * checked in place at a hit, and so is a word boundary (`\b`) before or after it.
 *
 * The literals come from the rules' declared needs (and from the regexes those needs are
 * written as, see literal-forms.ts), never from a hand list.
 */

/** One literal to look for, and what a hit must also satisfy. */
export interface LiteralSpec {
  /** The literal (no line break). */
  text: string;
  /** ASCII letters match in either case (a regex's `i` flag). */
  caseless: boolean;
  /** A word boundary (`\b`) just before it; just after it. */
  wordBefore: boolean;
  wordAfter: boolean;
}

/** 1 for the characters of `\w` (ASCII letters, digits, `_`), the only ones `\b` reads without the `u` flag. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;

const isWord = (c: number): boolean => c < 128 && WORD[c] === 1; // NaN (outside the text) is not a word character

const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Hits per `scan` call at most (the caller's buffers hold this many). */
export const HIT_CAPACITY = 4096;

export class MultiLiteral {
  /** Character code → class (0: a character no literal holds). */
  private readonly cls = new Uint8Array(65536);
  /** Transitions: `next = delta[(state << shift) | class]` (16 bits a state: half the cache of 32). */
  private readonly delta: Uint16Array;
  private readonly shift: number;
  /** States from `firstOutIndex` on end at least one literal (the states with none come first). */
  private readonly firstOutIndex: number;
  /** For output state `s` (its index `s - firstOutIndex`), its literals: `outIds[outAt[j] .. outAt[j + 1])`. */
  private readonly outAt: Int32Array;
  private readonly outIds: Int32Array;

  constructor(readonly specs: readonly LiteralSpec[]) {
    const n = specs.length;
    // classes: each folded character a literal holds
    let classes = 1;
    for (const s of specs) {
      if (s.text === '' || s.text.includes('\n')) throw new Error('multi-literal: an empty or multi-line literal');
      for (let i = 0; i < s.text.length; i++) {
        const c = fold(s.text.charCodeAt(i));
        if (this.cls[c] === 0) {
          this.cls[c] = classes++;
          if (c >= 97 && c <= 122) this.cls[c - 32] = this.cls[c] as number;
        }
      }
    }
    if (classes > 255) throw new Error('multi-literal: too many distinct characters');
    // the trie over folded text: its edges in a table (-1: none) and, per state, a list
    let most = 1;
    for (const sp of specs) most += sp.text.length;
    const trie = new Int32Array(most * classes).fill(-1);
    const edges: number[][] = [[]]; // class, child, class, child, …
    const ends: number[][] = [[]];
    for (let id = 0; id < n; id++) {
      const t = (specs[id] as LiteralSpec).text;
      let s = 0;
      for (let i = 0; i < t.length; i++) {
        const k = this.cls[t.charCodeAt(i)] as number;
        if ((trie[s * classes + k] as number) < 0) {
          trie[s * classes + k] = ends.length;
          (edges[s] as number[]).push(k, ends.length);
          edges.push([]);
          ends.push([]);
        }
        s = trie[s * classes + k] as number;
      }
      (ends[s] as number[]).push(id);
    }
    // failure links, breadth first (the longest proper suffix that is a state); a state's
    // output: its own literals and its failure state's
    const S = ends.length;
    if (S > 65535) throw new Error('multi-literal: too many states');
    const fail = new Int32Array(S);
    const order: number[] = [0];
    for (let q = 0; q < order.length; q++) {
      const u = order[q] as number;
      const e = edges[u] as number[];
      for (let x = 0; x < e.length; x += 2) {
        const k = e[x] as number;
        const v = e[x + 1] as number;
        let f = fail[u] as number;
        while (f !== 0 && (trie[f * classes + k] as number) < 0) f = fail[f] as number;
        const g = trie[f * classes + k] as number;
        fail[v] = u !== 0 && g >= 0 ? g : 0;
        for (const id of ends[fail[v] as number] as number[]) (ends[v] as number[]).push(id);
        order.push(v);
      }
    }
    // renumber: states with an output last, so one comparison per character tells whether to look
    const withOut = order.filter((s) => (ends[s] as number[]).length > 0);
    const without = order.filter((s) => (ends[s] as number[]).length === 0);
    const renum = new Int32Array(S);
    [...without, ...withOut].forEach((s, i) => {
      renum[s] = i;
    });
    this.firstOutIndex = without.length;
    // the transitions: a state's row is its failure state's (built before it, breadth first), then its own edges
    this.shift = Math.ceil(Math.log2(classes));
    const width = 1 << this.shift;
    this.delta = new Uint16Array(S << this.shift);
    for (const u of order) {
      const row = (renum[u] as number) << this.shift;
      if (u !== 0) {
        const from = (renum[fail[u] as number] as number) << this.shift;
        this.delta.copyWithin(row, from, from + width);
      }
      const e = edges[u] as number[];
      for (let x = 0; x < e.length; x += 2) this.delta[row | (e[x] as number)] = renum[e[x + 1] as number] as number;
    }
    this.outAt = new Int32Array(withOut.length + 1);
    const ids: number[] = [];
    withOut.forEach((s, j) => {
      this.outAt[j] = ids.length;
      for (const id of new Set(ends[s] as number[])) ids.push(id);
    });
    this.outAt[withOut.length] = ids.length;
    this.outIds = Int32Array.from(ids);
    // the start state must be 0 for `start` below: it has no output (no empty literal)
    if (renum[0] !== 0) throw new Error('multi-literal: start state misplaced');
    const loop = compileScan(this.cls, this.delta, this.shift, this.firstOutIndex, this.outAt, this.outIds, specs);
    this.start = loop.start;
    this.scan = loop.scan;
  }

  get size(): number {
    return this.specs.length;
  }

  /** Starts a scan at `from` (then `scan` until it returns 0). */
  readonly start: (from: number) => void;
  /**
   * Scans `text` up to `to` from where the last call stopped: writes the start and literal
   * id of each hit that meets its conditions to `starts`/`ids` (at most HIT_CAPACITY, in
   * order of their end), returns how many; 0 when `to` is reached with none left.
   */
  readonly scan: (text: string, to: number, starts: Int32Array, ids: Int32Array) => number;
}

/**
 * The scan loop as a closure over its tables: V8 then treats them as constants (a method
 * reading them from `this` ran at about half the speed, 4.4 against 2 ns a character).
 */
function compileScan(
  cls: Uint8Array,
  delta: Uint16Array,
  shift: number,
  firstOutIndex: number,
  outAt: Int32Array,
  outIds: Int32Array,
  specs: readonly LiteralSpec[],
): Pick<MultiLiteral, 'start' | 'scan'> {
  const firstOut = firstOutIndex;
  const lens = Int32Array.from(specs, (s) => s.text.length);
  // the table reads A-Z as a-z: a case-sensitive literal with a letter is checked at a hit
  const exact = Uint8Array.from(specs, (s) => (!s.caseless && /[A-Za-z]/.test(s.text) ? 1 : 0));
  const before = Uint8Array.from(specs, (s) => (s.wordBefore ? 1 : 0));
  const after = Uint8Array.from(specs, (s) => (s.wordAfter ? 1 : 0));
  const texts = specs.map((s) => s.text);
  // the loop only notes where an output state was reached; the hits are read from those after it
  // each noted state's literals must fit the caller's buffers (a write past a typed array's end is dropped)
  if (maxRun(outAt) > HIT_CAPACITY) throw new Error('multi-literal: too many literals end at one place');
  const raw = Math.max(1, Math.floor(HIT_CAPACITY / Math.max(1, maxRun(outAt))));
  const rawEnds = new Int32Array(raw);
  const rawStates = new Int32Array(raw);
  let pos = 0;
  let state = 0;
  return {
    start(from: number): void {
      pos = from;
      state = 0;
    },
    scan(text: string, to: number, starts: Int32Array, ids: Int32Array): number {
      const n = to | 0;
      let h = 0;
      // a full raw buffer whose hits all failed their conditions: go on (0 means the end)
      while (h === 0 && pos < n) h = scanSome(text, n, starts, ids);
      return h;
    },
  };

  function scanSome(text: string, n: number, starts: Int32Array, ids: Int32Array): number {
    let s = state | 0;
    let r = 0;
    let i = pos | 0;
    for (; i < n; i++) {
      s = delta[(s << shift) | (cls[text.charCodeAt(i)] as number)] as number;
      if (s >= firstOut) {
        rawEnds[r] = i + 1;
        rawStates[r++] = s;
        if (r === raw) {
          i++;
          break;
        }
      }
    }
    state = s;
    pos = i;
    let h = 0;
    for (let q = 0; q < r; q++) {
      const e = rawEnds[q] as number;
      const j = (rawStates[q] as number) - firstOutIndex;
      for (let o = outAt[j] as number, oe = outAt[j + 1] as number; o < oe; o++) {
        const id = outIds[o] as number;
        const st = e - (lens[id] as number);
        if (before[id] === 1 && isWord(text.charCodeAt(st - 1)) === isWord(text.charCodeAt(st))) continue;
        if (after[id] === 1 && isWord(text.charCodeAt(e - 1)) === isWord(text.charCodeAt(e))) continue;
        if (exact[id] === 1 && !text.startsWith(texts[id] as string, st)) continue;
        starts[h] = st;
        ids[h++] = id;
      }
    }
    return h;
  }
}

/** The most outputs one state has. */
function maxRun(at: Int32Array): number {
  let m = 0;
  for (let j = 0; j + 1 < at.length; j++) m = Math.max(m, (at[j + 1] as number) - (at[j] as number));
  return m;
}
