import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { errnoCode } from '../core/errors.js';
import { createExclusive } from '../fs/files.js';
import { homeFile } from '../home/paths.js';
import type { Store } from '../credentials/store.js';
import { createRedactStream, redact, Pseudonymizer, type RedactOptions } from '../redact/index.js';
import { collectLogs, type LeftOut } from './collect.js';
import { fileId, homeFileIds, HOME_FILE_REASON } from './homes.js';
import { LineGate, SkipFileError, literalRegExp } from './linegate.js';
import { homeSummary, systemFacts } from './facts.js';

/**
 * Redacted support bundles (docs/contract.md section 4, docs/support.md). Every byte that enters the
 * archive has gone through the redactor, with one Pseudonymizer shared by the whole bundle
 * so `ip-1` means the same address in every file. Files are staged (already redacted) in a
 * private temporary folder, because a tar header needs the size before the content; the
 * archive is then written by the `tar` package into a file created exclusively with 0600.
 */
export const BUNDLE_SCHEMA_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

export interface BundleInput {
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  now: number;
  toolVersion: string;
  out?: string | undefined;
  logs: readonly string[];
  /** Epoch ms cutoff for --since; undefined keeps every line. */
  since?: number | undefined;
  dryRun: boolean;
  openStore: () => Promise<Store>;
}

export interface BundleFile {
  path: string;
  bytes: number;
  sha256: string;
  redactions: Record<string, number>;
  /** Where a log file came from (redacted). */
  source?: string;
  /** Lines left out by --since. */
  linesOmittedBySince?: number;
}

export interface Manifest {
  schemaVersion: number;
  tool: { name: string; version: string };
  createdAt: string;
  archive: { format: 'tar.gz'; order: string; mode: string; owner: string; mtime: string };
  options: { since: string | null; logs: number; dryRun: boolean };
  pseudonyms: string;
  files: BundleFile[];
  redactions: Record<string, number>;
  leftOut: LeftOut[];
}

export interface BundleResult {
  path: string | null;
  sha256: string | null;
  bytes: number | null;
  files: Array<{ path: string; bytes: number; sha256: string }>;
  redactions: Record<string, number>;
  leftOut: LeftOut[];
  manifest: Manifest;
}

export function defaultBundleName(now: number): string {
  const t = new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
  return `b3iq-support-${t}.tar.gz`;
}

/** Hashes and measures what passes through. */
class Tap extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  override _transform(chunk: Buffer, _e: BufferEncoding, cb: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

function nullSink(): Writable {
  return new Writable({ write: (_c, _e, cb) => cb() });
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) if (n > 0) into[k] = (into[k] ?? 0) + n;
}

