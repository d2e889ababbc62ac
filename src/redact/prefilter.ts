/**
 * The one cheap pass a line pays before any value-shape rule: which rules could match it
 * at all. It is built from the rules' own declared needs (`Rule.needs`), never written by
 * hand, so a new rule cannot be forgotten: a rule without needs is refused when the
 * engine is built, and a unit test checks over a corpus that each rule's gate passes only
 * where its needs do.
 *
 * Every literal the needs name (and the literal alternatives of their test regexes) is
 * looked for in one pass of one automaton (needs-scan.ts); the rest of the test regexes run
 * as regexes.
 */
import { NeedsScan } from './needs-scan.js';
import { type SpanRun, findSpanRun, spanRunOf } from './class-runs.js';
import type { LineHints, Rule } from './rules.js';

/** What a rule needs in a line before its gate and regex are worth running. */
export interface Needs {
  /** Literal substrings (case-sensitive): the rule can match only a line holding one. */
  lits?: readonly string[];
  /** The gate reads the keyed pass's hints: the rule may match when either hint is set. */
  hints?: true;
  /** A necessary condition no literal can state (a regex without the g/y flags). */
  test?: RegExp;
  /** The line must be at least this long (in addition to any of the above, or alone). */
  minLength?: number;
}

export class Prefilter {
  readonly minLength: Int32Array;
  readonly onlyLength: number[];
  /** The rules with a length floor (a few of the hundred: the floors' loop reads only these). */
  private readonly floored: number[];
  readonly hintRules: number[];
  readonly tests: Array<{ rule: number; re: RegExp }>;
  /** The last rule whose needs look at the text (not only at its length). */
  readonly lastScanned: number;
  /** Each literal of the rules' needs, and the rules that declare it. */
  readonly owners = new Map<string, number[]>();
  /** Every literal (and the test regexes' literal alternatives) in one scanner. */
  readonly scan: NeedsScan;
  /** Per `scan.restTests` entry, its skipping search when its regex declares one (class-runs.ts). */
  private readonly restSpans: Array<SpanRun | null>;

  /** `probes`: literal regexes per-line states test first (their hits are the batch's, see `BatchRows.lacks`). */
  constructor(rules: readonly Rule[], probes: readonly RegExp[] = []) {
    const owners = this.owners;
    this.minLength = new Int32Array(rules.length);
    this.onlyLength = [];
    this.hintRules = [];
    this.tests = [];
    rules.forEach((rule, i) => {
      const n = rule.needs;
      const lits = n.lits ?? [];
      if (lits.length === 0 && !n.hints && !n.test && n.minLength === undefined) {
        throw new Error(`redaction rule ${i} (${rule.re.source.slice(0, 40)}) declares no needs: the prefilter would never wake it`);
      }
      if (n.test && (n.test.global || n.test.sticky)) throw new Error(`redaction rule ${i}: needs.test must not be global or sticky`);
      for (const lit of lits) {
        if (lit === '' || lit.includes('\n')) throw new Error(`redaction rule ${i}: needs.lits holds an empty or multi-line literal`);
        owners.set(lit, [...(owners.get(lit) ?? []), i]);
      }
      this.minLength[i] = n.minLength ?? 0;
      if (n.hints) this.hintRules.push(i);
      if (n.test) this.tests.push({ rule: i, re: n.test });
      if (lits.length === 0 && !n.hints && !n.test) this.onlyLength.push(i);
    });
    let last = -1;
    rules.forEach((r, i) => {
      if ((r.needs.lits?.length ?? 0) > 0 || r.needs.hints || r.needs.test) last = i;
    });
    this.lastScanned = last;
    this.floored = [...this.minLength.keys()].filter((r) => (this.minLength[r] as number) > 0);
    this.scan = new NeedsScan(owners, this.tests, rules.length, probes);
    this.restSpans = this.scan.restTests.map((t) => spanRunOf(t.re));
  }

  /**
   * Sets `flags[i]` for each rule `i` whose needs `line` meets; returns whether it set
   * any. After a rule changed the line, calling it again on the new text (without
   * clearing) keeps the flags a superset of every gate that could pass.
   */
  mark(line: string, hints: LineHints, flags: Uint8Array): boolean {
    return this.markFrom(0, line, hints, flags);
  }

  /** `mark` for the rules from index `from` on only (the flags of earlier rules are left as they are). */
  private markFrom(from: number, line: string, hints: LineHints, flags: Uint8Array): boolean {
    let any = this.scan.markLine(line, from, flags);
    if (hints.privateHint || hints.tunnelHint) {
      for (const r of this.hintRules) if (r >= from) flags[r] = 1;
      any ||= this.hintRules.length > 0;
    }
    for (const r of this.onlyLength) {
      if (r < from) continue;
      flags[r] = 1;
      any = true;
    }
    const rest = this.scan.restTests;
    for (let j = 0; j < rest.length; j++) {
      const t = rest[j] as { rule: number; re: RegExp };
      if (t.rule < from || flags[t.rule] !== 0) continue;
      const span = this.restSpans[j] as SpanRun | null;
      if (span !== null ? findSpanRun(span, line, 0) >= 0 : t.re.test(line)) {
        flags[t.rule] = 1;
        any = true;
      }
    }
    // a length floor is a further condition on whatever else woke the rule
    const min = this.minLength;
    for (const r of this.floored) {
      if (r >= from && flags[r] === 1 && line.length < (min[r] as number)) flags[r] = 0;
    }
    return any;
  }

