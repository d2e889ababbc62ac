/**
 * Wallet material: BIP-39 mnemonics anywhere (12–24 words of the official English list
 * whose checksum holds), and raw 64-hex private keys in key or command contexts, with or
 * without `0x`. An ordinary sha256 digest in a non-key context is kept: the same 64 hex
 * digits are a public hash far more often than a key.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { KEY_BEFORE_VALUE_RE, PRIVATE_HINT_KEY_RE, PRIVATE_HINT_LINE_RE, PUBLIC_HASH_KEY_RE, PUBLIC_HASH_LINE_RE } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { spanOnly } from './class-runs.js';

export const INDEX = new Map(wordlist.map((w, i) => [w, i]));
const LENGTHS = [24, 21, 18, 15, 12];
/** Checksum checks one line may spend; past it, a run of listed words is redacted unchecked (fails closed). */
const CHECK_BUDGET = 2048;

/**
 * Between two words of a run: blanks, a comma or semicolon (with or without blanks), a JSON
 * array's `","`, or a number (`1. abandon 2. ability`).
 */
const SEP = `(?:[ \\t]*[,;][ \\t]*|[ \\t]+(?:\\d{1,2}[.):][ \\t]*)?|["'][ \\t]*,[ \\t]*["'])`;
/** A run of 12+ short words (any case): the only lines worth a word-list check. */
export const WORD_RUN_RE = new RegExp(`\\b[a-z]{3,8}(?:${SEP}[a-z]{3,8}){11,}\\b`, 'gi');
/**
 * Its cheap gate: ten blank-led short words in a row (a blank-led pattern lets V8 skip fast).
 * Same matches as `(?:[ \t][a-z]{3,8},?){10}/i`, written so V8 does not backtrack into each
 * word's length (a word must end before `,` or a blank) and stops at the tenth word's third
 * letter: 40 % less regex time on loghub, where every line is swept by it.
 */
