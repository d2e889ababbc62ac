/**
 * A need of the shape `[A][B]{k}` with a long k (a WIF key: `[59KLc]` then 50 base58
 * characters), found by skipping instead of a regex trying every position: a match covers
 * k + 1 characters of A ∪ B, so the last character of a window that is not one of them rules
 * out every start in the window at once, and a clean log line is read a few characters in k.
 * The same leftmost match as the regex (its length is fixed), checked against it by
 * test/unit/redact-class-runs.test.js.
 */

/** A class run need: the two classes (bit 1: in A, bit 2: in B; -1 not asked yet) and the match length. */
export interface ClassRun {
  readonly classes: Int8Array;
  readonly length: number;
  readonly first: RegExp;
  readonly rest: RegExp;
}

const SHAPE_RE = /^\[((?:[^\]\\]|\\.)+)\]\[((?:[^\]\\]|\\.)+)\]\{(\d+)\}$/;
/** Shorter runs are left to the regex (the skip gains little). */
const MIN_REPEAT = 16;

/** The class run a regex is, or null when it is not exactly `[A][B]{k}` with no flags. */
export function classRunOf(re: RegExp): ClassRun | null {
  const m = re.flags === '' ? SHAPE_RE.exec(re.source) : null;
  if (m === null || Number(m[3]) < MIN_REPEAT) return null;
  const run = { classes: new Int8Array(65536).fill(-1), length: Number(m[3]) + 1, first: new RegExp(`[${m[1]}]`), rest: new RegExp(`[${m[2]}]`) };
  for (let c = 0; c < 128; c++) classify(run, c);
  return run;
}

function classify(run: ClassRun, c: number): number {
  const ch = String.fromCharCode(c);
  const bits = (run.first.test(ch) ? 1 : 0) | (run.rest.test(ch) ? 2 : 0);
  run.classes[c] = bits;
  return bits;
}

const bitsOf = (run: ClassRun, c: number): number => {
  const b = run.classes[c] as number;
  return b >= 0 ? b : classify(run, c);
};

/** The start of the leftmost match at or after `from` (as the regex with lastIndex `from`), or -1. */
export function findClassRun(run: ClassRun, text: string, from: number): number {
  const L = run.length;
  const n = text.length;
  let i = from;
  while (i + L <= n) {
    const last = i + L - 1;
    if (bitsOf(run, text.charCodeAt(last)) === 0) {
      i = last + 1; // every start in [i, last] covers `last`
      continue;
    }
    let p = last - 1;
    while (p >= i && bitsOf(run, text.charCodeAt(p)) !== 0) p--;
    if (p >= i) {
      i = p + 1; // every start in [i, p] covers `p`
      continue;
    }
    // text[i, last] may all be in a match: the run of such characters from i, then its starts one by one
    let b = last + 1;
    while (b < n && bitsOf(run, text.charCodeAt(b)) !== 0) b++;
    const m = firstStart(run, text, i, b);
    if (m >= 0) return m;
    i = b + 1;
  }
  return -1;
}

/** The first m in [from, to - length] with text[m] in A and the next length - 1 characters in B, or -1. */
function firstStart(run: ClassRun, text: string, from: number, to: number): number {
  const k = run.length - 1;
  let q = from; // text[m + 1, q) are all in B
  for (let m = from; m + k < to; m++) {
    if (q <= m) q = m + 1;
    while (q < to && q - m <= k && (bitsOf(run, text.charCodeAt(q)) & 2) !== 0) q++;
    if ((bitsOf(run, text.charCodeAt(m)) & 1) !== 0 && q - m - 1 >= k) return m;
  }
  return -1;
}

/**
 * A need whose every match is a run of at least `min` characters of one class, with nothing
 * read before it (no lookbehind, no `\b` or `^` at its start) and at most one character read
 * after it (a lookahead): a ten-word list (wallet.ts). Such a match lies in a stretch of
 * `min` or more class characters, which a skipping search finds reading a few characters in
 * `min` (the regex tried every blank of every line: 3x slower on loghub); the regex then runs
 * only on those stretches.
 */
