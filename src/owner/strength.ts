import { B3iqError } from '../core/errors.js';

/**
 * How hard the owner password is to guess, by zxcvbn-ts (a cracker's view: common
 * passwords, names and words in English and many languages, keyboard walks, dates,
 * repeats, l33t). Its dictionaries are ~8 MB of code, so they load on the first check only:
 * start-up and every command that asks for no password never pay for them.
 */

/** zxcvbn's score 4: at least 10^10 guesses, out of reach of an offline attack on an argon2id hash. */
export const MIN_GUESSES_LOG10 = 10;

interface Match {
  pattern: string;
  token?: string;
  dictionaryName?: string;
  l33t?: boolean;
  reversed?: boolean;
  regexName?: string;
}
interface Result {
  guessesLog10: number;
  feedback: { warning: string | null; suggestions: string[] };
  sequence: Match[];
}
type Checker = (password: string, userInputs?: string[]) => Result;

let checker: Promise<Checker> | undefined;

function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
    });
    return (password, userInputs) => zxcvbn.check(password, userInputs) as unknown as Result;
  })();
  return checker;
}

// Words an attacker would try first against this tool's owner password.
const CONTEXT_WORDS = ['b3iq', 'b3iqoperator', 'operator', 'owner', 'node', 'inference', 'setup', 'recover'];

/** Names what the guess was built from, when zxcvbn has no warning of its own. */
function describe(sequence: Match[]): string {
  const parts: string[] = [];
  const words = sequence.filter((m) => m.pattern === 'dictionary').map((m) => m.token?.toLowerCase());
  if (new Set(words).size < words.length) parts.push('a word used twice');
  for (const m of sequence) {
    const what =
      m.pattern === 'dictionary'
        ? m.dictionaryName === 'passwords'
          ? 'a common password'
          : m.dictionaryName === 'userInputs'
            ? 'a word about this tool (b3iq, owner, node…)'
            : 'a common word'
        : m.pattern === 'repeat'
          ? 'a repeat'
          : m.pattern === 'date' || (m.pattern === 'regex' && m.regexName === 'recentYear')
            ? 'a year or date'
            : m.pattern === 'sequence'
              ? 'a sequence'
              : m.pattern === 'spatial'
                ? 'a keyboard pattern'
                : m.pattern === 'bruteforce' && m.token !== undefined && m.token.length <= 5
                  ? 'a few characters more'
                  : undefined;
    if (what && !parts.includes(what)) parts.push(what);
  }
  return parts.length > 0 ? `it is made of ${parts.join(', ')}` : 'it is short for its mix of characters';
}

/** The reason a password is too easy to guess, or undefined when it is not. Never repeats the password. */
export async function guessability(password: string): Promise<string | undefined> {
  const check = await loadChecker();
  const r = check(password, CONTEXT_WORDS);
  if (r.guessesLog10 >= MIN_GUESSES_LOG10) return undefined;
  // zxcvbn's own warning when it has one, except its web-page wording for "user inputs".
  const aboutTool = r.sequence.some((m) => m.dictionaryName === 'userInputs');
  const warning = aboutTool ? undefined : r.feedback.warning?.replace(/\.$/, '');
  const why = warning ? warning.charAt(0).toLowerCase() + warning.slice(1) : describe(r.sequence);
  return `it could be guessed in about 10^${Math.max(1, Math.floor(r.guessesLog10))} tries (${why})`;
}

export function weakPassword(why: string, suggestion?: string): B3iqError {
  return new B3iqError('E_WEAK_PASSWORD', `The owner password is too weak: ${why}; nothing was changed.`, {
    facts: { reason: `Too weak: ${why}` },
    hint: suggestion ?? 'Use a passphrase of four or five unrelated words, or a long random password from a password manager.',
  });
}
