import { join } from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { parseToken } from '../../../core/tokens.js';
import { kindLabel } from '../../../credentials/store.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { auditGateway, GATEWAY_ACCOUNT } from './shared.js';

export interface GatewayLoginOptions {
  keyFile?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--key-file <path>', 'read the key from a file (- for stdin); else B3IQ_GATEWAY_KEY[_FILE], stdin or a prompt');
}

export async function run(opts: GatewayLoginOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const { value } = await readSecret(ctx, SECRETS.gatewayKey, { file: opts.keyFile });
  const key = value.trim();
  const parsed = parseToken(key);
  if (!parsed.ok) {
    throw new B3iqError('E_BAD_INPUT', 'That is not a hosted gateway key (malformed, or its checksum does not match); nothing was stored.', {
      hint: 'Pass the b3iq_gateway_… key exactly as issued.',
    });
  }
  if (parsed.kind !== 'gateway') {
    throw new B3iqError('E_WRONG_KIND', `That is a ${kindLabel(parsed.kind)}, not a hosted gateway key; nothing was stored.`, {
      hint: 'gateway login takes only b3iq_gateway_… keys; local keys and support tokens stay with b3iq keys / b3iq support.',
    });
  }
  const keychain = await ctx.keychain();
  const before = await keychain.find(GATEWAY_ACCOUNT);
  await keychain.set(GATEWAY_ACCOUNT, key);
  const after = await keychain.find(GATEWAY_ACCOUNT);
  const backend = after?.backend ?? keychain.backend;
  await auditGateway(ctx, store.now(), { action: 'gateway.login', id: null, kind: 'gateway', backend, replaced: before !== undefined });
  keychain.close();
  ctx.out.data({ stored: true, backend, replaced: before !== undefined }, () => undefined);
  const where = backend === 'keytar' ? 'the OS keychain' : `a 0600 file in ${join(ctx.home, 'keychain')} (no OS keychain in use)`;
  ctx.out.success(`Hosted gateway key ${before ? 'replaced' : 'stored'} in ${where}; it is never printed.`);
}
