import { ID_SETS, completionIds, type IdSet } from '../credentials/ids.js';
import { resolveHome } from '../home/paths.js';

/**
 * `b3iq __complete-ids SET [--home DIR]` (hidden): the ids the completion scripts offer,
 * one `id<TAB>label` a line. Loaded straight from bin/b3iq.js without commander or the
 * command tree, so a TAB costs one small process; it never writes and never prints an
 * error (a completion that fails offers nothing).
 */
export function completeIdsMain(argv: readonly string[], env: NodeJS.ProcessEnv, write: (s: string) => void): number {
  try {
    const set = argv[0] as IdSet;
    if (!(ID_SETS as readonly string[]).includes(set)) return 0;
    const i = argv.indexOf('--home');
    const eq = argv.find((a) => a.startsWith('--home='));
    const home = resolveHome(i > 0 ? argv[i + 1] : eq?.slice('--home='.length), env, process.cwd());
    const lines = completionIds(home, set, Date.now()).map((c) => `${c.id}\t${c.label}\n`);
    write(lines.join(''));
  } catch {
    // Not initialised, unreadable, corrupt: nothing to offer.
  }
  return 0;
}
