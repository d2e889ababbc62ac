import * as fs from 'node:fs';
import * as path from 'node:path';
import { B3iqError, errnoCode } from '../core/errors.js';
import { fileId, homeFileIds, HOME_FILE_REASON, isB3iqHome, OTHER_HOME_REASON } from './homes.js';

/**
 * Which log files go into a bundle. An allow-list: only text types the redactor knows how
 * to read (by name here, by content while streaming); everything else is listed as left
 * out with the reason, never copied.
 *
 * Symlinks: a PATH given with --logs is followed (the operator named it, like `find -H`);
 * a symlink met while walking a folder is never followed, whether it points inside or
 * outside the given tree, and is listed as left out.
 */
export const TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  '.log',
  '.txt',
  '.json',
  '.jsonl',
  '.ndjson',
  '.yaml',
  '.yml',
  '.toml',
  '.env',
  '.conf',
  '.cfg',
  '.ini',
  '.out',
  '.err',
  '.csv',
]);
const ROTATED_RE = /\.(?:log|out|err|txt)\.\d{1,3}$/i;
export const MAX_FILES = 10_000;
const MAX_DEPTH = 32;

export interface Candidate {
  /** Absolute path to read. */
  file: string;
  /** Path inside the archive (already redacted and sanitised). */
  name: string;
  /** The source path as the manifest shows it (redacted). */
  source: string;
  /** Open with O_NOFOLLOW (found while walking) or not (named on the command line). */
  noFollow: boolean;
}

export interface LeftOut {
  path: string;
  reason: string;
}

export function allowListed(base: string): { ok: true } | { ok: false; reason: string } {
  const lower = base.toLowerCase();
  if (lower === '.env' || lower.startsWith('.env.')) return { ok: true };
  if (ROTATED_RE.test(lower)) return { ok: true };
  const ext = path.extname(lower);
  if (TEXT_EXTENSIONS.has(ext)) return { ok: true };
  const shown = ext === '' ? 'no extension' : /^\.[a-z0-9]{1,12}$/.test(ext) ? ext : 'unrecognised extension';
  return { ok: false, reason: `not an allow-listed text type (${shown})` };
}

/** Archive names: each component redacted, then reduced to a portable character set. */
export function archiveComponent(s: string, redactText: (t: string) => string): string {
  let c = redactText(s)
    .replace(/\[REDACTED:([a-z-]+)\]/g, 'redacted-$1')
    .replace(/\[([a-z]+-[0-9a-z]+)\]/g, '$1');
  c = c.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  if (c === '' || c === '.' || c === '..') c = '_';
  return c;
}

