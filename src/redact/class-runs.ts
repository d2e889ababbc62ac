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
