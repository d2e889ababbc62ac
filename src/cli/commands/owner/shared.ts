import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import type { Store } from '../../../credentials/store.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { assertOwnerChangeAllowed, changeOwnerWithSetupToken, checkSetupToken, type OwnerChange } from '../../../owner/service.js';
import type { OwnerDoc } from '../../../owner/owner.js';
import { assertPasswordStrength } from '../../../owner/password.js';
import { KINDS } from '../../../core/credential-kinds.js';

/** What setup and recover share: their flags, the secrets they read, the warning they may give. */
export interface OwnerChangeOptions {
  tokenFile?: string;
  passwordFile?: string;
}

export function configureOwnerChange(cmd: Command): Command {
  return cmd
    .option(`${KINDS.setup.secret.fileFlag} <path>`, 'read the setup token or setup URL from a file (- for stdin)')
    .option('--password-file <path>', 'read the new owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE] or a prompt on the terminal');
}

/**
 * A new owner password. On a prompt: checked after the first entry, then typed again; a weak
 * one or a mismatch asks again (three tries). From a file or the environment: checked once
 * (by the owner service), a weak one is exit 2.
 */
export async function readNewPassword(ctx: Context, opts: { file: string | undefined; promptMessage: string; noEnv?: boolean }): Promise<string> {
  const { value } = await readSecret(ctx, opts.noEnv ? SECRETS.newPassword : SECRETS.ownerPassword, {
    file: opts.file,
    promptMessage: opts.promptMessage,
    confirm: true,
    check: assertPasswordStrength,
  });
  return value;
}

/**
 * setup and recover: owner state first (no input needed to fail), then the token (checked
 * before the password is asked for), then the password (twice on a prompt), then the
 * owner service does the rest under the home's lock.
 */
export async function runOwnerChange(change: OwnerChange, opts: OwnerChangeOptions, ctx: Context): Promise<OwnerDoc> {
  const store = await ctx.store();
  assertOwnerChangeAllowed(ctx.home, change);
  const { value } = await readSecret(ctx, SECRETS.setupToken, { file: opts.tokenFile });
  const token = checkSetupToken(store, value);
  let result;
  try {
    const password = await readNewPassword(ctx, {
      file: opts.passwordFile,
      promptMessage: change === 'setup' ? 'New owner password' : 'New owner password (recovery)',
    });
    result = await changeOwnerWithSetupToken(store, change, token, password);
  } catch (e) {
    if (!(e instanceof B3iqError && e.code === 'E_INVALID_TOKEN')) remindLiveToken(ctx, store, token);
    throw e;
  }
  const { owner, tokenNotMarked } = result;
  if (tokenNotMarked !== undefined) {
    ctx.out.warn(
      `the owner password was ${change === 'setup' ? 'set' : 'reset'}, but the setup token could not be marked used (${tokenNotMarked}); it can no longer be used either way.`,
    );
  }
  return owner;
}

/**
 * A refused password consumes nothing, so the operator can retry with the same token; but
 * a failure must not leave a live token behind unnoticed: say which one and how to end it.
 */
function remindLiveToken(ctx: Context, store: Store, token: string): void {
  try {
    store.reloadSync();
    const cred = store.findByToken(token);
    if (cred?.state === 'live')
      ctx.out.info(
        `The setup token ${cred.id} is still live until ${cred.expiresAt ?? 'it is used'}: retry with it, or end it now: b3iq setup-token revoke ${cred.id}`,
      );
  } catch {
    /* the error itself matters more */
  }
}
