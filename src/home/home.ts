import * as fs from 'node:fs';
import { B3iqError, errnoCode } from '../core/errors.js';
import type { RandomSource } from '../core/tokens.js';
import { acquireLock } from '../fs/lock.js';
import { ensurePrivateDir, assertSafeDir, readFileNoFollow, sweepTempFiles, writeFileAtomic } from '../fs/files.js';
import { appendAudit, type AuditEvent } from './audit.js';
import { homeFile } from './paths.js';
import { parseVersioned } from './records-io.js';
import { NODE_SCHEMA_VERSION, notInitialised, validateNode, type NodeDoc } from './node.js';

export type Clock = () => number;

export function checkHome(home: string, { mustExist }: { mustExist: boolean }): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(home);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') {
      if (!mustExist) return;
      throw notInitialised(home);
    }
    throw new B3iqError('E_IO', `Cannot read ${home} (${errnoCode(e) ?? 'error'}).`);
  }
  if (st.isSymbolicLink()) throw new B3iqError('E_SYMLINK', `${home} is a symlink; refusing to use it.`, { next: 'home-real-dir' });
  assertSafeDir(home, st);
}

/** Runs fn under the home's inter-process lock (only `locked` takes it). */
async function withLock<T>(home: string, fn: () => T | Promise<T>): Promise<T> {
  const lock = await acquireLock(homeFile(home, 'lock'));
  try {
    return await fn();
  } finally {
    lock.release();
  }
}

export interface WriteOptions {
  clock: Clock;
  /** The audit log starts a new segment past this size (audit-segments.ts; default 8 MiB). */
  auditSegmentBytes?: number | undefined;
  /** Under the lock, before `body`: bring the writer's in-memory view up to date with the disk. */
  refresh?: () => void;
  /** The write's time (default: the clock). The credential log's never runs behind its recorded clock mark. */
  now?: () => number;
}

/**
 * The one write path into a home, used by every writer (credentials, owner, keychain file
 * fallback, audit-only events): take the home's lock, sweep temp files a crashed writer
 * left, let the writer refresh its view, fix the write's time, run `body`, then append the
 * audit events it collected, then release. Nothing is audited when `body` throws.
 */
export async function locked<T>(home: string, opts: WriteOptions, body: (now: number, audit: AuditEvent[]) => T): Promise<T> {
  return withLock(home, () => {
    sweepTempFiles(home, opts.clock());
    opts.refresh?.();
    const now = opts.now ? opts.now() : opts.clock();
    const audit: AuditEvent[] = [];
    const result = body(now, audit);
    appendAudit(homeFile(home, 'audit'), audit, now, opts.auditSegmentBytes);
    return result;
  });
}

/**
 * Inside `locked`'s body: appends the events collected so far at once, before the body's
 * commit point, for a record whose existence must imply its audit line (joining a
 * workflow: a writer killed between the two leaves a line and no change, never the
 * reverse). What the body pushes afterwards is appended by `locked` as usual.
 */
export function flushAudit(home: string, audit: AuditEvent[], now: number): void {
  appendAudit(homeFile(home, 'audit'), audit.splice(0), now);
}

export interface InitResult {
  home: string;
  created: boolean;
  nodeId: string;
}

/**
 * Creates the config directory and node identity; idempotent. `seedRecords` runs under the
 * same lock to create (or check) the records the layers above keep in the home.
 */
export async function initHomeWith(home: string, clock: Clock, random: RandomSource, seedRecords: (now: number) => void): Promise<InitResult> {
  checkHome(home, { mustExist: false });
  ensurePrivateDir(home);
  return locked(home, { clock }, (now, audit) => {
    const nodeFile = homeFile(home, 'node');
    const existing = readFileNoFollow(nodeFile);
    let created = false;
    let node: NodeDoc;
    if (existing) {
      node = validateNode(nodeFile, parseVersioned(nodeFile, existing.data, NODE_SCHEMA_VERSION));
    } else {
      node = { schemaVersion: NODE_SCHEMA_VERSION, nodeId: `node_${random(12).toString('hex')}`, createdAt: new Date(now).toISOString() };
      writeFileAtomic(nodeFile, JSON.stringify(node, null, 2) + '\n');
      created = true;
    }
    seedRecords(now);
    if (created) audit.push({ action: 'init', id: node.nodeId, kind: 'node' });
    return { home, created, nodeId: node.nodeId };
  });
}
