import { KINDS } from '../core/credential-kinds.js';
import { FORBIDDEN_SUPPORT_SCOPES, LOCAL_SCOPES, SUPPORT_SCOPES } from '../core/scopes.js';
import type { CredentialRecord } from './records.js';

/**
 * The rules each credential kind is issued under, checked again on every read: a record
 * that breaks one (edited by hand, through `mutate()`, or restored from a bad copy) is
 * never valid (verify's reason `invalid-record`, state `invalid` in lists, a doctor
 * failure by id), whatever its other fields say. Pure, and cheap enough not to cache: a
 * few comparisons per scope (a WeakMap entry per record cost a CLI listing more than the
 * check itself, in its GC too; the verify index keeps its own verdict per record).
 */
export const SUPPORT_MAX_LIFE_MS = 72 * 3_600_000;
export const SETUP_MAX_LIFE_MS = 24 * 3_600_000;

/** The local scopes as a set (records.ts's listViews checks the usual local key with it in place). */
export const LOCAL_SCOPE_SET: ReadonlySet<string> = new Set(LOCAL_SCOPES);
const SUPPORT: ReadonlySet<string> = new Set(SUPPORT_SCOPES);

function lifeOver(r: CredentialRecord, maxMs: number): boolean {
  if (r.expiresAt === null) return true;
  return Date.parse(r.expiresAt) - Date.parse(r.createdAt) > maxMs;
}

/** Plain loops, not a Set and closures: a CLI checks every record once, cold (docs/performance.md). */
function hasDuplicate(a: readonly string[]): boolean {
  if (a.length > 16) return new Set(a).size !== a.length;
  for (let i = 1; i < a.length; i++) for (let j = 0; j < i; j++) if (a[i] === a[j]) return true;
  return false;
}
function allIn(a: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < a.length; i++) if (!set.has(a[i]!)) return false;
  return true;
}

/**
 * Why this record breaks its kind's rules, or null when it keeps them. A record of one
 * scope (nearly all of them) skips the calls: it has no duplicate, and one lookup is allIn.
 */
export function recordProblem(r: CredentialRecord): string | null {
  if (!r.id.startsWith(KINDS[r.kind].idPrefix!)) return `its id does not match its kind (${r.kind})`;
  const one = r.scopes.length === 1;
  if (!one && hasDuplicate(r.scopes)) return 'a scope is listed twice';
  switch (r.kind) {
    case 'local':
      if (r.scopes.length === 0) return 'a local key without a scope';
      if (!(one ? LOCAL_SCOPE_SET.has(r.scopes[0]!) : allIn(r.scopes, LOCAL_SCOPE_SET))) return 'a local key with a scope that is not a local scope';
      return null;
    case 'support':
      if (r.scopes.some((s) => s in FORBIDDEN_SUPPORT_SCOPES)) return 'a support grant with a forbidden scope';
      if (r.scopes.length === 0 || !allIn(r.scopes, SUPPORT)) return 'a support grant with a scope that is not a diagnostics scope';
      if (lifeOver(r, SUPPORT_MAX_LIFE_MS)) return 'a support grant that does not expire within 72h of its creation';
      return null;
    case 'setup':
      if (r.scopes.length !== 1 || r.scopes[0] !== 'owner:setup') return 'a setup token with scopes other than owner:setup';
      if (lifeOver(r, SETUP_MAX_LIFE_MS)) return 'a setup token that does not expire within 24h of its creation';
      return null;
  }
}
