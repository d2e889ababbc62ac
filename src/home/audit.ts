import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { appendNoFollow, assertSafeRecordStat, readFileNoFollow } from '../fs/files.js';
import { homeFile } from './paths.js';
import { B3iqError, errnoCode } from '../core/errors.js';

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

export function lineHash(prev: string, body: string): string {
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

interface Tail {
  seq: number;
  hash: string;
  /** Bytes of a torn last line (a writer killed mid-append) to cut before appending. */
  tornBytes: number;
}

function auditSymlink(file: string): B3iqError {
  return new B3iqError('E_SYMLINK', `The audit log ${file} is a symlink; refusing to use it.`, { hint: 'Remove the link; b3iq never writes through symlinks.' });
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

function readTail(file: string): Tail {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return { seq: 0, hash: GENESIS, tornBytes: 0 };
    if (code === 'ELOOP') throw auditSymlink(file);
    throw new B3iqError('E_IO', `Cannot read the audit log (${code ?? 'error'}).`);
  }
  try {
    const st = fs.fstatSync(fd);
    assertSafeRecordStat(file, st);
    const size = st.size;
    if (size === 0) return { seq: 0, hash: GENESIS, tornBytes: 0 };
    const len = Math.min(size, 64 * 1024);
    const buf = Buffer.alloc(len);
    fs.readSync(fd, buf, 0, len, size - len);
    let text = buf.toString('utf8');
    let tornBytes = 0;
    if (!text.endsWith('\n')) {
      const cut = text.lastIndexOf('\n');
      tornBytes = Buffer.byteLength(text.slice(cut + 1));
      text = text.slice(0, cut + 1);
    }
    const lines = text.split('\n').filter(Boolean);
    const last = lines.at(-1);
    if (!last) return { seq: 0, hash: GENESIS, tornBytes };
    const m = HASH_SUFFIX_RE.exec(last);
    const seq = Number((JSON.parse(last) as { seq?: unknown }).seq);
    return { seq: Number.isInteger(seq) ? seq : 0, hash: m ? m[1]! : GENESIS, tornBytes };
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends events; the caller holds the store lock. */
export function appendAudit(file: string, events: AuditEvent[], now: number): void {
  if (events.length === 0) return;
  const tail = readTail(file);
  if (tail.tornBytes > 0) {
    const size = fs.lstatSync(file).size;
    fs.truncateSync(file, size - tail.tornBytes);
  }
  let { seq, hash } = tail;
  let out = '';
  for (const ev of events) {
    seq += 1;
    const { action, id = null, kind = null, outcome = 'ok', ...extra } = ev;
    const body = JSON.stringify({ seq, time: new Date(now).toISOString(), action, id, kind, outcome, ...extra, prev: hash });
    const h = lineHash(hash, body);
    out += `${body.slice(0, -1)},"hash":"${h}"}\n`;
    hash = h;
  }
  appendNoFollow(file, out);
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  /** 1-based line number of the first line that breaks the chain. */
  line?: number;
  problem?: string;
}

export function verifyAuditText(text: string): AuditVerifyResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prev = GENESIS;
  let expectSeq = 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const n = i + 1;
    const m = HASH_SUFFIX_RE.exec(line);
    if (!m) return { ok: false, entries: i, line: n, problem: 'not an audit entry (altered or truncated)' };
    const body = line.slice(0, m.index) + '}';
    let parsed: { seq?: unknown; prev?: unknown };
    try {
      parsed = JSON.parse(body) as { seq?: unknown; prev?: unknown };
    } catch {
      return { ok: false, entries: i, line: n, problem: 'not valid JSON (altered)' };
    }
    if (parsed.prev !== prev) return { ok: false, entries: i, line: n, problem: 'does not follow the line before it (a line was altered, removed or reordered)' };
    if (parsed.seq !== expectSeq) return { ok: false, entries: i, line: n, problem: `sequence number ${String(parsed.seq)} where ${expectSeq} was expected (removed or reordered)` };
    if (lineHash(prev, body) !== m[1]) return { ok: false, entries: i, line: n, problem: 'its content does not match its hash (altered)' };
    prev = m[1]!;
    expectSeq++;
  }
  return { ok: true, entries: lines.length };
}

export function readAuditText(file: string): string | undefined {
  return readFileNoFollow(file)?.data.toString('utf8');
}

/** The verdict on the whole file: a missing log in an initialised home counts as removed. */
export function verifyAuditFile(home: string): AuditVerifyResult & { file: string } {
  const file = homeFile(home, 'audit');
  const text = readAuditText(file);
  if (text === undefined) {
    let initialised = false;
    try {
      initialised = fs.lstatSync(homeFile(home, 'node')).isFile();
    } catch {
      /* not initialised */
    }
    return initialised ? { ok: false, entries: 0, line: 1, problem: 'the audit log is missing (removed)', file } : { ok: true, entries: 0, file };
  }
  return { ...verifyAuditText(text), file };
}
