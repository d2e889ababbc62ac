import { homeFile } from '../home/paths.js';
import type { CredentialRecord } from './records.js';
import { loadFull } from './snapshot.js';
import { stateOf } from './records.js';

/**
 * Credential ids for shell completion: read-only (no lock, no migration, no write), no
 * secrets (ids, names, states only). Each set matches what one command takes.
 */
export const ID_SETS = ['local-live', 'local-all', 'local-rotatable', 'local-saved', 'support-live', 'setup-live'] as const;
export type IdSet = (typeof ID_SETS)[number];

const MATCH: Record<IdSet, (r: CredentialRecord, now: number) => boolean> = {
  'local-live': (r, now) => r.kind === 'local' && stateOf(r, now) === 'live',
  'local-all': (r) => r.kind === 'local',
  'local-rotatable': (r, now) => r.kind === 'local' && r.parentId == null && r.rotatedTo === null && stateOf(r, now) === 'live',
  'local-saved': (r) => r.kind === 'local' && r.savedCopy === true,
  'support-live': (r, now) => r.kind === 'support' && stateOf(r, now) === 'live',
  'setup-live': (r, now) => r.kind === 'setup' && stateOf(r, now) === 'live',
};

export interface IdChoice {
  id: string;
  /** Name and state, for shells that show a description (never a secret). */
  label: string;
}

/** The current records (snapshot + journal, as on disk now), filtered to one set. */
export function completionIds(home: string, set: IdSet, now: number): IdChoice[] {
  const loaded = loadFull(homeFile(home, 'credentials'));
  if (!loaded) return [];
  const byId = new Map<string, CredentialRecord>();
  for (const r of loaded.doc.credentials) byId.set(r.id, r);
  for (const e of loaded.entries) for (const r of e.recs) byId.set(r.id, r);
  const at = Math.max(now, Date.parse(loaded.doc.clockHighWater), ...loaded.entries.map((e) => Date.parse(e.at)).filter(Number.isFinite));
  const out: IdChoice[] = [];
  for (const r of byId.values()) {
    if (!MATCH[set](r, at)) continue;
    const bits = [r.kind === 'setup' ? 'setup token' : (r.name ?? r.kind), stateOf(r, at)];
    if (r.parentId) bits.push(`child of ${r.parentId}`);
    out.push({ id: r.id, label: bits.join(', ').replace(/[\t\n\r:]/g, ' ') });
  }
  return out;
}
