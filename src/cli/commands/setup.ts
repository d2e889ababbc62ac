import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError } from '../../core/errors.js';
import { extractSetupToken, parseToken } from '../../core/tokens.js';
import { kindLabel } from '../../credentials/store.js';
import { readSecret, SECRETS } from '../secret-input.js';
import {
  applyOwnerChangeLocked,
  checkPasswordStrength,
  hashPassword,
  noOwner,
  ownerExists,
  readOwner,
  type OwnerChange,
  type OwnerDoc,
} from '../../owner/owner.js';

export interface SetupOptions {
  tokenFile?: string;
  passwordFile?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--token-file <path>', 'read the setup token or setup URL from a file (- for stdin)')
    .option('--password-file <path>', 'read the new owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE] or a prompt on the terminal');
}

/** A new owner password; typed twice when it comes from a prompt. */
export async function readNewPassword(ctx: Context, opts: { file: string | undefined; promptMessage: string; noEnv?: boolean }): Promise<string> {
  const { value } = await readSecret(ctx, SECRETS.ownerPassword, { file: opts.file, noEnv: opts.noEnv, promptMessage: opts.promptMessage, confirm: true });
  return value;
}

/** The token from a bare token or a setup URL (`…/setup#token=…`), checked before any prompt. */
async function readSetupToken(ctx: Context, opts: SetupOptions): Promise<string> {
  const { value } = await readSecret(ctx, SECRETS.setupToken, { file: opts.tokenFile });
  const token = extractSetupToken(value.trim());
  const parsed = parseToken(token);
  if (!parsed.ok) {
    throw new B3iqError('E_INVALID_TOKEN', 'That is not a setup token or setup URL (malformed, or its checksum does not match).', {
      hint: 'Pass the b3iq_setup_… token or the setup URL exactly as issued by b3iq setup-token create.',
      details: { reason: 'malformed' },
    });
  }
  if (parsed.kind !== 'setup') {
    throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a setup token; nothing was changed.`, { hint: 'Create a setup token with: b3iq setup-token create' });
  }
  return token;
}

/**
 * setup and recover: owner state first (no input needed to fail), then the token (checked
 * before the password is asked for), then the password (twice on a prompt), then, under
 * the store lock, token consumption and the owner write as one step (see owner.ts).
 */
export async function runOwnerChange(change: OwnerChange, opts: SetupOptions, ctx: Context): Promise<OwnerDoc> {
  const store = await ctx.store();
  const existing = readOwner(ctx.home);
  if (change === 'setup' && existing) throw ownerExists();
  if (change === 'recover' && !existing) throw noOwner();

  const token = await readSetupToken(ctx, opts);
  const pre = store.verifySetupToken(token);
  if (!pre.valid) {
    throw new B3iqError('E_INVALID_TOKEN', `The setup token is ${pre.reason === 'unknown' ? 'not one this node issued' : pre.reason}; nothing was changed.`, {
      hint: 'Create a new one with: b3iq setup-token create',
      details: { reason: pre.reason },
    });
  }

  const password = await readNewPassword(ctx, { file: opts.passwordFile, promptMessage: change === 'setup' ? 'New owner password' : 'New owner password (recovery)' });
  checkPasswordStrength(password);
  const passwordHash = await hashPassword(password);

  let written: string | undefined;
  try {
    return await store.consumeSetupToken(token, (setupId, now, audit) => {
      const doc = applyOwnerChangeLocked(ctx.home, change, passwordHash, setupId, now, audit);
      written = setupId;
      return doc;
    });
  } catch (e) {
    // owner.json was written (the commit point) but recording the token as used failed:
    // the change stands, and the token is dead anyway because owner.json names it.
    const after = written === undefined ? undefined : safeReadOwner(ctx);
    if (after && written !== undefined && after.setupTokenIds.includes(written)) {
      ctx.out.warn(`the owner password was ${change === 'setup' ? 'set' : 'reset'}, but the setup token could not be marked used (${e instanceof B3iqError ? e.code : 'error'}); it can no longer be used either way.`);
      return after;
    }
    throw e;
  }
}

function safeReadOwner(ctx: Context): OwnerDoc | undefined {
  try {
    return readOwner(ctx.home);
  } catch {
    return undefined;
  }
}

export async function run(opts: SetupOptions, ctx: Context): Promise<void> {
  const owner = await runOwnerChange('setup', opts, ctx);
  ctx.out.data({ owner: true, createdAt: owner.createdAt, sessionGeneration: owner.sessionGeneration }, () => undefined);
  ctx.out.success('Owner password set; the setup token is used up.');
}
