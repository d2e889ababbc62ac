import { Option, type Command } from 'commander';
import type { Context } from '../../context.js';
import { LOCAL_SCOPES } from '../../../core/scopes.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { ExitCode, type ExitCodeValue } from '../../../core/errors.js';
import type { VerifyResult } from '../../../credentials/store.js';

export interface KeysVerifyOptions {
  scope?: string;
  keyFile?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .addOption(new Option('--scope <scope>', 'also require this scope').choices([...LOCAL_SCOPES]))
    .option('--key-file <path>', 'read the key from a file (- for stdin)');
}

export function reportVerify(ctx: Context, r: VerifyResult): ExitCodeValue {
  ctx.out.data(r, () => (r.valid ? `valid ${r.id} (${r.scopes.join(',')})` : `invalid: ${r.reason}`));
  return r.valid ? ExitCode.ok : ExitCode.negative;
}

export async function run(opts: KeysVerifyOptions, ctx: Context): Promise<ExitCodeValue> {
  const { value } = await readSecret(ctx, SECRETS.localKey, { file: opts.keyFile });
  const store = await ctx.store();
  return reportVerify(ctx, store.verifyLocalKey(value, opts.scope === undefined ? {} : { scope: opts.scope }));
}
