import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { leaveWorkflows, WORKFLOWS, type Workflow } from '../../../enrollment/service.js';
import { enrollmentLines, workflowArgument } from './shared.js';

export interface EnrollLeaveOptions {
  workflow?: Workflow;
  all?: boolean;
}

export function configure(cmd: Command): Command {
  return cmd.addArgument(workflowArgument(false, 'the workflow to leave: managed or network')).option('--all', 'leave every workflow');
}

export async function run(opts: EnrollLeaveOptions, ctx: Context): Promise<void> {
  if ((opts.workflow === undefined) === (opts.all !== true)) {
    const both = opts.workflow !== undefined;
    throw new B3iqError(
      'E_USAGE',
      both ? 'Name one workflow to leave or pass --all, not both.' : 'Name one workflow to leave (managed or network), or pass --all.',
      {
        hint: 'Example: b3iq enroll leave network',
      },
    );
  }
  const store = await ctx.store();
  const workflows = opts.all ? [...WORKFLOWS] : [opts.workflow!];
  const { left, enrollment } = await leaveWorkflows(ctx.home, workflows, { clock: () => store.now(), by: 'operator', via: 'cli' });
  ctx.out.data({ left, managed: enrollment.managed, network: enrollment.network }, () => enrollmentLines(enrollment).join('\n'));
  if (left.length > 0) ctx.out.success(`Left the ${left.join(' and ')} workflow${left.length > 1 ? 's' : ''}; in effect now.`);
  else ctx.out.info(`This node was not enrolled in ${opts.all ? 'any workflow' : `the ${opts.workflow} workflow`}; nothing changed.`);
}
