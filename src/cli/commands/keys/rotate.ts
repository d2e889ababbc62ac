import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { parseDuration, formatDuration } from '../../../core/durations.js';
import { deliverOneTime, issueOnce, planOneTime } from '../../one-time.js';
import { shortTime } from '../../render.js';
import { idsArgument } from '../../program-helpers.js';
import { withKindHint } from '../../kind-commands.js';
import { sweepStaleCopies } from './shared.js';

export interface KeysRotateOptions {
  id: string;
  grace?: string;
  out?: string;
  name?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .addArgument(idsArgument('<id>', 'the key id (lk_…)', 'local-rotatable'))
    .option('--grace <duration>', 'keep the old key valid this long (e.g. 15m)', '0s')
    .option('--out <file>', 'write the new key to a new 0600 file, or - for stdout')
    .option('--name <name>', "name the new key (default: the old key's name)");
}

export async function run(opts: KeysRotateOptions, ctx: Context): Promise<void> {
  const grace = opts.grace === '0s' || opts.grace === '0' ? 0 : (parseDuration(opts.grace ?? '0s', { flag: '--grace' }) ?? 0);
  const store = await ctx.store();
  const target = planOneTime(ctx, opts, 'local API key');
  await issueOnce(
    target,
    (first) =>
      store.rotate(opts.id, { graceMs: grace, name: opts.name, deliver: first }).catch((e: unknown) => Promise.reject(withKindHint(e, 'local', opts.id))),
    (r) => {
      const old =
        grace > 0 ? `${r.previous.id} stays valid for ${formatDuration(grace)} (until ${shortTime(r.previous.revokedAt)})` : `${r.previous.id} is revoked`;
      deliverOneTime(ctx, target, r.token, { ...r.credential, previous: r.previous }, `Rotated: new key ${r.id}; ${old}`, 'key');
      if (r.previous.savedCopy === true && grace > 0) {
        ctx.out.info(
          `The saved copy of ${r.previous.id} is removed once its grace ends (by the next keys command), or now with: b3iq keys forget ${r.previous.id}`,
        );
      }
    },
  );
  await sweepStaleCopies(ctx);
}
