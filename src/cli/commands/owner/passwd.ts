import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { readNewPassword } from './shared.js';
import { changePassword, checkCurrentPassword, requireOwner } from '../../../owner/service.js';

export interface OwnerPasswdOptions {
  currentPasswordFile?: string;
  passwordFile?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--current-password-file <path>', 'read the current password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE], stdin or a prompt')
    .option('--password-file <path>', 'read the new password from a file (- for stdin); else stdin or a prompt (asked twice)');
}

export async function run(opts: OwnerPasswdOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const clock = () => store.now();
  const owner = requireOwner(ctx.home);
  const { value: current } = await readSecret(ctx, SECRETS.currentPassword, { file: opts.currentPasswordFile, promptMessage: 'Current owner password' });
  await checkCurrentPassword(ctx.home, owner, current, clock);
  // The new password never silently comes from B3IQ_OWNER_PASSWORD (that is the current one).
  const next = await readNewPassword(ctx, { file: opts.passwordFile, noEnv: true, promptMessage: 'New owner password' });
  const doc = await changePassword(ctx.home, owner, current, next, clock);
  ctx.out.data({ owner: true, passwordChangedAt: doc.passwordChangedAt, sessionGeneration: doc.sessionGeneration, sessionsInvalidated: true }, () => undefined);
  ctx.out.success('Owner password changed; every owner session is signed out.');
}
