import type { Command } from 'commander';
import type { Context } from '../context.js';
import { runOwnerChange, type SetupOptions } from './setup.js';

export type RecoverOptions = SetupOptions;

export function configure(cmd: Command): Command {
  return cmd
    .option('--token-file <path>', 'read the setup token or setup URL from a file (- for stdin)')
    .option('--password-file <path>', 'read the new owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE] or a prompt on the terminal');
}

export async function run(opts: RecoverOptions, ctx: Context): Promise<void> {
  const owner = await runOwnerChange('recover', opts, ctx);
  ctx.out.data({ owner: true, passwordChangedAt: owner.passwordChangedAt, sessionGeneration: owner.sessionGeneration, sessionsInvalidated: true }, () => undefined);
  ctx.out.success('Owner password reset; every owner session is signed out; the setup token is used up.');
}
