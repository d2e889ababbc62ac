import * as fs from 'node:fs';
import { Argument, type Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError } from '../../core/errors.js';

/**
 * Prints the committed completion script (completions/ in the package), byte for byte: a
 * test regenerates them from the command tree and fails when they differ.
 */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
const FILES: Record<(typeof SHELLS)[number], string> = { bash: 'b3iq.bash', zsh: '_b3iq', fish: 'b3iq.fish' };

export interface CompletionOptions {
  shell: (typeof SHELLS)[number];
}

export function configure(cmd: Command): Command {
  return cmd.addArgument(new Argument('<shell>', 'the shell').choices([...SHELLS]));
}

export async function run(opts: CompletionOptions, ctx: Context): Promise<void> {
  const url = new URL(`../../../completions/${FILES[opts.shell]}`, import.meta.url);
  let script: string;
  try {
    script = fs.readFileSync(url, 'utf8');
  } catch {
    throw new B3iqError('E_IO', `The ${opts.shell} completion script is missing from this installation.`, {
      hint: 'Reinstall b3iq-operator, or run npm run gen in a checkout.',
    });
  }
  if (ctx.out.json) ctx.out.data({ shell: opts.shell, script });
  else ctx.out.raw(script);
}
