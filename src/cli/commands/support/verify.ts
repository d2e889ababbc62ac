import { Option, type Command } from 'commander';
import { SUPPORT_SCOPES, validateScope } from '../../../core/scopes.js';
import type { Context } from '../../context.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import type { ExitCodeValue } from '../../../core/errors.js';
import { reportVerify } from '../../render.js';
import { KINDS } from '../../../core/credential-kinds.js';

export interface SupportVerifyOptions {
  scope?: string;
  tokenFile?: string;
}

// Choices for help and completions only: run() refuses a scope with its reason and code.
const passThrough = (v: string): string => v;

export function configure(cmd: Command): Command {
  return cmd
    .addOption(new Option('--scope <scope>', 'also require this scope').choices([...SUPPORT_SCOPES]).argParser(passThrough))
    .option(`${KINDS.support.secret.fileFlag} <path>`, 'read the token from a file (- for stdin)');
}

export async function run(opts: SupportVerifyOptions, ctx: Context): Promise<ExitCodeValue> {
  // Checked before the secret is read: a wrong --scope fails at once, stdin untouched.
  const scope = opts.scope === undefined ? undefined : validateScope('support', opts.scope);
  const { value } = await readSecret(ctx, SECRETS.supportToken, { file: opts.tokenFile });
  const store = await ctx.store();
  return reportVerify(ctx, store.verifySupportGrant(value, scope === undefined ? {} : { scope }));
}
