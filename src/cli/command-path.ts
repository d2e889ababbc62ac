import type { Command } from 'commander';

/**
 * The names of the command argv runs (`owner sessions revoke`), found by walking the tree:
 * only words that are command names, never an argument's value.
 */
export function commandPathOf(program: Command, argv: readonly string[]): string[] {
  const path: string[] = [];
  let cmd = program;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--home') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === a);
    if (!sub) break;
    path.push(a);
    cmd = sub;
  }
  return path;
}

/** Where a usage error sends the operator: the help of the command they ran. */
export function helpHint(path: readonly string[]): string {
  return `See: b3iq ${[...path, '--help'].join(' ')}`;
}
