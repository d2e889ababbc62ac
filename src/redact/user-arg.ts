/**
 * `curl -u user:pass`, `--user`: the credential argument as the shell reads it, one word
 * made of quoted and bare pieces (`-u "user:pass"`, `-u ":pass"`, `--user "{id}":"{pass}"`).
 * The password goes; an API token given as the user with no password (`-u TOKEN:`) goes too.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isStandIn, isStandInPassword } from './values.js';

const USER_ARG_RE = /(?<=(?:^|\s)(?:-u|--user)[ \t]+)(?:"[^"\n]{0,256}"|'[^'\n]{0,256}'|[^\s'"])+/g;
const MARKER_RE = /\[REDACTED:[a-z0-9-]+\]/g;
/** A user part that is a token: 8+ characters with a letter and a digit. */
const TOKENISH_RE = /^(?=.*\d)(?=.*[A-Za-z])\S{8,}$/;

const unquote = (s: string): string => s.replace(/["']/g, '');

function handle(eng: RuleHost, m: Match): HandlerResult {
  const arg = m[0];
  const end = m.index + arg.length;
  // the separator is the first ':' outside a marker an earlier pass put in the user part
  const sep = arg.replace(MARKER_RE, (x) => '#'.repeat(x.length)).indexOf(':');
  if (sep < 0 || isStandIn(unquote(arg))) return null; // <user:password>, ${USER}:${PASS}
  const pass = unquote(arg.slice(sep + 1));
  const open = arg[0] === '"' || arg[0] === "'" ? arg[0] : '';
  const close = open !== '' && arg.endsWith(open) && !arg.slice(sep + 1).startsWith(open) ? open : '';
  const user = unquote(arg.slice(0, sep));
  if (pass !== '') {
    if (isStandInPassword(pass) || pass === user) return null; // test:test, guest:guest: a placeholder pair
    return [arg.slice(0, sep + 1) + eng.mark('password') + close, end];
  }
  if (!TOKENISH_RE.test(user) || isStandIn(user) || user.startsWith('[REDACTED')) return null;
  return [open + eng.mark('secret') + arg.slice(sep), end];
}

export const USER_ARG_RULE: Rule = {
  needs: { lits: ['-u', '--user'] },
  gate: (l) => l.includes('-u') || l.includes('--user'),
  re: USER_ARG_RE,
  handle,
};
