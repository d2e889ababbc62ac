/**
 * The prefilter over many lines at once (the stream's fast path). `Prefilter.mark` pays, on
 * every line, a `indexOf` per anchor and a call per regex: on real logs that per-line
 * overhead cost more than the scanning itself. Here each anchor, literal and regex is looked
 * for once over a batch of lines (one text, the lines at known offsets), remembering its
 * next hit, so the work is one sweep per need, whatever the number of lines.
 *
 * The flags are exactly `mark`'s with no hints (a pure function of the line's text): a need
 * is swept over the batch only when no match can span or see past a line end (literals
 * hold no line break; `chunkSafe` regexes cannot match one and read no `^`/`$`), so a match
 * found in the batch lies in one line and a line's matches are the ones `mark` finds.
 * `test/unit/redact-batch.test.js` checks the equality on random and corpus lines.
 */
import type { Prefilter } from './prefilter.js';
import type { LineHints } from './rules.js';
import type { LiteralSpec } from './multi-literal.js';
import type { NeedsScan } from './needs-scan.js';
import { type ClassRun, type SpanRun, classRunOf, findClassRun, findSpanRun, spanRunOf } from './class-runs.js';

/** The end (index of its `]`) of the character class opening at `from`, or -1. */
function classEnd(src: string, from: number): number {
  let j = from + 1;
  if (src[j] === '^') j++;
  for (; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === ']') return j;
  }
  return -1;
}

/** True when a regex run over several lines joined by '\n' finds, in each line, a match exactly where it finds one in the line alone. */
export function chunkSafe(re: RegExp): boolean {
  if (re.multiline || re.dotAll || re.unicode || re.flags.includes('v')) return false;
  const src = re.source;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false; // a raw control or non-ASCII character
    const ch = src[i] as string;
    if (ch === '\\') {
      const e = src[++i] ?? '';
      // \d \w \b \t cannot match a line break; every other letter or digit escape might (or is a back-reference)
      if (/[A-Za-z0-9]/.test(e) && !'dwbt'.includes(e)) return false;
      continue;
    }
    if (ch === '[') {
      // a class is safe when it matches neither line break ('\r' ends a CRLF line in the batch): asked of the class itself
      const end = classEnd(src, i);
      if (end < 0) return false;
      const cls = new RegExp(src.slice(i, end + 1), re.ignoreCase ? 'i' : '');
      if (cls.test('\n') || cls.test('\r')) return false;
      i = end;
    } else if (ch === '.' || ch === '^' || ch === '$') return false;
  }
  return true;
}

/** `[…]$` with no flags: the test reads only the line's last character. */
const LAST_CHAR_RE = /^\[(?:[^\]\\]|\\.)*\]\$$/;

interface Sweep {
  rule: number;
  /** A global copy of the test regex, or null when it must run line by line. */
  re: RegExp | null;
  /** For `[…]$` tests: which last characters (below 128) pass; -1 not known yet. */
  last: Int8Array | null;
  /** For `[A][B]{k}` tests: the skipping search that stands for the swept regex. */
  run: ClassRun | null;
  /** For needs declared `spanOnly`: the skipping search that stands for the swept regex. */
  span: SpanRun | null;
  /** The need is `[^\x00-\x7f]` alone: an all-ASCII text holds no match (see `asciiOnly`). */
  nonAscii: boolean;
  test: RegExp;
}

/** The whole of a need that looks for any non-ASCII character. */
const NON_ASCII_SOURCE = '[^\\x00-\\x7f]';

/**
 * Whether every character of `text` is ASCII: its UTF-8 length is then its length (counted
 * natively, ~15x faster than the regex sweep that finds nothing in a plain log's batch).
 */
function asciiOnly(text: string): boolean {
  return Buffer.byteLength(text, 'utf8') === text.length;
}

/** A test regex (its literal alternatives gone to the scanner) as a sweep. */
function sweepOf(rule: number, re: RegExp): Sweep {
  const lastChar = re.flags === '' && LAST_CHAR_RE.test(re.source);
  const swept = !lastChar && chunkSafe(re);
  return {
    rule,
    test: re,
    re: swept ? new RegExp(re.source, re.flags + 'g') : null,
    last: lastChar ? new Int8Array(128).fill(-1) : null,
    run: swept ? classRunOf(re) : null,
    span: swept ? spanRunOf(re) : null,
    nonAscii: swept && re.flags === '' && re.source === NON_ASCII_SOURCE,
  };
}

