import type { Command } from 'commander';
import type { Context } from '../context.js';
import { configureOwnerChange, runOwnerChange, type OwnerChangeOptions } from './owner/shared.js';

export type SetupOptions = OwnerChangeOptions;

export function configure(cmd: Command): Command {
  return configureOwnerChange(cmd);
}

export async function run(opts: SetupOptions, ctx: Context): Promise<void> {
  const owner = await runOwnerChange('setup', opts, ctx);
  ctx.out.data({ owner: true, createdAt: owner.createdAt, sessionGeneration: owner.sessionGeneration }, () => undefined);
  ctx.out.success('Owner password set; the setup token is used up.');
}
