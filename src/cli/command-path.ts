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

/**
 * `b3iq help keys create` (or `b3iq keys help create`) asks for that command's help, as
 * `b3iq keys create --help` does; commander's help command would read one word only and show
 * the group's. Returns the argv to parse instead, the 1-based position of a word after `help`
 * that is not a command there, or undefined when argv asks no help this way.
 */
export function resolveHelpCommand(program: Command, argv: readonly string[]): { argv: string[] } | { unknownAt: number } | undefined {
  let cmd = program;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (a === '--home') {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    // Only where commands branch: below a leaf, `help` is an argument (a file named help).
    if (a === 'help' && cmd.commands.length > 0) return helpTarget(cmd, argv, i);
    const sub = cmd.commands.find((c) => c.name() === a);
    if (!sub) return undefined;
    cmd = sub;
  }
  return undefined;
}

/** The words after `help` at argv[at]: each must name a command below the one before it. */
function helpTarget(from: Command, argv: readonly string[], at: number): { argv: string[] } | { unknownAt: number } | undefined {
  const words = new Set<number>();
  let cmd = from;
  for (let j = at + 1; j < argv.length; j++) {
    const w = argv[j]!;
    if (w === '--') break;
    if (w === '--home') {
      j++;
      continue;
    }
    if (w.startsWith('-')) continue;
    const sub = cmd.commands.find((c) => c.name() === w);
    if (!sub) return { unknownAt: j + 1 };
    words.add(j);
    cmd = sub;
  }
  if (words.size === 0) return undefined; // `b3iq help`, `b3iq keys help`: that level's own help
  const rest = argv.slice(at + 1).filter((_, k) => !words.has(at + 1 + k));
  return { argv: [...argv.slice(0, at), ...[...words].map((j) => argv[j]!), ...rest, '--help'] };
}
