import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { ExitCode, type ExitCodeValue } from '../../../core/errors.js';
import { gatewayKeyStatus } from '../../../keychain/gateway-key.js';

export type GatewayStatusOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: GatewayStatusOptions, ctx: Context): Promise<ExitCodeValue> {
  await ctx.store();
  const keychain = await ctx.keychain();
  const status = await gatewayKeyStatus(keychain);
  keychain.close();
  const { wellFormed } = status;
  const found = status.present ? status : undefined;
  const doc = { ...status, keychain: keychain.describe() };
  ctx.out.data(doc, () =>
    found
      ? `hosted gateway key: present, in the ${found.backend === 'keytar' ? 'OS keychain' : 'file fallback'}${wellFormed ? '' : ' (but it is not a well-formed b3iq_gateway_… key)'}\nkeychain: ${doc.keychain}`
      : `hosted gateway key: not stored (b3iq gateway login)\nkeychain: ${doc.keychain}`,
  );
  return found ? ExitCode.ok : ExitCode.negative;
}
