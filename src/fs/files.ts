import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { B3iqError, errnoCode } from '../core/errors.js';

/**
 * Every byte the tool writes to disk goes through here. Hand-written rather than
 * write-file-atomic: that package follows symlinks (realpath) and does not fsync the
 * folder, and both are guarantees of the contract.
 */
const { O_WRONLY, O_RDONLY, O_CREAT, O_EXCL, O_NOFOLLOW, O_APPEND } = fs.constants;
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

const uid = typeof process.getuid === 'function' ? process.getuid() : -1;

function ioError(e: unknown, what: string): B3iqError {
  const code = errnoCode(e);
  if (code === 'ELOOP' || code === 'EMLINK') {
    return new B3iqError('E_SYMLINK', `Refusing to follow a symlink at ${what}.`, { hint: 'Remove the link; b3iq never writes through symlinks.' });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new B3iqError('E_IO', `No space left to write ${what}; nothing was changed.`, { hint: 'Free some disk space and retry.' });
  }
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new B3iqError('E_IO', `Cannot write ${what} (${code}); nothing was changed.`, { hint: 'Check that the config directory is writable by you.' });
  }
  return new B3iqError('E_IO', `Cannot access ${what}${code ? ` (${code})` : ''}.`, { cause: e });
}

/** Owner and group/world-writable checks: a directory someone else can write is not ours. */
export function assertSafeDir(dir: string, st: fs.Stats): void {
  if (!st.isDirectory()) throw new B3iqError('E_UNSAFE_PERMISSIONS', `${dir} is not a directory.`, { next: 'home-real-dir' });
  if (uid >= 0 && st.uid !== uid) {
    throw new B3iqError('E_UNSAFE_OWNER', `${dir} is owned by another user (uid ${st.uid}).`, {
      next: 'home-own-dir',
    });
  }
  if ((st.mode & 0o022) !== 0) {
    throw new B3iqError('E_UNSAFE_PERMISSIONS', `${dir} is writable by group or others (mode ${(st.mode & 0o777).toString(8)}).`, {
      hint: `Fix it with: chmod 700 ${dir}`,
    });
  }
}

/** Creates (or checks) a private folder: 0700 whatever the umask, never a symlink. */
export function ensurePrivateDir(dir: string): void {
  let st: fs.Stats | undefined;
  try {
    st = fs.lstatSync(dir);
  } catch (e) {
    if (errnoCode(e) !== 'ENOENT') throw ioError(e, dir);
  }
  if (!st) {
    try {
      fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
      fs.chmodSync(dir, DIR_MODE);
    } catch (e) {
      throw ioError(e, dir);
    }
    st = fs.lstatSync(dir);
  }
  if (st.isSymbolicLink()) {
    throw new B3iqError('E_SYMLINK', `${dir} is a symlink; refusing to use it.`, { next: 'home-real-dir' });
  }
  assertSafeDir(dir, st);
  if ((st.mode & 0o777) !== DIR_MODE) {
    try {
      fs.chmodSync(dir, DIR_MODE);
    } catch (e) {
      throw ioError(e, dir);
    }
  }
}

export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, O_RDONLY);
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Temp files share one recognisable prefix so leftovers from crashes can be swept. */
export const TEMP_PREFIX = '.tmp-';

/**
 * Twelve hex digits no one can guess, for a temp file's name: from the OS's random device,
 * read directly, else node:crypto. The CLI's bundles load node:crypto on first use only
 * (with node:stream it costs a `keys list` about 3 ms: docs/performance.md, Start-up), and
 * a listing that writes the clock mark would otherwise load it for six bytes.
 */
export function tempSuffix(): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync('/dev/urandom', O_RDONLY);
    const buf = Buffer.alloc(6);
    if (fs.readSync(fd, buf, 0, 6, null) === 6) return buf.toString('hex');
  } catch {
    // no such device (not a Unix-like system): node:crypto below
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return randomBytes(6).toString('hex');
}

/**
 * Atomic replace: temp file in the same folder (exclusive, no-follow, 0600), write, fsync,
 * rename over the target, fsync the folder. A symlink at the target is refused, untouched.
 */
/**
 * `durable: false` skips the fsyncs (a best-effort file such as the clock mark: after a
 * power loss it may be older, never torn).
 */
export function writeFileAtomic(file: string, data: string | Buffer, opts: { durable?: boolean } = {}): void {
  const durable = opts.durable !== false;
  const dir = path.dirname(file);
  const tmp = path.join(dir, `${TEMP_PREFIX}${path.basename(file)}.${process.pid}.${tempSuffix()}`);
  try {
    const st = fs.lstatSync(file);
    if (st.isSymbolicLink()) throw new B3iqError('E_SYMLINK', `${file} is a symlink; refusing to replace it.`, { hint: 'Remove the link and retry.' });
  } catch (e) {
    if (e instanceof B3iqError) throw e;
    if (errnoCode(e) !== 'ENOENT') throw ioError(e, file);
  }
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, FILE_MODE);
    fs.fchmodSync(fd, FILE_MODE);
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    if (durable) fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw e instanceof B3iqError ? e : ioError(e, file);
  }
  if (durable) fsyncDir(dir);
}

