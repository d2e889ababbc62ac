import { timingSafeEqual } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import { flushAudit, locked, type Clock } from '../home/home.js';
import type { AuditEvent } from '../home/audit.js';
import {
  ENROLLMENT_SCHEMA_VERSION,
  readEnrollmentDoc,
  toEnrollment,
  writeEnrollmentLocked,
  WORKFLOWS,
  type Enrollment,
  type EnrollmentDoc,
  type Workflow,
} from '../home/enrollment.js';
import { readNode } from '../home/node.js';
import { noOwner, readOwner, type OwnerDoc } from '../owner/owner.js';
import { verifyPasswordHash } from '../owner/password.js';
import { forgetGatewayKey, gatewayKeyStatus } from '../keychain/gateway-key.js';
import type { Keychain } from '../keychain/keychain.js';
import { surfaceFor, WORKFLOW_INFO, type WorkflowSurface } from './workflows.js';

export { WORKFLOWS, isWorkflow, type Workflow, type Enrollment } from '../home/enrollment.js';

/**
 * The enrollment service: the owner's decision to join the managed or network workflow,
 * and leaving it. Joining needs the owner password (checked here, and again under the lock
 * against the record it was checked against) and, for network, a hosted gateway key;
 * leaving needs nothing and takes effect at once. Every change is one locked write of
 * enrollment.json with one audit line per workflow changed.
 */

/** Who made a change: the owner (password or owner session) or whoever can write the home. */
export type EnrollmentActor = 'owner' | 'operator';

