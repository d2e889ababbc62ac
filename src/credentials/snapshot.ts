import * as fs from 'node:fs';
import type { RandomSource } from '../core/tokens.js';
import { fsyncDir, readFileNoFollow, TEMP_PREFIX, tempSuffix, writeFileAtomic } from '../fs/files.js';
import type { AuditEvent } from '../home/audit.js';
import { createJournal, decodeChunk, journalFile, readJournalFrom, type JournalEntry, type JournalRead } from './journal.js';
import * as path from 'node:path';
import { corrupt, CREDENTIALS_SCHEMA_VERSION, loadCredentials, type CredentialsDoc } from './records.js';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The snapshot, one record per line: diffs and `grep` stay readable, and parsing stays a
 * single JSON.parse. Version 2 adds the pointer to the journal that continues it.
 */
export function serialize(doc: CredentialsDoc): string {
  const head = JSON.stringify({
    schemaVersion: doc.schemaVersion,
    generation: doc.generation,
    clockHighWater: doc.clockHighWater,
    journal: doc.journal ?? null,
    audit: doc.audit ?? null,
  });
  const body = doc.credentials.map((c) => JSON.stringify(c)).join(',\n');
  return `${head.slice(0, -1)},"credentials":[${body ? `\n${body}\n` : ''}]}\n`;
}

export function newEpoch(random: RandomSource): string {
  return random(8).toString('hex');
}

export function backupName(file: string, from: number): string {
  return `${file}.v${from}.bak`;
}

export function migrateEvent(from: number): AuditEvent {
  return { action: 'records.migrate', id: null, kind: 'credentials', from, to: CREDENTIALS_SCHEMA_VERSION };
}

/** What tells one version of the snapshot file from another without reading it. */
export interface FileSig {
  ino: number;
  size: number;
  mtimeMs: number;
}

export function sigOf(st: fs.Stats): FileSig {
  return { ino: st.ino, size: st.size, mtimeMs: st.mtimeMs };
}

export function sameSig(a: FileSig | undefined, st: fs.Stats): boolean {
  return a !== undefined && a.ino === st.ino && a.size === st.size && a.mtimeMs === st.mtimeMs;
}

/**
 * How far this process has read the records on disk: the snapshot it last loaded and the
 * part of that snapshot's journal already applied to the in-memory view.
 */
export interface JournalCursor {
  /** The snapshot's signature when last read; undefined before the first read. */
  sig: FileSig | undefined;
  /** The snapshot's schema version on disk: below the current one, a migration is pending. */
  from: number;
  /** Journal bytes read and applied (complete, checked lines only). */
  offset: number;
  /** The journal file's inode when last read: another inode means it was replaced. */
  ino: number | undefined;
  /** Bytes after `offset` that were not a complete line yet (a writer mid-append, or one that died). */
  torn: number;
  /** Journal lines applied since the snapshot. */
  lines: number;
}

export function freshCursor(sig: FileSig | undefined): JournalCursor {
  return { sig, from: CREDENTIALS_SCHEMA_VERSION, offset: 0, ino: undefined, torn: 0, lines: 0 };
}

/** A snapshot and its journal as read from disk, not yet installed. */
export interface Loaded {
  doc: CredentialsDoc;
  entries: JournalEntry[];
  /** The cursor after reading all of `entries` (lines counted as they are applied). */
  cursor: JournalCursor;
}

/** Reads the snapshot and its whole journal; undefined when there is no snapshot. Throws on anything bad. */
export function loadFull(file: string): Loaded | undefined {
  // A compaction may replace the snapshot and delete the journal between our two reads:
  // a missing journal is corruption only if the snapshot that names it is still in place.
  for (let attempt = 0; ; attempt++) {
    const r = readFileNoFollow(file);
    if (!r) return undefined;
    const { doc, from } = loadCredentials(file, r.data);
    const out: Loaded = { doc, entries: [], cursor: { ...freshCursor(sigOf(r.stat)), from } };
    if (!doc.journal) return out;
    const jf = journalFile(file, doc.journal.epoch);
    const jr = readJournalFrom(jf, 0);
    if (!jr) {
      if (from < 3) return out; // before version 3 an empty journal could be absent
      if (attempt < 20 && !unchanged(file, r.data)) continue;
      throw corrupt(path.basename(file), `its journal ${path.basename(jf)} is missing (removed, or not copied with it)`);
    }
    return withJournal(out, jf, jr);
  }
}

/** A snapshot's load completed with its whole journal, read from offset 0. */
export function withJournal<L extends Loaded>(out: L, jf: string, jr: JournalRead): L {
  const c = decodeChunk(jf, jr.data, out.doc.generation);
  out.entries = c.entries;
  out.cursor.offset = c.goodBytes;
  out.cursor.torn = c.tornBytes;
  out.cursor.ino = jr.ino;
  return out;
}

/** The snapshot still has these bytes (an inode number alone can be reused at once). */
function unchanged(file: string, data: Buffer): boolean {
  try {
    const again = readFileNoFollow(file);
    return again?.data.equals(data) === true;
  } catch {
    return false;
  }
}

/**
 * Writes a new snapshot (and first the empty journal it names), keeping the previous one
 * as a hard link under a temp name until `done`: `undo` puts it back atomically (the
 * change's audit lines could not be written). A crash leaves the link to the sweep.
 */
export function writeSnapshotUndoable(file: string, doc: CredentialsDoc): { undo: () => void; done: () => void } {
  const dir = path.dirname(file);
  const prev = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.prev.${process.pid}.${tempSuffix()}`);
  let linked = false;
  try {
    fs.linkSync(file, prev);
    linked = true;
  } catch {
    /* no previous snapshot (or a file system without hard links): nothing to put back */
  }
  const jf = journalFile(file, doc.journal!.epoch);
  try {
    createJournal(jf);
    writeFileAtomic(file, serialize(doc));
  } catch (e) {
    rm(jf);
    if (linked) rm(prev);
    throw e;
  }
  return {
    undo: () => {
      if (linked) fs.renameSync(prev, file);
      rm(jf);
      fsyncDir(dir);
    },
    done: () => {
      if (linked) rm(prev);
    },
  };
}

function rm(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    /* gone */
  }
}

/**
 * True when the disk may hold writes the view read up to `cur` has not seen: one stat of
 * the snapshot and one of its journal, without reading either (a torn tail: always true).
 */
export async function changedSince(
  credFile: string,
  cur: JournalCursor,
  journal: { epoch: string } | null | undefined,
  isClosed: () => boolean,
): Promise<boolean> {
  const st = await fs.promises.stat(credFile);
  if (isClosed()) return false;
  if (!sameSig(cur.sig, st)) return true;
  if (!journal) return false;
  let jst: fs.Stats | undefined;
  try {
    jst = await fs.promises.stat(journalFile(credFile, journal.epoch));
  } catch {
    jst = undefined;
  }
  if (isClosed()) return false;
  // A torn tail is always read again: the next writer cuts it and appends its own line,
  // which can be exactly as long, leaving the same file at the same size.
  if (cur.torn > 0) return true;
  return !(jst === undefined ? cur.offset === 0 : jst.ino === cur.ino && jst.size === cur.offset);
}
