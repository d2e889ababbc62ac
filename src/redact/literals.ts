/**
 * String literals that are, whole, one long random run of base64 or base64url: a key or a
 * token whatever name it is kept under (`"c3VwZXIgbG9uZy…"`, `'I6FwzQZFL9l-44nv…='`).
 * Hex runs (hashes, ids), UUIDs, integrity strings (`sha512-…`) and identifiers made of
 * words stay: a random run mixes capitals, small letters and digits (or flips case), seldom
 * uses a separator, and is not mostly readable words. A literal that is the value of a named
 * key is left to the keyed pass: there the name decides (`public_key = "…"` is public).
 */
import type { Rule } from './rules.js';

/** Shortest literal judged (a SHA-1 in base64 is 28, a 256-bit key 43–44). */
const QUOTED_BLOB_MIN = 40;
export const QUOTED_BLOB_RE = /(["'])([A-Za-z0-9+/_-]{40,}={0,2})\1/g;

const HEXISH_RE = /^[0-9a-fA-F-]+$/;
const INTEGRITY_RE = /^(?:sha(?:1|224|256|384|512)|md5)-/i;
/** Word-like runs (`Service`, `registry`, `handler`): an identifier is mostly made of them. */
const WORD_RUN_RE = /[A-Z]?[a-z]{3,}/g;
/** Letter pairs no English word writes (`yy`, `zq`, `jx`, `qk`, …; not `sql`, `json`, `jdbc`, `mq`, `cv`, `fx`). */
const NO_WORD_PAIR_RE = /yy|[zjxv]q|q[zjxvfgkw]|[fgkw]q|j[xzqvwfkghct]|[xzqvwkghct]j|zx|xz|[vjzgk]x|x[vjzgk]|v[zw]|[zw]v/i;
/** Longest run read as a word (`authentication`, `infrastructure`: 14). */
const WORD_MAX = 14;

/**
 * Whether words cover 70 % of the literal or more (`com_example_ServiceRegistryHandler…`). Random
 * base64 holds short word-like runs by chance (a 10-letter small run in 1 of 250 keys of 40,
 * three Capitalised runs in 1 of 50: both were kept before, fuzz suite), not most of it.
 */
function madeOfWords(s: string): boolean {
  let covered = 0;
  // a word has a vowel, no four consonants in a row (`ddvleuu` is chance), no letter pair English
  // never writes (`Fieucvlagirtn`, `jevzq`: random small runs) and is at most 14 letters
  // (`Upyytraquqsykhas`: a random small run run into its neighbours is no word)
  for (const m of s.matchAll(WORD_RUN_RE)) {
    const w = m[0];
    if (w.length <= WORD_MAX && /[aeiouy]/i.test(w) && !/[^aeiouy]{4}/i.test(w) && !NO_WORD_PAIR_RE.test(w)) covered += w.length;
  }
  return covered * 10 >= s.length * 7;
}

/** Whether a literal's characters look drawn at random from the base64 alphabets. */
export function isRandomBase64(s: string): boolean {
  if (HEXISH_RE.test(s) || INTEGRITY_RE.test(s) || madeOfWords(s)) return false;
  let upper = 0;
  let lower = 0;
  let digits = 0;
  let std = 0; // + /
  let url = 0; // - _
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 48 && c <= 57) digits++;
    else if (c === 43 || c === 47) std++;
    else if (c === 45 || c === 95) url++;
  }
  // one alphabet, not both; separators as rare as in random data (identifiers are full of them)
  // (a quarter: random base64 of 40 has more than a tenth in 1 of 100)
  if ((std > 0 && url > 0) || (std + url) * 4 > s.length) return false;
  // a letters-only run is random when its case flips often (1 in 100 random keys of 40 has under two digits)
  return upper >= 4 && lower >= 4 && (digits >= 2 || (s.match(/[a-z](?=[A-Z])/g)?.length ?? 0) >= 2);
}

const isB64 = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;

/**
 * The random base64 run (40+ characters, `+` or `/` joining it to the token) that a token found
 * at [start, end) is a piece of, as [start, end); null when the token stands alone.
 */
export function base64RunAround(line: string, start: number, end: number): [number, number] | null {
  const before = line.charCodeAt(start - 1);
  const after = line.charCodeAt(end);
  if (before !== 43 && before !== 47 && after !== 43 && after !== 47) return null;
  let s = start;
  let e = end;
  while (s > 0 && isB64(line.charCodeAt(s - 1))) s--;
  while (e < line.length && isB64(line.charCodeAt(e))) e++;
  const run = line.slice(s, e);
  while (e < line.length && line.charCodeAt(e) === 61 && e - end < 64) e++; // = padding
  return run.length >= QUOTED_BLOB_MIN && isRandomBase64(run) ? [s, e] : null;
}

/** Whether the literal opening at `q` follows a key's separator (`k = "…"`, `"k": "…"`, `k => "…"`). */
function isKeyedValue(line: string, q: number): boolean {
  let i = q;
  while (i > 0 && (line.charCodeAt(i - 1) === 32 || line.charCodeAt(i - 1) === 9)) i--;
  const c = line.charCodeAt(i - 1);
  return c === 61 || c === 58 || (c === 62 && line.charCodeAt(i - 2) === 61) || c === 0xff1a; // = : => ：
}

export const QUOTED_BLOB_RULE: Rule = {
  needs: { lits: ['"', "'"], minLength: QUOTED_BLOB_MIN + 2 },
  gate: (l) => l.length >= QUOTED_BLOB_MIN + 2 && (l.includes('"') || l.includes("'")),
  re: QUOTED_BLOB_RE,
  handle: (eng, m, line) => {
    const body = m[2] as string;
    if (isKeyedValue(line, m.index) || !isRandomBase64(body.replace(/=+$/, ''))) return null;
    const q = m[1] as string;
    return [q + eng.mark('secret') + q, m.index + m[0].length];
  },
};
