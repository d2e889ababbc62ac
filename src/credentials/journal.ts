import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { B3iqError, errnoCode } from '../core/errors.js';
import { FILE_MODE, assertSafeRecordStat, fsyncDir } from '../fs/files.js';
import { corrupt, EPOCH_RE, isValidAnchor, isValidRecord, type AuditAnchor, type CredentialRecord } from './records.js';

/**
 * The credentials journal (schemaVersion 2, docs/records.md): `credentials.<epoch>.journal`
 * next to the snapshot `credentials.json`, one line per write:
 *
 *   {"seq":43,"at":"2026-…Z","op":"put","recs":[{…record…}],"audit":{…},"crc":"1a2b3c4d"}
 *
 * `seq` is the generation after the write (the snapshot's `generation` + 1, + 2, …), `at`
 * the new clockHighWater, `recs` the records the write added or changed, whole (a write
 * that changes two records, e.g. a rotation, is one line: it applies entirely or not at
 * all). `crc` is the CRC32 (hex) of the line's text without its `,"crc":"…"` member.
 *
 * Bytes after the last newline are a torn append (a writer died mid-write): readers ignore
 * them, the next writer cuts them off under the lock before it appends. A complete line
 * with a bad checksum, a gap in `seq` or a malformed record is corruption: refused, and
 * the file left untouched.
 */

const { O_RDONLY, O_WRONLY, O_CREAT, O_APPEND, O_NOFOLLOW } = fs.constants;

export interface JournalEntry {
  seq: number;
  at: string;
  op: 'put';
  recs: CredentialRecord[];
  /** Version 3: the audit log's head after this change, and its audit lines. */
  audit?: AuditAnchor;
}

export const JOURNAL_RE = /^credentials\.([0-9a-f]{16})\.journal$/;

export function journalFile(credFile: string, epoch: string): string {
  if (!EPOCH_RE.test(epoch)) throw new Error('bad journal epoch');
  return path.join(path.dirname(credFile), `credentials.${epoch}.journal`);
}

// node:zlib on first use: a read of a snapshot with an empty journal never needs it (start-up).
const requireModule = createRequire(import.meta.url);
let crc32: typeof import('node:zlib').crc32 | undefined;

function crcHex(text: string): string {
  crc32 ??= (requireModule('node:zlib') as typeof import('node:zlib')).crc32;
  return (crc32(Buffer.from(text, 'utf8')) >>> 0).toString(16).padStart(8, '0');
}

/** One line, newline included. */
export function encodeEntry(e: JournalEntry): string {
  const body = JSON.stringify({ seq: e.seq, at: e.at, op: e.op, recs: e.recs, ...(e.audit ? { audit: e.audit } : {}) });
  return `${body.slice(0, -1)},"crc":"${crcHex(body)}"}\n`;
}

const CRC_SUFFIX = /,"crc":"([0-9a-f]{8})"\}$/;

/** Checks one complete line (without its newline) and decodes it; throws E_CORRUPT. */
export function decodeLine(file: string, line: string, expectSeq: number, lineNo: number): JournalEntry {
  const name = path.basename(file);
  const m = CRC_SUFFIX.exec(line);
  if (!m) throw corrupt(name, `line ${lineNo} has no checksum`);
  const body = `${line.slice(0, line.length - m[0].length)}}`;
  if (crcHex(body) !== m[1]) throw corrupt(name, `line ${lineNo} fails its checksum`);
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    throw corrupt(name, `line ${lineNo} is not valid JSON`);
  }
  const o = v as Partial<JournalEntry>;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) throw corrupt(name, `line ${lineNo} is not a JSON object`);
  if (o.seq !== expectSeq) throw corrupt(name, `line ${lineNo} has seq ${String(o.seq)}, expected ${expectSeq}`);
  if (typeof o.at !== 'string' || Number.isNaN(Date.parse(o.at))) throw corrupt(name, `line ${lineNo} has a bad time`);
  if (o.op !== 'put') throw corrupt(name, `line ${lineNo} has an unknown op`);
  if (!Array.isArray(o.recs) || !o.recs.every(isValidRecord)) throw corrupt(name, `line ${lineNo} has a malformed record`);
  if (o.audit !== undefined && !isValidAnchor(o.audit)) throw corrupt(name, `line ${lineNo} has a malformed audit anchor`);
  return o as JournalEntry;
}

export interface JournalChunk {
  entries: JournalEntry[];
  /** Bytes of complete lines consumed (the next read starts at offset + goodBytes). */
  goodBytes: number;
  /** Bytes after the last newline: a torn append. */
  tornBytes: number;
}

