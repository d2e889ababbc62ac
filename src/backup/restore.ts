import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { B3iqError, isB3iqError } from '../core/errors.js';
import { DIR_MODE, FILE_MODE, fsyncDir } from '../fs/files.js';
import { locked } from '../home/home.js';
import { readNode } from '../home/node.js';
import { FILES } from '../home/paths.js';
import { checkIntegrity } from '../credentials/integrity.js';
import { recordProblem } from '../credentials/invariants.js';
import { loadChecked } from '../credentials/load-check.js';
import { readBackup, type BackupDoc } from './archive.js';
import { ownerProblem } from './owner-check.js';
import { revivedCredentials } from './revived.js';
import type { CredentialRecord } from '../credentials/records.js';

export interface RestoreSummary {
  nodeId: string;
  files: number;
  credentials: number;
  auditEntries: number;
  excluded: string[];
  createdAt: string;
  /** Where the home that was replaced (--force) was moved; null when there was none. */
  previousHome: string | null;
  restored: boolean;
  /** Credentials revoked or used in the home replaced (--force) that are live in the backup. */
  revived: string[];
}

/** The owner's sessions (src/owner/session-records.ts): never restored. */
const SESSIONS_FILE = 'owner-sessions.json';
const SESSIONS_NOTE = `${SESSIONS_FILE}: owner sessions are not restored; the owner signs in again`;

function inconsistent(why: string): B3iqError {
  return new B3iqError('E_CORRUPT', `The backup does not hold a consistent home (${why}); nothing was restored.`, {
    hint: 'Use another copy of the backup.',
  });
}

function isEmptyDir(dir: string): boolean | undefined {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch {
    return undefined; // absent
  }
  // Not "not empty": --force would move it aside, where every other command refuses it.
  if (st.isSymbolicLink()) throw new B3iqError('E_SYMLINK', `${dir} is a symlink; refusing to restore through it.`, { next: 'home-real-dir' });
  if (!st.isDirectory()) throw new B3iqError('E_UNSAFE_PERMISSIONS', `${dir} is not a directory.`, { next: 'home-real-dir' });
  return fs.readdirSync(dir).length === 0;
}

/** Writes the backup's files into a new private folder next to the home (same file system: the final rename is atomic). */
function stage(home: string, files: Map<string, Buffer>): string {
  const parent = path.dirname(home);
  fs.mkdirSync(parent, { recursive: true, mode: DIR_MODE });
  const dir = path.join(parent, `.${path.basename(home)}.restore-${process.pid}-${randomBytes(4).toString('hex')}`);
  fs.mkdirSync(dir, { mode: DIR_MODE });
  fs.chmodSync(dir, DIR_MODE);
  for (const [name, data] of files) {
    const full = path.join(dir, name);
    if (name.includes('/')) fs.mkdirSync(path.dirname(full), { recursive: true, mode: DIR_MODE });
    const fd = fs.openSync(full, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, FILE_MODE);
    try {
      fs.writeSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  fsyncDir(dir);
  return dir;
}

/** Every invariant and anchor of the staged home, checked before it can replace anything. */
async function checkStaged(
  dir: string,
  now: number,
): Promise<{ nodeId: string; credentials: number; auditEntries: number; recs: Map<string, CredentialRecord> }> {
  let nodeId: string;
  let loaded;
  try {
    nodeId = readNode(dir).nodeId;
    loaded = await loadChecked(dir);
  } catch (e) {
    throw inconsistent(isB3iqError(e) ? e.message.replace(dir, 'the backup') : 'unreadable records');
  }
  if (!loaded) throw inconsistent('no credential records');
  const recs = new Map(loaded.doc.credentials.map((r) => [r.id, r]));
  for (const e of loaded.entries) for (const r of e.recs) recs.set(r.id, r);
  const bad = [...recs.values()].filter((r) => recordProblem(r) !== null).map((r) => r.id);
  if (bad.length > 0) throw inconsistent(`records that break their kind's rules: ${bad.slice(0, 5).join(', ')}`);
  const report = checkIntegrity(dir, now);
  if (!report.chain.ok) throw inconsistent(`audit log entry ${report.chain.line}: ${report.chain.problem}`);
  if (!report.anchors.ok) throw inconsistent(report.anchors.problem!);
  if (!report.issuance.ok) throw inconsistent(report.issuance.problems.slice(0, 3).join('; '));
  const owner = ownerProblem(dir);
  if (owner) throw inconsistent(owner);
  return { nodeId, credentials: recs.size, auditEntries: report.chain.entries, recs };
}

/**
 * Restores a backup into `home`: the archive's own hashes first, then the files staged in
 * a private folder beside the home and every invariant and anchor checked there; only
 * then does one rename put it in place (an absent or empty home, or with `force` the old
 * home moved aside, never deleted). `dryRun` stops after the checks.
 */
export async function restoreBackup(home: string, data: Buffer, opts: { dryRun: boolean; force: boolean; clock: () => number }): Promise<RestoreSummary> {
  const { doc, files } = readBackup(data);
  // Sessions ended after the backup was taken (a stolen cookie signed out) must stay ended.
  const endsSessions = files.delete(SESSIONS_FILE);
  const empty = isEmptyDir(home);
  if (empty === false && !opts.dryRun && !opts.force) {
    throw new B3iqError('E_USAGE', `${home} is not empty; refusing to restore over it.`, { next: 'restore-force' });
  }
  const dir = stage(home, files);
  let previousHome: string | null = null;
  try {
    const { recs, ...checked } = await checkStaged(dir, opts.clock());
    const revived = empty === false ? revivedCredentials(home, recs, opts.clock()) : [];
    const summary = (restored: boolean): RestoreSummary => ({
      ...checked,
      revived,
      files: files.size,
      excluded: [...((doc as BackupDoc).excluded ?? []), ...(endsSessions ? [SESSIONS_NOTE] : [])],
      createdAt: doc.createdAt,
      previousHome,
      restored,
    });
    if (opts.dryRun) return summary(false);
    if (empty === false) {
      previousHome = `${home}.before-restore-${new Date(opts.clock()).toISOString().replace(/[:.]/g, '-')}`;
      await locked(home, { clock: opts.clock }, () => {
        fs.renameSync(home, previousHome!);
        fs.renameSync(dir, home);
      });
      fs.rmSync(path.join(previousHome, FILES.lock), { force: true });
    } else {
      if (empty === true) fs.rmdirSync(home);
      fs.renameSync(dir, home);
    }
    fsyncDir(path.dirname(home));
    await locked(home, { clock: opts.clock }, (_now, audit) => {
      audit.push({ action: 'home.restore', id: checked.nodeId, kind: 'home', files: files.size, backupCreatedAt: doc.createdAt });
    });
    return summary(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
