import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { forgetGatewayKey } from '../../../keychain/gateway-key.js';

export type GatewayLogoutOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: GatewayLogoutOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const keychain = await ctx.keychain();
  const removed = await forgetGatewayKey(keychain, ctx.home, () => store.now());
  keychain.close();
  if (keychain.mode === 'off') ctx.out.warn('B3IQ_KEYCHAIN=off: only the file fallback was checked, not the OS keychain.');
  ctx.out.data({ removed }, () => undefined);
  if (removed) ctx.out.success('Hosted gateway key removed.');
  else ctx.out.info('No hosted gateway key was stored; nothing to remove.');
}
