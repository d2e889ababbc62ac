import { readFileNoFollow } from '../fs/files.js';
import { homeFile } from '../home/paths.js';
import { readSessions } from './session-records.js';

/**
 * Live owner-session ids for shell completion (`owner sessions revoke <TAB>`): read-only,
 * no lock, never a secret or a hash. Live: not expired, and of the owner's current session
 * generation (owner.json, read directly so no password code loads).
 */
export function ownerSessionIds(home: string, now: number): Array<{ id: string; label: string }> {
  const owner = readFileNoFollow(homeFile(home, 'owner'));
  if (!owner) return [];
  const generation = (JSON.parse(owner.data.toString('utf8')) as { sessionGeneration?: unknown }).sessionGeneration;
  return readSessions(home)
    .doc.sessions.filter((s) => s.generation === generation && Date.parse(s.expiresAt) > now)
    .map((s) => ({ id: s.id, label: `${s.client || 'session'}, until ${s.expiresAt.replace(/\.\d{3}Z$/, 'Z')}`.replace(/[\t\n\r:]/g, ' ') }));
}
