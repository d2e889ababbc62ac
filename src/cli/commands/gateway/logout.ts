import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { logoutGateway } from '../../../enrollment/service.js';

export type GatewayLogoutOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

/** Removes the key; a node enrolled in the network workflow leaves it (it cannot serve without the key). */
export async function run(_opts: GatewayLogoutOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const keychain = await ctx.keychain();
  const { removed, leftNetwork } = await logoutGateway(keychain, ctx.home, () => store.now(), 'cli');
  keychain.close();
  if (keychain.mode === 'off') ctx.out.warn('B3IQ_KEYCHAIN=off: only the file fallback was checked, not the OS keychain.');
  ctx.out.data({ removed, leftNetwork }, () => undefined);
  if (removed) ctx.out.success('Hosted gateway key removed.');
  else ctx.out.info('No hosted gateway key was stored; nothing to remove.');
  if (leftNetwork) ctx.out.success('This node left the network workflow (it needs the gateway key); rejoin with: b3iq enroll join network');
}
