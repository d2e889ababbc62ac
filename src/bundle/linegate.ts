import { Transform, type TransformCallback } from 'node:stream';

/**
 * The first stage of every log file's pipeline, ahead of the redactor:
 *  - refuses content it cannot redact (a NUL byte or invalid UTF-8 anywhere): the file is
 *    then left out of the bundle, never copied raw;
 *  - `--since`: drops lines whose leading timestamp is older than the cutoff; a line
 *    without one follows the previous line's decision (continuation lines, stack traces);
 *  - replaces the machine's hostname with its pseudonym (the redactor has no way to know it).
 * Memory is bounded: at most MAX_LINE characters of one line are held.
 */
export class SkipFileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipFileError';
  }
}

export interface LineGateOptions {
  /** Epoch ms: lines stamped before it are dropped. */
  since?: number | undefined;
  /** A literal (the hostname) and what replaces it. */
  literal?: { text: string; replacement: string } | undefined;
}

const MAX_LINE = 1 << 20;
const HEAD = 4096;

const ISO_HEAD_RE = /^\s*\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|z|[+-]\d{2}(?::?\d{2})?)?)(?![\d:])/;
const JSON_TIME_RE = /"(?:time|timestamp|ts|@timestamp|datetime|date|t)"\s*:\s*(?:"([^"\\]{10,40})"|(\d{9,16}(?:\.\d+)?))/;

export function parseIsoish(s: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s.trim());
  if (!m) return null;
  let zone = m[5] ?? '';
  if (zone === 'z') zone = 'Z';
  if (/^[+-]\d{2}$/.test(zone)) zone += ':00';
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const frac = m[4] ? `.${m[4].slice(0, 3).padEnd(3, '0')}` : '';
  // No zone: the line is in local time, as most plain-text loggers write it.
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3] ?? '00'}${frac}${zone}`);
  return Number.isNaN(t) ? null : t;
}

/** The timestamp a log line starts with (ISO-8601, or a JSON line's time field), or null. */
export function lineTimestamp(line: string): number | null {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  const iso = ISO_HEAD_RE.exec(head);
  if (iso) return parseIsoish(iso[1]!);
  if (/^\s*\{/.test(head)) {
    const j = JSON_TIME_RE.exec(head);
    if (j) {
      if (j[1] !== undefined) return parseIsoish(j[1]);
      const n = Number(j[2]);
      if (Number.isFinite(n)) return n > 1e11 ? n : n * 1000; // ms or seconds since the epoch
    }
  }
  return null;
}

/** The literal as a whole word (case-insensitive: hostnames are). */
export function literalRegExp(text: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9-])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9-])`, 'gi');
}

export class LineGate extends Transform {
  /** Lines dropped by --since. */
  dropped = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly since: number | undefined;
  private readonly literal: LineGateOptions['literal'];
  private readonly literalRe: RegExp | undefined;
  private pending = '';
  /** True when --since applies to this file. */
  get filtering(): boolean {
    return this.since !== undefined;
  }
  /** Inside an overlong line whose head was already emitted. */
  private overlong = false;
  private keep = true;

  constructor(opts: LineGateOptions = {}) {
    super({ readableObjectMode: false, decodeStrings: true });
    this.since = opts.since;
    this.literal = opts.literal;
    this.literalRe = opts.literal ? literalRegExp(opts.literal.text) : undefined;
  }

  private fix(s: string): string {
    return this.literalRe ? s.replace(this.literalRe, this.literal!.replacement) : s;
  }

  private decide(line: string): boolean {
    if (this.since === undefined) return true;
    const t = lineTimestamp(line);
    if (t !== null) this.keep = t >= this.since;
    return this.keep;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    let s: string;
    try {
      s = this.decoder.decode(chunk, { stream: true });
    } catch {
      return cb(new SkipFileError('not valid UTF-8 text'));
    }
    if (s.includes('\0')) return cb(new SkipFileError('binary content (NUL bytes)'));
    this.lines(s);
    cb();
  }

  private lines(s: string): void {
    const out: string[] = [];
    let start = 0;
    let nl = s.indexOf('\n');
    while (nl >= 0) {
      const piece = s.slice(start, nl + 1);
      if (this.overlong) {
        if (this.keep) out.push(this.fix(piece));
        this.overlong = false;
      } else {
        const line = this.pending + piece;
        this.pending = '';
        if (this.decide(line)) out.push(this.fix(line));
        else this.dropped++;
      }
      start = nl + 1;
      nl = s.indexOf('\n', start);
    }
    const rest = s.slice(start);
    if (this.overlong) {
      if (this.keep && rest) out.push(this.fix(rest));
    } else {
      this.pending += rest;
      if (this.pending.length > MAX_LINE) {
        // Decide on the head and stream the rest of this line through.
        if (this.decide(this.pending)) out.push(this.fix(this.pending));
        else this.dropped++;
        this.pending = '';
        this.overlong = true;
      }
    }
    if (out.length > 0) this.push(out.join(''));
  }

  override _flush(cb: TransformCallback): void {
    let rest: string;
    try {
      rest = this.decoder.decode();
    } catch {
      return cb(new SkipFileError('not valid UTF-8 text'));
    }
    if (rest.includes('\0')) return cb(new SkipFileError('binary content (NUL bytes)'));
    if (rest) this.lines(rest);
    if (this.pending && !this.overlong) {
      if (this.decide(this.pending)) this.push(this.fix(this.pending));
      else this.dropped++;
    }
    this.pending = '';
    cb();
  }
}