/**
 * A record file must be regular, ours, and private: not writable by group or others (it
 * could have been altered) and not readable by them (what it holds has been exposed).
 */
export function assertSafeRecordStat(file: string, stat: fs.Stats, { readableOk = false }: { readableOk?: boolean } = {}): void {
  if (!stat.isFile()) throw new B3iqError('E_CORRUPT', `${file} is not a regular file.`);
  if (uid >= 0 && stat.uid !== uid) {
    throw new B3iqError('E_UNSAFE_OWNER', `${file} is owned by another user (uid ${stat.uid}).`, { hint: 'Records must belong to the operator running b3iq.' });
  }
  if ((stat.mode & 0o022) !== 0) {
    throw new B3iqError('E_UNSAFE_PERMISSIONS', `${file} is writable by group or others.`, { hint: `Check it has not been altered, then: chmod 600 ${file}` });
  }
  if (!readableOk && (stat.mode & 0o044) !== 0) {
    throw new B3iqError('E_UNSAFE_PERMISSIONS', `${file} is readable by group or others (mode ${(stat.mode & 0o777).toString(8)}).`, {
      hint: `Make it private again: chmod 600 ${file}; then check who could read it (doctor lists every file).`,
    });
  }
}

/** Reads without following a symlink; returns undefined when the file does not exist. */
export function readFileNoFollow(file: string, check: { readableOk?: boolean } = {}): { data: Buffer; stat: fs.Stats } | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, O_RDONLY | O_NOFOLLOW);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw ioError(e, file);
  }
  try {
    const stat = fs.fstatSync(fd);
    assertSafeRecordStat(file, stat, check);
    return { data: fs.readFileSync(fd), stat };
  } catch (e) {
    throw e instanceof B3iqError ? e : ioError(e, file);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens a record file to read it in pieces (readFileNoFollowAsync's checks); undefined when
 * it does not exist. The caller closes the handle. A record file is replaced by rename,
 * never rewritten in place: the handle reads one version however long the reading takes.
 */
export async function openNoFollowAsync(file: string): Promise<{ fh: fs.promises.FileHandle; stat: fs.Stats } | undefined> {
  let fh: fs.promises.FileHandle;
  try {
    fh = await fs.promises.open(file, O_RDONLY | O_NOFOLLOW);
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return undefined;
    throw ioError(e, file);
  }
  try {
    const stat = await fh.stat();
    assertSafeRecordStat(file, stat);
    return { fh, stat };
  } catch (e) {
    await fh.close();
    throw e instanceof B3iqError ? e : ioError(e, file);
  }
}

/** readFileNoFollow off the event loop (a live reader's large snapshot): same checks, same errors. */
export async function readFileNoFollowAsync(file: string): Promise<{ data: Buffer; stat: fs.Stats } | undefined> {
  const opened = await openNoFollowAsync(file);
  if (!opened) return undefined;
  try {
    return { data: await opened.fh.readFile(), stat: opened.stat };
  } catch (e) {
    throw e instanceof B3iqError ? e : ioError(e, file);
  } finally {
    await opened.fh.close();
  }
}

/**
 * Opens a new file for a one-time secret: created exclusively (O_EXCL refuses existing
 * files and dangling symlinks alike), 0600 whatever the umask. Returns the fd.
 */
export function createExclusive(file: string): number {
  try {
    const fd = fs.openSync(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, FILE_MODE);
    fs.fchmodSync(fd, FILE_MODE);
    return fd;
  } catch (e) {
    const code = errnoCode(e);
    let isLink = false;
    try {
      isLink = fs.lstatSync(file).isSymbolicLink();
    } catch {
      /* not there */
    }
    if (isLink || code === 'ELOOP') {
      throw new B3iqError('E_OUT_SYMLINK', `${file} is a symlink; refusing to write a secret through it.`, { hint: 'Choose a new file name.' });
    }
    if (code === 'EEXIST') {
      throw new B3iqError('E_OUT_EXISTS', `${file} already exists; refusing to overwrite it.`, {
        hint: 'Choose a new file name, or remove the old file first.',
      });
    }
    if (code === 'ENOENT') throw new B3iqError('E_USAGE', `Cannot create ${file}: its folder does not exist.`);
    throw ioError(e, file);
  }
}

export function writeAllAndClose(fd: number, data: string | Buffer): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    let off = 0;
    while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Append-only files (the audit log): no-follow, 0600, fsync'd. */
export function appendNoFollow(file: string, data: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW, FILE_MODE);
    fs.fchmodSync(fd, FILE_MODE);
    fs.writeSync(fd, data);
    fs.fsyncSync(fd);
  } catch (e) {
    throw e instanceof B3iqError ? e : ioError(e, file);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Removes temp files left by crashed writers (only ours: by prefix, older than a minute). */
export function sweepTempFiles(dir: string, now: number): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const full = path.join(dir, name);
    try {
      const st = fs.lstatSync(full);
      const pid = Number(name.split('.').at(-2));
      const owned = Number.isInteger(pid) && pid > 0 && !processAlive(pid);
      if (owned || now - st.mtimeMs > 60_000) {
        fs.unlinkSync(full);
        removed++;
      }
    } catch {
      /* raced with another sweeper */
    }
  }
  return removed;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}