export interface SpanRun {
  /** Per character: 1 in the class, 0 not, -1 not asked yet (shared by every search of one need). */
  readonly inClass: Int8Array;
  readonly chars: RegExp;
  readonly min: number;
  /** The need as a global regex (run on one stretch at a time). */
  readonly re: RegExp;
  /** The length of the last match `findSpanRun` returned. */
  lastLength: number;
}

const spans = new WeakMap<RegExp, { chars: RegExp; min: number; inClass?: Int8Array }>();

/**
 * Declares of `re` that each of its matches is a run of `min` or more characters matching
 * `chars` (one character's class), read as said above; returns `re`. The batch and the
 * per-line prefilter then search it with `findSpanRun` (test/unit/redact-class-runs.test.js
 * checks it against the regex).
 */
export function spanOnly(re: RegExp, chars: RegExp, min: number): RegExp {
  spans.set(re, { chars, min });
  return re;
}

/** The skipping search declared for `re`, or null. */
export function spanRunOf(re: RegExp): SpanRun | null {
  const d = spans.get(re);
  if (d === undefined) return null;
  if (d.inClass === undefined) {
    d.inClass = new Int8Array(65536).fill(-1);
    for (let c = 0; c < 128; c++) d.inClass[c] = d.chars.test(String.fromCharCode(c)) ? 1 : 0;
  }
  return { inClass: d.inClass, chars: d.chars, min: d.min, re: new RegExp(re.source, re.flags.replace(/[gy]/g, '') + 'g'), lastLength: 0 };
}

function inSpanClass(run: SpanRun, c: number): boolean {
  let v = run.inClass[c] as number;
  if (v < 0) v = run.inClass[c] = run.chars.test(String.fromCharCode(c)) ? 1 : 0;
  return v === 1;
}

/** The start of the leftmost match at or after `from` (as the regex with lastIndex `from`), or -1; its length in `run.lastLength`. */
export function findSpanRun(run: SpanRun, text: string, from: number): number {
  const { min: L, re } = run;
  const n = text.length;
  let i = from;
  while (i + L <= n) {
    const last = i + L - 1;
    if (!inSpanClass(run, text.charCodeAt(last))) {
      i = last + 1; // every stretch from [i, last] would hold `last`
      continue;
    }
    let p = last - 1;
    while (p >= i && inSpanClass(run, text.charCodeAt(p))) p--;
    if (p >= i) {
      i = p + 1;
      continue;
    }
    // text[i, b) is a stretch of `min` or more: the regex on it and the one character after it
    let b = last + 1;
    while (b < n && inSpanClass(run, text.charCodeAt(b))) b++;
    re.lastIndex = 0;
    const m = re.exec(text.slice(i, b + 1));
    if (m !== null && m.index < b - i) {
      run.lastLength = m[0].length;
      return i + m.index;
    }
    i = b + 1;
  }
  return -1;
}

/** A table of the ASCII characters a class holds (1), for `hasStretch`. */
export function asciiClass(chars: RegExp): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = chars.test(String.fromCharCode(c)) ? 1 : 0;
  return t;
}

/**
 * Whether `text` holds `min` characters in a row of an ASCII class (`asciiClass`), read by
 * skipping: a character outside the class rules out every stretch through it, so a line
 * without one is read a few characters in `min`.
 */
export function hasStretch(text: string, inClass: Uint8Array, min: number): boolean {
  const n = text.length;
  const at = (i: number): boolean => inClass[text.charCodeAt(i)] === 1; // NaN or >= 128: undefined, not in it
  let i = 0;
  while (i + min <= n) {
    const last = i + min - 1;
    if (!at(last)) {
      i = last + 1;
      continue;
    }
    let p = last - 1;
    while (p >= i && at(p)) p--;
    if (p < i) return true;
    i = p + 1;
  }
  return false;
}
