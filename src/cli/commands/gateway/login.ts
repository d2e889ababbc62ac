import { join } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { checkGatewayKey, storeGatewayKey } from '../../../keychain/gateway-key.js';
import { KINDS } from '../../../core/credential-kinds.js';

const GATEWAY = KINDS.gateway.secret;

export interface GatewayLoginOptions {
  keyFile?: string;
}

export function configure(cmd: Command): Command {
  return cmd.option(`${GATEWAY.fileFlag} <path>`, `read the key from a file (- for stdin); else ${GATEWAY.env}[_FILE], stdin or a prompt`);
}

export async function run(opts: GatewayLoginOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const { value } = await readSecret(ctx, SECRETS.gatewayKey, { file: opts.keyFile });
  const key = checkGatewayKey(value);
  const keychain = await ctx.keychain();
  const { backend, replaced } = await storeGatewayKey(keychain, ctx.home, key, () => store.now());
  keychain.close();
  ctx.out.data({ stored: true, backend, replaced }, () => undefined);
  const where = backend === 'keytar' ? 'the OS keychain' : `a 0600 file in ${join(ctx.home, 'keychain')} (no OS keychain in use)`;
  ctx.out.success(`Hosted gateway key ${replaced ? 'replaced' : 'stored'} in ${where}; it is never printed.`);
}
