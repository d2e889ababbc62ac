import type { Command } from 'commander';
import type { Context } from '../context.js';
import { configureOwnerChange, runOwnerChange, type OwnerChangeOptions } from './owner/shared.js';

export type RecoverOptions = OwnerChangeOptions;

export function configure(cmd: Command): Command {
  return configureOwnerChange(cmd);
}

export async function run(opts: RecoverOptions, ctx: Context): Promise<void> {
  const owner = await runOwnerChange('recover', opts, ctx);
  ctx.out.data(
    // setup's shape (owner, createdAt, sessionGeneration) and what a reset adds.
    {
      owner: true,
      createdAt: owner.createdAt,
      passwordChangedAt: owner.passwordChangedAt,
      sessionGeneration: owner.sessionGeneration,
      sessionsInvalidated: true,
    },
    () => undefined,
  );
  ctx.out.success('Owner password reset; every owner session is signed out; the setup token is used up.');
}
