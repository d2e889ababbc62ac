import { createRequire } from 'node:module';
import type { Context } from '../../context.js';
import { B3iqError } from '../../../core/errors.js';
import { WORKFLOWS, type Enrollment, type Workflow } from '../../../enrollment/service.js';
import type { WorkflowSurface } from '../../../enrollment/workflows.js';

const { Argument } = createRequire(import.meta.url)('commander') as typeof import('commander');

/** The workflow argument of join and leave: managed or network. */
export function workflowArgument(required: boolean, description: string): InstanceType<typeof Argument> {
  return new Argument(required ? '<workflow>' : '[workflow]', description).choices([...WORKFLOWS]);
}

/** `managed  enrolled since …` / `not enrolled`, one line per workflow. */
export function enrollmentLines(e: Enrollment): string[] {
  return WORKFLOWS.map((w) => `${w.padEnd(9)}${e[w] ? `enrolled since ${e[w]!.since}` : 'not enrolled'}`);
}

/** What the workflow will see of this node, for people (stderr). */
export function surfaceText(s: WorkflowSurface): string {
  return [
    `Joining the ${s.workflow} workflow: ${s.means}`,
    "It will see only this node's public surface:",
    ...s.sees.map((x) => `  + ${x}`),
    'Never:',
    ...s.never.map((x) => `  - ${x}`),
  ].join('\n');
}

/**
 * Asks "Join …?" on stdin's terminal. Without a terminal the command stops at once (exit
 * 2) rather than wait for an answer that cannot come: scripts pass --yes.
 */
export function assertCanConfirm(ctx: Context, yes: boolean | undefined, workflow: Workflow): void {
  if (yes || ctx.io.stdin.isTTY) return;
  throw new B3iqError('E_NO_INPUT', `Joining the ${workflow} workflow needs a confirmation, and there is no terminal to ask on; nothing was changed.`, {
    hint: `Pass --yes to confirm from a script: b3iq enroll join ${workflow} --yes`,
  });
}

export async function confirmOnTerminal(ctx: Context, message: string, shown: string): Promise<boolean> {
  const stdin = ctx.io.stdin;
  const ask = ctx.prompter.confirm;
  if (!ask) throw new B3iqError('E_NO_INPUT', 'No way to ask for a confirmation here; nothing was changed.', { hint: 'Pass --yes.' });
  // What is being agreed to goes to the terminal beside the question, even with --json
  // (whose stderr rule keeps human lines out of scripts; a prompt means a person is there).
  ctx.io.stderr.write(shown + '\n');
  try {
    return await ask.call(ctx.prompter, { message, input: stdin, output: ctx.io.stderr });
  } finally {
    stdin.pause();
  }
}
