import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { signOutAllSessions } from '../../../owner/service.js';

export type OwnerLogoutAllOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: OwnerLogoutAllOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const doc = await signOutAllSessions(ctx.home, () => store.now());
  ctx.out.data({ sessionGeneration: doc.sessionGeneration, sessionsInvalidatedAt: doc.sessionsInvalidatedAt }, () => undefined);
  ctx.out.success(`Every owner session is signed out (session generation ${doc.sessionGeneration}).`);
}
