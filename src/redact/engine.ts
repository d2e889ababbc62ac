import { homedir } from 'node:os';
import { CR, isBlank, skipBlanks } from './chars.js';
import { redactKeyed, scanBalanced, type ContainerState, type KeyedHost } from './keyed.js';
import { PEM_BEGIN, PEM_INLINE_RE, pemCategory } from './patterns.js';
import { isPlaceholderPem } from './stand-ins.js';
import { pemStart } from './pem.js';
import { type PemHost, PemReader } from './pem-reader.js';
import { CredentialFileState } from './credential-files.js';
import { PPK_BODY_RE, markNamedValue, namedValueLine, ppkPrivateLines } from './config-forms.js';
import { type Prefilter, prefilterFor } from './prefilter.js';
import { BatchRows } from './batch-marks.js';
import { Pseudonymizer } from './pseudonyms.js';
import { StructuredState } from './structured.js';
import { SectionState } from './sections.js';
import { redactEncodedRuns } from './url-encoded.js';
import { HeredocState, hasEscapedBreak, redactAddingMarker, redactEscapedLines } from './dump-lines.js';
import { HeldWords, wordLineIds } from './word-lines.js';
import { CarriedSecret, type CarryHost } from './carry.js';
import { RecentSecrets } from './repeats.js';
import { overlongCut } from './overlong.js';
import { NextLineState } from './next-line.js';
import { LINE_PROBES, PROBE_ANNOUNCE, PROBE_WATCH } from './line-probes.js';
import { RULES, PATH_RULE_INDEX, defaultConfigHome, pathRule, type LineHints, type Rule, type RuleHost } from './rules.js';

export type RedactCounts = Record<string, number>;

export interface RedactOptions {
  /** Share one across files to keep pseudonyms consistent (a support bundle). */
  pseudonymizer?: Pseudonymizer;
  /** The OS home folder whose paths are pseudonymised (default `os.homedir()`). */
  homeDir?: string;
  /** The b3iq config home whose paths are pseudonymised (default `B3IQ_HOME` or `~/.config/b3iq`). */
  configHome?: string;
}

/** Longest line processed as a whole (UTF-16 code units). Beyond it, see `overlongHead`. */
export const MAX_LINE = 1 << 20;
/** Lines a multi-line state (PEM, YAML block, JSON container) may swallow before giving up. */
const MAX_STATE_LINES = 100_000;

const marker = (cat: string): string => `[REDACTED:${cat}]`;

/** Released held lines, then the current line's output (null: nothing at all). */
function joinLines(before: string[], r: string | null): string | null {
  if (before.length === 0) return r;
  const head = before.join('\n');
  return r === null ? head : head + '\n' + r;
}

/**
 * The line-oriented redaction engine. Feed it lines (without their '\n') in order;
 * it keeps the little state multi-line secrets need (PEM blocks, YAML block scalars,
 * XML elements and pretty-printed JSON containers under sensitive keys).
 */
export class RedactEngine implements RuleHost, KeyedHost {
  readonly counts: RedactCounts = Object.create(null) as RedactCounts;
  readonly pseudonymizer: Pseudonymizer;
  private readonly rules: Rule[];
  private readonly prefilter: Prefilter;
  /** Which rules the prefilter woke for the current line (reused: no allocation per line). */
  private readonly woken: Uint8Array;
  /** A heredoc or triple-quoted string under a secret key, being swallowed. */
  private readonly heredoc = new HeredocState();
  private pem: PemReader | null = null;
  private readonly pemHost: PemHost = {
    mark: (cat) => this.mark(cat),
    redactText: (text) => this.redactText(text),
    processLine: (line) => this.processLine(line),
    endPem: () => {
      this.pem = null;
    },
  };
  private block: { indent: number; lines: number } | null = null;
  private container: ContainerState | null = null;
  private element: { tag: string; lines: number } | null = null;
  /** Kubernetes Secret documents and JWKs: values secret by where they stand. */
  private readonly structured = new StructuredState();
  /** INI / YAML sections named for secrets (`[credentials]`, `secrets:`): every value in them. */
  private readonly sections = new SectionState();
  /** Lines of listed words only, held back until it is known whether they spell a mnemonic. */
  private readonly held = new HeldWords();
  /** The values redacted so far (the last few hundred), marked again where they recur. */
  private readonly recent = new RecentSecrets();
  /** A secret that ran to the end of the previous line (it may wrap onto this one). */
  private readonly carry = new CarriedSecret();
  /** A secret a line announced for the lines after it, read through log prefixes and JSON records. */
  private readonly announced = new NextLineState();
  private readonly textHost: CarryHost = { mark: (cat) => this.mark(cat), redactText: (t) => this.redactText(t) };
  /** Base64 lines of a .ppk private key still to come. */
  private ppkLines = 0;
  private readonly files = new CredentialFileState();
  /** The category of the next line's `"value"`: the line before was a sensitive `"name"`. */
  private namedValue: string | null = null;
  /** What the keyed pass saw in the current line, for later rules' gates. */
  private readonly hints: LineHints = { privateHint: false, tunnelHint: false };
  /** The escaped lines of a JSON string are being redacted one by one (no second split). */
  private inEscapedLines = false;
  /** The stream's batch fast path (see batch-marks.ts); null when the rules' needs cannot be swept. */
  private readonly batch: BatchRows | null;

