import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseToken, type TokenKind } from '../core/tokens.js';
import { credentialRunRe } from '../core/credential-kinds.js';

/**
 * The leak scanner: finds checksum-valid b3iq tokens in files, folders and shell history.
 * The token text never leaves this module: callers get file, line and kind, plus whatever
 * their `classify` callback says about the token (its id and whether it is live).
 *
 * Speed: one read per file, a memmem-style `Buffer.indexOf('b3iq_')` before anything
 * else, so a file without the prefix costs a read and a search and nothing more.
 */
/** Vendored and version-control folders: skipped in walks (and counted) unless includeVendored. */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.hg', '.svn']);
/** Files larger than this are skipped (and counted) in folder walks. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
/** git's heuristic: a NUL in the first 8000 bytes means binary. */
const BINARY_SNIFF = 8000;
const PREFIX = Buffer.from('b3iq_');
/** Prefix + kind + any run of base62: parseToken then insists on exactly 43 + 6 chars and the checksum. */
const CANDIDATE_RE = credentialRunRe();

export interface Classification {
  id: string | null;
  live: boolean;
}

export type Classifier = (token: string, kind: TokenKind) => Classification;

export interface Finding {
  file: string;
  line: number;
  kind: TokenKind;
  id: string | null;
  live: boolean;
}

export interface ScanStats {
  files: number;
  bytes: number;
  skipped: { folders: number; binary: number; tooLarge: number; unreadable: number; special: number };
}

export interface ScanResult {
  findings: Finding[];
  stats: ScanStats;
}

export interface ScanOptions {
  classify?: Classifier;
  maxBytes?: number;
  /** Walk SKIP_DIRS too (node_modules, .git…). */
  includeVendored?: boolean;
}

function newStats(): ScanStats {
  return { files: 0, bytes: 0, skipped: { folders: 0, binary: 0, tooLarge: 0, unreadable: 0, special: 0 } };
}

/** Findings in one buffer; `file` is the name reported. Exported for unit tests. */
export function scanBuffer(buf: Buffer, file: string, classify: Classifier | undefined, out: Finding[]): void {
  if (buf.indexOf(PREFIX) < 0) return;
  // latin1 keeps one char per byte: offsets, and so line numbers, are byte-exact.
  const text = buf.toString('latin1');
  let line = 1;
  let lineFrom = 0;
  CANDIDATE_RE.lastIndex = 0;
  for (let m = CANDIDATE_RE.exec(text); m !== null; m = CANDIDATE_RE.exec(text)) {
    const parsed = parseToken(m[0]);
    if (!parsed.ok) continue; // look-alikes (wrong length or checksum) are not findings
    for (let i = text.indexOf('\n', lineFrom); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineFrom = i + 1;
    }
    const c = classify ? classify(m[0], parsed.kind) : { id: null, live: false };
    out.push({ file, line, kind: parsed.kind, id: c.id, live: c.live });
  }
}

function readCapped(full: string, maxBytes: number, stats: ScanStats, checkBinary: boolean): Buffer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(full, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch {
    stats.skipped.unreadable++;
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      stats.skipped.special++;
      return undefined;
    }
    if (st.size > maxBytes) {
      stats.skipped.tooLarge++;
      return undefined;
    }
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const r = fs.readSync(fd, buf, n, st.size - n, null);
      if (r === 0) break;
      n += r;
    }
    const data = buf.subarray(0, n);
    if (checkBinary && data.subarray(0, BINARY_SNIFF).indexOf(0) >= 0) {
      stats.skipped.binary++;
      return undefined;
    }
    stats.files++;
    stats.bytes += n;
    return data;
  } catch {
    stats.skipped.unreadable++;
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Scans files and folders. Folders are walked without following symlinks, skipping
 * SKIP_DIRS, binaries and files over the size cap; a path named explicitly is followed.
 * Findings come in a stable order: walk order, sorted names within each folder.
 */
export function scanPaths(paths: readonly string[], opts: ScanOptions = {}, stats: ScanStats = newStats()): ScanResult {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const findings: Finding[] = [];
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      stats.skipped.unreadable++;
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (opts.includeVendored || !SKIP_DIRS.has(e.name)) walk(full);
        else stats.skipped.folders++;
      } else if (e.isFile()) {
        const buf = readCapped(full, maxBytes, stats, true);
        if (buf) scanBuffer(buf, full, opts.classify, findings);
      } else if (!e.isSymbolicLink()) {
        stats.skipped.special++;
      }
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      stats.skipped.unreadable++;
      continue;
    }
    if (st.isDirectory()) walk(p);
    else {
      const buf = readCapped(p, maxBytes, stats, true);
      if (buf) scanBuffer(buf, p, opts.classify, findings);
    }
  }
  return { findings, stats };
}

/** Shell history files: $HISTFILE, then the bash, zsh and fish defaults under $HOME. */
export function historyFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME;
  const candidates: string[] = [];
  if (env.HISTFILE) candidates.push(env.HISTFILE);
  if (home) {
    candidates.push(
      path.join(home, '.bash_history'),
      path.join(home, '.zsh_history'),
      path.join(home, '.zhistory'),
      path.join(home, '.histfile'),
      path.join(home, '.sh_history'),
    );
  }
  const dataHome = env.XDG_DATA_HOME || (home ? path.join(home, '.local', 'share') : undefined);
  if (dataHome) candidates.push(path.join(dataHome, 'fish', 'fish_history'));
  if (home && env.XDG_DATA_HOME) candidates.push(path.join(home, '.local', 'share', 'fish', 'fish_history'));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of candidates) {
    const abs = path.resolve(home ?? '/', c);
    if (seen.has(abs)) continue;
    seen.add(abs);
    try {
      if (fs.statSync(abs).isFile()) out.push(abs);
    } catch {
      /* not there */
    }
  }
  return out;
}

/** Scans the shell history files (text by definition: no binary sniffing, no size cap). */
export function scanHistory(env: NodeJS.ProcessEnv, opts: ScanOptions = {}, stats: ScanStats = newStats()): ScanResult & { files: string[] } {
  const files = historyFiles(env);
  const findings: Finding[] = [];
  for (const f of files) {
    const buf = readCapped(f, Number.MAX_SAFE_INTEGER, stats, false);
    if (buf) scanBuffer(buf, f, opts.classify, findings);
  }
  return { findings, stats, files };
}

export { newStats };