function sorted(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function buildBundle(input: BundleInput): Promise<BundleResult> {
  const createdAt = new Date(Math.floor(input.now / 1000) * 1000);
  const pseudonymizer = new Pseudonymizer();
  const redactOpts: RedactOptions = { pseudonymizer, configHome: input.home };
  const redactText = (t: string): string => redact(t, redactOpts).text;
  const hostname = os.hostname();
  const hostPseudonym = `[${pseudonymizer.pseudonym('host', hostname)}]`;
  const literal = hostname.length >= 2 && hostname.toLowerCase() !== 'localhost' ? { text: hostname, replacement: hostPseudonym } : undefined;
  const literalRe = literal ? literalRegExp(literal.text) : undefined;
  const hideHost = (t: string): string => (literalRe && literal ? t.replace(literalRe, literal.replacement) : t);

  // Refusals first: an existing or symlinked --out fails before any work is done.
  let outFile: string | null = null;
  let outFd: number | undefined;
  if (!input.dryRun) {
    outFile = path.resolve(input.cwd, input.out ?? defaultBundleName(input.now));
    outFd = createExclusive(outFile);
  }
  let stage: string | undefined;
  let success = false;
  // Ctrl-C mid-bundle: remove the partial archive and the staging folder, then die of the signal.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (outFile && !success) fs.rmSync(outFile, { force: true });
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    if (!input.dryRun) stage = fs.mkdtempSync(path.join(os.tmpdir(), 'b3iq-bundle-'));
    const skip = stage ? [stage, safeRealpath(stage)] : [];
    const privateRoots = [path.resolve(input.home), safeRealpath(path.resolve(input.home))];
    const { candidates, leftOut } = collectLogs(input.logs, input.cwd, (t) => redactText(hideHost(t)), skip, privateRoots);
    const files: BundleFile[] = [];
    const totals: Record<string, number> = {};

    const stageFile = (name: string): Writable => {
      if (!stage) return nullSink();
      const full = path.join(stage, ...name.split('/'));
      fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
      return fs.createWriteStream(full, { flags: 'wx', mode: 0o600 });
    };
    const unstage = (name: string): void => {
      if (stage) fs.rmSync(path.join(stage, ...name.split('/')), { force: true });
    };

    /** source → [gate] → redactor → tap → staged file (or nowhere, for --dry-run). */
    const addEntry = async (name: string, source: Readable, gate: LineGate | undefined, extra: Partial<BundleFile> = {}): Promise<void> => {
      const rs = createRedactStream(redactOpts);
      const tap = new Tap();
      const sink = stageFile(name);
      if (gate) await pipeline(source, gate, rs, tap, sink);
      else await pipeline(source, rs, tap, sink);
      const counts = sorted({ ...rs.counts });
      for (const k of Object.keys(counts)) if (counts[k] === 0) delete counts[k];
      addCounts(totals, counts);
      const f: BundleFile = { path: name, bytes: tap.bytes, sha256: tap.hash.digest('hex'), redactions: counts, ...extra };
      if (gate?.filtering) f.linesOmittedBySince = gate.dropped;
      files.push(f);
    };
    const addText = (name: string, text: string): Promise<void> => addEntry(name, Readable.from([Buffer.from(hideHost(text), 'utf8')]), undefined);

    await addText('system.json', JSON.stringify(systemFacts(hostPseudonym, input.env), null, 2) + '\n');
    await addText('home.json', JSON.stringify(await homeSummary(input.home, input.openStore), null, 2) + '\n');

    const audit = openNoFollow(homeFile(input.home, 'audit'));
    if (audit.fd !== undefined) {
      try {
        await addEntry('audit.log', fs.createReadStream('', { fd: audit.fd }), new LineGate({ literal }));
      } catch (e) {
        unstage('audit.log');
        leftOut.push({ path: 'audit.log', reason: e instanceof SkipFileError ? e.reason : `not readable (${errnoCode(e) ?? 'error'})` });
      }
    } else if (audit.reason) {
      leftOut.push({ path: 'audit.log', reason: audit.reason });
    }

    const homeIds = homeFileIds(privateRoots);
    for (const c of candidates) {
      const opened = c.noFollow ? openNoFollow(c.file) : openFollow(c.file);
      if (opened.fd === undefined) {
        leftOut.push({ path: c.source, reason: opened.reason ?? 'not readable' });
        continue;
      }
      if (homeIds.has(fileId(fs.fstatSync(opened.fd)))) {
        // Checked again on the open file: a hard link made after the walk is the same file.
        fs.closeSync(opened.fd);
        leftOut.push({ path: c.source, reason: HOME_FILE_REASON });
        continue;
      }
      try {
        await addEntry(c.name, fs.createReadStream('', { fd: opened.fd, highWaterMark: 64 * 1024 }), new LineGate({ since: input.since, literal }), {
          source: c.source,
        });
      } catch (e) {
        unstage(c.name);
        leftOut.push({
          path: c.source,
          reason: e instanceof SkipFileError ? `${e.reason}: the redactor reads text only` : `not readable (${errnoCode(e) ?? 'error'})`,
        });
      }
    }

    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest: Manifest = {
      schemaVersion: BUNDLE_SCHEMA_VERSION,
      tool: { name: 'b3iq-operator', version: input.toolVersion },
      createdAt: createdAt.toISOString(),
      archive: {
        format: 'tar.gz',
        order: 'manifest.json first, then every file by name',
        mode: '0600',
        owner: 'none (portable: no uid, gid, user or group names)',
        mtime: createdAt.toISOString(),
      },
      options: { since: input.since === undefined ? null : new Date(input.since).toISOString(), logs: input.logs.length, dryRun: input.dryRun },
      pseudonyms: 'consistent across every file of this bundle (the same private IP, host, path or email has the same pseudonym everywhere)',
      files,
      redactions: sorted(totals),
      leftOut,
    };
    const manifestText = JSON.stringify(manifest, null, 2) + '\n';
    const manifestEntry = { path: MANIFEST_NAME, bytes: Buffer.byteLength(manifestText), sha256: createHash('sha256').update(manifestText).digest('hex') };
    const listed = [manifestEntry, ...files.map((f) => ({ path: f.path, bytes: f.bytes, sha256: f.sha256 }))];

    if (input.dryRun || !stage || outFd === undefined || outFile === null) {
      success = true;
      return { path: null, sha256: null, bytes: null, files: listed, redactions: manifest.redactions, leftOut, manifest };
    }

    fs.writeFileSync(path.join(stage, MANIFEST_NAME), manifestText, { flag: 'wx', mode: 0o600 });
    const tar = await import('tar');
    const pack = tar.create({ gzip: true, cwd: stage, portable: true, mtime: createdAt, noDirRecurse: true }, [MANIFEST_NAME, ...files.map((f) => f.path)]);
    const tap = new Tap();
    await pipeline(pack as unknown as Readable, tap, fs.createWriteStream('', { fd: outFd, autoClose: false }));
    fs.fsyncSync(outFd);
    success = true;
    return { path: outFile, sha256: tap.hash.digest('hex'), bytes: tap.bytes, files: listed, redactions: manifest.redactions, leftOut, manifest };
  } finally {
    if (outFd !== undefined) {
      try {
        fs.closeSync(outFd);
      } catch {
        /* closed */
      }
      if (!success && outFile) fs.rmSync(outFile, { force: true });
    }
    if (stage) fs.rmSync(stage, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

interface Opened {
  fd?: number;
  reason?: string;
}

function openWith(file: string, flags: number): Opened {
  let fd: number;
  try {
    fd = fs.openSync(file, flags);
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') return {};
    if (code === 'ELOOP') return { reason: 'became a symlink, not followed' };
    return { reason: `not readable (${code ?? 'error'})` };
  }
  const st = fs.fstatSync(fd);
  if (!st.isFile()) {
    fs.closeSync(fd);
    return { reason: 'not a regular file' };
  }
  return { fd };
}

function openNoFollow(file: string): Opened {
  const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
  return openWith(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
}

function openFollow(file: string): Opened {
  const { O_RDONLY, O_NONBLOCK } = fs.constants;
  return openWith(file, O_RDONLY | O_NONBLOCK);
}
