import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import { readFileNoFollow, TEMP_PREFIX } from '../fs/files.js';
import { locked } from '../home/home.js';
import { FILES } from '../home/paths.js';

/**
 * A backup of a whole home (docs/records.md, "Backups"): one JSON document holding every
 * record file, read under the home's lock so the records, their journal and the audit
 * log are one consistent state. Secrets kept in the OS keychain or its file fallback
 * (`keychain/`) are not included, and the document says so. Each file carries its
 * SHA-256; `digest` covers the list. A backup holds token hashes: it is written 0600.
 */
export const BACKUP_FORMAT = 'b3iq-home-backup';
export const BACKUP_SCHEMA_VERSION = 1;
/** A backup larger than this is refused when read (a home is far smaller). */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;

export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
  data: string;
}

export interface BackupDoc {
  format: typeof BACKUP_FORMAT;
  schemaVersion: number;
  createdAt: string;
  files: BackupFile[];
  excluded: string[];
  digest: string;
}

export const KEYCHAIN_NOTE =
  'keychain/: secrets kept in the OS keychain or its 0600 file fallback (the hosted gateway key, saved local keys) are not in a backup; keep them separately';

/** Top-level record files, and regular files in subfolders other than the keychain's, one level deep. */
const NAME_RE = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,120}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

export function digestOf(files: readonly Pick<BackupFile, 'name' | 'bytes' | 'sha256'>[]): string {
  return sha256(files.map((f) => `${f.name}\n${f.bytes}\n${f.sha256}\n`).join(''));
}

function skipped(name: string): boolean {
  return name === FILES.lock || name.startsWith(TEMP_PREFIX) || name.startsWith('lock');
}

/** A name homeFiles() can produce: no keychain/ entry, lock or temporary file at any level. */
function backedUpName(name: string): boolean {
  const parts = name.split('/');
  return parts[0] !== FILES.keychainDir && !parts.some(skipped);
}

/** The files of a home, as names relative to it (sorted). */
function homeFiles(home: string): string[] {
  const out: string[] = [];
  for (const name of fs.readdirSync(home).sort()) {
    if (skipped(name)) continue;
    const st = fs.lstatSync(path.join(home, name));
    if (st.isFile()) out.push(name);
    else if (st.isDirectory() && name !== FILES.keychainDir) {
      for (const sub of fs.readdirSync(path.join(home, name)).sort()) {
        if (!skipped(sub) && fs.lstatSync(path.join(home, name, sub)).isFile()) out.push(`${name}/${sub}`);
      }
    }
  }
  return out;
}

/** Reads the whole home under its lock (one consistent state) and audits the backup. */
export async function takeBackup(home: string, clock: () => number): Promise<BackupDoc> {
  return locked(home, { clock }, (now, audit) => {
    const files: BackupFile[] = [];
    for (const name of homeFiles(home)) {
      const r = readFileNoFollow(path.join(home, name));
      if (!r) continue;
      files.push({ name, bytes: r.data.length, sha256: sha256(r.data), data: r.data.toString('base64') });
    }
    audit.push({ action: 'home.backup', id: null, kind: 'home', files: files.length });
    return {
      format: BACKUP_FORMAT,
      schemaVersion: BACKUP_SCHEMA_VERSION,
      createdAt: new Date(now).toISOString(),
      files,
      excluded: [KEYCHAIN_NOTE],
      digest: digestOf(files),
    };
  });
}

function tampered(why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `The backup is damaged or was altered (${why}); nothing was restored.`, {
    hint: 'Use another copy of the backup.',
  });
}

/** Parses and checks a backup's own integrity (format, names, sizes, hashes, digest); returns its files. */
export function readBackup(data: Buffer): { doc: BackupDoc; files: Map<string, Buffer> } {
  let doc: BackupDoc;
  try {
    doc = JSON.parse(data.toString('utf8')) as BackupDoc;
  } catch {
    throw tampered('not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || doc.format !== BACKUP_FORMAT) throw tampered('not a b3iq home backup');
  if (!Number.isInteger(doc.schemaVersion) || doc.schemaVersion < 1) throw tampered('no valid schemaVersion');
  if (doc.schemaVersion > BACKUP_SCHEMA_VERSION) {
    throw new B3iqError(
      'E_SCHEMA_NEWER',
      `The backup has schemaVersion ${String(doc.schemaVersion)}, newer than this b3iq understands (${BACKUP_SCHEMA_VERSION}); nothing was restored.`,
    );
  }
  if (!Array.isArray(doc.files)) throw tampered('no file list');
  const files = new Map<string, Buffer>();
  for (const [i, f] of doc.files.entries()) {
    if (typeof f !== 'object' || f === null || typeof f.name !== 'string' || !NAME_RE.test(f.name) || f.name.includes('..') || files.has(f.name))
      throw tampered(`file ${i} has a bad name`);
    // Only what takeBackup writes: a planted keychain/ entry would become the node's gateway
    // key or a saved local key, a planted lock a home no command can take.
    if (!backedUpName(f.name)) throw tampered(`file ${i} is not a file a backup holds`);
    if (typeof f.data !== 'string' || typeof f.sha256 !== 'string') throw tampered(`${f.name} is malformed`);
    const buf = Buffer.from(f.data, 'base64');
    if (buf.length !== f.bytes || sha256(buf) !== f.sha256) throw tampered(`${f.name} does not match its hash`);
    files.set(f.name, buf);
  }
  if (digestOf(doc.files) !== doc.digest) throw tampered('the file list does not match its digest');
  for (const need of [FILES.node, FILES.credentials]) if (!files.has(need)) throw tampered(`${need} is missing`);
  return { doc, files };
}
