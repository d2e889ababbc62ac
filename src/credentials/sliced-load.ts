import { closeSync, lstatSync, type Stats } from 'node:fs';
import { openNoFollowAsync } from '../fs/files.js';
import { LineReader } from '../fs/line-reader.js';
import { corrupt } from '../home/records-io.js';
import { journalFile, openJournal, readJournalFd } from './journal.js';
import { CREDENTIALS_SCHEMA_VERSION, isValidRecord, loadCredentials, type CredentialRecord, type CredentialsDoc } from './records.js';
import { freshCursor, loadFull, sameSig, sigOf, withJournal, type Loaded } from './snapshot.js';
import { digestKey, indexEntry, type VerifyIndex } from './verify-index.js';

/**
 * Cuts long work on the event loop into slices: after `budgetMs` of work, tick() yields
 * (setImmediate) so timers, I/O and requests run in between. busyMs counts work only.
 */
export class Slicer {
  busyMs = 0;
  yields = 0;
  private t0 = performance.now();
  constructor(private readonly budgetMs = 8) {}

  async tick(): Promise<void> {
    const now = performance.now();
    if (now - this.t0 < this.budgetMs) return;
    this.busyMs += now - this.t0;
    this.yields++;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.t0 = performance.now();
  }

  done(): number {
    this.busyMs += performance.now() - this.t0;
    this.t0 = performance.now();
    return this.busyMs;
  }
}

/** Most records a reload patches into the current view at once (more: new maps, built in slices). */
export const PATCH_MAX = 2048;
/** A snapshot smaller than this (some 500 records) is parsed at once by a live reload: ~1 ms. */
export const SYNC_BELOW_BYTES = 128 * 1024;

/** The maps of a view: id -> record, id -> position in the records. */
export interface ViewMaps {
  byId: Map<string, CredentialRecord>;
  posById: Map<string, number>;
}

export function buildMaps(recs: readonly CredentialRecord[]): ViewMaps {
  const byId = new Map<string, CredentialRecord>();
  const posById = new Map<string, number>();
  for (let i = 0; i < recs.length; i++) {
    byId.set(recs[i]!.id, recs[i]!);
    posById.set(recs[i]!.id, i);
  }
  return { byId, posById };
}

const HEAD_TAIL = ',"credentials":[';
/** About the shortest record line the store writes: a first load sizes its record array by it. */
const RECORD_LINE_BYTES = 300;
const COMMA = 0x2c;
const CLOSE = 0x5d; // ]

/**
 * loadFull for a live reader, without stalling it: read off the event loop, and the
 * snapshot as written by serialize()
 * (a head line, one record per line, `]}`) is parsed and checked a line at a time, in
 * slices. The result, and every error, is the one loadFull gives: anything not in that
 * layout (another version, a hand-edited file, a torn or corrupt one) goes to loadFull
 * itself, at once.
 */
export async function loadFullSliced(file: string, slicer: Slicer, base?: ViewBase, syncBelowBytes = 0): Promise<SlicedLoad | undefined> {
  // A compaction between opening the snapshot and opening its journal: read the new one.
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await loadOnce(file, slicer, base, syncBelowBytes);
    if (r !== REPLACED) return r;
  }
  return undefined; // compacted again and again: the next poll looks again
}

const REPLACED = Symbol('replaced');