export function collectLogs(
  paths: readonly string[],
  cwd: string,
  redactText: (t: string) => string,
  skip: readonly string[],
  /** The b3iq config home (and its realpath): never copied, whatever --logs names. */
  privateRoots: readonly string[] = [],
): { candidates: Candidate[]; leftOut: LeftOut[] } {
  const candidates: Candidate[] = [];
  const leftOut: LeftOut[] = [];
  const usedNames = new Set<string>();
  const skipSet = new Set(skip);
  const privateSet = new Set(privateRoots);
  const PRIVATE_REASON = 'the b3iq config home: its records are summarised in home.json, never copied';
  const insidePrivate = (p: string): boolean => privateRoots.some((r) => p === r || p.startsWith(r + path.sep));
  const homeIds = homeFileIds(privateRoots);
  const unique = (name: string): string => {
    let n = name;
    for (let i = 2; usedNames.has(n); i++) n = `${name}~${i}`;
    usedNames.add(n);
    return n;
  };
  const add = (file: string, name: string, noFollow: boolean): void => {
    if (candidates.length >= MAX_FILES) {
      leftOut.push({ path: redactText(file), reason: `more than ${MAX_FILES} files; the rest were left out` });
      return;
    }
    candidates.push({ file, name: unique(name), source: redactText(file), noFollow });
  };

  paths.forEach((given, index) => {
    const abs = path.resolve(cwd, given);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs); // follows: the operator named this path
    } catch (e) {
      throw new B3iqError('E_BAD_INPUT', `Cannot read the log path ${redactText(given)} (${errnoCode(e) ?? 'error'}).`, {
        hint: 'Give existing log files or folders.',
      });
    }
    const prefix = `logs/${index + 1}-${archiveComponent(path.basename(abs) || 'root', redactText)}`;
    let real = abs;
    try {
      real = fs.realpathSync(abs);
    } catch {
      /* statted above; keep abs */
    }
    if (insidePrivate(abs) || insidePrivate(real)) {
      leftOut.push({ path: redactText(abs), reason: PRIVATE_REASON });
      return;
    }
    if (st.isDirectory() && isB3iqHome(abs)) {
      leftOut.push({ path: redactText(abs), reason: OTHER_HOME_REASON });
      return;
    }
    if (st.isFile() && (homeIds.has(fileId(st)) || isB3iqHome(path.dirname(abs)))) {
      leftOut.push({ path: redactText(abs), reason: homeIds.has(fileId(st)) ? HOME_FILE_REASON : OTHER_HOME_REASON });
      return;
    }
    if (st.isFile()) {
      const ok = allowListed(path.basename(abs));
      if (ok.ok) add(abs, prefix, false);
      else leftOut.push({ path: redactText(abs), reason: ok.reason });
      return;
    }
    if (!st.isDirectory()) {
      leftOut.push({ path: redactText(abs), reason: 'not a regular file or folder' });
      return;
    }
    let root: string;
    try {
      root = fs.realpathSync(abs);
    } catch (e) {
      throw new B3iqError('E_BAD_INPUT', `Cannot read the log path ${redactText(given)} (${errnoCode(e) ?? 'error'}).`);
    }
    const walk = (dir: string, rel: string[], depth: number): void => {
      let entries: string[];
      try {
        entries = fs.readdirSync(dir).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      } catch (e) {
        leftOut.push({ path: redactText(dir), reason: `folder not readable (${errnoCode(e) ?? 'error'})` });
        return;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry);
        const shown = () => redactText(full);
        let lst: fs.Stats;
        try {
          lst = fs.lstatSync(full);
        } catch (e) {
          leftOut.push({ path: shown(), reason: `not readable (${errnoCode(e) ?? 'error'})` });
          continue;
        }
        if (lst.isSymbolicLink()) {
          let inside = false;
          try {
            const target = fs.realpathSync(full);
            inside = target === root || target.startsWith(root + path.sep);
          } catch {
            /* dangling */
          }
          leftOut.push({ path: shown(), reason: inside ? 'symlink inside the folder, not followed' : 'symlink leading out of the given folder, not followed' });
          continue;
        }
        if (lst.isDirectory()) {
          if (skipSet.has(full)) continue;
          if (privateSet.has(full)) {
            leftOut.push({ path: shown(), reason: PRIVATE_REASON });
            continue;
          }
          if (isB3iqHome(full)) {
            leftOut.push({ path: shown(), reason: OTHER_HOME_REASON });
            continue;
          }
          if (depth >= MAX_DEPTH) {
            leftOut.push({ path: shown(), reason: `nested deeper than ${MAX_DEPTH} folders` });
            continue;
          }
          walk(full, [...rel, entry], depth + 1);
          continue;
        }
        if (!lst.isFile()) {
          leftOut.push({ path: shown(), reason: 'not a regular file' });
          continue;
        }
        if (homeIds.has(fileId(lst))) {
          leftOut.push({ path: shown(), reason: HOME_FILE_REASON });
          continue;
        }
        const ok = allowListed(entry);
        if (!ok.ok) {
          leftOut.push({ path: shown(), reason: ok.reason });
          continue;
        }
        add(full, [prefix, ...[...rel, entry].map((c) => archiveComponent(c, redactText))].join('/'), true);
      }
    };
    walk(root, [], 0);
  });
  return { candidates, leftOut };
}
