import { readFileNoFollowAsync } from '../fs/files.js';
import { corrupt } from '../home/records-io.js';
import { decodeChunk, journalFile, readJournalFrom } from './journal.js';
import { CREDENTIALS_SCHEMA_VERSION, isValidRecord, loadCredentials, type CredentialRecord, type CredentialsDoc } from './records.js';
import { freshCursor, loadFull, sigOf, type Loaded } from './snapshot.js';
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

const HEAD_TAIL = ',"credentials":[';
const NL = 0x0a;
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
export async function loadFullSliced(file: string, slicer: Slicer): Promise<Loaded | undefined> {
  const r = await readFileNoFollowAsync(file);
  if (!r) return undefined;
  const doc = await parseRecordLines(file, r.data, slicer);
  if (!doc) return loadFull(file);
  await slicer.tick();
  const out: Loaded = { doc, entries: [], cursor: { ...freshCursor(sigOf(r.stat)), from: CREDENTIALS_SCHEMA_VERSION } };
  if (!doc.journal) return out;
  const jf = journalFile(file, doc.journal.epoch);
  const jr = readJournalFrom(jf, 0);
  if (!jr) return loadFull(file); // compacted meanwhile, or missing: loadFull's rules decide
  const c = decodeChunk(jf, jr.data, doc.generation);
  out.entries = c.entries;
  out.cursor.offset = c.goodBytes;
  out.cursor.torn = c.tornBytes;
  out.cursor.ino = jr.ino;
  return out;
}

async function parseRecordLines(file: string, buf: Buffer, slicer: Slicer): Promise<CredentialsDoc | undefined> {
  const nl0 = buf.indexOf(NL);
  if (nl0 < 0) return undefined;
  const headLine = buf.toString('utf8', 0, nl0);
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
  const recs: CredentialRecord[] = doc.credentials;
  const seen = new Set<string>();
  let pos = nl0 + 1;
  /** The last record line had no comma: it must be the last one. */
  let last = false;
  for (;;) {
    if (buf[pos] === CLOSE) {
      // `]}` and a newline at most: anything else is left to JSON.parse's verdict.
      return last && /^\]\}\n?$/.test(buf.toString('utf8', pos)) ? doc : undefined;
    }
    const nl = buf.indexOf(NL, pos);
    if (nl < 0 || last) return undefined;
    const comma = buf[nl - 1] === COMMA;
    let rec: unknown;
    try {
      rec = JSON.parse(buf.toString('utf8', pos, comma ? nl - 1 : nl));
    } catch {
      return undefined;
    }
    const i = recs.length;
    if (!isValidRecord(rec)) throw corrupt(file, `credential ${i} is malformed`);
    if (seen.has(rec.id)) throw corrupt(file, `duplicate id at credential ${i}`);
    seen.add(rec.id);
    recs.push(rec);
    last = !comma;
    pos = nl + 1;
    if ((i & 255) === 0) await slicer.tick();
  }
}

/** The maps and verify index of a new view, built in slices (the old view serves meanwhile). */
export async function buildViewSliced(
  recs: CredentialRecord[],
  eagerIndex: boolean,
  slicer: Slicer,
): Promise<{ byId: Map<string, CredentialRecord>; posById: Map<string, number>; index: VerifyIndex | undefined }> {
  const byId = new Map<string, CredentialRecord>();
  const posById = new Map<string, number>();
  const index: VerifyIndex | undefined = eagerIndex ? new Map() : undefined;
  for (let i = 0; i < recs.length; i++) {
    const rec = recs[i]!;
    byId.set(rec.id, rec);
    posById.set(rec.id, i);
    if (index) index.set(digestKey(rec), indexEntry(rec));
    if ((i & 1023) === 0) await slicer.tick();
  }
  return { byId, posById, index };
}
