import { GENESIS, parseEntry, readAuditParts, verifyAuditParts, type AuditTail } from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { anchorState } from './anchors.js';
import { generationOf } from './load-check.js';
import { stateOf, type CredentialRecord } from './records.js';
import { loadFull } from './snapshot.js';

/**
 * The whole-home integrity check behind `audit --verify` and `doctor`: the audit log's
 * chain, the anchors between it and the records (records not behind the log, the
 * records' anchor in it), an issuance entry for every live credential with the same
 * scopes and expiry, and every revocation and use the log records still holding. Reads the records without the load-time guard, so a home that fails
 * closed can still be examined. Messages name ids and entry numbers, never content.
 */
export interface IntegrityReport {
  chain: { ok: boolean; entries: number; line?: number; problem?: string };
  anchors: { ok: boolean; problem?: string; pending?: number };
  issuance: { ok: boolean; checked: number; problems: string[] };
}

interface Issuance {
  seq: number;
  scopes?: unknown;
  expiresAt?: unknown;
}

export function checkIntegrity(home: string, now: number): IntegrityReport {
  const file = homeFile(home, 'audit');
  // Every segment, then the active file: one chain (audit-segments.ts).
  const parts = readAuditParts(file) ?? [];
  const chain = verifyAuditParts(parts);
  const text = parts.map((p) => p.text).join('');
  const bySeq = new Map<number, string>();
  const issued = new Map<string, Issuance>();
  /** Credentials the log says were revoked (seq of the entry), or used. */
  const revoked = new Map<string, number>();
  const used = new Map<string, number>();
  let maxGen = -1;
  let migratedAt = -Infinity;
  let last = { seq: 0, hash: GENESIS };
  for (const line of text.split('\n')) {
    const p = line ? parseEntry(line) : undefined;
    if (!p) continue;
    const e = p.entry;
    const seq = e.seq as number;
    bySeq.set(seq, p.hash);
    last = { seq, hash: p.hash };
    if (Number.isInteger(e.gen) && (e.gen as number) > maxGen) maxGen = e.gen as number;
    if (e.action === 'records.migrate' && typeof e.time === 'string') migratedAt = Math.max(migratedAt, Date.parse(e.time));
    const newId =
      typeof e.successor === 'string' ? e.successor : typeof e.id === 'string' && /\.(create|grant|child)$/.test(String(e.action)) ? e.id : undefined;
    if (newId && !issued.has(newId)) issued.set(newId, { seq, scopes: e.scopes, expiresAt: e.expiresAt });
    if (typeof e.id === 'string' && e.outcome === 'ok') {
      if (/\.revoke$/.test(String(e.action))) revoked.set(e.id, seq);
      else if (e.action === 'keys.rotate') revoked.set(e.id, seq);
      else if (e.action === 'setup-token.use') used.set(e.id, seq);
    }
  }
  const loaded = loadFull(homeFile(home, 'credentials'));
  if (!loaded) return { chain, anchors: { ok: true }, issuance: { ok: true, checked: 0, problems: [] } };
  const gen = generationOf(loaded);
  const anchor = loaded.entries.reduce((a, e) => e.audit ?? a, loaded.doc.audit);
  const tail: AuditTail = { ...last, tornBytes: 0, size: 0, lastGen: maxGen, recent: bySeq };
  let anchors: IntegrityReport['anchors'];
  if (maxGen > gen)
    anchors = {
      ok: false,
      problem: `the records (generation ${gen}) are behind the audit log (generation ${maxGen}): a journal was removed or the records were rolled back`,
    };
  else {
    const st = anchorState(anchor, tail, (seq) => (seq === 0 ? GENESIS : bySeq.get(seq)));
    anchors = st.kind === 'broken' ? { ok: false, problem: st.why } : st.kind === 'pending' ? { ok: true, pending: st.lines.length } : { ok: true };
  }
  const recs = new Map<string, CredentialRecord>();
  for (const r of loaded.doc.credentials) recs.set(r.id, r);
  for (const e of loaded.entries) for (const r of e.recs) recs.set(r.id, r);
  const problems: string[] = [];
  let checked = 0;
  for (const [id, seq] of revoked) {
    const r = recs.get(id);
    if (r && r.revokedAt === null) problems.push(`${id} was revoked (entry ${seq}) but is not revoked in the records`);
  }
  for (const [id, seq] of used) {
    const r = recs.get(id);
    if (r && r.usedAt === null) problems.push(`${id} was used (entry ${seq}) but is not marked used in the records`);
  }
  for (const r of recs.values()) {
    if (stateOf(r, now) !== 'live') continue;
    checked++;
    const i = issued.get(r.id);
    if (!i) {
      if (Date.parse(r.createdAt) <= migratedAt) continue; // issued before the records were migrated
      problems.push(`${r.id} has no issuance entry in the audit log`);
      continue;
    }
    if (Array.isArray(i.scopes) && [...i.scopes].sort().join(',') !== [...r.scopes].sort().join(','))
      problems.push(`${r.id} has other scopes than issued (entry ${i.seq})`);
    if (i.expiresAt !== undefined && i.expiresAt !== r.expiresAt) problems.push(`${r.id} has another expiry than issued (entry ${i.seq})`);
  }
  return { chain, anchors, issuance: { ok: problems.length === 0, checked, problems } };
}