/** Marks lines of one text in a batch for one prefilter (built once per prefilter). */
export class BatchMarker {
  private readonly sweeps: Sweep[];
  private readonly scan: NeedsScan;
  /** The keyword regex's alternatives the scanner does not hold, swept (null: none). */
  private readonly keywordRest: RegExp | null;
  private readonly minRules: number[];
  /** Per scanner literal, the last line it woke its rules for (a hit again there changes nothing). */
  private readonly lastLine: Int32Array;
  /** The keyword flags of the last `mark`'s lines. */
  private keywordHits = new Uint8Array(0);
  /** The probes' hits of the last `mark`'s lines (line k, probe p at `k * probes + p`). */
  private probeHits = new Uint8Array(0);
  readonly probes: number;
  /** The last text `asciiText` read, and whether it was all ASCII. */
  private lastText: string | null = null;
  private lastAscii = false;
  /** False when some literal holds a '\r': the batch path is then not used. */
  readonly usable: boolean;

  constructor(private readonly pf: Prefilter) {
    this.scan = pf.scan;
    this.sweeps = pf.scan.restTests.map(({ rule, re }) => sweepOf(rule, re));
    const kw = pf.scan.keywordRest;
    this.keywordRest = kw === null ? null : new RegExp(kw.source, kw.flags.replace(/[gy]/g, '') + 'g');
    this.lastLine = new Int32Array(pf.scan.acts.length);
    this.minRules = [...pf.minLength.keys()].filter((r) => (pf.minLength[r] as number) > 0);
    this.usable = ![...pf.owners.keys()].some((l) => l.includes('\r'));
    this.probes = pf.scan.probeExact.length;
  }

  /** The literals the scanner looks for (for tests: every one of them is planted in lines). */
  get literals(): readonly LiteralSpec[] {
    return this.scan.scanner.specs;
  }

  /**
   * Line k is `text[starts[k], ends[k])` (no '\n' in it; the lines in increasing order): its
   * flags, as `mark(line, no hints)` leaves them, go to `rows[k * R, (k + 1) * R)` (R the
   * number of rules) and what `mark` returns to `any[k]`.
   */
  mark(text: string, starts: Int32Array, ends: Int32Array, n: number, rows: Uint8Array, any: Uint8Array): void {
    const R = this.pf.minLength.length;
    rows.fill(0, 0, n * R);
    any.fill(0, 0, n);
    if (this.keywordHits.length < n) this.keywordHits = new Uint8Array(n);
    this.keywordHits.fill(0, 0, n);
    if (this.probeHits.length < n * this.probes) this.probeHits = new Uint8Array(n * this.probes);
    this.probeHits.fill(0, 0, n * this.probes);
    if (n === 0) return;
    this.markScan(text, starts, ends, n, rows, any, R);
    for (const sw of this.sweeps) this.markTest(sw, text, starts, ends, n, rows, any, R);
    const only = this.pf.onlyLength;
    const min = this.pf.minLength;
    for (let k = 0; k < n; k++) {
      const base = k * R;
      if (only.length > 0) {
        for (const r of only) rows[base + r] = 1;
        any[k] = 1;
      }
      const len = (ends[k] as number) - (starts[k] as number);
      for (const r of this.minRules) if (len < (min[r] as number)) rows[base + r] = 0;
    }
  }

