import { ID_SETS, completionIds, type IdSet } from '../credentials/ids.js';
import { resolveHome } from '../home/paths.js';

/** What an argument's completions can offer: credential ids of a set, or live owner sessions. */
export type CompletionSet = IdSet | 'owner-session-live';
const SETS: readonly string[] = [...ID_SETS, 'owner-session-live'];

/**
 * `b3iq __complete-ids SET [--home DIR]` (hidden): the ids the completion scripts offer,
 * one `id<TAB>label` a line. Loaded straight from bin/b3iq.js without commander or the
 * command tree, so a TAB costs one small process; it never writes and never prints an
 * error (a completion that fails offers nothing).
 */
export async function completeIdsMain(argv: readonly string[], env: NodeJS.ProcessEnv, write: (s: string) => void): Promise<number> {
  try {
    const set = argv[0] as CompletionSet;
    if (!SETS.includes(set)) return 0;
    const i = argv.indexOf('--home');
    const eq = argv.find((a) => a.startsWith('--home='));
    const home = resolveHome(i > 0 ? argv[i + 1] : eq?.slice('--home='.length), env, process.cwd());
    const choices =
      set === 'owner-session-live' ? (await import('../owner/session-ids.js')).ownerSessionIds(home, Date.now()) : completionIds(home, set, Date.now());
    const lines = choices.map((c) => `${c.id}\t${c.label}\n`);
    write(lines.join(''));
  } catch {
    // Not initialised, unreadable, corrupt: nothing to offer.
  }
  return 0;
}