async function loadOnce(file: string, slicer: Slicer, base: ViewBase | undefined, syncBelowBytes: number): Promise<SlicedLoad | undefined | typeof REPLACED> {
  const r = await openNoFollowAsync(file);
  if (!r) return undefined;
  if (r.stat.size < syncBelowBytes) {
    // Small enough to parse at once in about a millisecond: the newest state, one step.
    await r.fh.close();
    return loadFull(file);
  }
  let jfd: number | undefined;
  let jf = '';
  let parsed: Awaited<ReturnType<typeof parseRecordLines>>;
  try {
    parsed = await parseRecordLines(file, new LineReader(r.fh), slicer, base?.recs.length ?? Math.ceil(r.stat.size / RECORD_LINE_BYTES), base, (doc) => {
      if (!doc.journal) return true;
      // The journal is opened as soon as the head names it: a compaction that removes it
      // while the records are parsed cannot take it away (the descriptor keeps it). A
      // journal already gone under a replaced snapshot: start again with the new one
      // (never loadFull here: it would parse the whole snapshot at once).
      jf = journalFile(file, doc.journal.epoch);
      jfd = openJournal(jf);
      return jfd !== undefined || !replacedSince(file, r.stat);
    });
  } catch (e) {
    if (jfd !== undefined) closeSync(jfd);
    throw e;
  } finally {
    await r.fh.close();
  }
  if (parsed === REPLACED) return REPLACED;
  if (!parsed) {
    if (jfd !== undefined) closeSync(jfd);
    return loadFull(file);
  }
  const { doc, patch, maps } = parsed;
  await slicer.tick();
  const out: SlicedLoad = { doc, entries: [], cursor: { ...freshCursor(sigOf(r.stat)), from: CREDENTIALS_SCHEMA_VERSION }, patch, maps };
  if (!doc.journal) return out;
  // Missing under a snapshot still in place: loadFull's rules decide.
  if (jfd === undefined) return loadFull(file);
  return withJournal(out, jf, readJournalFd(jf, jfd, 0));
}

/**
 * The view a reload starts from. A compaction rewrites the records the reader already
 * holds, in the same order: a record whose line says exactly what the held one says is
 * the held object (records are never changed in place), so a reload allocates almost
 * nothing that lives (no long scavenges, no second copy of every record).
 */
export interface ViewBase {
  recs: readonly CredentialRecord[];
  byId: ReadonlyMap<string, CredentialRecord>;
}

/** A load that may also be a patch of the base view: the positions whose record differs from it. */
export interface SlicedLoad extends Loaded {
  /** Set when the snapshot is the base's records, in order, some replaced, some appended. */
  patch?: number[] | undefined;
  /** The view's maps, when the parse built them (its duplicate check): not built twice. */
  maps?: ViewMaps | undefined;
}

/** Same fields, same values (records hold strings, numbers, booleans, null and arrays of strings). */
export function sameRecord(a: CredentialRecord, b: CredentialRecord): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    const u = x[k];
    const v = y[k];
    if (u === v) continue;
    if (!Array.isArray(u) || !Array.isArray(v) || u.length !== v.length || !(k in y)) return false;
    for (let i = 0; i < u.length; i++) if (u[i] !== v[i]) return false;
  }
  return true;
}

/** The snapshot is no longer the one read (a compaction, a restore) or is gone. */
function replacedSince(file: string, read: Stats): boolean {
  try {
    return !sameSig(sigOf(read), lstatSync(file));
  } catch {
    return true;
  }
}

