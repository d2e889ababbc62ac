import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { B3iqError, errnoCode } from '../core/errors.js';
import { processAlive } from './files.js';

// node:os on first use: a read (`keys list`) never takes the lock (start-up, docs/performance.md).
const requireModule = createRequire(import.meta.url);
let os: typeof import('node:os') | undefined;
const hostname = (): string => (os ??= requireModule('node:os') as typeof import('node:os')).hostname();

/**
 * Inter-process lock: a file created with O_EXCL|O_NOFOLLOW holding the owner's pid.
 * Hand-written rather than proper-lockfile: that one only detects a dead owner after its
 * stale timeout (10 s by default); checking the pid recovers a SIGKILLed writer's lock at
 * once on the same host. A lock from another host or a pid that lives on is honoured
 * until it is older than STALE_MS.
 */
const { O_WRONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY } = fs.constants;
const STALE_MS = 30_000;

interface LockInfo {
  pid: number;
  host: string;
  nonce: string;
  at: number;
}

function readLock(file: string): LockInfo | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw new B3iqError('E_SYMLINK', `The lock ${file} is a symlink; refusing to use it.`, { hint: 'Remove the link.' });
    throw new B3iqError('E_IO', `Cannot read the lock (${code ?? 'error'}).`);
  }
  try {
    const st = fs.fstatSync(fd);
    const text = fs.readFileSync(fd, 'utf8');
    try {
      const v = JSON.parse(text) as LockInfo;
      return { pid: Number(v.pid), host: String(v.host), nonce: String(v.nonce), at: Number(v.at) || st.mtimeMs };
    } catch {
      // A torn lock file: its writer died between create and write.
      return { pid: 0, host: hostname(), nonce: '', at: st.mtimeMs };
    }
  } finally {
    fs.closeSync(fd);
  }
}

function isStale(info: LockInfo, now: number): boolean {
  // An empty lock may be one being written right now: give its writer a moment.
  if (info.pid <= 0) return now - info.at > 2_000;
  if (info.host === hostname() && !processAlive(info.pid)) return true;
  return now - info.at > STALE_MS;
}

export interface Lock {
  release(): void;
}

function tryCreate(file: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'EEXIST') return false;
    if (code === 'ELOOP') throw new B3iqError('E_SYMLINK', `The lock ${file} is a symlink; refusing to use it.`, { hint: 'Remove the link.' });
    if (code === 'ENOSPC') throw new B3iqError('E_IO', 'No space left to take the lock; nothing was changed.', { hint: 'Free some disk space and retry.' });
    throw new B3iqError('E_IO', `Cannot create the lock (${code ?? 'error'}); nothing was changed.`, {
      hint: 'Check that the config directory is writable by you.',
    });
  }
  try {
    fs.writeSync(fd, JSON.stringify(info));
  } catch (e) {
    // A full disk takes the create but not the write: remove the empty file we own rather
    // than leave a torn lock that makes the next process wait out its grace period.
    fs.closeSync(fd);
    fd = -1;
    try {
      fs.unlinkSync(file);
    } catch {
      /* gone */
    }
    const code = errnoCode(e);
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw new B3iqError('E_IO', 'No space left to take the lock; nothing was changed.', { hint: 'Free some disk space and retry.' });
    throw new B3iqError('E_IO', `Cannot write the lock (${code ?? 'error'}); nothing was changed.`, {
      hint: 'Check that the config directory is writable by you.',
    });
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
  return true;
}

/** Removes a stale lock under a second, short-lived lock so two stealers cannot both win. */
function stealIfStale(file: string, seen: LockInfo): void {
  const guard = `${file}.steal`;
  const mine: LockInfo = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex'), at: Date.now() };
  if (!tryCreate(guard, mine)) {
    const g = readLock(guard);
    if (g && isStale(g, Date.now()) && g.nonce === readLock(guard)?.nonce) {
      try {
        fs.unlinkSync(guard);
      } catch {
        /* raced */
      }
    }
    return;
  }
  try {
    const again = readLock(file);
    if (again && again.nonce === seen.nonce && again.pid === seen.pid) fs.unlinkSync(file);
  } catch {
    /* someone else resolved it */
  } finally {
    try {
      fs.unlinkSync(guard);
    } catch {
      /* gone */
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export async function acquireLock(file: string, timeoutMs = lockTimeoutMs()): Promise<Lock> {
  const info: LockInfo = { pid: process.pid, host: hostname(), nonce: randomBytes(12).toString('hex'), at: Date.now() };
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  for (;;) {
    info.at = Date.now();
    if (tryCreate(file, info)) break;
    const holder = readLock(file);
    if (holder && isStale(holder, Date.now())) {
      stealIfStale(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new B3iqError('E_LOCK_TIMEOUT', `Timed out after ${Math.round(timeoutMs / 1000)}s waiting for another b3iq process (pid ${holder?.pid ?? '?'}).`, {
        hint: 'Retry when it has finished; a lock left by a dead process is recovered automatically.',
      });
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const cur = readLock(file);
      if (cur && cur.nonce === info.nonce) {
        try {
          fs.unlinkSync(file);
        } catch {
          /* gone */
        }
      }
    },
  };
}

function lockTimeoutMs(): number {
  const v = Number(process.env.B3IQ_LOCK_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : 15_000;
}
