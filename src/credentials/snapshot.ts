import type * as fs from 'node:fs';
import type { RandomSource } from '../core/tokens.js';
import { readFileNoFollow } from '../fs/files.js';
import type { AuditEvent } from '../home/audit.js';
import { decodeChunk, journalFile, readJournalFrom, type JournalEntry } from './journal.js';
import { CREDENTIALS_SCHEMA_VERSION, loadCredentials, type CredentialsDoc } from './records.js';

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * The snapshot, one record per line: diffs and `grep` stay readable, and parsing stays a
 * single JSON.parse. Version 2 adds the pointer to the journal that continues it.
 */
export function serialize(doc: CredentialsDoc): string {
  const head = JSON.stringify({ schemaVersion: doc.schemaVersion, generation: doc.generation, clockHighWater: doc.clockHighWater, journal: doc.journal ?? null });
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
  const r = readFileNoFollow(file);
  if (!r) return undefined;
  const { doc, from } = loadCredentials(file, r.data);
  const out: Loaded = { doc, entries: [], cursor: { ...freshCursor(sigOf(r.stat)), from } };
  if (doc.journal) {
    const jf = journalFile(file, doc.journal.epoch);
    const jr = readJournalFrom(jf, 0);
    if (jr) {
      const c = decodeChunk(jf, jr.data, doc.generation);
      out.entries = c.entries;
      out.cursor.offset = c.goodBytes;
      out.cursor.torn = c.tornBytes;
      out.cursor.ino = jr.ino;
    }
  }
  return out;
}