  /**
   * `mark` for a line whose hint-free flags were computed in a batch (`markLines`): copies
   * them into `flags`, adds the hint rules as `mark` would, and returns what `mark` returns.
   */
  fromRow(rows: Uint8Array, row: number, lineLength: number, rowAny: boolean, hints: LineHints, flags: Uint8Array): boolean {
    const n = flags.length;
    return this.fromRowView(rows.subarray(row * n, row * n + n), lineLength, rowAny, hints, flags);
  }

  /** `fromRow` given the row itself (a view BatchRows keeps per row: one native copy, where a loop of a hundred byte copies cost ~0.2 µs a line). */
  fromRowView(view: Uint8Array, lineLength: number, rowAny: boolean, hints: LineHints, flags: Uint8Array): boolean {
    flags.set(view);
    if (!(hints.privateHint || hints.tunnelHint)) return rowAny;
    for (const r of this.hintRules) flags[r] = lineLength >= (this.minLength[r] as number) ? 1 : 0;
    return rowAny || this.hintRules.length > 0;
  }

  /**
   * After rule `after` changed the line: the flags again, as `mark` would leave them. Past
   * the last rule that looks at the text only the length floors can change, so the new
   * line is not scanned again.
   */
  remark(after: number, line: string, hints: LineHints, flags: Uint8Array): void {
    if (after < this.lastScanned) {
      this.markFrom(after + 1, line, hints, flags); // the loop reads only later rules' flags
      return;
    }
    for (const r of this.onlyLength) flags[r] = line.length >= (this.minLength[r] as number) ? 1 : 0;
  }
}

const escapeRe = (x: string): string => x.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** An alternation of literals as a trie (`e(?:arer|cho)`); at each position it matches the longest. */
export function trieSource(words: readonly string[]): string {
  type Node = Map<string, Node | null>;
  const root: Node = new Map();
  for (const w of words) {
    let n = root;
    for (const ch of w) {
      let next = n.get(ch);
      if (!next) n.set(ch, (next = new Map()));
      n = next;
    }
    n.set('', null);
  }
  const emit = (n: Node): string => {
    const alts: string[] = [];
    let end = false;
    for (const [ch, child] of [...n].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (child === null) end = true;
      else alts.push(escapeRe(ch) + emit(child));
    }
    if (alts.length === 0) return '';
    if (alts.length === 1 && !end) return alts[0] as string;
    return `(?:${alts.join('|')}${end ? '|' : ''})`;
  };
  return emit(root);
}

const cache = new WeakMap<Rule, Prefilter>();

/** The prefilter for an engine's rule list (the per-engine path rule is the cache key: the rest is shared). */
export function prefilterFor(rules: readonly Rule[], key: Rule, probes: readonly RegExp[] = []): Prefilter {
  let pf = cache.get(key);
  if (!pf) {
    pf = new Prefilter(rules, probes);
    cache.set(key, pf);
  }
  return pf;
}

/**
 * The same regex with its top-level alternatives grouped by first letter
 * (`pass|pwd|priv` → `p(?:ass|wd|riv)`), order kept inside each group: V8 then tries one
 * group per position instead of every alternative, and each position matches exactly what
 * it matched before (alternatives with different first letters never match at the same
 * place). Left as it is unless every alternative starts with a plain letter.
 */
export function factorAlternation(re: RegExp): RegExp {
  const alts = topLevelAlternatives(re.source);
  if (alts === null || !alts.every((a) => /^[A-Za-z]/.test(a) && a.length > 1)) return re;
  const fold = re.ignoreCase ? (c: string) => c.toLowerCase() : (c: string) => c;
  const groups = new Map<string, string[]>();
  for (const a of alts) {
    const k = fold(a[0] as string);
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const source = [...groups.values()].map((g) => (g.length === 1 ? g[0] : `${(g[0] as string)[0]}(?:${g.map((a) => a.slice(1)).join('|')})`)).join('|');
  return new RegExp(source, re.flags);
}

/** The top-level `|` alternatives of a regex source, or null when it has groups or classes. */
function topLevelAlternatives(source: string): string[] | null {
  if (/[()[\]]/.test(source.replace(/\\./g, ''))) return null;
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '\\') {
      cur += ch + (source[++i] ?? '');
      continue;
    }
    if (ch === '|') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}