  /** All the literals in one scan of the batch: each hit wakes its rules (or the keyword flag) on its line. */
  private markScan(text: string, starts: Int32Array, ends: Int32Array, n: number, rows: Uint8Array, any: Uint8Array, R: number): void {
    const { lastLine, keywordHits, probeHits, probes } = this;
    const { scanner, hitStarts, hitIds, acts, keyword } = this.scan;
    lastLine.fill(-1);
    scanner.start(starts[0] as number);
    const hi = ends[n - 1] as number;
    let k = 0;
    for (let h = scanner.scan(text, hi, hitStarts, hitIds); h > 0; h = scanner.scan(text, hi, hitStarts, hitIds)) {
      for (let j = 0; j < h; j++) {
        const st = hitStarts[j] as number;
        const id = hitIds[j] as number;
        while ((ends[k] as number) <= st) k++; // no literal holds a line break: the hit lies in line k
        if (lastLine[id] === k || st < (starts[k] as number)) continue;
        lastLine[id] = k;
        const act = acts[id] as Int32Array;
        const base = k * R;
        for (let a = 0; a < act.length; a++) {
          const r = act[a] as number;
          if (r === keyword) keywordHits[k] = 1;
          else if (r > keyword) probeHits[k * probes + r - keyword - 1] = 1;
          else {
            rows[base + r] = 1;
            any[k] = 1;
          }
        }
      }
    }
  }

  /** One `needs.test`: swept once (its next match remembered), by the last character, or line by line. */
  private markTest(sw: Sweep, text: string, starts: Int32Array, ends: Int32Array, n: number, rows: Uint8Array, any: Uint8Array, R: number): void {
    if (sw.nonAscii && this.asciiText(text)) return; // no line of the batch holds a match
    let at = -1;
    let atEnd = -1;
    for (let k = 0; k < n; k++) {
      const base = k * R;
      if (rows[base + sw.rule] === 1) continue; // `mark` runs a test only for a rule not woken yet
      const s0 = starts[k] as number;
      const e0 = ends[k] as number;
      let hit: boolean;
      if (sw.span !== null) {
        if (at < s0) {
          const m = findSpanRun(sw.span, text, s0);
          at = m < 0 ? text.length + 1 : m;
          atEnd = m < 0 ? at : m + sw.span.lastLength;
        }
        hit = atEnd <= e0;
      } else if (sw.run !== null) {
        if (at < s0) {
          const m = findClassRun(sw.run, text, s0);
          at = m < 0 ? text.length + 1 : m;
          atEnd = m < 0 ? at : m + sw.run.length;
        }
        hit = atEnd <= e0;
      } else if (sw.re !== null) {
        if (at < s0) {
          sw.re.lastIndex = s0;
          const m = sw.re.exec(text);
          at = m === null ? text.length + 1 : m.index;
          atEnd = m === null ? at : at + m[0].length;
        }
        hit = atEnd <= e0;
      } else if (sw.last !== null) {
        hit = e0 > s0 && this.lastCharPasses(sw, text, e0 - 1);
      } else hit = sw.test.test(text.slice(s0, e0));
      if (hit) {
        rows[base + sw.rule] = 1;
        any[k] = 1;
      }
    }
  }

  private lastCharPasses(sw: Sweep, text: string, i: number): boolean {
    const c = text.charCodeAt(i);
    const table = sw.last as Int8Array;
    if (c >= 128) return sw.test.test(text[i] as string);
    if (table[c] === -1) table[c] = sw.test.test(text[i] as string) ? 1 : 0;
    return table[c] === 1;
  }

  /** `asciiOnly(text)`, remembered for the last text (the batches of one chunk share it). */
  private asciiText(text: string): boolean {
    if (text !== this.lastText) {
      this.lastText = text;
      this.lastAscii = asciiOnly(text);
    }
    return this.lastAscii;
  }

  /** The probes' hits of the `mark` just run (line k, probe p at `k * probes + p`) into `has`. */
  probeRows(n: number, has: Uint8Array): void {
    has.set(this.probeHits.subarray(0, n * this.probes));
  }

  /**
   * has[k] = 1 when line k holds a keyword match (what the keyed pass looks for first): the
   * scanner's keyword hits of the `mark` just run on the same batch, and a sweep of the
   * keyword regex's other alternatives, if any (its next match remembered).
   */
  keywords(text: string, starts: Int32Array, ends: Int32Array, n: number, has: Uint8Array): void {
    has.set(this.keywordHits.subarray(0, n));
    const re = this.keywordRest;
    if (re === null) return;
    if (!chunkSafe(re)) {
      has.fill(1, 0, n); // the keyed pass then runs its own scan on every line
      return;
    }
    let at = -1;
    let atEnd = -1;
    for (let k = 0; k < n; k++) {
      const s0 = starts[k] as number;
      if (at < s0) {
        re.lastIndex = s0;
        const m = re.exec(text);
        at = m === null ? text.length + 1 : m.index;
        atEnd = m === null ? at : at + m[0].length;
      }
      if (atEnd <= (ends[k] as number)) has[k] = 1;
    }
  }
}

