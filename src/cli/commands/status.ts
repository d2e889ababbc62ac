import type { Command } from 'commander';
import type { Context } from '../context.js';
import { readNode } from '../../credentials/store.js';
import { ensureNoUnsafeFiles } from '../../home/inspect.js';
import { ownerSummary } from '../../owner/owner.js';
import { readEnrollmentSafe } from '../../home/enrollment.js';

export type StatusOptions = Record<string, never>;

export function configure(cmd: Command): Command {
  return cmd;
}

export async function run(_opts: StatusOptions, ctx: Context): Promise<void> {
  const store = await ctx.store();
  const node = readNode(ctx.home);
  const counts = store.counts();
  const owner = ownerSummary(ctx.home);
  const warnings = ensureNoUnsafeFiles(ctx.home);
  const { enrollment, problem: enrollmentProblem } = readEnrollmentSafe(ctx.home);
  if (enrollmentProblem) warnings.push(`${enrollmentProblem.message} This node counts as enrolled in nothing; see b3iq doctor.`);
  let keychain: string;
  try {
    keychain = (await ctx.keychain()).describe();
  } catch (e) {
    keychain = `unavailable (${e instanceof Error ? e.message.split('\n')[0] : 'error'})`;
  }
  const now = store.now();
  const clock = store.clockStatus();
  const liveSupport = store.list({ all: false }).filter((c) => c.kind === 'support').length;
  // Every warning in the document too: a script reading .warnings sees what a person sees.
  if (clock.failsClosed) {
    warnings.push(
      `the system clock is ${Math.round(clock.behindMs / 1000)}s behind the latest time this home saw (${clock.mark}): every expiring credential is refused (E_CLOCK_BEHIND) until the clock is fixed (NTP)`,
    );
  }
  const invalid = counts.local.invalid! + counts.support.invalid! + counts.setup.invalid!;
  if (invalid > 0) warnings.push(`${invalid} record(s) break their kind's rules and are never valid; see: b3iq doctor`);
  if (owner.needsRehash) warnings.push('the owner password hash uses weaker parameters than this version; change it with: b3iq owner passwd');
  if (liveSupport > 0) warnings.push(`${liveSupport} support grant(s) are live right now; revoke with: b3iq support revoke --all`);
  const doc = {
    home: ctx.home,
    nodeId: node.nodeId,
    owner,
    credentials: counts,
    liveSupportGrants: liveSupport,
    enrollment,
    keychain,
    warnings,
    time: new Date(now).toISOString(),
    clock: { mark: clock.mark, behindSeconds: Math.round(clock.behindMs / 1000), failsClosed: clock.failsClosed },
  };
  ctx.out.data(doc, () => {
    const line = (k: string, c: Record<string, number>) =>
      `${k.padEnd(15)}${c.live} live, ${c.revoked} revoked, ${c.expired} expired${k === 'setup tokens' ? `, ${c.used} used` : ''}`;
    return [
      `${'config dir'.padEnd(15)}${ctx.home}`,
      `${'node'.padEnd(15)}${node.nodeId}`,
      `${'owner'.padEnd(15)}${owner.exists ? `set (password changed ${owner.passwordChangedAt ?? owner.createdAt}, session generation ${owner.sessionGeneration})` : 'not set: run b3iq setup-token create, then b3iq setup'}`,
      line('local keys', counts.local),
      line('support grants', counts.support),
      line('setup tokens', counts.setup),
      `${'enrolled in'.padEnd(15)}${[enrollment.managed ? `managed (since ${enrollment.managed.since})` : '', enrollment.network ? `network (since ${enrollment.network.since})` : ''].filter(Boolean).join(', ') || 'no workflow (b3iq enroll status)'}`,
      `${'keychain'.padEnd(15)}${keychain}`,
    ].join('\n');
  });
  for (const w of warnings) ctx.out.warn(w);
}
