import type { Command } from 'commander';
import { positionOf } from './arg-echo.js';
import { LOCAL_SCOPES, SUPPORT_SCOPES, FORBIDDEN_SUPPORT_SCOPES } from '../core/scopes.js';

// Loaded with the rest of what only a running command or an error needs (main.ts loadLazy).
export { keychainModeOf } from '../core/keychain-mode.js';

/**
 * Commander echoes arguments in its messages. Say the same by position: "unknown option in
 * argument 2", never the text, which may be a pasted password. Suggestions ("Did you mean
 * --json?") are the tool's own words and stay.
 */
export function usageMessage(code: string, raw: string, argv: readonly string[]): string {
  const [first = '', ...rest] = raw.replace(/^error:\s*/i, '').split('\n');
  const suggestion = /\(Did you mean ([A-Za-z0-9 :,-]{1,80})\?\)/.exec(rest.join('\n'))?.[1];
  const tail = suggestion ? ` (did you mean ${suggestion}?)` : '';
  const at = (value: string | undefined) => {
    if (value === undefined) return 'an argument';
    const exact = positionOf(argv, value) ?? argv.findIndex((a) => value.length > 1 && a.startsWith(value)) + 1;
    return exact > 0 ? `argument ${exact}` : 'an argument';
  };
  const quoted = (re: RegExp) => re.exec(first)?.[1];
  switch (code) {
    case 'commander.unknownOption':
      return `unknown option in ${at(quoted(/unknown option '(.*)'$/s))}${tail}`;
    case 'commander.unknownCommand':
      return `${capital(at(quoted(/unknown command '(.*)'$/s)))} is not a b3iq command${tail}`;
    case 'commander.invalidArgument': {
      const option = /option '(--?[A-Za-z0-9-]+)/.exec(first)?.[1];
      const allowed = /is invalid(?: for argument '[a-z-]+')?\. (Allowed choices are [A-Za-z0-9 :,._-]{1,200}\.)$/.exec(first)?.[1];
      const where = at(quoted(/(?:argument|value) '(.*)' is invalid/s));
      return `${capital(where)}${option ? ` (the value of ${option})` : ''} is invalid.${allowed ? ` ${allowed}` : ''}`;
    }
    default:
      // Missing arguments, excess arguments, conflicting options: names only, no values.
      return first.replace(/'[^']*'/g, (q) => (/^'--?[A-Za-z0-9-]+( <[a-z.]+>| \[[a-z.]+\])?'$|^'[a-z][a-z-]{0,24}'$/.test(q) ? q : "'…'")).trim();
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The tool's own words (commands, flags, choices): safe to repeat in an error. */
export function knownWords(program: Command): Set<string> {
  const words = new Set<string>([...LOCAL_SCOPES, ...SUPPORT_SCOPES, ...Object.keys(FORBIDDEN_SUPPORT_SCOPES), 'b3iq', 'help', '-']);
  const walk = (cmd: Command) => {
    words.add(cmd.name());
    for (const o of cmd.options) {
      if (o.long) words.add(o.long);
      if (o.short) words.add(o.short);
      for (const c of o.argChoices ?? []) words.add(c);
    }
    for (const a of cmd.registeredArguments) for (const c of a.argChoices ?? []) words.add(c);
    for (const sub of cmd.commands) walk(sub);
  };
  walk(program);
  return words;
}
