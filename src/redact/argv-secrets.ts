/**
 * Secrets given to a tool on its command line when the command is logged as an argument
 * vector rather than a shell line: auditd EXECVE records (`a0="docker" a1="login" … a5="PASS"`),
 * argv arrays (`subprocess.run(['sshpass', '-p', 'PASS', …])`, `exec.Command("mysql", "-pPASS")`,
 * Ansible's `"cmd": ["docker", "login", "-p", "PASS"]`) and /proc cmdlines joined by `\x00`.
 * The elements are read as the tool reads them: `-p X`/`--password X` of login tools, mysql's
 * glued `-pX`, redis-cli's `-a X`, the value after `aws_secret_access_key`, htpasswd's password
 * in batch mode, `--creds user:X`. Also the stdin misuse `echo PASS | … --password-stdin`
 * (and `| sudo -S`, `| crane auth login`, `| gh auth login --with-token`), whatever tool reads it.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsAnyLit } from './needs-test.js';

/** Tools whose `-p` is a password (elsewhere it is a port or a profile). */
const P_IS_PASSWORD = new Set(['docker', 'podman', 'nerdctl', 'skopeo', 'buildah', 'helm', 'oras', 'crane', 'sshpass', 'mongo', 'mongosh', 'az']);
const MYSQL = new Set(['mysql', 'mysqldump', 'mysqladmin', 'mariadb', 'mariadb-dump']);
const AWS_SECRET_RE = /^(?:[\w.-]*\.)?(?:aws_secret_access_key|aws_session_token)$/;
const TOOLS = [
  'docker',
  'podman',
  'nerdctl',
  'skopeo',
  'buildah',
  'helm',
  'oras',
  'crane',
  'sshpass',
  'mongo',
  'mysql',
  'mariadb',
  'redis-cli',
  'htpasswd',
  'aws_se',
  '--pass',
  '-creds',
];

export interface Item {
  v: string;
  at: number;
}

/** Which items are secrets, by the tool's own flags. */
export function secretItems(items: Item[]): Array<{ at: number; len: number }> {
  const tool = (items[0]?.v ?? '').replace(/^.*\//, '');
  const out: Array<{ at: number; len: number }> = [];
  const take = (it: Item | undefined, skip = 0): void => {
    if (it && it.v.length > skip && !it.v.startsWith('[REDACTED:')) out.push({ at: it.at + skip, len: it.v.length - skip });
  };
  const positional: Item[] = [];
  let batch = false;
  for (let i = 1; i < items.length; i++) {
    const it = items[i] as Item;
    const v = it.v;
    const next = items[i + 1];
    if (v === '--password' || v === '--passwd' || (v === '-p' && P_IS_PASSWORD.has(tool)) || (v === '-a' && tool === 'redis-cli')) take(next);
    else if (v.startsWith('--password=')) take(it, 11);
    else if (MYSQL.has(tool) && v.startsWith('-p') && v.length > 2) take(it, 2);
    else if (AWS_SECRET_RE.test(v)) take(next);
    else if (/^--(?:dest-|src-)?creds$/.test(v) && next?.v.includes(':')) take(next, next.v.indexOf(':') + 1);
    else if (tool === 'htpasswd' && (/^-[a-zA-Z]*b/.test(v) || v.startsWith('[REDACTED:')))
      batch = true; // (another rule may have read `-Bbn` first)
    else if (!v.startsWith('-')) positional.push(it);
    if (v === '--password' || v === '-p' || v === '-a' || AWS_SECRET_RE.test(v)) i++;
  }
  if (tool === 'htpasswd' && batch && positional.length >= 2) take(positional[positional.length - 1]);
  return out;
}

/** An auditd record's arguments, a quoted list (any quoting, JSON-escaped or CSV-doubled), or a `\x00`-joined cmdline. */
const ARGV_RE =
  /\ba0=(?:\\{0,3}"){1,2}[^"\n]*?(?:\\{0,3}"){1,2}(?:[ \t]+a\d+=(?:\\{0,3}"){1,2}[^"\n]*?(?:\\{0,3}"){1,2})+|(?:\\{0,3}"){1,2}[^"\n]*?(?:\\{0,3}"){1,2}(?:[ \t]*,[ \t]*(?:\\{0,3}"){1,2}[^"\n]*?(?:\\{0,3}"){1,2}){2,}|'[^'\n]*'(?:[ \t]*,[ \t]*'[^'\n]*'){2,}|[^\s\\"'[\]]+(?:\\{1,2}(?:x00|0|u0000)[^\s\\"'[\]]*){2,}/g;
const ITEM_RE = /a\d+=(?:\\{0,3}"){1,2}([^"\n]*?)(?:\\{0,3}"){1,2}(?=[ \t]|$)|(?:\\{0,3}"){1,2}([^"\n]*?)(?:\\{0,3}"){1,2}|'([^'\n]*)'|([^\s\\"'[\],]+)/g;

function argvSecrets(eng: RuleHost, m: Match): HandlerResult {
  const s = m[0];
  const items: Item[] = [];
  ITEM_RE.lastIndex = 0;
  for (let x = ITEM_RE.exec(s); x !== null; x = ITEM_RE.exec(s)) {
    const v = (x[1] ?? x[2] ?? x[3] ?? x[4] ?? '').replace(/\\+$/, '');
    if (x[4] !== undefined && /^(?:x00|0|u0000)/.test(v) && s[x.index - 1] === '\\') {
      const t = v.replace(/^(?:x00|u0000|0)/, '');
      items.push({ v: t, at: x.index + (v.length - t.length) });
      continue;
    }
    items.push({ v, at: x.index + x[0].indexOf(v) });
  }
  const hits = secretItems(items);
  if (hits.length === 0) return null;
  let out = '';
  let pos = 0;
  for (const h of hits.sort((a, b) => a.at - b.at)) {
    out += s.slice(pos, h.at) + eng.mark('password');
    pos = h.at + h.len;
  }
  return [out + s.slice(pos), m.index + s.length];
}

export const ARGV_SECRET_RULE: Rule = {
  ...needsAnyLit(TOOLS),
  re: ARGV_RE,
  handle: argvSecrets,
};

/** `echo PASS | docker login --password-stdin`: the echoed value, whatever reads it as a secret. */
const STDIN_SECRET_RE =
  /(?<=\b(?:echo|printf)(?:[ \t]+-[neE]{1,3})*(?:[ \t]+(?:%s|'%s(?:\\n)?'|"%s(?:\\n)?"))?[ \t]+)(?:\\{0,3}"[^"\n]+?\\{0,3}"|'[^'\n]+'|[^\s|'"\\]+)(?=[ \t]*\|[ \t]*[^|\n]*?(?:--password-stdin|--with-token|\bsudo[ \t]+(?:-\w+[ \t]+)*-S\b|\blogin\b|\bvault[ \t]+login\b))/g;

export const STDIN_SECRET_RULE: Rule = {
  needs: { lits: ['echo', 'printf'] },
  gate: (l) => l.includes('|') && (l.includes('echo') || l.includes('printf')),
  re: STDIN_SECRET_RE,
  handle: (eng, m) => {
    const v = m[0].replace(/^\\*["']|\\*["']$/g, '');
    if (v.startsWith('[REDACTED:') || v.startsWith('$') || v.length < 4) return null;
    const q0 = m[0].slice(0, m[0].indexOf(v));
    return [q0 + eng.mark('password') + m[0].slice(q0.length + v.length), m.index + m[0].length];
  },
};
