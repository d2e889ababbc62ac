import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { enrollmentState } from '../../../enrollment/service.js';
import { gatewayKeyStatus } from '../../../keychain/gateway-key.js';
import { enrollmentLines } from './shared.js';

export type EnrollStatusOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: EnrollStatusOptions, ctx: Context): Promise<void> {
  await ctx.store();
  const { enrollment, updatedAt } = enrollmentState(ctx.home);
  // Only asked when it matters: enrolled in network without its key serves nothing.
  let gatewayKey: boolean | null = null;
  if (enrollment.network) {
    const keychain = await ctx.keychain();
    gatewayKey = (await gatewayKeyStatus(keychain)).present;
    keychain.close();
  }
  ctx.out.data({ managed: enrollment.managed, network: enrollment.network, updatedAt, gatewayKey }, () => enrollmentLines(enrollment).join('\n'));
  if (gatewayKey === false) ctx.out.warn('enrolled in network, but no hosted gateway key is stored: b3iq gateway login, or b3iq enroll leave network');
  if (!enrollment.managed && !enrollment.network) ctx.out.info('Not enrolled in any workflow (the default). Join one with: b3iq enroll join managed|network');
}
