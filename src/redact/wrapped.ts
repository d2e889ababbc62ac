/**
 * A base64 run that ends its line: the first line of a wrapped block (`cert: MIIE…` at 64 or
 * 76 columns, then whole lines of base64) or a secret on its own. It is redacted, and the
 * engine's `carried` state then swallows the block's continuation lines. Dense mixed runs
 * only (upper, lower and digits): hex digests, words and paths stay.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { B3IQ_KIND_CATEGORY, TEE_CONTEXT_RE } from './patterns.js';
import { PREFIX_RE } from './providers.js';
import { afterLogPrefix } from './log-prefix.js';

/** Shortest run redacted: a wrapped block's first line is 64 or 76 columns less its key. */
const RUN_MIN = 56;
/** Shortest run that starts like DER (`MII…`) or a base64 PEM (`LS0tLS1…`). */
const DER_RUN_MIN = 40;
const DER_HEAD_RE = /^(?:MI[IHGE][A-Za-z0-9+/]|LS0tLS1)/;
/** The columns base64 encoders wrap at (`base64` 76, PEM 64, `openssl base64` 64, MIME 76, 60, 72). */
const WRAP_WIDTHS = new Set([60, 64, 72, 76]);

/** Characters outside hex digits: base64 has many, a hex digest in mixed case (or with a stray letter) few. */
function nonHex(line: string, s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = line.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) n++;
  }
  return n;
}

function sawPlusSlash(line: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = line.charCodeAt(i);
    if (c === 43 || c === 47) return true;
  }
  return false;
}

