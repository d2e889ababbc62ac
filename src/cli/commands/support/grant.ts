import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { parseDuration } from '../../../core/durations.js';
import { validateScopes } from '../../../core/scopes.js';
import { deliverOneTime, issueOnce, planOneTime } from '../../one-time.js';
import { describeCredential } from '../../render.js';
import { collect } from '../../program-helpers.js';

export interface SupportGrantOptions {
  ttl?: string;
  scope?: string[];
  note?: string;
  out?: string;
  dev?: boolean;
}

export function configure(cmd: Command): Command {
  return (
    cmd
      .option('--ttl <duration>', 'lifetime, at most 72h (e.g. 30m, 4h, 3d)', '4h')
      // No choices(): a forbidden scope must reach validateScopes to be refused with its reason.
      .option('--scope <scope>', 'diagnostics:read (default), logs:read or health:read (repeatable)', collect())
      .option('--note <text>', 'what the grant is for, e.g. a ticket number (kept in the record)')
      .option('--out <file>', 'write the token to a new 0600 file, or - for stdout')
      .option('--dev', 'mark as a development credential (doctor --production fails while it is live)')
  );
}

export async function run(opts: SupportGrantOptions, ctx: Context): Promise<void> {
  // Everything that can refuse is checked before anything is issued or any file created.
  const scopes = validateScopes('support', opts.scope);
  const ttl = parseDuration(opts.ttl ?? '4h', { flag: '--ttl' }) ?? undefined;
  const store = await ctx.store();
  const target = planOneTime(ctx, opts, 'support grant');
  await issueOnce(
    target,
    (first) => store.issueSupportGrant({ scopes, ttl, note: opts.note ?? null, dev: opts.dev === true, deliver: first }),
    (issued) => deliverOneTime(ctx, target, issued.token, issued.credential, describeCredential(issued.credential), 'support token'),
  );
}
