import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { readNewPassword } from '../setup.js';
import { auditRefused, changeOwnerPassword, checkPasswordStrength, hashPassword, noOwner, readOwner, verifyPasswordHash } from '../../../owner/owner.js';

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
  const owner = readOwner(ctx.home);
  if (!owner) throw noOwner();
  const { value: current } = await readSecret(ctx, SECRETS.currentPassword, { file: opts.currentPasswordFile, promptMessage: 'Current owner password' });
  if (!(await verifyPasswordHash(current, owner.passwordHash))) {
    await auditRefused(ctx.home, 'owner.passwd', store.now(), { reason: 'wrong-password' });
    throw new B3iqError('E_WRONG_PASSWORD', 'The current owner password is wrong; nothing was changed.', {
      hint: 'Forgotten it? Reset it with a setup token: b3iq setup-token create, then b3iq recover',
    });
  }
  // The new password never silently comes from B3IQ_OWNER_PASSWORD (that is the current one).
  const next = await readNewPassword(ctx, { file: opts.passwordFile, noEnv: true, promptMessage: 'New owner password' });
  checkPasswordStrength(next);
  if (next === current) throw new B3iqError('E_WEAK_PASSWORD', 'The new owner password is the same as the current one; nothing was changed.');
  const hash = await hashPassword(next);
  const doc = await changeOwnerPassword(ctx.home, owner.passwordHash, hash, () => store.now());
  ctx.out.data({ owner: true, passwordChangedAt: doc.passwordChangedAt, sessionGeneration: doc.sessionGeneration, sessionsInvalidated: true }, () => undefined);
  ctx.out.success('Owner password changed; every owner session is signed out.');
}