  constructor(opts: RedactOptions = {}) {
    this.pseudonymizer = opts.pseudonymizer ?? new Pseudonymizer();
    const home = opts.homeDir ?? homedir();
    const cfg = opts.configHome ?? defaultConfigHome(home);
    this.rules = RULES.slice();
    const paths = pathRule(home, cfg);
    this.rules.splice(PATH_RULE_INDEX, 0, paths);
    this.prefilter = prefilterFor(this.rules, paths, LINE_PROBES);
    this.woken = new Uint8Array(this.rules.length);
    this.batch = BatchRows.for(this.prefilter);
  }

  /**
   * The stream's fast path: what the prefilter and the keyword scan find in each line
   * `text[starts[k], ends[k])`, swept once for the batch; false when not available.
   */
  markBatch(text: string, starts: Int32Array, ends: Int32Array, n: number): boolean {
    return this.batch?.mark(text, starts, ends, n) === true;
  }

  /** `line(raw)` for line k of the last `markBatch`; `length`: its text's (`raw` without a final '\r'). */
  lineInBatch(raw: string, k: number, length: number): string | null {
    const b = this.batch as BatchRows;
    b.enter(raw, k, length);
    try {
      return this.line(raw);
    } finally {
      b.leave();
    }
  }

  count(cat: string): void {
    this.counts[cat] = (this.counts[cat] ?? 0) + 1;
  }
  redactPart(text: string): string | null {
    return redactAddingMarker(this.counts, text, (t) => this.redactDecoded(t));
  }
  mark(cat: string): string {
    this.count(cat);
    return marker(cat);
  }
  pseudo(kind: string, value: string): string {
    this.count(kind);
    return `[${this.pseudonymizer.pseudonym(kind, value)}]`;
  }
  openContainer(st: ContainerState): void {
    this.container = st;
  }
  openBlock(indent: number): void {
    this.block = { indent, lines: 0 };
  }
  openElement(tag: string): void {
    this.element = { tag, lines: 0 };
  }

  /**
   * One line as read (may end in '\r'); null when the line is swallowed by a multi-line secret
   * or held back. The output may carry earlier held lines before it, joined by '\n'.
   */
  line(raw: string): string | null {
    if (this.idle()) {
      const ids = wordLineIds(raw);
      if (ids !== null) {
        this.held.push(raw, ids);
        return this.held.full() ? joinLines(this.releaseHeld(false), null) : null;
      }
    }
    if (this.held.lines.length === 0) return this.lineNow(raw); // the common case: nothing held, nothing allocated
    const before = this.releaseHeld(true);
    return joinLines(before, this.lineNow(raw));
  }

  /** The last line of the input (without a '\n' after it): also releases whatever is held. */
  end(raw: string): string | null {
    const before = this.pem;
    const heldBefore = before?.holding() === true;
    let r = this.line(raw);
    // the input ended inside a held block: its marker (r is null while held)
    const head = this.pem === null ? null : this.pem.release();
    if (head !== null) r = head;
    // a marker held since an earlier line stands for that line, with its '\n' (as before holding)
    if (heldBefore && r !== null && r === before?.releasedHead) r += '\n';
    if (this.held.lines.length === 0) return r;
    const rest = this.releaseHeld(true);
    return r === null ? rest.join('\n') : [r, ...rest].join('\n');
  }

  /** No multi-line state is open: a line may be held back as a possible mnemonic word. */
  private idle(): boolean {
    return (
      this.pem === null &&
      !this.heredoc.open &&
      this.block === null &&
      this.container === null &&
      this.element === null &&
      this.ppkLines === 0 &&
      !this.files.open
    );
  }

  private releaseHeld(all: boolean): string[] {
    const out = this.held.release(
      all,
      () => this.mark('mnemonic'),
      (l) => this.lineNow(l),
    );
    this.carry.clear();
    return out;
  }

