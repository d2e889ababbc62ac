import { B3iqError, errnoCode } from '../core/errors.js';
import {
  appendAuditLines,
  auditCorrupt,
  checkAuditFile,
  GENESIS,
  parseEntry,
  readAuditTail,
  readAuditText,
  type AuditEvent,
  type AuditTail,
} from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { listSegments } from '../home/audit-segments.js';
import { corrupt, type AuditAnchor } from './records.js';

/**
 * The anchors between the records and the audit log (docs/records.md, "Anchors"): every
 * committed change carries the audit log's head after its entries (seq, hash) and those
 * entries' lines; every entry of a credential change carries the records' generation
 * (`gen`). The records are written first (the commit point), then the lines; so at every
 * instant the records' generation is at least the last `gen` in the log, and the records'
 * anchor is either in the log or just past its end by exactly the last change's lines (a
 * writer that died between the two writes: the next writer appends them).
 */
export type AnchorState =
  | { kind: 'ok' }
  /** The last change's lines are not in the log yet; `exact`: they continue its end as they are. */
  | { kind: 'pending'; lines: string[]; exact: boolean }
  | { kind: 'broken'; why: string };

/** The hash of entry `seq`: from the tail read, else the newest segment's end, else the whole log. */
export function hashAtFn(file: string, tail: AuditTail): (seq: number) => string | undefined {
  let all: Map<number, string> | undefined;
  let segmentEnd: Map<number, string> | undefined;
  return (seq) => {
    if (seq === 0) return GENESIS;
    const h = tail.recent.get(seq);
    if (h !== undefined) return h;
    // Just after a rotation the records' anchor is at the end of the newest segment.
    if (!segmentEnd) {
      const last = listSegments(file).at(-1);
      segmentEnd = last ? readAuditTail(last.file).recent : new Map();
    }
    const s = segmentEnd.get(seq);
    if (s !== undefined) return s;
    if (!all) {
      all = new Map();
      for (const line of (readAuditText(file) ?? '').split('\n')) {
        const p = line ? parseEntry(line) : undefined;
        if (p) all.set(p.entry.seq as number, p.hash);
      }
    }
    return all.get(seq);
  };
}

/** The records are behind the audit log: an entry names a generation they do not have. */
export function recordsBehind(generation: number, tail: AuditTail): boolean {
  return tail.lastGen > generation;
}

/** Where the records' anchor stands in the log (see AnchorState). */
export function anchorState(anchor: AuditAnchor | null | undefined, tail: AuditTail, hashAt: (seq: number) => string | undefined): AnchorState {
  if (!anchor) return { kind: 'ok' }; // a migrated older file: anchored by its first write
  if (anchor.seq <= tail.seq) {
    return hashAt(anchor.seq) === anchor.hash
      ? { kind: 'ok' }
      : { kind: 'broken', why: `the audit log does not hold entry ${anchor.seq} as the records saw it (cut and re-chained, or rewritten)` };
  }
  const parsed = anchor.lines.map((l) => parseEntry(l));
  const first = parsed[0];
  const base = anchor.seq - anchor.lines.length;
  let prev = first?.entry.prev;
  const chained =
    first !== undefined &&
    parsed.every((p, i) => {
      if (!p || p.entry.prev !== prev || p.entry.seq !== base + 1 + i) return false;
      prev = p.hash;
      return true;
    }) &&
    prev === anchor.hash;
  if (!chained) return { kind: 'broken', why: `the audit log ends at entry ${tail.seq}, before the records' last change (entry ${anchor.seq}): cut` };
  if (base === tail.seq && first.entry.prev === tail.hash) return { kind: 'pending', lines: anchor.lines, exact: true };
  if (base < tail.seq && hashAt(base) === first.entry.prev) return { kind: 'pending', lines: anchor.lines, exact: false };
  return { kind: 'broken', why: `the audit log ends at entry ${tail.seq}, before the records' last change (entry ${anchor.seq}): cut or rolled back` };
}

const CHAIN_FIELDS = new Set(['seq', 'time', 'prev', 'gen']);

/** Lines of a change whose place in the log was taken (by a write that is not a credential change): re-entered as events. */
export function replayEvents(lines: readonly string[]): AuditEvent[] {
  return lines.map((l) => {
    const e = parseEntry(l)!.entry;
    const out: Record<string, unknown> = { replayedFrom: e.seq };
    for (const [k, v] of Object.entries(e)) if (!CHAIN_FIELDS.has(k)) out[k] = v;
    return out as AuditEvent;
  });
}

export function recordsBehindError(file: string): B3iqError {
  return corrupt(file, 'the records are behind the audit log: a journal was removed or the records were rolled back');
}

/**
 * Under the lock, before any change: the audit log's end must be readable (else
 * E_CORRUPT, nothing changed, nothing quoted), the records must not be behind it, and
 * their anchor must be in it, or just past its end by the last change's own lines (a
 * writer died between the two writes): those are appended now, as they were when they
 * still continue the log, else re-entered with the next change.
 */
export function auditReady(
  home: string,
  credFile: string,
  generation: number,
  anchor: AuditAnchor | null | undefined,
): { tail: AuditTail; replay: AuditEvent[] } {
  const file = homeFile(home, 'audit');
  checkAuditFile(file);
  let tail = readAuditTail(file);
  if (recordsBehind(generation, tail)) throw recordsBehindError(credFile);
  const st = anchorState(anchor, tail, hashAtFn(file, tail));
  if (st.kind === 'broken') throw auditCorrupt(file, st.why);
  if (st.kind === 'pending' && st.exact) {
    appendAuditLines(
      file,
      tail,
      st.lines.map((l) => `${l}\n`),
    );
    tail = readAuditTail(file);
  }
  return { tail, replay: st.kind === 'pending' && !st.exact ? replayEvents(st.lines) : [] };
}

/** Appends a change's audit lines; on failure runs `undo` and reports that nothing changed. */
export function withAuditOrUndo(file: string, tail: AuditTail, lines: string[], undo: () => void, segmentBytes?: number): void {
  try {
    appendAuditLines(file, tail, lines, segmentBytes);
  } catch (e) {
    undo();
    throw new B3iqError(
      'E_IO',
      `Cannot write the audit log (${errnoCode(e) ?? (e instanceof B3iqError ? e.code : 'error')}); the change was undone and nothing was changed.`,
      {
        hint: 'Free disk space or fix the audit log, then retry.',
      },
    );
  }
}
