// A small seeded generator of strings matching a regular expression (our own code).
// It knows the subset used by token shapes: literals, escapes (\d \w \s \. …), classes with
// ranges and negation, POSIX classes, groups, alternation, ? * + {n} {n,} {n,m}, (?i) flags.
// Unbounded repeats (* + {n,}) are capped at a few extra repetitions.
import { mulberry32 } from '../../helpers/prng.js';

/** The fixtures are reproducible from their seed. */
export const makeRng = mulberry32;

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const WORD = DIGITS + LOWER + UPPER + '_';
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const POSIX = {
  alnum: DIGITS + LOWER + UPPER,
  alpha: LOWER + UPPER,
  digit: DIGITS,
  xdigit: DIGITS + 'abcdefABCDEF',
  upper: UPPER,
  lower: LOWER,
  space: ' ',
  punct: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  word: WORD,
};

function escapeSet(c) {
  switch (c) {
    case 'd':
      return DIGITS;
    case 'w':
      return WORD;
    case 's':
      return ' ';
    case 'D':
      return LOWER + UPPER;
    case 'W':
      return '-.';
    case 'S':
      return WORD;
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    default:
      return null;
  }
}

/** Parse into a tiny AST: {alt:[seq]}, seq = [{atom, min, max}], atom = {set}|{group}. */
export function parseRegex(src) {
  let i = 0;
  function parseAlt() {
    const alts = [parseSeq()];
    while (src[i] === '|') {
      i++;
      alts.push(parseSeq());
    }
    return { alt: alts };
  }
  function parseSeq() {
    const seq = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const atom = parseAtom();
      if (atom === null) continue;
      const [min, max] = parseQuant();
      seq.push({ atom, min, max });
    }
    return seq;
  }
  function parseQuant() {
    let min = 1,
      max = 1;
    const c = src[i];
    if (c === '?') {
      min = 0;
      max = 1;
      i++;
    } else if (c === '*') {
      min = 0;
      max = 3;
      i++;
    } else if (c === '+') {
      min = 1;
      max = 4;
      i++;
    } else if (c === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i));
      if (m && (m[1] || m[3])) {
        min = m[1] ? Number(m[1]) : 0;
        max = m[2] ? (m[3] ? Number(m[3]) : min + 3) : min;
        i += m[0].length;
      } else return [1, 1];
    } else return [1, 1];
    if (src[i] === '?' || src[i] === '+') i++; // lazy / possessive
    return [min, max];
  }
  function parseAtom() {
    const c = src[i];
    if (c === '(') {
      i++;
      if (src[i] === '?') {
        const flags = /^\?([a-zA-Z-]*)(:|\))/.exec(src.slice(i));
        const named = /^\?P?<[^>]+>/.exec(src.slice(i));
        if (named) i += named[0].length;
        else if (flags) {
          i += flags[0].length;
          if (flags[2] === ')') return null; // (?i) – flags only, nothing to emit
        } else i += 2; // (?= (?! etc.: generate the group body anyway
      }
      const inner = parseAlt();
      if (src[i] === ')') i++;
      return { group: inner };
    }
    if (c === '[') return parseClass();
    if (c === '\\') {
      const e = src[i + 1];
      i += 2;
      if (e === 'b' || e === 'B' || e === 'A' || e === 'z' || e === 'Z') return null;
      if (e === 'x') {
        const m = /^\{?([0-9a-fA-F]{2})\}?/.exec(src.slice(i));
        i += m[0].length;
        return { set: String.fromCharCode(parseInt(m[1], 16)) };
      }
      return { set: escapeSet(e) ?? e };
    }
    i++;
    if (c === '^' || c === '$') return null;
    if (c === '.') return { set: WORD };
    return { set: c };
  }
  function parseClass() {
    i++;
    let negate = false;
    if (src[i] === '^') {
      negate = true;
      i++;
    }
    let chars = '';
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      if (posix) {
        chars += POSIX[posix[2]] ?? '';
        i += posix[0].length;
        continue;
      }
      let ch;
      if (src[i] === '\\') {
        const e = src[i + 1];
        i += 2;
        if (e === 'x') {
          const m = /^\{?([0-9a-fA-F]{2})\}?/.exec(src.slice(i));
          i += m[0].length;
          ch = String.fromCharCode(parseInt(m[1], 16));
        } else {
          const set = escapeSet(e);
          if (set !== null && set.length > 1) {
            chars += set;
            continue;
          }
          ch = set ?? e;
        }
      } else ch = src[i++];
      if (src[i] === '-' && src[i + 1] !== ']' && src[i + 1] !== undefined) {
        i++;
        let end = src[i++];
        if (end === '\\') end = src[i++];
        for (let k = ch.charCodeAt(0); k <= end.charCodeAt(0); k++) chars += String.fromCharCode(k);
      } else chars += ch;
    }
    i++; // ]
    if (negate) chars = [...PRINTABLE].filter((ch) => !chars.includes(ch) && ch !== ' ').join('');
    return { set: [...new Set(chars)].join('') };
  }
  const ast = parseAlt();
  if (i < src.length) throw new Error(`unparsed regex tail at ${i}: ${src.slice(i, i + 20)}`);
  return ast;
}

/** Generate one string matching `src` with the given rng. */
export function generate(src, rng) {
  const pick = (n) => Math.floor(rng() * n);
  function gen(node) {
    if (node.alt) return genSeq(node.alt[pick(node.alt.length)]);
    if (node.group) return gen(node.group);
    return node.set.length ? node.set[pick(node.set.length)] : '';
  }
  function genSeq(seq) {
    let out = '';
    for (const { atom, min, max } of seq) {
      const n = min + pick(max - min + 1);
      for (let k = 0; k < n; k++) out += gen(atom);
    }
    return out;
  }
  return gen(parseRegex(src));
}
