/**
 * Passwords in database statements and consoles the SQL password rule (cli-literals.ts) does
 * not read: T-SQL's `N'…'` literals, MySQL's `IDENTIFIED WITH plugin BY "…"`, Oracle's bare
 * `IDENTIFIED BY word`, Neo4j's `SET PASSWORD FROM '…' TO '…'`, an `INSERT` whose column list
 * names the password column, MongoDB's `db.auth("u", "…")` / `db.changeUserPassword("u", "…")`,
 * Redis `AUTH [user] pass` (typed, or as `MONITOR` prints it: `"AUTH" "…"`) and ACL `>pass` rules.
 */
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsLits } from './needs-test.js';
import { isValue } from './cli-args.js';
import { readsAsCredential } from './prose-secrets.js';

const Q = `N?\\\\?(['"])([^'"\\n\\\\]{1,256})\\\\?\\1`;
/**
 * A literal after IDENTIFIED [WITH plugin] BY (or a bare Oracle word), T-SQL's `PASSWORD = N'…'`,
 * `WITH [ENCRYPTED] PASSWORD "…"` (double quotes: MySQL, an error message quoting it), Neo4j's
 * `PASSWORD FROM '…' TO '…'`. A key's own `password = "…"` is the keyed pass's to judge.
 */
const SQL_RE = new RegExp(
  [
    `(?<=\\bIDENTIFIED[ \\t]+(?:WITH[ \\t]+\\w+[ \\t]+)?BY[ \\t]+)(?:${Q}|(?!PASSWORD\\b|VALUES\\b)([^\\s'";\\\\]{3,128})(?=[ \\t]*(?:;|$|[ \\t]\\w)))`,
    `(?<=\\bPASSWORD[ \\t]*=[ \\t]*)N'([^'\\n]{1,256})'`,
    `(?<=\\bWITH[ \\t]+(?:ENCRYPTED[ \\t]+)?PASSWORD[ \\t]+)\\\\?"([^"\\n\\\\]{1,256})\\\\?"`,
    `(?<=\\bPASSWORD[ \\t]+FROM[ \\t]+['"][^'"\\n]{0,256}['"][ \\t]+TO[ \\t]+)(['"])([^'"\\n]{1,256})\\6`,
  ].join('|'),
  'gi',
);

function sqlLiteral(eng: RuleHost, m: Match): HandlerResult {
  const v = (m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[7]) as string;
  if (!isValue(v) || /^(?:EXTERNALLY|GLOBALLY|VALUES|NULL|DEFAULT)$/i.test(v)) return null;
  // the literal's `N` and a JSON log's `\\` before each quote stay as written
  const at = m[0].indexOf(v);
  return [m[0].slice(0, at) + eng.mark('password') + m[0].slice(at + v.length), m.index + m[0].length];
}

const SQL_LITS = ['IDENTIFIED', 'identified', 'PASSWORD', 'password', 'Password'];
/** What each alternative needs next to its keyword (sshd's "Failed password for" has none of it). */
const SQL_GATE_RE = /identified[ \t]|password[ \t]*=[ \t]*N'|with[ \t]+(?:encrypted[ \t]+)?password[ \t]+\\?"|password[ \t]+from[ \t]/i;

export const SQL_LITERAL_RULE: Rule = {
  needs: { lits: SQL_LITS },
  gate: (line) => SQL_LITS.some((x) => line.includes(x)) && SQL_GATE_RE.test(line),
  re: SQL_RE,
  handle: sqlLiteral,
};

/** `INSERT INTO t (a, password, b) VALUES ('x', 'secret', 'y')`: the value in the password column's place. */
const INSERT_RE = /\bINSERT[ \t]+INTO[ \t]+[\w."`[\]]+[ \t]*\(([^()\n]{1,512})\)[ \t]*VALUES[ \t]*\(((?:[^()\n]|\([^()\n]{0,64}\)){1,2048})\)/gi;
const SECRET_COLUMN_RE =
  /^(?:pass(?:word|wd|phrase)?|pwd|secret|(?:api_?|access_?|secret_?|private_?)?key|(?:api_|access_|auth_|refresh_)?token|client_secret|.*_(?:password|secret|token))$/i;

function insertValues(eng: RuleHost, m: Match): HandlerResult {
  const cols = (m[1] as string).split(',').map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ''));
  const want = cols.map((c) => SECRET_COLUMN_RE.test(c) && !/hash|digest|_id$|length|expir/i.test(c));
  if (!want.includes(true)) return null;
  const valsAt = m.index + m[0].length - 1 - (m[2] as string).length;
  const vals = m[2] as string;
  let out = '';
  let i = 0;
  let col = 0;
  while (i < vals.length) {
    const c = vals[i] as string;
    if (c === "'" || c === '"') {
      const close = vals.indexOf(c, i + 1);
      if (close < 0) break;
      const v = vals.slice(i + 1, close);
      out += want[col] === true && isValue(v) ? c + eng.mark('password') + c : vals.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (c === ',') col++;
    out += c;
    i++;
  }
  if (!out.includes('[REDACTED:')) return null;
  return [out + vals.slice(i), valsAt + vals.length, valsAt];
}

