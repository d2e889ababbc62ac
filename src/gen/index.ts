import { bashCompletion } from './bash.js';
import { fishCompletion } from './fish.js';
import { manPage } from './man.js';
import { programModel } from './tree.js';
import { zshCompletion } from './zsh.js';

/** Repository-relative path -> content, for every generated file. Deterministic. */
export const GENERATED_FILES = ['completions/b3iq.bash', 'completions/_b3iq', 'completions/b3iq.fish', 'man/b3iq.1'] as const;

export async function generateAll(): Promise<Record<(typeof GENERATED_FILES)[number], string>> {
  const root = await programModel();
  return {
    'completions/b3iq.bash': bashCompletion(root),
    'completions/_b3iq': zshCompletion(root),
    'completions/b3iq.fish': fishCompletion(root),
    'man/b3iq.1': manPage(root),
  };
}

/** Which committed file belongs to which shell (b3iq completion SHELL). */
export const COMPLETION_FILES = { bash: 'completions/b3iq.bash', zsh: 'completions/_b3iq', fish: 'completions/b3iq.fish' } as const;
