import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { ExitCode, type ExitCodeValue } from '../../core/errors.js';
import { readAuditText, verifyAuditFile } from '../../home/audit.js';
import { homeFile } from '../../home/paths.js';
import { checkHome } from '../../credentials/store.js';
import { checkIntegrity } from '../../credentials/integrity.js';
import { shortTime, table } from '../render.js';

export interface AuditOptions {
  verify?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd.option('--verify', 'walk the hash chain; exit 1 naming the first altered, removed or reordered line');
}

type Entry = Record<string, unknown>;

const SHOWN = new Set(['seq', 'time', 'action', 'id', 'kind', 'outcome', 'prev', 'hash']);

function detail(e: Entry): string {
  return Object.entries(e)
    .filter(([k, v]) => !SHOWN.has(k) && v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}

export async function run(opts: AuditOptions, ctx: Context): Promise<ExitCodeValue> {
  checkHome(ctx.home, { mustExist: true });
  if (opts.verify) {
    const v = verifyAuditFile(ctx.home);
    // The chain alone cannot see a cut end or a re-chained log: the records' anchors can.
    let anchors: { ok: boolean; problem?: string; pending?: number } | undefined;
    if (v.ok) {
      try {
        anchors = checkIntegrity(ctx.home, Date.now()).anchors;
      } catch (e) {
        anchors = { ok: false, problem: e instanceof Error ? e.message : 'the records cannot be read' };
      }
    }
    const ok = v.ok && anchors?.ok === true;
    const doc = {
      ok,
      entries: v.entries,
      line: v.ok ? undefined : v.line,
      file: v.ok ? undefined : basename(v.file),
      problem: v.ok ? anchors?.problem : v.problem,
    };
    ctx.out.data(doc, () => undefined);
    if (ok) {
      const pending = anchors?.pending
        ? ` (${anchors.pending} entr${anchors.pending === 1 ? 'y' : 'ies'} of the last change still to be appended by the next write)`
        : '';
      ctx.out.success(`Audit log intact: ${v.entries} entr${v.entries === 1 ? 'y' : 'ies'}, hash chain verified, anchored to the records${pending}.`);
      return ExitCode.ok;
    }
    if (!v.ok) ctx.out.warn(`audit log broken at ${basename(v.file)} line ${v.line}: ${v.problem}. Lines from there on cannot be trusted.`);
    else ctx.out.warn(`audit log and records disagree: ${anchors?.problem}.`);
    return ExitCode.negative;
  }
  const text = readAuditText(homeFile(ctx.home, 'audit')) ?? '';
  const entries: Entry[] = [];
  let unreadable = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const e = JSON.parse(line) as unknown;
      if (typeof e === 'object' && e !== null && !Array.isArray(e)) entries.push(e as Entry);
      else unreadable++;
    } catch {
      unreadable++;
    }
  }
  ctx.out.data(entries, () => {
    if (entries.length === 0) return undefined;
    const rows = entries.map((e) => [
      String(e.seq ?? '?'),
      typeof e.time === 'string' ? shortTime(e.time) : '?',
      String(e.action ?? '?'),
      String(e.id ?? '-'),
      String(e.kind ?? '-'),
      String(e.outcome ?? '-'),
      detail(e),
    ]);
    return table(rows, { head: ['SEQ', 'TIME', 'ACTION', 'ID', 'KIND', 'OUTCOME', 'DETAIL'] });
  });
  if (entries.length === 0) ctx.out.info('The audit log is empty.');
  if (unreadable > 0) ctx.out.warn(`${unreadable} line(s) are not valid JSON; run: b3iq audit --verify`);
  return ExitCode.ok;
}
