import { auditEntries, readAuditParts } from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { stateOf, type CredentialRecord } from '../credentials/records.js';

/**
 * Credentials a restore over an existing home brings back to life: revoked (or, for setup
 * tokens, used) according to the audit log of the home being replaced, live in the restored
 * records. A backup is older than the home it replaces, so a key revoked since (a leaked
 * one) is live again; the caller says so, naming them. An unreadable old log names none.
 */
export function revivedCredentials(replacedHome: string, restored: ReadonlyMap<string, CredentialRecord>, now: number): string[] {
  const ended = new Set<string>();
  let parts;
  try {
    parts = readAuditParts(homeFile(replacedHome, 'audit')) ?? [];
  } catch {
    return [];
  }
  for (const e of auditEntries(parts)) {
    if (typeof e.id !== 'string' || e.outcome !== 'ok') continue;
    const action = String(e.action);
    if (/\.revoke$/.test(action) || action === 'keys.rotate' || action === 'setup-token.use') ended.add(e.id);
  }
  return [...ended].filter((id) => {
    const r = restored.get(id);
    return r !== undefined && stateOf(r, now) === 'live';
  });
}
