import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { ExitCode, type ExitCodeValue } from '../../../core/errors.js';
import { parseToken } from '../../../core/tokens.js';
import { GATEWAY_ACCOUNT } from './shared.js';

export type GatewayStatusOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: GatewayStatusOptions, ctx: Context): Promise<ExitCodeValue> {
  await ctx.store();
  const keychain = await ctx.keychain();
  const found = await keychain.find(GATEWAY_ACCOUNT);
  keychain.close();
  const wellFormed = found ? (() => { const p = parseToken(found.secret); return p.ok && p.kind === 'gateway'; })() : null;
  const doc = {
    present: found !== undefined,
    backend: found?.backend ?? null,
    wellFormed,
    keychain: keychain.describe(),
  };
  ctx.out.data(doc, () =>
    found
      ? `hosted gateway key: present, in the ${found.backend === 'keytar' ? 'OS keychain' : 'file fallback'}${wellFormed ? '' : ' (but it is not a well-formed b3iq_gateway_… key)'}\nkeychain: ${doc.keychain}`
      : `hosted gateway key: not stored (b3iq gateway login)\nkeychain: ${doc.keychain}`,
  );
  return found ? ExitCode.ok : ExitCode.negative;
}
