import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { appendNoFollow, assertSafeRecordStat, readFileNoFollow } from '../fs/files.js';
import { homeFile } from './paths.js';
import { B3iqError, errnoCode } from '../core/errors.js';
import { AUDIT_SEGMENT_BYTES, listSegments, startSegment } from './audit-segments.js';

/**
 * The tamper-evident audit log: one JSON line per state change, each carrying `seq`, the
 * hash of the line before (`prev`) and its own hash over prev + body. Never a secret or a
 * token hash: ids, kinds, names and outcomes only. Appended under the store lock.
 */
export interface AuditEvent {
  action: string;
  id?: string | null;
  kind?: string | null;
  outcome?: 'ok' | 'refused' | 'failed';
  [extra: string]: unknown;
}

export const GENESIS = '0'.repeat(64);
const HASH_SUFFIX_RE = /,"hash":"([0-9a-f]{64})"\}$/;
const SEQ_PREFIX_RE = /^\{"seq":(\d+),/;
/** The end of an entry as written: an optional gen, then prev and hash. */
const GEN_HASH_SUFFIX_RE = /(?:,"gen":(\d+))?,"prev":"[0-9a-f]{64}","hash":"([0-9a-f]{64})"\}$/;

export function lineHash(prev: string, body: string): string {
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

/**
 * lineHash without node:crypto, for the one entry every read of the records checks (the
 * log's last). The CLI's bundles load node:crypto on first use only, and loading it costs
 * a `keys list` more than this pure-JavaScript sha256 of one line; it is about 3x slower a
 * line once loaded, so everything that hashes many lines uses lineHash
 * (docs/performance.md, Start-up).
 */
export function lineHashOnce(prev: string, body: string): string {
  return bytesToHex(sha256(utf8ToBytes(`${prev}\n${body}`)));
}

/** The end of the audit log as a writer needs it. */
export interface AuditTail {
  seq: number;
  hash: string;
  /** Bytes of a torn last line (a writer killed mid-append) to cut before appending. */
  tornBytes: number;
  /** The file's size when read (complete lines plus the torn tail). */
  size: number;
  /** The last `gen` (the records' generation) any entry near the end carries; -1 for none. */
  lastGen: number;
  /** The hash of each entry read near the end, by seq (the anchor checks look there first). */
  recent: Map<number, string>;
}

/** The head of the chain after an entry: what the records carry as their anchor. */
export interface AuditHead {
  seq: number;
  hash: string;
}

function auditSymlink(file: string): B3iqError {
  return new B3iqError('E_SYMLINK', `The audit log ${file} is a symlink; refusing to use it.`, {
    hint: 'Remove the link; b3iq never writes through symlinks.',
  });
}

/** Never quotes the log's content: a corrupt line may be anything. */
export function auditCorrupt(file: string, why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `The audit log ${file} is corrupt (${why}); nothing was changed.`, {
    hint: 'Check it with the audit verification; restore the home from a backup if it was altered.',
  });
}

/**
 * Checked under the lock before the records are written: an audit log that cannot take
 * the entry (a symlink, not a file) must stop the change rather than follow it.
 */
export function checkAuditFile(file: string): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return;
    throw new B3iqError('E_IO', `Cannot access the audit log (${errnoCode(e) ?? 'error'}); nothing was changed.`);
  }
  if (st.isSymbolicLink()) throw auditSymlink(file);
  if (!st.isFile()) throw new B3iqError('E_CORRUPT', `The audit log ${file} is not a regular file; nothing was changed.`);
}

