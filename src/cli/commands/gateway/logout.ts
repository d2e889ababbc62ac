import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { auditGateway, GATEWAY_ACCOUNT } from './shared.js';

export type GatewayLogoutOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: GatewayLogoutOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const keychain = await ctx.keychain();
  const removed = await keychain.delete(GATEWAY_ACCOUNT);
  keychain.close();
  if (removed) await auditGateway(ctx, store.now(), { action: 'gateway.logout', id: null, kind: 'gateway' });
  if (keychain.mode === 'off') ctx.out.warn('B3IQ_KEYCHAIN=off: only the file fallback was checked, not the OS keychain.');
  ctx.out.data({ removed }, () => undefined);
  if (removed) ctx.out.success('Hosted gateway key removed.');
  else ctx.out.info('No hosted gateway key was stored; nothing to remove.');
}
