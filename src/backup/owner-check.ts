import * as path from 'node:path';
import { readFileNoFollow } from '../fs/files.js';
import { auditEntries, readAuditParts } from '../home/audit.js';
import { FILES, homeFile } from '../home/paths.js';

/** Owner changes that set the session generation, as service.ts logs them. */
const GENERATION_ACTIONS = new Set(['owner.setup', 'owner.recover', 'owner.passwd', 'owner.logout-all']);

/**
 * owner.json against the audit log of a staged restore: the credentials have their
 * anchors, the owner record had none. This catches an owner added to a backup that never
 * had one (the node taken over with a password the editor knows), an owner dropped (the
 * node open to a new setup), and an owner.json behind the logged session generation (a
 * careless roll-back). It is not a signature: an editor who rewrites owner.json with a
 * generation at or above the logged one passes, as one who rewrites the whole home does
 * (docs/records.md). A record ahead of its log is allowed (a crash between the rename and
 * the audit line); behind it, or with no setup logged, is not. Returns the problem, or null.
 */
export function ownerProblem(dir: string): string | null {
  let setupSeq: number | undefined;
  let loggedGeneration: number | undefined;
  for (const e of auditEntries(readAuditParts(homeFile(dir, 'audit')) ?? [])) {
    if (typeof e.action !== 'string' || !GENERATION_ACTIONS.has(e.action) || (e.outcome ?? 'ok') !== 'ok') continue;
    if (e.action === 'owner.setup') setupSeq ??= e.seq as number;
    if (Number.isInteger(e.sessionGeneration)) loggedGeneration = e.sessionGeneration as number;
  }
  const raw = readFileNoFollow(path.join(dir, FILES.owner));
  if (!raw) return setupSeq === undefined ? null : `the audit log records an owner (entry ${setupSeq}) but owner.json is missing`;
  if (setupSeq === undefined) return 'owner.json is present but the audit log records no owner setup';
  let generation: unknown;
  try {
    generation = (JSON.parse(raw.data.toString('utf8')) as { sessionGeneration?: unknown }).sessionGeneration;
  } catch {
    return 'owner.json is not valid JSON';
  }
  if (loggedGeneration !== undefined && (!Number.isInteger(generation) || (generation as number) < loggedGeneration))
    return `owner.json is older than the audit log (session generation ${String(generation)}, logged ${loggedGeneration})`;
  return null;
}
