import { Option, type Command } from 'commander';
import type { Context } from '../../context.js';
import { LOCAL_SCOPES, validateScope } from '../../../core/scopes.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import type { ExitCodeValue } from '../../../core/errors.js';
import { reportVerify } from '../../render.js';
import { KINDS } from '../../../core/credential-kinds.js';

export interface KeysVerifyOptions {
  scope?: string;
  keyFile?: string;
}

// Choices for help and completions only: run() refuses a scope with its reason and code.
const passThrough = (v: string): string => v;

export function configure(cmd: Command): Command {
  return cmd
    .addOption(new Option('--scope <scope>', 'also require this scope').choices([...LOCAL_SCOPES]).argParser(passThrough))
    .option(`${KINDS.local.secret.fileFlag} <path>`, 'read the key from a file (- for stdin)');
}

export async function run(opts: KeysVerifyOptions, ctx: Context): Promise<ExitCodeValue> {
  // Checked before the secret is read: a wrong --scope fails at once, stdin untouched.
  const scope = opts.scope === undefined ? undefined : validateScope('local', opts.scope);
  const { value } = await readSecret(ctx, SECRETS.localKey, { file: opts.keyFile });
  const store = await ctx.store();
  return reportVerify(ctx, store.verifyLocalKey(value, scope === undefined ? {} : { scope }));
}