  /** One line through the rules, then the values redacted before marked wherever they recur. */
  private lineNow(raw: string): string | null {
    const out = this.rulesNow(raw);
    if (out !== null && out !== raw) this.recent.learn(raw, out);
    return out === null ? null : this.recent.apply(out, this.textHost.mark); // a closure made once, not one per line
  }

  private rulesNow(raw: string): string | null {
    if (raw.length > MAX_LINE) return this.overlongNow(raw.slice(0, MAX_LINE));
    if (raw.charCodeAt(raw.length - 1) === CR) {
      const text = raw.slice(0, -1);
      this.batch?.cutReturn(raw, text);
      const r = this.processLine(text);
      // an unchanged line is the very string read: the stream then passes it on without comparing or copying
      return r === null ? null : r === text ? raw : r + '\r';
    }
    return this.processLine(raw);
  }

  /**
   * The first MAX_LINE characters of a longer line: redacted up to the last break before the
   * cap (so no secret is emitted cut in half), then one marker; the rest of the line is
   * dropped unseen, which keeps memory bounded and never leaks the unread remainder.
   */
  overlongHead(head: string): string {
    const before = this.held.lines.length === 0 ? [] : this.releaseHeld(true);
    return joinLines(before, this.overlongNow(head)) as string;
  }

  private overlongNow(head: string): string {
    const r = this.processLine(head.slice(0, overlongCut(head)));
    return (r ?? '') + this.mark('overlong-line');
  }

  private processLine(raw: string): string | null {
    let line = raw;
    if (this.heredoc.open) {
      const r = this.heredoc.next(line, MAX_STATE_LINES);
      if (r !== undefined) return r;
    } else if (this.pem) {
      const reader = this.pem;
      const r = reader.next(line);
      if (r !== undefined) return r;
      // the block ended at a line that cannot be body: what was held is a key's start
      const head = reader.release();
      if (head !== null) {
        const rest = this.processLine(line);
        return rest === null ? head : head + '\n' + rest;
      }
    } else if (this.block) {
      const ind = skipBlanks(line, 0);
      if (ind === line.length) return null; // blank line inside the block
      if (ind > this.block.indent && ++this.block.lines < MAX_STATE_LINES) return null;
      this.block = null;
    } else if (this.container) {
      const st = this.container;
      const e = scanBalanced(line, 0, st);
      if (e < 0) {
        if (++st.lines < MAX_STATE_LINES) return null;
        this.container = null;
      } else {
        this.container = null;
        const rest = line.slice(e);
        return rest.trim() === '' ? null : this.processLine(rest);
      }
    } else if (this.element) {
      const r = this.continueElement(this.element, line);
      if (r !== undefined) return r;
    }
    // (the announced secret marked, the rest of the line is redacted as usual)
    const next = this.announced.line(line, this, this.batch?.lacks(line, PROBE_ANNOUNCE) === true);
    if (next !== null) {
      this.carry.clear();
      line = next;
    }
    const counted = this.countedLine(line);
    if (counted !== null) return counted;
    const st = this.structured.line(line, this);
    if (st !== null) {
      this.carry.clear();
      if (st.final) return st.text;
      line = st.text;
    } else {
      const sec = this.sectionLine(line);
      if (sec !== null) return sec;
    }
    const start = pemStart(line);
    if (start) {
      const reader = new PemReader(start.state, this.pemHost, MAX_STATE_LINES);
      this.pem = reader;
      return reader.begin(this.redactText(line.slice(0, start.index)), line.slice(start.index), start.label);
    }
    const hd = this.heredoc.start(line, this.textHost.redactText, this.textHost.mark); // closures made once, not per line
    if (hd !== null) return hd;
    const cont = this.carry.next(line, this.textHost);
    if (cont !== null) return cont;
    const out = this.redactText(line);
    this.carry.after(line, out);
    return out;
  }

  /** A line whose value is secret by its section: the usual redaction, and the value marked if that left it. */
  private sectionLine(line: string): string | null {
    const v = this.sections.line(line);
    if (v === null) return null;
    this.carry.clear();
    const value = line.slice(v.start, v.end);
    const out = this.redactText(line);
    if (!out.includes(value)) return out;
    return this.redactText(line.slice(0, v.start)) + this.mark(v.cat) + this.redactText(line.slice(v.end));
  }

