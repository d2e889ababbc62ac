import * as fs from 'node:fs';
import * as path from 'node:path';
import { fsyncDir } from '../fs/files.js';
import { B3iqError, errnoCode } from '../core/errors.js';

/**
 * The audit log in chained segments (docs/records.md, "Audit segments"): once the active
 * file (`audit.log`) holds this much, the next write renames it, under the home's lock, to
 * the next numbered segment (`audit.log.000001`, `audit.log.000002`, …, oldest first,
 * never renamed again) and starts a new active file whose first entry chains to the
 * segment's last. The chain is one chain across the files: a segment altered, removed,
 * cut or swapped with another breaks it where the next file begins. Every segment is kept.
 */
export const AUDIT_SEGMENT_BYTES = 8 * 1024 * 1024;

export interface AuditSegment {
  n: number;
  file: string;
}

const DIGITS = 6;

function segmentRe(active: string): RegExp {
  return new RegExp(`^${path.basename(active).replace(/\./g, '\\.')}\\.(\\d{${DIGITS},})$`);
}

/** The segments of the active audit file `active`, oldest first. */
export function listSegments(active: string): AuditSegment[] {
  let names: string[];
  try {
    names = fs.readdirSync(path.dirname(active));
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return [];
    throw new B3iqError('E_IO', `Cannot list the audit log's folder (${errnoCode(e) ?? 'error'}).`);
  }
  const re = segmentRe(active);
  const out: AuditSegment[] = [];
  for (const name of names) {
    const m = re.exec(name);
    if (m) out.push({ n: Number(m[1]), file: path.join(path.dirname(active), name) });
  }
  return out.sort((a, b) => a.n - b.n);
}

export function segmentFile(active: string, n: number): string {
  return `${active}.${String(n).padStart(DIGITS, '0')}`;
}

/**
 * Under the lock: the active file becomes the next segment (one atomic rename, the folder
 * synced). A crash after it leaves no active file: the log's end is then the last
 * segment's, and the next write starts the active file chained to it.
 */
export function startSegment(active: string): string {
  const last = listSegments(active).at(-1);
  const target = segmentFile(active, (last?.n ?? 0) + 1);
  fs.renameSync(active, target);
  fsyncDir(path.dirname(active));
  return target;
}