const WORD_RUN_GATE = /(?:[ \t][A-Za-z]{3,8}(?![A-Za-z]),?){9}[ \t][A-Za-z]{3}/;
/** Runs without spaces: `a,b,c` and a JSON array's `"a","b","c"`. */
const PACKED_RUN_GATE = /(?:,["']?[a-z]{3,8}["']?){10}/i;
/**
 * What the rule needs, as one regex the batch sweeps once: either gate's shape. (A `,` literal
 * woke the rule on every line with a comma, a fifth of loghub, each paying the gate again.)
 * A match is ten words and their blanks, commas or quotes, 40 characters at least: searched
 * by skipping to such stretches (class-runs.ts).
 */
const MNEMONIC_NEED = spanOnly(new RegExp(`${WORD_RUN_GATE.source}|(?:,["']?[A-Za-z]{3,8}["']?){10}`), /[ \t,"'A-Za-z]/, 40);
/**
 * Other list layouts, read by a second, wider rule that only lines holding their literal pay
 * for: any mix of one to twelve list characters between words — blanks, `,;|`, dashes,
 * quotes, brackets, list numbers (`1.a`, `2)  b`, `3-c`), a JSON string's escapes (`\t`, `\"`).
 * Each is a single character (or one escape), so the regex cannot backtrack badly.
 */
const WIDE_SEP = `(?:[ \\t,;|"'.():\\[\\]0-9-]|\\\\[tn]|\\\\(?![tn])){1,12}`;
const WIDE_RUN_RE = new RegExp(`\\b[a-z]{3,8}(?:${WIDE_SEP}[a-z]{3,8}){11,}(?![a-z])`, 'gi');
const NUMBER_LITS = ['2. ', '2) ', '2: '];
const TIGHT_NUMBERED_RE = /\d[.)-][A-Za-z]{3,8}[ \t]+\d/;
const NUMBERED_RUN_GATE = /(?:\d{1,2}[.):-] ?[a-z]{3,8}[ \t]+){10}/i;
const DASHED_RUN_GATE = /(?:[a-z]{3,8}[ \t]+[-|][ \t]+){10}/i;
const ESCAPED_RUN_GATE = /(?:[a-z]{3,8}\\(?:[tn]|",\\")){10}/i;
const WORD_RE = /[a-z]+/gi;

/** Redacts each checksum-valid mnemonic inside a run of words; other words stay. */
function mnemonicsIn(eng: RuleHost, m: Match): HandlerResult {
  const run = m[0];
  // a JSON string's escapes (`\t`) separate words: blank them (same length) before reading words
  const words = run.includes('\\') ? run.replace(/\\[tn]/g, '  ') : run;
  const spans: Array<[number, number]> = [];
  const ids: number[] = [];
  WORD_RE.lastIndex = 0;
  let w: RegExpExecArray | null;
  while ((w = WORD_RE.exec(words)) !== null) {
    spans.push([w.index, w.index + w[0].length]);
    ids.push(INDEX.get(w[0].toLowerCase()) ?? -1);
  }
  // the run is consumed either way: a rescan from inside it would cost quadratic time
  return [markMnemonicWords(eng, run, spans, ids), m.index + run.length];
}

/**
 * `run` with every checksum-valid mnemonic among its words (`spans[k]` in the run, `ids[k]` its
 * list index or -1) replaced by one marker. Every word inside any valid window goes: when
 * windows overlap (a listed word such as "before" right ahead of a mnemonic), taking only the
 * first would leak the rest.
 */
export function markMnemonicWords(eng: RuleHost, run: string, spans: Array<[number, number]>, ids: number[]): string {
  const budget = { left: CHECK_BUDGET };
  let out = '';
  let pos = 0;
  let coverEnd = 0;
  for (let i = 0; i + 12 <= ids.length || i < coverEnd; i++) {
    const len = i + 12 > ids.length || ids[i]! < 0 ? 0 : mnemonicLengthAt(ids, i, budget);
    if (len > 0 && i >= coverEnd) out += run.slice(pos, spans[i]![0]) + eng.mark('mnemonic');
    if (len > 0) coverEnd = Math.max(coverEnd, i + len);
    if (i + 1 === coverEnd) pos = spans[i]![1];
  }
  return pos === 0 ? run : out + run.slice(pos);
}

/** The longest mnemonic at `i` (all words listed, checksum holds), or 0. */
export function mnemonicLengthAt(ids: number[], i: number, budget: { left: number }): number {
  let listed = 0;
  while (i + listed < ids.length && listed < 24 && ids[i + listed]! >= 0) listed++;
  for (const len of LENGTHS) {
    if (len > listed) continue;
    if (--budget.left < 0) return len; // adversarial input: fail closed
    if (checksumHolds(ids, i, len)) return len;
  }
  return 0;
}

/**
 * BIP-39: `len` words carry len*11 bits, the entropy (len*32/3 bits) then a checksum of
 * len/3 bits, the first bits of sha256(entropy).
 */
export function checksumHolds(ids: number[], start: number, len: number): boolean {
  const totalBits = len * 11;
  const csBits = len / 3;
  const entropy = new Uint8Array((totalBits - csBits) / 8);
  let acc = 0;
  let accBits = 0;
  let byte = 0;
  let checksum = 0;
  for (let k = 0; k < len; k++) {
    acc = (acc << 11) | ids[start + k]!;
    accBits += 11;
    while (accBits >= 8 && byte < entropy.length) {
      accBits -= 8;
      entropy[byte++] = (acc >>> accBits) & 0xff;
      acc &= (1 << accBits) - 1;
    }
  }
  checksum = acc & ((1 << csBits) - 1);
  return sha256(entropy)[0]! >>> (8 - csBits) === checksum;
}

export const MNEMONIC_RULE: Rule = {
  // the word-run regex, or the packed form's
  needs: { test: MNEMONIC_NEED },
  gate: (l) => WORD_RUN_GATE.test(l) || (l.includes(',') && PACKED_RUN_GATE.test(l)),
  re: WORD_RUN_RE,
  handle: mnemonicsIn,
};

/** Whether `sub` occurs `n` times in `l` (a few `indexOf` calls: cheaper than the regex it gates). */
function atLeast(l: string, sub: string, n: number): boolean {
  let at = -1;
  for (let k = 0; k < n; k++) if ((at = l.indexOf(sub, at + 1)) < 0) return false;
  return true;
}

/** The other layouts (numbered, dashed, piped, JSON-escaped): each behind the literal it must hold. */
export const MNEMONIC_LAYOUT_RULE: Rule = {
  // literals led by a rare character or a digit (a blank-led one would cost the prefilter a stop at every blank);
  // a tight numbered list (`1.abandon 2.ability`) by a test the batch sweeps once
  needs: { lits: ['2. ', '2) ', '2: ', '- ', ' | ', '\\t', '\\n', '\\"'], test: TIGHT_NUMBERED_RE },
  gate: (l) =>
    ((NUMBER_LITS.some((n) => l.includes(n)) || TIGHT_NUMBERED_RE.test(l)) && NUMBERED_RUN_GATE.test(l)) ||
    ((atLeast(l, ' - ', 10) || atLeast(l, ' | ', 10)) && DASHED_RUN_GATE.test(l)) ||
    ((atLeast(l, '\\t', 10) || atLeast(l, '\\n', 10) || atLeast(l, '\\"', 10)) && ESCAPED_RUN_GATE.test(l)),
  re: WIDE_RUN_RE,
  handle: mnemonicsIn,
};

const MARKER_RE = /\[REDACTED:[a-z0-9-]+\]/g;

/** 64 hex digits standing alone (`\b`, not a lookbehind: twice as fast to scan for). */
export const HEX_KEY_RE = /\b[0-9a-fA-F]{64}\b/g;
/** The same after 0x (an Ethereum-style key, or a public hash). */
export const HEX_0X_KEY_RE = /(?<![\w$])0x[0-9a-fA-F]{64}(?![\w])/g;
/** `echo <hex> > file`, `printf '%s' <hex>`, `… <hex> | cast wallet import`. */
const COMMAND_BEFORE_RE = /(?:^|[\s;&|(])(?:echo|printf)(?:[ \t]+-[neE]+)*(?:[ \t]+'%s[^']*')?[ \t]+["']?$/;
const COMMAND_AFTER_RE = /^["']?[ \t]*(?:>>?|\|)/;

function hexKey(eng: RuleHost, m: Match, line: string): HandlerResult {
  const end = m.index + m[0].length;
  const bare = !m[0].startsWith('0x');
  const before = line.slice(Math.max(0, m.index - 80), m.index);
  const km = KEY_BEFORE_VALUE_RE.exec(before);
  if (km) {
    const key = km[1] as string;
    if (PRIVATE_HINT_KEY_RE.test(key)) return [eng.mark('private-key'), end]; // a private label wins
    if (PUBLIC_HASH_KEY_RE.test(key)) return null;
  }
  if (COMMAND_BEFORE_RE.test(before) || COMMAND_AFTER_RE.test(line.slice(end, end + 8))) return [eng.mark('hex-secret'), end];
  // (the markers earlier passes put in the line are no evidence: `cup2key=[REDACTED:secret]`)
  const plain = line.includes('[REDACTED:') ? line.replace(MARKER_RE, ' ') : line;
  const publicLine = PUBLIC_HASH_LINE_RE.test(plain);
  const privateLine = PRIVATE_HINT_LINE_RE.test(plain);
  if (bare) return privateLine && !publicLine ? [eng.mark('private-key'), end] : null;
  if (publicLine && !privateLine) return null;
  return [eng.mark('hex-secret'), end];
}

/**
 * A bare 64-hex key is redacted only in a key or command context, so only lines with a
 * key-material word (seen by the keyed pass) or a command are scanned for one.
 */
export const HEX_KEY_RULE: Rule = {
  needs: { hints: true, lits: ['echo', 'printf'], minLength: 64 },
  gate: (l, hints) => l.length >= 64 && (hints.privateHint || l.includes('echo') || l.includes('printf')),
  re: HEX_KEY_RE,
  handle: hexKey,
};

export const HEX_0X_KEY_RULE: Rule = {
  needs: { lits: ['0x'] },
  gate: (l) => l.includes('0x'),
  re: HEX_0X_KEY_RE,
  handle: hexKey,
};