async function parseRecordLines(
  file: string,
  lines: LineReader,
  slicer: Slicer,
  expected: number,
  base: ViewBase | undefined,
  onHead: (doc: CredentialsDoc) => boolean,
): Promise<{ doc: CredentialsDoc; patch: number[] | undefined; maps: ViewMaps | undefined } | undefined | typeof REPLACED> {
  const first = await lines.next();
  if (!first?.ended) return undefined;
  const headLine = first.text;
  if (!headLine.endsWith(HEAD_TAIL)) return undefined;
  let head: Record<string, unknown>;
  try {
    head = JSON.parse(`${headLine.slice(0, -HEAD_TAIL.length)}}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof head !== 'object' || head === null || head.schemaVersion !== CREDENTIALS_SCHEMA_VERSION || 'credentials' in head) return undefined;
  // The head through loadCredentials itself (every check it makes of a document), records
  // below one line at a time with validateCredentials' own per-record checks.
  const { doc } = loadCredentials(file, Buffer.from(JSON.stringify({ ...head, credentials: [] })));
  if (!onHead(doc)) return REPLACED;
  // Sized at once (a compaction keeps the base view's records; a first load estimates from
  // the file's size): a growing array of every record would leave its earlier copies to
  // the GC, which a busy reader may not run for a long while.
  const recs = new Array<CredentialRecord>(expected);
  doc.credentials = recs;
  let n = 0;
  // Ids are checked unique through `seen`, the new view's maps (kept, and grown here rather
  // than all at the end, where the copies their growth leaves add to the load's peak), but
  // while the snapshot is still a patch of the base (its ids at the same positions, then
  // ids the base does not have) that is known without it; `seen` is filled only once it is not.
  let seen: ViewMaps | undefined;
  let patch: number[] | undefined = base ? [] : undefined;
  const appended = new Set<string>();
  /** The last record line had no comma: it must be the last one. */
  let last = false;
  for (;;) {
    const line = await lines.next();
    if (line === undefined) return undefined;
    if (line.text.charCodeAt(0) === CLOSE) {
      // `]}` and a newline at most: anything else is left to JSON.parse's verdict.
      if (!last || line.text !== ']}' || (await lines.next()) !== undefined) return undefined;
      recs.length = n;
      const isPatch = patch !== undefined && base !== undefined && n >= base.recs.length;
      return { doc, patch: isPatch ? patch : undefined, maps: isPatch ? undefined : seen };
    }
    if (!line.ended || last) return undefined;
    const comma = line.text.charCodeAt(line.text.length - 1) === COMMA;
    let rec: unknown;
    try {
      rec = JSON.parse(comma ? line.text.slice(0, -1) : line.text);
    } catch {
      return undefined;
    }
    const i = n;
    if (!isValidRecord(rec)) throw corrupt(file, `credential ${i} is malformed`);
    const held = base?.byId.get(rec.id);
    const same = held !== undefined && sameRecord(held, rec);
    if (patch) {
      const inPlace = i < base!.recs.length ? base!.recs[i]!.id === rec.id : held === undefined && !appended.has(rec.id);
      if (inPlace) {
        if (i >= base!.recs.length) appended.add(rec.id);
        if (!same) patch.push(i);
      } else {
        patch = undefined;
        seen = buildMaps(recs.slice(0, n));
      }
    }
    if (!patch) {
      seen ??= { byId: new Map(), posById: new Map() };
      if (seen.posById.has(rec.id)) throw corrupt(file, `duplicate id at credential ${i}`);
      seen.posById.set(rec.id, i);
      seen.byId.set(rec.id, same ? held : rec);
    }
    recs[n++] = same ? held : rec;
    last = !comma;
    if ((i & 255) === 0) await slicer.tick();
  }
}

/** The maps and verify index of a new view, built in slices (the old view serves meanwhile). */
export async function buildViewSliced(
  recs: CredentialRecord[],
  eagerIndex: boolean,
  slicer: Slicer,
  held?: VerifyIndex,
  parsed?: ViewMaps,
): Promise<{ byId: Map<string, CredentialRecord>; posById: Map<string, number>; index: VerifyIndex | undefined }> {
  const byId = parsed?.byId ?? new Map<string, CredentialRecord>();
  const posById = parsed?.posById ?? new Map<string, number>();
  const index: VerifyIndex | undefined = eagerIndex ? new Map() : undefined;
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    if (!parsed) {
      byId.set(rec.id, rec);
      posById.set(rec.id, i);
    }
    if (index) {
      // A held record keeps its index entry (derived from the record alone).
      const key = digestKey(rec);
      const e = held?.get(key);
      index.set(key, e !== undefined && e.rec === rec ? e : indexEntry(rec));
    }
    if ((i & 1023) === 0) await slicer.tick();
  }
  return { byId, posById, index };
}