const markers = new WeakMap<Prefilter, BatchMarker | null>();
/** Batches that go line by line after one whose rows were mostly unused. */
const SKIP_BATCHES = 8;

/**
 * One engine's batch rows, and which line the engine is on. A row is used only for a text
 * equal to its line's (a row is a pure function of the text, so any equal text may use it).
 */
export class BatchRows {
  private rows = new Uint8Array(0);
  /** Row k of `rows` as a view, made on first use and kept while `rows` is (see `flags`). */
  private views: Uint8Array[] = [];
  private any = new Uint8Array(0);
  private keyword = new Uint8Array(0);
  private probe = new Uint8Array(0);
  /** The line (as read) of row `row`, and its text: the same string, or the one cut from its '\r'. */
  private raw: string | null = null;
  private text: string | null = null;
  private row = -1;
  /** Rows of the last batch, and how many of them were used; batches still to go line by line. */
  private lines = 0;
  private used = 0;
  private skip = 0;

  private constructor(
    private readonly pf: Prefilter,
    private readonly marker: BatchMarker,
  ) {}

  /** The rows for a prefilter; null when its literals cannot be swept over several lines. */
  static for(pf: Prefilter): BatchRows | null {
    let m = markers.get(pf);
    if (m === undefined) {
      m = new BatchMarker(pf);
      if (!m.usable) m = null;
      markers.set(pf, m);
    }
    return m === null ? null : new BatchRows(pf, m);
  }

  mark(text: string, starts: Int32Array, ends: Int32Array, n: number): boolean {
    // where many lines change before the prefilter (a secret-dense log) the rows go unused and the
    // sweeps are extra work: then the next batches go line by line, and the batch path is tried again later
    if (this.skip > 0) {
      this.skip--;
      return false;
    }
    if (this.used * 3 < this.lines * 2) this.skip = SKIP_BATCHES;
    this.used = 0;
    this.lines = n;
    if (this.skip > 0) return false;
    if (this.any.length < n) {
      this.rows = new Uint8Array(n * this.pf.minLength.length);
      this.views = [];
      this.any = new Uint8Array(n);
      this.keyword = new Uint8Array(n);
      this.probe = new Uint8Array(n * this.marker.probes);
    }
    this.marker.mark(text, starts, ends, n, this.rows, this.any);
    this.marker.keywords(text, starts, ends, n, this.keyword);
    this.marker.probeRows(n, this.probe);
    return true;
  }

  /** The engine starts on line k of the batch; `length`: its text's. */
  enter(raw: string, k: number, length: number): void {
    this.raw = raw;
    this.text = length === raw.length ? raw : null;
    this.row = k;
  }

  leave(): void {
    this.raw = null;
    this.text = null;
    this.row = -1;
  }

  /** The engine cut the final '\r' from `raw`: if it is the batch's line, `text` is its row's text. */
  cutReturn(raw: string, text: string): void {
    if (this.text === null && this.raw !== null && raw === this.raw) this.text = text;
  }

  /** The row for `text`, or -1. */
  rowFor(text: string): number {
    return this.text !== null && text === this.text ? this.row : -1;
  }

  /**
   * True when `text` is the current line's and holds no literal of probe `p` (so the probe's
   * regex cannot match it); false when not known.
   */
  lacks(text: string, p: number): boolean {
    return this.text !== null && text === this.text && this.pf.scan.probeExact[p] === true && this.probe[this.row * this.marker.probes + p] === 0;
  }

  hasKeyword(row: number): boolean {
    return this.keyword[row] === 1;
  }

  /** `Prefilter.mark(text of row, hints, flags)`. */
  flags(row: number, length: number, hints: LineHints, flags: Uint8Array): boolean {
    this.used++;
    const R = flags.length;
    const view = this.views[row] ?? (this.views[row] = this.rows.subarray(row * R, row * R + R));
    return this.pf.fromRowView(view, length, this.any[row] === 1, hints, flags);
  }
}