export const SQL_INSERT_RULE: Rule = {
  ...needsLits(['INSERT', 'insert', 'Insert'], /\b(?:INSERT|insert|Insert)[ \t]+(?:INTO|into|Into)\b/),
  re: INSERT_RE,
  handle: insertValues,
};

/** MongoDB shell: `db.auth("u", "…")`, `db.changeUserPassword("u", "…")`: the second string. */
const MONGO_RE = /(?<=\bdb\.(?:auth|changeUserPassword)\([ \t]*\\?["'][^"'\n]{1,128}["'][ \t]*,[ \t]*\\?)(["'])([^"'\n\\]{1,256})\\?\1/g;

export const MONGO_SHELL_RULE: Rule = {
  ...needsLits(['db.auth', 'db.changeUserPassword'], /\bdb\.(?:auth|changeUserPassword)\(/),
  re: MONGO_RE,
  handle: (eng, m) => {
    const v = m[2] as string;
    const at = m.index + m[0].indexOf(v);
    return isValue(v) ? [eng.mark('password'), at + v.length, at] : null;
  },
};

/**
 * Redis: `AUTH pass`, `AUTH user pass` typed at a prompt or a line's start, `"AUTH" "pass"` in
 * MONITOR output, `CONFIG SET requirepass|masterauth pass`, an ACL rule's `>pass` after `on`.
 */
const REDIS_RE = new RegExp(
  [
    `(?<=(?:^|[ \\t>"])AUTH[ \\t]+(?:[\\w.-]{1,64}[ \\t]+)?)([^\\s"'\\\\]{3,256})(?=[ \\t]*(?:$|\\\\?"))`,
    `(?<=\\\\?"AUTH\\\\?"(?:[ \\t]+\\\\?"[^"\\n\\\\]{1,64}\\\\?")?[ \\t]+\\\\?")([^"\\n\\\\]{1,256})(?=\\\\?"[ \\t]*(?:$|\\\\?"))`,
    `(?<=\\b(?:requirepass|masterauth|REQUIREPASS|MASTERAUTH)"?[ \\t]+(?:\\\\?")?)([^\\s"\\\\]{3,256})`,
    `(?<=\\b(?:SETUSER|setuser|user)[ \\t]+[\\w.-]{1,64}[ \\t]+(?:[^\\n>]{0,128}[ \\t])?on[ \\t](?:[^\\n>]{0,128}[ \\t])?)>([^\\s]{3,256})`,
  ].join('|'),
  'gm',
);
/** SASL mechanisms and replies: `AUTH PLAIN`, `AUTH OK` name no password. */
const NOT_A_PASSWORD_RE = /^(?:OK|ERR|PLAIN|LOGIN|CRAM-MD5|DIGEST-MD5|XOAUTH2|GSSAPI|NTLM|EXTERNAL|failed|successful)$/i;

/** An ACL rule's `on` is followed by its first rule (`>pass`, `~keys`, `+@all`, `nopass`): ` on ` alone is everywhere in logs. */
const REDIS_LITS = [
  'AUTH',
  'requirepass',
  'masterauth',
  'REQUIREPASS',
  'MASTERAUTH',
  'SETUSER',
  'setuser',
  ' on >',
  ' on ~',
  ' on %',
  ' on &',
  ' on +',
  ' on -',
  ' on #',
  ' on allkeys',
  ' on nopass',
  ' on resetpass',
];
const REDIS_GATE_RE = /\bAUTH\b|requirepass|masterauth|REQUIREPASS|MASTERAUTH/;
const ACL_USER_RE = /\b(?:SETUSER|setuser|user)[ \t]/;

/**
 * `user … on … >` on one line, by index scans: the regex `user[ \t][^\n]* on [^\n]*>` is
 * cubic on a long line of `SETUSER u on ~k ` with no `>` (20 KB took 7.5 s). The earliest
 * user word, then the earliest ` on ` after it, can only widen what follows, so they suffice.
 */
function aclRuleWithPassword(line: string): boolean {
  for (const seg of line.includes('\n') ? line.split('\n') : [line]) {
    const user = ACL_USER_RE.exec(seg);
    if (user === null) continue;
    const on = seg.indexOf(' on ', user.index + user[0].length);
    if (on >= 0 && seg.includes('>', on + 4)) return true;
  }
  return false;
}

export const REDIS_AUTH_RULE: Rule = {
  needs: { lits: REDIS_LITS },
  gate: (line) => REDIS_LITS.some((x) => line.includes(x)) && (REDIS_GATE_RE.test(line) || aclRuleWithPassword(line)),
  re: REDIS_RE,
  handle: (eng, m, line) => {
    const v = (m[1] ?? m[2] ?? m[3] ?? m[4]) as string;
    if (!isValue(v) || NOT_A_PASSWORD_RE.test(v)) return null;
    const start = m.index + m[0].lastIndexOf(v);
    // `AUTH x` after a prompt or alone on a line is a typed command; after other text, only a credential-looking x
    const auth = m[1] === undefined ? -1 : line.lastIndexOf('AUTH', start);
    const typed = auth <= 0 || /^(?:[>"]|> ?)$/.test(line.slice(Math.max(0, auth - 2), auth).trim());
    if (!typed && !readsAsCredential(v)) return null;
    return [eng.mark('password'), start + v.length, start];
  },
};