/** A key and its separator right before the run. */
const KEY_BEFORE_RE = /[A-Za-z0-9_.-]["']?[ \t]*[:=][ \t]*["']?$/;
/** What may stand before the run: the line start, a blank, a key's `:`/`=`, a quote. */
const BOUNDARY = ' \t:="\'';

/** Where a dense base64 run ending the line starts, or -1. */
function trailingRunStart(line: string): number {
  let e = line.length;
  let pad = 0;
  while (e > 0 && pad < 2 && line.charCodeAt(e - 1) === 61) {
    e--;
    pad++;
  }
  let s = e;
  let upper = false;
  let lower = false;
  let digit = false;
  while (s > 0) {
    const c = line.charCodeAt(s - 1);
    if (c >= 65 && c <= 90) upper = true;
    else if (c >= 97 && c <= 122) lower = true;
    else if (c >= 48 && c <= 57) digit = true;
    else if (c !== 43 && c !== 47) break;
    s--;
  }
  const len = e - s;
  if (len < DER_RUN_MIN || !(upper && lower && digit)) return -1;
  if (s > 0 && !BOUNDARY.includes(line[s - 1] as string)) return -1;
  if (DER_HEAD_RE.test(line.slice(s, s + 7))) return s;
  // a whole line of base64 (behind a log prefix at most) at an encoder's wrap width, or with
  // base64's own `+`/`/`: a wrapped block's line, whatever its first line said (a bare token,
  // a hex digest in mixed case, stays: a peer's fixture far more often)
  if (s === afterLogPrefix(line) && (WRAP_WIDTHS.has(len) || (len >= RUN_MIN && sawPlusSlash(line, s, e))) && nonHex(line, s, e) >= 8) return s;
  // any other run only after a key (`cert: `, `sig=`, `"blob": "`): a bare run is a peer's fixture far more often
  return len >= RUN_MIN && KEY_BEFORE_RE.test(line.slice(Math.max(0, s - 48), s)) ? s : -1;
}

/** A documented example's filler (`…EXAMPLEEXAMPLE…`, `DUMMY…`) is not a secret. */
const FILLER_RE = /EXAMPLE|DUMMY|XXXXXXXX/;

const TRAILING_RUN_RE = /[A-Za-z0-9+/]{40,}={0,2}$/g;

export const TRAILING_BASE64_RULE: Rule = {
  // the run ends the line: its last character is base64
  needs: { minLength: DER_RUN_MIN, test: /[A-Za-z0-9+/=]$/ },
  gate: (l) => l.length >= DER_RUN_MIN && trailingRunStart(l) >= 0,
  re: TRAILING_RUN_RE,
  handle: (eng: RuleHost, m: Match, line: string): HandlerResult => {
    const s = trailingRunStart(line);
    if (s < 0 || m.index + m[0].length !== line.length || FILLER_RE.test(m[0])) return null;
    return [eng.mark(TEE_CONTEXT_RE.test(line) ? 'tee-quote' : 'base64-blob'), line.length, s];
  },
};

/** Lines shorter than this were not wrapped by a terminal (the engine's carry uses the same). */
const WRAP_MIN = 60;
/** Longest first half after the prefix: a longer run the full shape rejected is not a cut token. */
const CUT_HEAD_MAX = 20;
/** The last word, found at the index the gate computed (sticky: no scan from every position). */
const LAST_WORD_RE = /(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{4,64}$/g;
const WORD_BEFORE = ' \t:="\'/(';
const B3IQ_HEAD_RE = /^b3iq_(?:(local|support|gateway|setup|session)_[0-9A-Za-z]*|[a-z]*)$/;

/** The category of a token's first half, cut at the end of a long line; null if it is no token head. */
function cutTokenCategory(word: string): string | null {
  if (word.startsWith('b3iq_')) {
    const b = B3IQ_HEAD_RE.exec(word);
    return b === null ? null : ((b[1] && B3IQ_KIND_CATEGORY[b[1]]) ?? 'local-key');
  }
  PREFIX_RE.lastIndex = 0;
  const m = PREFIX_RE.exec(word);
  // a distinctive prefix (`ghp_`, `sk-`, `xoxb-`), not a bare letter pair, with some of the token after it
  const rest = word.length - (m?.[0].length ?? 0);
  if (m === null || m.index !== 0 || !/[_.-]/.test(m[0]) || rest === 0 || rest > CUT_HEAD_MAX) return null;
  // a token's first characters are random: a short all-lowercase tail is a word (`s.gpg`, `s.json`)
  if (rest < 8 && !/[0-9A-Z]/.test(word.slice(m[0].length))) return null;
  return 'api-key';
}

/**
 * The first half of a token that a terminal wrapped: a known prefix and a few characters at
 * the very end of a long line (too short for the token's full shape). It is redacted, and the
 * engine carries the category over to the second half at the start of the next line.
 */
export const CUT_TOKEN_RULE: Rule = {
  // a word ends the line (the gate then reads it)
  needs: { minLength: WRAP_MIN, test: /[A-Za-z0-9_.-]$/ },
  // the whole test in the gate: the regex then runs only on the rare line that ends in a token head
  gate: (l) => {
    if (l.length < WRAP_MIN) return false;
    const s = lastWordStart(l);
    return s >= 0 && cutTokenCategory(l.slice(s)) !== null;
  },
  re: LAST_WORD_RE,
  handle: (eng: RuleHost, m: Match, line: string): HandlerResult => {
    const s = lastWordStart(line);
    const cat = s < 0 || m.index !== s ? null : cutTokenCategory(line.slice(s));
    return cat === null ? null : [eng.mark(cat), line.length];
  },
};

/** Where the line's last word starts when it may be a token head (a backward scan, no regex), or -1. */
function lastWordStart(line: string): number {
  let s = line.length;
  let joiner = false; // a token prefix always has one of `_`, `-`, `.`
  let letter = false;
  while (s > 0 && s > line.length - 64) {
    const c = line.charCodeAt(s - 1);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) letter = true;
    else if (c === 95 || c === 45 || c === 46) joiner = true;
    else if (c < 48 || c > 57) break;
    s--;
  }
  if (!joiner || !letter || line.length - s < 4) return -1;
  return s === 0 || WORD_BEFORE.includes(line[s - 1] as string) ? s : -1;
}
