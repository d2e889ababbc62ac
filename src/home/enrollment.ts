import * as fs from 'node:fs';
import { B3iqError, isB3iqError } from '../core/errors.js';
import { readFileNoFollow, writeFileAtomic } from '../fs/files.js';
import { homeFile } from './paths.js';
import { corrupt, parseVersioned } from './records-io.js';

/**
 * The enrollment record (enrollment.json): the operator's decision to enroll this node into
 * the managed or the network workflow. Both are off by default; an absent file means "not
 * enrolled". Written only by the enrollment service, atomically (temp file, fsync, rename)
 * under the home's lock, with its audit line in the same locked write; the rename is the
 * commit point, so a writer killed before it leaves the previous decision in place.
 *
 * It sits in home/ beside node.json because the credential Store (the runtime's handle)
 * reads it for `store.enrollment()`; the decisions themselves (owner password, gateway key)
 * are made one layer up, in src/enrollment/.
 */
export const ENROLLMENT_SCHEMA_VERSION = 1;

export const WORKFLOWS = ['managed', 'network'] as const;
export type Workflow = (typeof WORKFLOWS)[number];

export interface WorkflowEnrollment {
  /** When the owner joined this workflow (ISO-8601). */
  since: string;
}

/** What the runtime reads: each workflow's enrollment, or null when not enrolled. */
export type Enrollment = Readonly<Record<Workflow, Readonly<WorkflowEnrollment> | null>>;

export interface EnrollmentDoc {
  schemaVersion: number;
  managed: WorkflowEnrollment | null;
  network: WorkflowEnrollment | null;
  /** When the record was last written (any join or leave). */
  updatedAt: string;
}

export const NOT_ENROLLED: Enrollment = Object.freeze({ managed: null, network: null });

export function isWorkflow(v: unknown): v is Workflow {
  return typeof v === 'string' && (WORKFLOWS as readonly string[]).includes(v);
}

function isIso(v: unknown): v is string {
  return typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(v) && !Number.isNaN(Date.parse(v));
}

const TOP_KEYS = new Set(['schemaVersion', 'updatedAt', ...WORKFLOWS]);

/** The record's invariants: exactly these keys, each workflow null or `{since}`, no `since` after `updatedAt`. */
export function validateEnrollment(file: string, doc: Record<string, unknown>): EnrollmentDoc {
  for (const k of Object.keys(doc)) if (!TOP_KEYS.has(k)) throw corrupt(file, `unknown field "${k.slice(0, 40).replace(/[^\w-]/g, '?')}"`);
  if (!isIso(doc.updatedAt)) throw corrupt(file, 'bad updatedAt');
  const updated = Date.parse(doc.updatedAt);
  const out: EnrollmentDoc = { schemaVersion: doc.schemaVersion as number, managed: null, network: null, updatedAt: doc.updatedAt };
  for (const w of WORKFLOWS) {
    const v = doc[w];
    if (v === undefined) throw corrupt(file, `no "${w}" field`);
    if (v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw corrupt(file, `"${w}" is neither null nor an object`);
    const e = v as Record<string, unknown>;
    if (Object.keys(e).length !== 1 || !isIso(e.since)) throw corrupt(file, `"${w}" must be exactly {"since": ISO time}`);
    if (Date.parse(e.since) > updated) throw corrupt(file, `"${w}.since" is after updatedAt`);
    out[w] = { since: e.since };
  }
  return out;
}

/** The record, undefined when absent; E_CORRUPT / E_SCHEMA_NEWER when it breaks its rules. */
export function readEnrollmentDoc(home: string): EnrollmentDoc | undefined {
  const file = homeFile(home, 'enrollment');
  const r = readFileNoFollow(file);
  if (!r) return undefined;
  try {
    return validateEnrollment(file, parseVersioned(file, r.data, ENROLLMENT_SCHEMA_VERSION));
  } catch (e) {
    if (!isB3iqError(e) || e.code !== 'E_CORRUPT') throw e;
    throw new B3iqError('E_CORRUPT', e.message, { hint: 'Until it is fixed this node counts as enrolled in nothing; move the file aside and join again.' });
  }
}

export function toEnrollment(doc: EnrollmentDoc | undefined): Enrollment {
  if (!doc) return NOT_ENROLLED;
  return Object.freeze({
    managed: doc.managed ? Object.freeze({ since: doc.managed.since }) : null,
    network: doc.network ? Object.freeze({ since: doc.network.since }) : null,
  });
}

/** Caller holds the home's lock (inside `locked()`). */
export function writeEnrollmentLocked(home: string, doc: EnrollmentDoc): void {
  writeFileAtomic(homeFile(home, 'enrollment'), JSON.stringify(doc, null, 2) + '\n');
}

export interface EnrollmentReading {
  enrollment: Enrollment;
  /** Why the record was not used (corrupt, newer, unreadable): the node then counts as not enrolled. */
  problem: B3iqError | null;
}

/** Fail closed: a record that cannot be read or breaks its rules means "not enrolled". */
export function readEnrollmentSafe(home: string): EnrollmentReading {
  try {
    return { enrollment: toEnrollment(readEnrollmentDoc(home)), problem: null };
  } catch (e) {
    const problem = isB3iqError(e) ? e : new B3iqError('E_IO', 'The enrollment record cannot be read.');
    return { enrollment: NOT_ENROLLED, problem };
  }
}

function signature(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return 'absent';
  }
}

/**
 * The runtime's live view of the record. A read costs nothing while the view is younger
 * than `maxAgeMs`; after that, one stat of the file, and a re-read only when its
 * signature changed (every write is a rename, so the inode changes). With the store's
 * default 200 ms, a `leave` written by any process is seen within 200 ms of being made.
 */
export class EnrollmentView {
  private sig = '';
  private checkedAt = -Infinity;
  private reading: EnrollmentReading = { enrollment: NOT_ENROLLED, problem: null };

  constructor(
    private readonly home: string,
    private readonly maxAgeMs: number,
  ) {}

  current(): EnrollmentReading {
    const t = performance.now();
    if (t - this.checkedAt < this.maxAgeMs) return this.reading;
    this.checkedAt = t;
    const sig = signature(homeFile(this.home, 'enrollment'));
    if (sig !== this.sig) {
      this.reading = readEnrollmentSafe(this.home);
      this.sig = sig;
    }
    return this.reading;
  }
}