/** Decodes the complete lines of `buf` (read from some offset), continuing after `lastSeq`. */
export function decodeChunk(file: string, buf: Buffer, lastSeq: number, firstLineNo = 1): JournalChunk {
  const end = buf.lastIndexOf(0x0a) + 1;
  const entries: JournalEntry[] = [];
  if (end > 0) {
    const lines = buf.toString('utf8', 0, end - 1).split('\n');
    for (let i = 0; i < lines.length; i++) entries.push(decodeLine(file, lines[i]!, lastSeq + 1 + i, firstLineNo + i));
  }
  return { entries, goodBytes: end, tornBytes: buf.length - end };
}

export interface JournalRead {
  /** The bytes from `offset` to the end of the file as it was when read. */
  data: Buffer;
  ino: number;
  size: number;
}

function journalIoError(e: unknown, file: string): B3iqError {
  const code = errnoCode(e);
  if (code === 'ELOOP' || code === 'EMLINK') {
    return new B3iqError('E_SYMLINK', `Refusing to follow a symlink at ${file}.`, { hint: 'Remove the link; b3iq never writes through symlinks.' });
  }
  return new B3iqError('E_IO', `Cannot access ${file}${code ? ` (${code})` : ''}.`);
}

/** Reads from `offset` to the end without following a symlink; undefined when missing. */
export function readJournalFrom(file: string, offset: number): JournalRead | undefined {
  const fd = openJournal(file);
  return fd === undefined ? undefined : readJournalFd(file, fd, offset);
}

/** Opens a journal to read it (no symlink); undefined when missing. */
export function openJournal(file: string): number | undefined {
  try {
    return fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw journalIoError(e, file);
  }
}

/** Reads an open journal from `offset` to its end, then closes it. */
export function readJournalFd(file: string, fd: number, offset: number): JournalRead {
  try {
    const st = fs.fstatSync(fd);
    assertSafeRecordStat(file, st);
    const len = Math.max(0, st.size - offset);
    const data = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const n = fs.readSync(fd, data, got, len - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    return { data: got === len ? data : data.subarray(0, got), ino: st.ino, size: st.size };
  } catch (e) {
    throw e instanceof B3iqError ? e : journalIoError(e, file);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Appends one line; the caller holds the store lock and has read the journal up to
 * `goodBytes` (complete lines). A torn tail beyond that is cut first. O_APPEND|O_NOFOLLOW,
 * 0600, fsync'd (and the folder too when the file is new). Returns the new size and inode.
 */
export function appendJournal(file: string, goodBytes: number, line: string): { size: number; ino: number } {
  let fd: number | undefined;
  let created = false;
  try {
    try {
      fd = fs.openSync(file, O_WRONLY | O_APPEND | O_NOFOLLOW);
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw e;
      if (goodBytes !== 0) throw new B3iqError('E_CORRUPT', `${file} disappeared while the lock was held; nothing was changed.`);
      fd = fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW, FILE_MODE);
      created = true;
    }
    const st = fs.fstatSync(fd);
    assertSafeRecordStat(file, st);
    if (created) fs.fchmodSync(fd, FILE_MODE);
    if (st.size < goodBytes) throw new B3iqError('E_CORRUPT', `${file} shrank while the lock was held; nothing was changed.`);
    if (st.size > goodBytes) fs.ftruncateSync(fd, goodBytes); // a torn append by a writer that died
    const buf = Buffer.from(line, 'utf8');
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    fs.fsyncSync(fd);
    const after = fs.fstatSync(fd);
    return { size: after.size, ino: after.ino };
  } catch (e) {
    throw e instanceof B3iqError ? e : journalIoError(e, file);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (created) fsyncDir(path.dirname(file));
  }
}

/** Removes journals other than `keepEpoch` (left by a compaction that died before its unlink). */
export function removeStaleJournals(dir: string, keepEpoch: string | null): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = JOURNAL_RE.exec(name);
    if (!m || m[1] === keepEpoch) continue;
    try {
      fs.unlinkSync(path.join(dir, name));
    } catch {
      /* raced or not ours to remove */
    }
  }
}

/**
 * Creates the empty journal of a new epoch (0600) before its snapshot names it. Not synced
 * here: the snapshot's rename is followed by a sync of the folder, which makes both entries
 * durable (file systems that journal metadata keep them in order).
 */
export function createJournal(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, FILE_MODE);
    fs.fchmodSync(fd, FILE_MODE);
  } catch (e) {
    throw e instanceof B3iqError ? e : journalIoError(e, file);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Undoes an append (under the same lock): the journal is cut back to `size`. */
export function truncateJournal(file: string, size: number): void {
  const fd = fs.openSync(file, O_WRONLY | O_NOFOLLOW);
  try {
    fs.ftruncateSync(fd, size);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
