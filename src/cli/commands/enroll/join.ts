import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { ExitCode, type ExitCodeValue } from '../../../core/errors.js';
import { readSecret, SECRETS } from '../../secret-input.js';
import { joinWorkflow, planJoin, type Workflow } from '../../../enrollment/service.js';
import { assertCanConfirm, confirmOnTerminal, enrollmentLines, surfaceText, workflowArgument } from './shared.js';

export interface EnrollJoinOptions {
  workflow: Workflow;
  yes?: boolean;
  passwordFile?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .addArgument(workflowArgument(true, 'the workflow to join: managed or network'))
    .option('--yes', 'confirm without asking (scripts); the owner password is still required')
    .option('--password-file <path>', 'read the owner password from a file (- for stdin); else B3IQ_OWNER_PASSWORD[_FILE], stdin or a prompt');
}

/**
 * Refusals first (no owner, no gateway key for network, no way to confirm), before any
 * input is read; then what the workflow will see, the confirmation, the password.
 */
export async function run(opts: EnrollJoinOptions, ctx: Context): Promise<ExitCodeValue> {
  const store = await ctx.store();
  const workflow = opts.workflow;
  const keychain = () => ctx.keychain();
  const plan = await planJoin(ctx.home, workflow, keychain);
  if (plan.already) {
    ctx.out.data({ workflow, joined: true, changed: false, since: plan.already.since, surface: plan.surface }, () => undefined);
    ctx.out.info(`Already enrolled in the ${workflow} workflow since ${plan.already.since}; nothing changed.`);
    return ExitCode.ok;
  }
  assertCanConfirm(ctx, opts.yes, workflow);
  if (opts.yes) ctx.out.info(surfaceText(plan.surface));
  if (!opts.yes && !(await confirmOnTerminal(ctx, `Join the ${workflow} workflow?`, surfaceText(plan.surface)))) {
    ctx.out.data({ workflow, joined: false, changed: false, since: null, surface: plan.surface }, () => undefined);
    ctx.out.info('Not joined; nothing changed.');
    return ExitCode.negative;
  }
  const { value: password } = await readSecret(ctx, SECRETS.ownerPassword, { file: opts.passwordFile, promptMessage: 'Owner password' });
  const r = await joinWorkflow(ctx.home, { workflow, password, clock: () => store.now(), keychain, via: 'cli' });
  ctx.out.data({ workflow, joined: true, changed: r.changed, since: r.since, surface: plan.surface }, () => enrollmentLines(r.enrollment).join('\n'));
  ctx.out.success(
    r.changed
      ? `Joined the ${workflow} workflow (since ${r.since}); leave it any time with: b3iq enroll leave ${workflow}`
      : `Already enrolled in the ${workflow} workflow since ${r.since}.`,
  );
  return ExitCode.ok;
}
