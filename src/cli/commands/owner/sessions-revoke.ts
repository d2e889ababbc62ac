import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { idsArgument } from '../../program-helpers.js';
import { safeId } from '../../../credentials/policy.js';
import { argRef } from '../../arg-echo.js';

export interface OwnerSessionsRevokeOptions {
  ids?: string[];
  all?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd
    .addArgument(idsArgument('[ids...]', 'session ids (os_…), as owner sessions lists them', 'owner-session-live'))
    .option('--all', 'sign out every owner session (the same as owner logout-all)');
}

export async function run(opts: OwnerSessionsRevokeOptions, ctx: Context): Promise<void> {
  const ids = opts.ids ?? [];
  if (opts.all === true && ids.length > 0)
    throw new B3iqError('E_USAGE', 'Give session ids or --all, not both.', { hint: 'b3iq owner sessions revoke os_… | b3iq owner sessions revoke --all' });
  if (opts.all !== true && ids.length === 0)
    throw new B3iqError('E_USAGE', 'Nothing to revoke: give session ids or --all.', { hint: 'See: b3iq owner sessions' });
  const store = await ctx.store();
  if (opts.all === true) {
    const doc = await store.ownerLogoutAll();
    ctx.out.data(doc, () => undefined);
    ctx.out.success(`Every owner session is signed out (session generation ${doc.sessionGeneration}).`);
    return;
  }
  const { revoked, unknown } = await store.revokeOwnerSessions(ids);
  for (const id of revoked) ctx.out.success(`Signed out ${id}.`);
  if (unknown.length > 0) {
    // An id-shaped value is repeated; anything else (it may be a pasted secret) by its position.
    const shown = unknown.map((id) => (safeId(id) === id ? id : `(${argRef(ctx.argv, id)}, not a session id)`)).join(', ');
    throw new B3iqError('E_NOT_FOUND', `No live owner session with id ${shown}${revoked.length ? ' (the others were signed out)' : ''}.`, {
      hint: 'See: b3iq owner sessions',
    });
  }
  ctx.out.data({ revoked }, () => undefined);
}
