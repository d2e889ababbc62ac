/**
 * Every literal of the rules' needs in one scanner (multi-literal.ts): the rules' literals,
 * the literal alternatives of their test regexes (read by literal-forms.ts) and of the
 * keyword regex the keyed pass starts from. What a regex holds besides literals stays a
 * (smaller) regex. Built once per prefilter, shared by the per-line and the batch paths.
 */
import { KEYWORD_RE } from './key-names.js';
import { literalForms } from './literal-forms.js';
import { HIT_CAPACITY, type LiteralSpec, MultiLiteral } from './multi-literal.js';

/** Up to this many plain literals are looked for one by one rather than by the scanner. */
const TAIL_MAX = 8;

function markTail(tail: ReadonlyArray<{ text: string; rules: number[] }>, line: string, flags: Uint8Array): boolean {
  let any = false;
  for (const t of tail) {
    if (!line.includes(t.text)) continue;
    for (const r of t.rules) flags[r] = 1;
    any = true;
  }
  return any;
}

/**
 * Per `from` (0 to `rules`), the plain literals of the rules from `from` on with those rules,
 * or null when there are more than TAIL_MAX of them or one is not plain (see `tails`). Walked
 * from the last rule down and stopped at the first null: the literal set only grows as `from`
 * falls, so every earlier entry is null too (a per-`from` filter of every literal cost ~13 ms
 * of each engine's start).
 */
function tailsOf(specs: readonly LiteralSpec[], acts: readonly Int32Array[], rules: number): Array<Array<{ text: string; rules: number[] }> | null> {
  const tails: Array<Array<{ text: string; rules: number[] }> | null> = new Array<null>(rules + 1).fill(null);
  // the last rule each literal wakes (-1: only the keyword flag or probes)
  const last = acts.map((a) => a.reduce((m, r) => (r < rules && r > m ? r : m), -1));
  for (let from = rules; from > 0; from--) {
    const tail: Array<{ text: string; rules: number[] }> = [];
    let plain = true;
    for (let id = 0; id < specs.length && plain && tail.length <= TAIL_MAX; id++) {
      if ((last[id] as number) < from) continue;
      const sp = specs[id] as LiteralSpec;
      plain = !sp.caseless && !sp.wordBefore && !sp.wordAfter;
      tail.push({ text: sp.text, rules: [...(acts[id] as Int32Array)].filter((r) => r >= from && r < rules) });
    }
    if (!plain || tail.length > TAIL_MAX) break;
    tails[from] = tail;
  }
  return tails;
}

export class NeedsScan {
  readonly scanner: MultiLiteral;
  /** Per scanner literal: the rules a hit wakes (`keyword`: the keyword flag). */
  readonly acts: Int32Array[];
  /** The test regexes' other alternatives, each for its rule (one rule may have none). */
  readonly restTests: Array<{ rule: number; re: RegExp }> = [];
  /** The keyword regex's other alternatives (null: none, the scanner holds it all). */
  readonly keywordRest: RegExp | null;
  /** The action that stands for the keyword flag (one past the last rule); probe p is `keyword + 1 + p`. */
  readonly keyword: number;
  /**
   * Per probe (a literal regex a per-line state tests first, see `LINE_PROBES` in engine.ts):
   * true when the scanner holds all of it, so a line without a hit of it cannot match it.
   */
  readonly probeExact: boolean[] = [];
  /**
   * Per `from`: when the rules from `from` on name only a few plain literals (as after a
   * late rule changed a line: the quotes of the quoted-blob rule), those literals and
   * their rules from `from` on, looked for with `includes`; null: the scanner.
   */
  private readonly tails: Array<Array<{ text: string; rules: number[] }> | null>;
  readonly hitStarts = new Int32Array(HIT_CAPACITY);
  readonly hitIds = new Int32Array(HIT_CAPACITY);

  constructor(
    owners: ReadonlyMap<string, readonly number[]>,
    tests: ReadonlyArray<{ rule: number; re: RegExp }>,
    rules: number,
    probes: readonly RegExp[] = [],
  ) {
    const specs: LiteralSpec[] = [];
    const acts: Int32Array[] = [];
    const add = (spec: LiteralSpec, rs: readonly number[]): void => {
      specs.push(spec);
      acts.push(Int32Array.from(rs));
    };
    for (const [lit, rs] of owners) add({ text: lit, caseless: false, wordBefore: false, wordAfter: false }, rs);
    for (const { rule, re } of tests) {
      const forms = literalForms(re);
      if (forms === null) {
        this.restTests.push({ rule, re });
        continue;
      }
      for (const spec of forms.lits) add(spec, [rule]);
      // no literal came out: the regex itself (the same alternatives, and what class-runs.ts was told of it)
      if (forms.rest !== null) this.restTests.push({ rule, re: forms.lits.length === 0 ? re : forms.rest });
    }
    this.keyword = rules;
    const kw = literalForms(KEYWORD_RE);
    if (kw === null) this.keywordRest = KEYWORD_RE;
    else {
      for (const spec of kw.lits) add(spec, [rules]);
      this.keywordRest = kw.rest;
    }
    probes.forEach((re, p) => {
      const forms = literalForms(re);
      this.probeExact.push(forms !== null && forms.rest === null);
      if (forms !== null && forms.rest === null) for (const spec of forms.lits) add(spec, [rules + 1 + p]);
    });
    this.scanner = new MultiLiteral(specs);
    this.acts = acts;
    this.tails = tailsOf(specs, acts, rules);
  }

  /**
   * The needs' literals in one line: sets `flags[r]` for each rule `r >= from` a hit wakes;
   * returns whether a literal of such a rule was found. (`scan`: always with the scanner,
   * for tests.)
   */
  markLine(line: string, from: number, flags: Uint8Array, scan = false): boolean {
    const tail = scan ? null : (this.tails[from] ?? null);
    if (tail !== null) return markTail(tail, line, flags);
    const { scanner, hitStarts, hitIds, acts, keyword } = this;
    let any = false;
    scanner.start(0);
    for (let h = scanner.scan(line, line.length, hitStarts, hitIds); h > 0; h = scanner.scan(line, line.length, hitStarts, hitIds)) {
      for (let j = 0; j < h; j++) {
        const act = acts[hitIds[j] as number] as Int32Array;
        for (let a = 0; a < act.length; a++) {
          const r = act[a] as number;
          if (r < from || r >= keyword) continue; // the keyword flag and the probes are the batch's only
          flags[r] = 1;
          any = true;
        }
      }
    }
    return any;
  }
}
