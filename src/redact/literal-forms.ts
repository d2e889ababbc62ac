/**
 * A regex's literal part, read from its source: the alternatives that are plain literals
 * (possibly grouped as a trie, `a(?:b|c)`, with optional characters `_?` and a `\b` at their
 * start or end) become literals for the one-pass scanner (multi-literal.ts); whatever else
 * the regex holds stays a smaller regex. A line holds a match of the regex exactly when it
 * holds a hit of one of the literals (with its conditions) or a match of the rest.
 */
import type { LiteralSpec } from './multi-literal.js';

type Node =
  | { kind: 'char'; ch: string; src: string }
  | { kind: 'edge'; src: string } // \b
  | { kind: 'group'; alts: Node[][]; src: string }
  | { kind: 'opt'; of: Node; src: string }
  | { kind: 'other'; src: string };

/** What a regex splits into: literals, and the regex of the alternatives that are not (null: none). */
export interface LiteralForms {
  lits: LiteralSpec[];
  rest: RegExp | null;
}

/** Expansions of one alternative past this many are left to the regex. */
const MAX_EXPANSIONS = 64;

/** A regex's literal alternatives and the rest; null when the regex has a flag the scanner cannot honour. */
export function literalForms(re: RegExp): LiteralForms | null {
  const flags = re.flags.replace(/[gyd]/g, '');
  if (flags !== '' && flags !== 'i') return null;
  // rebuilding the rest from its alternatives would renumber capture groups
  if (/\\[1-9]|\\k<|\((?!\?)|\(\?<[A-Za-z]/.test(re.source.replace(/\\\\|\\\(|\[(?:[^\]\\]|\\.)*\]/g, ''))) return null;
  let alts: Node[][];
  try {
    alts = parseAlts(re.source, { i: 0 }, false);
  } catch {
    return null;
  }
  const lits: LiteralSpec[] = [];
  const rest: string[] = [];
  for (const alt of distribute(alts)) {
    const forms = expand(alt);
    // an empty match, a line break, or (with `i`) a non-ASCII letter the scanner would not fold: left to the regex
    const plain = forms?.every((f) => f.text !== '' && !/[\n\r]/.test(f.text) && (flags === '' || !/[^\x00-\x7f]/.test(f.text)));
    if (forms === null || !plain) rest.push(alt.map((n) => n.src).join(''));
    else for (const f of forms) lits.push({ text: f.text, caseless: flags === 'i', wordBefore: f.before, wordAfter: f.after });
  }
  return { lits, rest: rest.length === 0 ? null : new RegExp(rest.join('|'), flags) };
}

/** `\b(?:A|B)` → `\bA`, `\bB`: a top-level alternative ending in a group is split into one per branch. */
function distribute(alts: Node[][], prefix: Node[] = [], out: Node[][] = []): Node[][] {
  for (const alt of alts) {
    const last = alt[alt.length - 1];
    let plain = true;
    for (let k = 0; k < alt.length - 1 && plain; k++) plain = (alt[k] as Node).kind === 'edge' || (alt[k] as Node).kind === 'char';
    if (last?.kind === 'group' && plain) distribute(last.alts, prefix.concat(alt.slice(0, -1)), out);
    else out.push(prefix.length === 0 ? alt : prefix.concat(alt));
  }
  return out;
}

interface Form {
  text: string;
  before: boolean;
  after: boolean;
}

/** Every string one alternative matches, with its boundary conditions; null when it is not a finite literal set. */
function expand(seq: readonly Node[]): Form[] | null {
  let forms: Form[] = [{ text: '', before: false, after: false }];
  for (const node of seq) {
    if (node.kind === 'char' && forms.length === 1) {
      // the common case, a plain character: no new forms
      const f = forms[0] as Form;
      if (f.after && f.text !== '') return null;
      forms = [{ text: f.text + node.ch, before: f.before || f.after, after: false }];
      continue;
    }
    const parts = expandNode(node);
    if (parts === null) return null;
    const next: Form[] = [];
    for (const a of forms) {
      for (const b of parts) {
        const f = concat(a, b);
        if (f === null) return null; // a `\b` inside a literal
        next.push(f);
      }
    }
    if (next.length > MAX_EXPANSIONS) return null;
    forms = next;
  }
  return forms;
}

/** `a` then `b`, or null when one of their boundaries falls inside the result. */
function concat(a: Form, b: Form): Form | null {
  const total = a.text.length + b.text.length;
  const at: number[] = [];
  if (a.before) at.push(0);
  if (a.after) at.push(a.text.length);
  if (b.before) at.push(a.text.length);
  if (b.after) at.push(total);
  if (at.some((p) => p !== 0 && p !== total)) return null;
  return { text: a.text + b.text, before: at.includes(0), after: at.includes(total) };
}

function expandNode(node: Node): Form[] | null {
  switch (node.kind) {
    case 'char':
      return [{ text: node.ch, before: false, after: false }];
    case 'edge':
      return [{ text: '', before: true, after: true }];
    case 'opt': {
      const inner = expandNode(node.of);
      return inner === null ? null : [...inner, { text: '', before: false, after: false }];
    }
    case 'group': {
      const out: Form[] = [];
      for (const alt of node.alts) {
        const f = expand(alt);
        if (f === null) return null;
        out.push(...f);
      }
      return out;
    }
    default:
      return null;
  }
}

const META = new Set([...'.^$*+?()[]{}|\\/']);

/** The alternatives up to the end (or, in a group, up to its `)`). */
function parseAlts(src: string, at: { i: number }, inGroup: boolean): Node[][] {
  const alts: Node[][] = [[]];
  while (at.i < src.length) {
    const ch = src[at.i] as string;
    if (ch === ')') {
      if (!inGroup) throw new Error('unbalanced');
      at.i++;
      return alts;
    }
    if (ch === '|') {
      alts.push([]);
      at.i++;
      continue;
    }
    const start = at.i;
    let node: Node;
    if (ch === '(') {
      if (src.startsWith('(?:', at.i)) {
        at.i += 3;
        node = { kind: 'group', alts: parseAlts(src, at, true), src: '' };
      } else {
        node = { kind: 'other', src: '' };
        skipGroup(src, at);
      }
    } else if (ch === '\\') {
      const e = src[at.i + 1] ?? '';
      at.i += 2;
      if (e === 'b') node = { kind: 'edge', src: '' };
      else if (e === 't') node = { kind: 'char', ch: '\t', src: '' };
      else if (META.has(e) || e === '-') node = { kind: 'char', ch: e, src: '' };
      else node = { kind: 'other', src: '' };
    } else if (ch === '[') {
      skipClass(src, at);
      node = { kind: 'other', src: '' };
    } else if (META.has(ch)) {
      at.i++;
      node = { kind: 'other', src: '' };
    } else {
      at.i++;
      node = { kind: 'char', ch, src: '' };
    }
    node.src = src.slice(start, at.i);
    // a quantifier: `?` (greedy) keeps a finite set; anything else is left to the regex
    const q = src[at.i];
    if (q === '?' && src[at.i + 1] !== '?' && node.kind !== 'edge') {
      at.i++;
      node = { kind: 'opt', of: node, src: src.slice(start, at.i) };
    } else if (q === '*' || q === '+' || q === '?' || (q === '{' && /^\{\d+(?:,\d*)?\}/.test(src.slice(at.i)))) {
      at.i = q === '{' ? src.indexOf('}', at.i) + 1 : at.i + 1;
      if (src[at.i] === '?') at.i++; // lazy
      node = { kind: 'other', src: src.slice(start, at.i) };
    }
    (alts[alts.length - 1] as Node[]).push(node);
  }
  if (inGroup) throw new Error('unbalanced');
  return alts;
}

/** Past a `[…]` class. */
function skipClass(src: string, at: { i: number }): void {
  at.i++;
  while (at.i < src.length && src[at.i] !== ']') at.i += src[at.i] === '\\' ? 2 : 1;
  if (at.i >= src.length) throw new Error('unbalanced');
  at.i++;
}

/** Past a group the scanner does not read (a lookaround, a capture). */
function skipGroup(src: string, at: { i: number }): void {
  let depth = 0;
  while (at.i < src.length) {
    const ch = src[at.i];
    if (ch === '\\') at.i += 2;
    else if (ch === '[') skipClass(src, at);
    else {
      at.i++;
      if (ch === '(') depth++;
      else if (ch === ')' && --depth === 0) return;
    }
  }
  throw new Error('unbalanced');
}