export interface EnrollmentState {
  enrollment: Enrollment;
  /** When the record was last written; null when no decision was ever recorded. */
  updatedAt: string | null;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The recorded decision; E_CORRUPT / E_SCHEMA_NEWER when the record breaks its rules. */
export function enrollmentState(home: string): EnrollmentState {
  const doc = readEnrollmentDoc(home);
  return { enrollment: toEnrollment(doc), updatedAt: doc?.updatedAt ?? null };
}

function noGatewayKey(): B3iqError {
  return new B3iqError('E_NO_GATEWAY_KEY', 'The network workflow needs a hosted gateway key in the keychain, and none is stored; nothing was changed.', {
    next: 'gateway-login',
  });
}

async function hasGatewayKey(keychain: Keychain): Promise<boolean> {
  const s = await gatewayKeyStatus(keychain);
  return s.present && s.wellFormed === true;
}

export interface JoinPlan {
  workflow: Workflow;
  /** Set when the node is already enrolled in it (joining again changes nothing). */
  already: { since: string } | null;
  surface: WorkflowSurface;
  requires: string | null;
}

/**
 * Everything a join can be refused for before the owner is asked anything: the record is
 * readable, an owner exists, and network has its gateway key.
 */
export async function planJoin(home: string, workflow: Workflow, keychain: () => Promise<Keychain>): Promise<JoinPlan> {
  const state = enrollmentState(home);
  const already = state.enrollment[workflow];
  const surface = surfaceFor(workflow, readNode(home).nodeId);
  const plan = { workflow, already: already ? { since: already.since } : null, surface, requires: WORKFLOW_INFO[workflow].requires };
  if (already) return plan;
  if (!readOwner(home)) throw noOwner();
  if (workflow === 'network' && !(await hasGatewayKey(await keychain()))) throw noGatewayKey();
  return plan;
}

export interface JoinInput {
  workflow: Workflow;
  password: string;
  clock: Clock;
  /** Needed for network (the gateway key check). */
  keychain: () => Promise<Keychain>;
  /** Where the decision was made, for the audit line (e.g. 'cli', 'ui'). */
  via: string;
}

export interface JoinResult {
  workflow: Workflow;
  changed: boolean;
  since: string;
  enrollment: Enrollment;
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The owner password, checked; a wrong one is audited as refused. Returns the record it was checked against. */
async function checkOwnerPassword(home: string, workflow: Workflow, password: string, clock: Clock, via: string): Promise<OwnerDoc> {
  const owner = readOwner(home);
  if (!owner) throw noOwner();
  if (await verifyPasswordHash(password, owner.passwordHash)) return owner;
  await locked(
    home,
    { clock },
    (_t, audit) =>
      void audit.push({ action: 'enroll.join', id: null, kind: 'enrollment', outcome: 'refused', workflow, by: 'owner', via, reason: 'wrong-password' }),
  );
  throw new B3iqError('E_WRONG_PASSWORD', `The owner password is wrong; this node did not join the ${workflow} workflow.`, { next: 'recover-owner' });
}

function nextDoc(current: EnrollmentDoc | undefined, now: number): EnrollmentDoc {
  return { schemaVersion: ENROLLMENT_SCHEMA_VERSION, managed: current?.managed ?? null, network: current?.network ?? null, updatedAt: iso(now) };
}

/**
 * Joins a workflow: the password is checked outside the lock (argon2id is slow), then,
 * under the lock, the owner record must still hold the hash it was checked against (a
 * recover or passwd in between refuses the join), the record is written and audited.
 */
export async function joinWorkflow(home: string, input: JoinInput): Promise<JoinResult> {
  const { workflow, clock, via } = input;
  const plan = await planJoin(home, workflow, input.keychain);
  if (plan.already) return { workflow, changed: false, since: plan.already.since, enrollment: enrollmentState(home).enrollment };
  const owner = await checkOwnerPassword(home, workflow, input.password, clock, via);
  const result = await locked(home, { clock }, (now, audit) => {
    const current = readOwner(home);
    if (!current || !sameHash(current.passwordHash, owner.passwordHash)) {
      throw new B3iqError('E_WRONG_PASSWORD', 'The owner password changed while this ran; nothing was changed.', { next: 'enroll-status' });
    }
    const doc = readEnrollmentDoc(home);
    const existing = doc?.[workflow];
    if (existing) return { workflow, changed: false, since: existing.since, enrollment: toEnrollment(doc) };
    const next = nextDoc(doc, now);
    next[workflow] = { since: iso(now) };
    // The audit line first, then the record (the commit point): a node is never enrolled
    // without its line; a crash between the two leaves a line and the previous state.
    audit.push({ action: 'enroll.join', id: null, kind: 'enrollment', workflow, by: 'owner', via });
    flushAudit(home, audit, now);
    try {
      writeEnrollmentLocked(home, next);
    } catch (e) {
      audit.push({
        action: 'enroll.join',
        id: null,
        kind: 'enrollment',
        outcome: 'failed',
        workflow,
        by: 'owner',
        via,
        reason: e instanceof B3iqError ? e.code : 'error',
      });
      flushAudit(home, audit, now);
      throw e;
    }
    return { workflow, changed: true, since: iso(now), enrollment: toEnrollment(next) };
  });
  if (workflow === 'network' && result.changed && !(await hasGatewayKey(await input.keychain()))) {
    // A `gateway logout` raced this join (it removes the key, then leaves): undo, so the
    // node is never left enrolled in network without its key.
    await leaveWorkflows(home, ['network'], { clock, by: 'operator', via, reason: 'gateway-key-removed' });
    throw noGatewayKey();
  }
  return result;
}

export interface LeaveOptions {
  clock: Clock;
  by: EnrollmentActor;
  via: string;
  /** Why, when it was not asked for directly (e.g. 'gateway-logout'). */
  reason?: string;
}

export interface LeaveResult {
  /** The workflows this call took the node out of (empty: it was in none of them). */
  left: Workflow[];
  enrollment: Enrollment;
}

/** Leaves workflows at once; no password. Leaving one the node is not in is not an error. */
export async function leaveWorkflows(home: string, workflows: readonly Workflow[], opts: LeaveOptions): Promise<LeaveResult> {
  return locked(home, { clock: opts.clock }, (now, audit: AuditEvent[]) => {
    const doc = readEnrollmentDoc(home);
    const left = WORKFLOWS.filter((w) => workflows.includes(w) && doc?.[w]);
    if (!doc || left.length === 0) return { left: [], enrollment: toEnrollment(doc) };
    const next = nextDoc(doc, now);
    for (const w of left) {
      next[w] = null;
      audit.push({ action: 'enroll.leave', id: null, kind: 'enrollment', workflow: w, by: opts.by, via: opts.via, reason: opts.reason, since: doc[w]!.since });
    }
    // Leaving writes the record first: it takes effect even if the audit append then fails.
    writeEnrollmentLocked(home, next);
    return { left, enrollment: toEnrollment(next) };
  });
}

export interface GatewayLogoutResult {
  removed: boolean;
  /** True when the node was enrolled in network and left it. */
  leftNetwork: boolean;
}

/**
 * `gateway logout`: the key is removed, then the node leaves network (in that order, so a
 * join racing it either sees no key or is undone by this leave). A record that cannot be
 * read is left untouched: the node already counts as enrolled in nothing.
 */
export async function logoutGateway(keychain: Keychain, home: string, clock: Clock, via: string): Promise<GatewayLogoutResult> {
  const removed = await forgetGatewayKey(keychain, home, clock);
  let leftNetwork = false;
  try {
    leftNetwork = (await leaveWorkflows(home, ['network'], { clock, by: 'operator', via, reason: 'gateway-logout' })).left.length > 0;
  } catch (e) {
    if (!(e instanceof B3iqError) || (e.code !== 'E_CORRUPT' && e.code !== 'E_SCHEMA_NEWER')) throw e;
  }
  return { removed, leftNetwork };
}