/** One complete line checked and split: its body (what the hash covers) and its fields. */
export function parseEntry(line: string, hashOf = lineHash): { body: string; hash: string; entry: Record<string, unknown> } | undefined {
  const m = HASH_SUFFIX_RE.exec(line);
  if (!m) return undefined;
  const body = line.slice(0, m.index) + '}';
  let entry: unknown;
  try {
    entry = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const o = entry as Record<string, unknown>;
  if (!Number.isInteger(o.seq) || typeof o.prev !== 'string' || hashOf(o.prev, body) !== m[1]) return undefined;
  return { body, hash: m[1]!, entry: o };
}

/**
 * The end of the log: the last complete line must be a whole, self-consistent entry
 * (else E_CORRUPT before any change: an entry chained to garbage would hide it); the
 * entries before it in the last 16 KiB give the recent hashes and the records' last gen.
 * An active file with no entry yet (just rotated, or a crash right after the rotation)
 * continues the last segment: its end is the log's end. The last gen is looked for in
 * the segments too when the active file has none.
 */
export function readAuditTail(file: string, window = 16 * 1024): AuditTail {
  const t = readFileTail(file, window);
  if (t.seq > 0 && t.lastGen !== -1) return t;
  const segments = listSegments(file);
  if (segments.length === 0) return t;
  let i = segments.length - 1;
  let out = t;
  if (t.seq === 0) {
    const s = readFileTail(segments[i--]!.file, window);
    out = { ...s, tornBytes: t.tornBytes, size: t.size };
  }
  for (; out.lastGen === -1 && i >= 0; i--) out.lastGen = lastGenOf(segments[i]!.file);
  return out;
}

function lastGenOf(file: string): number {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  try {
    return lastGenBefore(fd, fs.fstatSync(fd).size);
  } finally {
    fs.closeSync(fd);
  }
}

function readFileTail(file: string, window: number): AuditTail {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return { seq: 0, hash: GENESIS, tornBytes: 0, size: 0, lastGen: -1, recent: new Map() };
    if (code === 'ELOOP') throw auditSymlink(file);
    throw new B3iqError('E_IO', `Cannot read the audit log (${code ?? 'error'}).`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new B3iqError('E_CORRUPT', `The audit log ${file} is not a regular file; nothing was changed.`);
    assertSafeRecordStat(file, st);
    const size = st.size;
    const len = Math.min(size, window);
    const buf = Buffer.alloc(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(fd, buf, got, len - got, size - len + got);
      if (n === 0) break;
      got += n;
    }
    let text = buf.toString('utf8', 0, got);
    let tornBytes = 0;
    if (!text.endsWith('\n')) {
      const cut = text.lastIndexOf('\n');
      tornBytes = Buffer.byteLength(text.slice(cut + 1));
      text = text.slice(0, cut + 1);
    }
    const lines = text.split('\n').filter(Boolean);
    if (len < size) lines.shift(); // the first line in the window may be cut
    const recent = new Map<number, string>();
    let lastGen = -1;
    let tail: { seq: number; hash: string } = { seq: 0, hash: GENESIS };
    // Only the last line is checked in full (a writer chains onto it); the ones before are
    // read for their seq, gen and claimed hash: the chain itself is audit --verify's job.
    for (let i = 0; i < lines.length - 1; i++) {
      const line = lines[i]!;
      const seq = SEQ_PREFIX_RE.exec(line);
      const end = GEN_HASH_SUFFIX_RE.exec(line);
      if (!seq || !end) continue;
      recent.set(Number(seq[1]), end[2]!);
      if (end[1] !== undefined) lastGen = Number(end[1]);
    }
    const last = lines.at(-1);
    if (last !== undefined) {
      const p = parseEntry(last, lineHashOnce);
      if (!p) throw auditCorrupt(file, 'its last entry is not a valid audit entry');
      recent.set(p.entry.seq as number, p.hash);
      if (Number.isInteger(p.entry.gen)) lastGen = p.entry.gen as number;
      tail = { seq: p.entry.seq as number, hash: p.hash };
    }
    if (lines.length === 0 && size - tornBytes > 0 && len === size) throw auditCorrupt(file, 'no complete entry');
    if (lastGen === -1 && len < size) lastGen = lastGenBefore(fd, size - len);
    return { ...tail, tornBytes, size, lastGen, recent };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The last `gen` in the bytes before `end`, read backwards in chunks (many entries that
 * are not credential changes, e.g. owner sign-ins, may follow the last one that is).
 */
function lastGenBefore(fd: number, end: number): number {
  const CHUNK = 64 * 1024;
  let carry = '';
  for (let pos = end; pos > 0; ) {
    const start = Math.max(0, pos - CHUNK);
    const buf = Buffer.alloc(pos - start);
    fs.readSync(fd, buf, 0, buf.length, start);
    const text = buf.toString('utf8') + carry;
    const lines = text.split('\n');
    carry = start > 0 ? lines.shift()! : '';
    for (let i = lines.length - 1; i >= 0; i--) {
      const m = GEN_HASH_SUFFIX_RE.exec(lines[i]!);
      if (m && m[1] !== undefined) return Number(m[1]);
    }
    pos = start;
  }
  return -1;
}

/** Entries as complete lines, chained after `tail`; `gen`: the records' generation they belong to. */
export function chainEntries(tail: AuditHead, events: readonly AuditEvent[], now: number, gen?: number): { lines: string[]; head: AuditHead } {
  let { seq, hash } = tail;
  const lines: string[] = [];
  for (const ev of events) {
    seq += 1;
    const { action, id = null, kind = null, outcome = 'ok', ...extra } = ev;
    const body = JSON.stringify({
      seq,
      time: new Date(now).toISOString(),
      action,
      id,
      kind,
      outcome,
      ...extra,
      ...(gen === undefined ? {} : { gen }),
      prev: hash,
    });
    const h = lineHash(hash, body);
    lines.push(`${body.slice(0, -1)},"hash":"${h}"}\n`);
    hash = h;
  }
  return { lines, head: { seq, hash } };
}

/**
 * Appends complete lines (the caller holds the lock and read `tail` under it): a torn
 * tail is cut first, the file is synced before returning. An active file of
 * `segmentBytes` or more becomes a segment first (audit-segments.ts): the lines start the
 * new active file, chained to the segment's last entry. Returns the size to cut back to
 * if the change these lines describe must be undone.
 */
export function appendAuditLines(file: string, tail: AuditTail, lines: readonly string[], segmentBytes = AUDIT_SEGMENT_BYTES): number {
  let keep = tail.size - tail.tornBytes;
  if (lines.length === 0) return keep;
  if (tail.tornBytes > 0) fs.truncateSync(file, keep);
  if (keep > 0 && keep >= segmentBytes) {
    startSegment(file);
    keep = 0;
  }
  appendNoFollow(file, lines.join(''));
  return keep;
}

/** Undoes appendAuditLines (under the same lock): the log is cut back to `size`. */
export function truncateAudit(file: string, size: number): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
  try {
    fs.ftruncateSync(fd, size);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends events; the caller holds the store lock. Refuses (E_CORRUPT) after an unreadable end. */
export function appendAudit(file: string, events: AuditEvent[], now: number, segmentBytes?: number): void {
  if (events.length === 0) return;
  const tail = readAuditTail(file);
  appendAuditLines(file, tail, chainEntries(tail, events, now).lines, segmentBytes);
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  /** 1-based line number of the first line that breaks the chain, in `file`. */
  line?: number;
  problem?: string;
}

/** Where a walk of the chain stands: the hash and seq the next line must continue. */
interface ChainState {
  prev: string;
  expectSeq: number;
  entries: number;
}

function walkChain(text: string, st: ChainState): { line: number; problem: string } | undefined {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const m = HASH_SUFFIX_RE.exec(line);
    if (!m) return { line: n, problem: 'not an audit entry (altered or truncated)' };
    const body = line.slice(0, m.index) + '}';
    let parsed: { seq?: unknown; prev?: unknown };
    try {
      parsed = JSON.parse(body) as { seq?: unknown; prev?: unknown };
    } catch {
      return { line: n, problem: 'not valid JSON (altered)' };
    }
    if (parsed.prev !== st.prev) return { line: n, problem: 'does not follow the line before it (a line was altered, removed or reordered)' };
    if (parsed.seq !== st.expectSeq)
      return { line: n, problem: `sequence number ${String(parsed.seq)} where ${st.expectSeq} was expected (removed or reordered)` };
    if (lineHash(st.prev, body) !== m[1]) return { line: n, problem: 'its content does not match its hash (altered)' };
    st.prev = m[1]!;
    st.expectSeq++;
    st.entries++;
  }
  return undefined;
}

export function verifyAuditText(text: string): AuditVerifyResult {
  return verifyAuditParts([{ file: '', text }]);
}

/**
 * One chain across the segments and the active file, in order: the first line of each
 * file must continue the last line of the one before (a segment removed, cut, altered or
 * swapped breaks it there). `file` on a failure: the file holding the line named.
 */
export function verifyAuditParts(parts: readonly AuditPart[]): AuditVerifyResult & { file?: string } {
  const st: ChainState = { prev: GENESIS, expectSeq: 1, entries: 0 };
  for (const p of parts) {
    const bad = walkChain(p.text, st);
    if (bad) {
      const where = parts.length > 1 ? `${path.basename(p.file)}: ` : '';
      return { ok: false, entries: st.entries, line: bad.line, problem: `${where}${bad.problem}`, file: p.file };
    }
  }
  return { ok: true, entries: st.entries };
}

/** One file of the log and its text. */
export interface AuditPart {
  file: string;
  text: string;
}

/** The segments, then the active file (absent: none; a crash right after a rotation). */
export function readAuditParts(file: string): AuditPart[] | undefined {
  const parts: AuditPart[] = [];
  for (const s of listSegments(file)) parts.push({ file: s.file, text: readFileNoFollow(s.file)?.data.toString('utf8') ?? '' });
  const active = readFileNoFollow(file)?.data.toString('utf8');
  if (active === undefined && parts.length === 0) return undefined;
  parts.push({ file, text: active ?? '' });
  return parts;
}

/** Every entry of `parts` that parses, in order (a damaged line is skipped: verifying is another function's job). */
export function* auditEntries(parts: readonly AuditPart[]): Generator<Record<string, unknown>> {
  for (const part of parts)
    for (const line of part.text.split('\n')) {
      const e = line ? parseEntry(line)?.entry : undefined;
      if (e) yield e;
    }
}

/** The whole log, every segment then the active file, as one text; undefined when there is none. */
export function readAuditText(file: string): string | undefined {
  return readAuditParts(file)
    ?.map((p) => p.text)
    .join('');
}

/** The verdict on the whole log: a missing log in an initialised home counts as removed. */
export function verifyAuditFile(home: string): AuditVerifyResult & { file: string } {
  const file = homeFile(home, 'audit');
  const parts = readAuditParts(file);
  if (parts === undefined) {
    let initialised = false;
    try {
      initialised = fs.lstatSync(homeFile(home, 'node')).isFile();
    } catch {
      /* not initialised */
    }
    return initialised ? { ok: false, entries: 0, line: 1, problem: 'the audit log is missing (removed)', file } : { ok: true, entries: 0, file };
  }
  const v = verifyAuditParts(parts);
  return { ...v, file: v.file ?? file };
}
