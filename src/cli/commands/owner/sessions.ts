import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { shortTime } from '../../render.js';
import type { OwnerSessionView } from '../../../owner/sessions.js';

export type OwnerSessionsOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

function table(rows: OwnerSessionView[]): string {
  if (rows.length === 0) return '';
  const head = ['ID', 'CLIENT', 'CREATED', 'LAST SEEN', 'EXPIRES'];
  const body = rows.map((r) => [r.id, r.client, shortTime(r.createdAt), shortTime(r.lastSeenAt), shortTime(r.expiresAt)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body]
    .map((cells) =>
      cells
        .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Live owner sessions: id, client, created, last seen, expires; never the secret. */
export async function run(_opts: OwnerSessionsOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const rows = await store.ownerSessions();
  ctx.out.data(rows, () => table(rows));
  if (rows.length === 0) ctx.out.info('No owner sessions: nobody is signed in to the operator UI.');
}
