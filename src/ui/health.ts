import type { NodeStore as Store } from '../owner/node-store.js';
import { surveyHome } from '../home/inspect.js';
import { readAuditParts, readAuditText, verifyAuditParts } from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { ownerSummary } from '../owner/owner.js';
import { scanHistory } from '../scan/scanner.js';
import { storeClassifier } from '../scan/classify.js';
import { readEnrollmentSafe, WORKFLOWS } from '../home/enrollment.js';
import { enrollmentAuditAgreement } from '../enrollment/audit-check.js';

export interface Finding {
  status: 'pass' | 'warn' | 'fail';
  title: string;
  detail: string;
}

const LONG_LIVED_MS = 90 * 86_400_000;

/**
 * The health checks the overview shows, from the same library calls `doctor` uses: a subset
 * (no keychain probe, no --production checklist; `b3iq doctor` has them all).
 */
export function healthFindings(store: Store): Finding[] {
  const out: Finding[] = [];
  const perms = surveyHome(store.home);
  out.push(
    perms.length === 0
      ? { status: 'pass', title: 'permissions', detail: 'the config directory is 0700 and every file 0600, owned by this user' }
      : { status: 'fail', title: 'permissions', detail: perms.map((p) => `${p.path.slice(store.home.length) || '/'} ${p.problem}`).join('; ') },
  );
  let owner;
  try {
    owner = ownerSummary(store.home);
  } catch {
    owner = undefined;
  }
  if (!owner?.exists) out.push({ status: 'warn', title: 'owner password', detail: 'no owner password is set' });
  else
    out.push({
      status: owner.needsRehash ? 'warn' : 'pass',
      title: 'owner password',
      detail: owner.needsRehash ? 'stored with weaker argon2id parameters than this version uses' : 'argon2id with current parameters',
    });
  const parts = readAuditParts(homeFile(store.home, 'audit'));
  const chain = parts === undefined ? { ok: true, entries: 0 } : verifyAuditParts(parts);
  out.push(
    chain.ok
      ? { status: 'pass', title: 'audit log', detail: `hash chain intact (${chain.entries} entries)` }
      : { status: 'fail', title: 'audit log', detail: `hash chain broken at line ${chain.line ?? '?'}` },
  );
  const now = store.now();
  const keys = store.list({ kind: 'local' });
  const long = keys.filter((k) => k.expiresAt === null || Date.parse(k.expiresAt) - now > LONG_LIVED_MS);
  out.push(
    long.length === 0
      ? { status: 'pass', title: 'local keys', detail: `${keys.length} live, none long-lived` }
      : { status: 'warn', title: 'local keys', detail: `${long.length} live key(s) without an expiry within 90 days: ${long.map((k) => k.id).join(', ')}` },
  );
  const grants = store.list({ kind: 'support' });
  out.push(
    grants.length === 0
      ? { status: 'pass', title: 'support grants', detail: 'none live' }
      : { status: 'warn', title: 'support grants', detail: `${grants.length} live: ${grants.map((g) => g.id).join(', ')}` },
  );
  const expired = store.list({ kind: 'local', all: true }).filter((k) => k.state === 'expired').length;
  if (expired > 0)
    out.push({ status: 'warn', title: 'expired keys', detail: `${expired} expired local key(s) still listed; revoke them to make the end explicit` });
  out.push(enrollmentFinding(store));
  out.push(historyFinding(store));
  return out;
}

/** The enrollment record: valid, and every enrolled workflow joined by an audited join (doctor's rules). */
function enrollmentFinding(store: Store): Finding {
  const { enrollment, problem } = readEnrollmentSafe(store.home);
  if (problem) return { status: 'fail', title: 'enrollment', detail: `${problem.message} The node counts as enrolled in nothing.` };
  const { unaccounted } = enrollmentAuditAgreement(store.home, enrollment);
  if (unaccounted.length > 0)
    return {
      status: 'fail',
      title: 'enrollment',
      detail: `no audited join for: ${unaccounted.map((u) => u.workflow).join(', ')} (the record was not written by a join); leave and join again`,
    };
  const joined = WORKFLOWS.filter((w) => enrollment[w]);
  return { status: 'pass', title: 'enrollment', detail: joined.length ? `enrolled in ${joined.join(', ')}` : 'enrolled in nothing (the default)' };
}

/** b3iq tokens in this user's shell history: a live or unknown one fails (doctor's rule). */
function historyFinding(store: Store): Finding {
  const hist = scanHistory(process.env, { classify: storeClassifier(store) });
  const risky = hist.findings.filter((f) => f.live || f.id === null);
  if (risky.length > 0)
    return {
      status: 'fail',
      title: 'shell history',
      detail: `${risky.length} b3iq token(s) in shell history${
        risky.some((f) => f.id)
          ? `, live: ${risky
              .filter((f) => f.id)
              .map((f) => f.id)
              .join(', ')}`
          : ''
      }; run b3iq scan --history --revoke, then delete those lines`,
    };
  if (hist.findings.length > 0) return { status: 'warn', title: 'shell history', detail: `${hist.findings.length} dead token(s) still in shell history` };
  return { status: 'pass', title: 'shell history', detail: hist.files.length ? `${hist.files.length} history file(s) clean` : 'no shell history files' };
}

export interface AuditRow {
  seq: number;
  time: string;
  action: string;
  id: string | null;
  kind: string | null;
  outcome: string;
}

/** The last `n` audit entries, newest first (ids, kinds, outcomes: the log holds no secrets). */
export function recentAudit(store: Store, n = 40): AuditRow[] {
  const text = readAuditText(homeFile(store.home, 'audit')) ?? '';
  const lines = text.split('\n').filter(Boolean).slice(-n).reverse();
  const out: AuditRow[] = [];
  for (const l of lines) {
    try {
      const o = JSON.parse(l) as Record<string, unknown>;
      out.push({
        seq: Number(o.seq),
        time: String(o.time),
        action: String(o.action),
        id: typeof o.id === 'string' ? o.id : null,
        kind: typeof o.kind === 'string' ? o.kind : null,
        outcome: String(o.outcome ?? 'ok'),
      });
    } catch {
      // A torn or altered line: the chain check above reports it.
    }
  }
  return out;
}
