import { readAuditText } from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { WORKFLOWS, type Enrollment, type Workflow } from '../home/enrollment.js';

/**
 * Does the enrollment record agree with the audit log? Every workflow the record shows
 * must have, as its latest successful enroll line, the join written with it (same time):
 * a record edited by hand to enroll the node without the owner password has none. A join
 * line whose record never followed (a crash between the two) is only noted.
 */
export interface AuditAgreement {
  /** Enrolled workflows with no matching join line: the record was not written by a join. */
  unaccounted: Array<{ workflow: Workflow; since: string }>;
  /** Joins audited but not in effect and not left since (a join that died before its commit). */
  unfinished: Array<{ workflow: Workflow; time: string }>;
}

interface EnrollLine {
  action: string;
  workflow: Workflow;
  time: string;
}

function enrollLines(text: string): EnrollLine[] {
  const out: EnrollLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"action":"enroll.') || !line.includes('"outcome":"ok"')) continue;
    try {
      const v = JSON.parse(line) as Partial<EnrollLine> & { outcome?: string };
      if (
        v.outcome === 'ok' &&
        typeof v.time === 'string' &&
        (v.action === 'enroll.join' || v.action === 'enroll.leave') &&
        WORKFLOWS.includes(v.workflow as Workflow)
      ) {
        out.push({ action: v.action, workflow: v.workflow as Workflow, time: v.time });
      }
    } catch {
      // A torn or altered line: the audit chain check reports it.
    }
  }
  return out;
}

export function enrollmentAuditAgreement(home: string, enrollment: Enrollment): AuditAgreement {
  const lines = enrollLines(readAuditText(homeFile(home, 'audit')) ?? '');
  const result: AuditAgreement = { unaccounted: [], unfinished: [] };
  for (const w of WORKFLOWS) {
    const last = lines.filter((l) => l.workflow === w).at(-1);
    const e = enrollment[w];
    if (e && !(last?.action === 'enroll.join' && last.time === e.since)) result.unaccounted.push({ workflow: w, since: e.since });
    if (!e && last?.action === 'enroll.join') result.unfinished.push({ workflow: w, time: last.time });
  }
  return result;
}