  /**
   * The lines a line before announced: a .ppk's private base64 lines (marked whole), the
   * `"value"` after a sensitive `"name"` line. Null when `line` is not one of them.
   */
  private countedLine(line: string): string | null {
    const named = this.namedValue;
    this.namedValue = null;
    if (named !== null) {
      const out = markNamedValue(line, () => this.mark(named));
      if (out !== null) return out;
    }
    if (this.ppkLines > 0) {
      this.ppkLines--;
      if (PPK_BODY_RE.test(line)) return this.mark('private-key');
      this.ppkLines = 0;
    }
    const file = this.files.line(line, this.textHost.mark, this.batch?.lacks(line, PROBE_WATCH) === true);
    if (file !== null) return file;
    this.ppkLines = Math.min(ppkPrivateLines(line), MAX_STATE_LINES);
    this.namedValue = namedValueLine(line);
    return null;
  }

  /** The text of `<password>` on its own lines, up to `</password>` or a child element. */
  private continueElement(st: { tag: string; lines: number }, line: string): string | null | undefined {
    const from = skipBlanks(line, 0);
    if (from === line.length) return line;
    if (line.charCodeAt(from) === 60 || ++st.lines >= MAX_STATE_LINES) {
      this.element = null; // `<`: the closing tag or a child element
      return undefined;
    }
    const close = line.indexOf('</', from);
    let to = close < 0 ? line.length : close;
    while (to > from && isBlank(line.charCodeAt(to - 1))) to--;
    if (close >= 0) this.element = null;
    const rest = close < 0 ? line.slice(to) : this.redactText(line.slice(to));
    return line.slice(0, from) + this.mark('secret') + rest;
  }

  /** Redacts one line's text without touching multi-line state (except what keyed values start). */
  private redactText(text: string): string {
    const s = this.redactLineText(text);
    return this.inEscapedLines || !hasEscapedBreak(s) ? s : this.redactEscaped(s);
  }

  /** Each line of a text escaped into a JSON string, redacted again on its own (see dumps.ts). */
  private redactEscaped(s: string): string {
    const { block, container, element, pem } = this;
    this.inEscapedLines = true;
    try {
      return redactEscapedLines(s, (t) => this.redactLineText(t));
    } finally {
      this.inEscapedLines = false;
      this.block = block;
      this.container = container;
      this.element = element;
      this.pem = pem;
    }
  }

  private redactLineText(text: string): string {
    if (text.length === 0) return text;
    const line = text.includes('%') ? redactEncodedRuns(text, (t) => this.redactDecoded(t)) : text;
    const hints = this.hints;
    hints.privateHint = false;
    hints.tunnelHint = false;
    const batch = this.batch;
    const row = batch === null ? -1 : batch.rowFor(line);
    // a line the batch found no keyword in skips the keyed pass (which would return it as is)
    let s = row >= 0 && !batch!.hasKeyword(row) ? line : redactKeyed(line, this, hints);
    if (s.includes(PEM_BEGIN)) s = this.inlinePem(s);
    const woken = this.woken;
    let any: boolean;
    if (row >= 0 && s === line) any = batch!.flags(row, s.length, hints, woken);
    else {
      woken.fill(0);
      any = this.prefilter.mark(s, hints, woken);
    }
    if (!any) return s; // most lines: nothing any rule needs
    const rules = this.rules;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as Rule;
      if (woken[i] === 0 || !rule.gate(s, hints)) continue;
      const next = this.apply(rule, s);
      // a replacement may bring what a later rule needs (its gate sees the new text)
      if (next !== s) this.prefilter.remark(i, next, hints, woken);
      s = next;
    }
    return s;
  }

  /** Decoded URL text, redacted as one line: it cannot open a multi-line state. */
  private redactDecoded(text: string): string {
    const { block, container, element, pem } = this;
    const out = this.redactText(text);
    this.block = block;
    this.container = container;
    this.element = element;
    this.pem = pem;
    return out;
  }

  private inlinePem(line: string): string {
    PEM_INLINE_RE.lastIndex = 0;
    return line.replace(PEM_INLINE_RE, (m: string, label: string) => (isPlaceholderPem(m) ? m : this.mark(pemCategory(label))));
  }

  private apply(rule: Rule, line: string): string {
    const re = rule.re;
    re.lastIndex = 0;
    let out = '';
    let pos = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const r = rule.handle(this, m, line);
      if (r === null) {
        re.lastIndex = m.index + 1;
        continue;
      }
      const from = r.length === 3 && r[2] >= pos ? r[2] : m.index; // a match may start before its hit
      out += line.slice(pos, from) + r[0];
      pos = r[1];
      re.lastIndex = r[1] > m.index ? r[1] : m.index + 1;
    }
    return pos === 0 ? line : out + line.slice(pos);
  }
}
