/**
 * Credential files whose secret has no `key=value` or `key: value` shape:
 * - `.netrc`: `machine host login user password secret` on one line, or the tokens one per
 *   line (`  password secret`), also under `default` and with `passwd`;
 * - HAR and other JSON request dumps, where a header, cookie or form field is a
 *   `{"name": "Cookie", "value": "…"}` pair (on one line, or pretty-printed across two);
 * - PuTTY `.ppk` keys: `Private-Lines: N` followed by N lines of base64.
 */
import { KEYWORD_RE, classifyKey } from './key-names.js';
import type { Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isStandInPassword } from './values.js';

/** The password token of a netrc entry on one line, or a line that is only `password <value>`. */
const NETRC_RE =
  /(?<=\b(?:machine[ \t]+\S+|default)(?:[ \t]+(?:login|account)[ \t]+\S+)*[ \t]+(?:password|passwd)[ \t]+)[^\s]+|(?<=(?:^|[:Z] )[ \t]*(?:password|passwd)[ \t]+)[^\s]+(?=[ \t]*$)/g;

/** `password x` first on its line, or first after a log prefix (journald's `app[811]: `, kubectl's `…Z `). */
const PASSWORD_FIRST_RE = /(?:^|[:Z] )[ \t]*passw/;
/** A lower-case word, maybe ending a sentence: prose (`password combination.`), not a netrc line. */
const PROSE_WORD_RE = /^[a-z]+[.,;:!?]?$/;

function netrcPassword(eng: RuleHost, m: Match, line: string): HandlerResult {
  if (isStandInPassword(m[0]) || m[0].startsWith('[REDACTED')) return null;
  const lead = line.slice(0, m.index).trim();
  if ((lead.endsWith('password') || lead.endsWith('passwd')) && !/\b(?:machine|default)\b/.test(lead) && PROSE_WORD_RE.test(m[0])) return null;
  return [eng.mark('password'), m.index + m[0].length];
}

export const NETRC_RULE: Rule = {
  needs: { lits: ['password', 'passwd'] },
  // cheap: sshd's `Failed password for …` has neither a netrc keyword nor the word first
  gate: (l) => (l.includes('password') || l.includes('passwd')) && (l.includes('machine') || l.includes('default') || PASSWORD_FIRST_RE.test(l)),
  re: NETRC_RE,
  handle: netrcPassword,
};

/** Header and cookie names whose value is a credential though the name holds no secret word. */
const HEADER_CATEGORY = new Map<string, Category>([
  ['authorization', 'authorization'],
  ['proxy-authorization', 'authorization'],
  ['cookie', 'cookie'],
  ['set-cookie', 'cookie'],
]);
/** Session cookies by their usual names (JSESSIONID, PHPSESSID, connect.sid, csrftoken). */
const SESSION_NAME_RE = /sess|(?:^|[._-])sid$|csrf|xsrf/i;

const SENSITIVE_WORD_RE = new RegExp(KEYWORD_RE.source, 'i');

/** The category of the value of a `{"name": …, "value": …}` pair, or null when it may stay. */
export function namedValueCategory(name: string): Category | null {
  const header = HEADER_CATEGORY.get(name.toLowerCase());
  if (header) return header;
  if (SESSION_NAME_RE.test(name)) return 'cookie';
  // most names (Accept, Host, a query parameter) hold no key word: skip the full classification
  return SENSITIVE_WORD_RE.test(name) ? classifyKey(name) : null;
}

const NAME_VALUE_RE = /"name"[ \t]*:[ \t]*"([^"\\]{1,80})"[ \t]*,[ \t]*"value"[ \t]*:[ \t]*"((?:[^"\\]|\\.)*)"/g;

/** A value that needs no marker: empty, already redacted, or a placeholder. */
function keepsValue(value: string): boolean {
  return value === '' || value.includes('[REDACTED') || isStandInPassword(value);
}

function namedValue(eng: RuleHost, m: Match): HandlerResult {
  const cat = namedValueCategory(m[1] as string);
  const value = m[2] as string;
  if (cat === null || keepsValue(value)) return null;
  const end = m.index + m[0].length - 1;
  return [eng.mark(cat), end, end - value.length];
}

export const NAME_VALUE_RULE: Rule = {
  needs: { lits: ['"name"'] },
  gate: (l) => l.includes('"name"') && l.includes('"value"'),
  re: NAME_VALUE_RE,
  handle: namedValue,
};

/**
 * A pair's name line: JSON's `"name": "Cookie",`, a Kubernetes env entry's `- name: DB_PASSWORD`
 * (after any log prefix), PHP `var_dump`'s `["password"]=>`, Rust `{:#?}`'s `api_key: Some(`.
 */
const NAME_LINE_RE = /^[ \t]*"name"[ \t]*:[ \t]*"([^"\\]{1,80})"[ \t]*,?[ \t]*\r?$/;
/** The other forms, each tried only on a line holding its literal (this runs on every line). */
const OTHER_NAME_LINES: [string, RegExp][] = [
  ['name:', /(?:^|[\s:])-[ \t]+name:[ \t]+["']?([A-Za-z_][\w.-]{0,80})["']?[ \t]*\r?$/],
  [']=>', /(?:^|[\s:])\["([^"\\]{1,80})"\]=>[ \t]*\r?$/],
  ['Some(', /(?:^|[\s{(,])([A-Za-z_]\w{0,80}): Some\([ \t]*\r?$/],
];
/** The value line after it: `"value": "…"`, `value: …` (not `valueFrom:`), `string(14) "…"`, a Rust `Some(` pretty-printed: `"…",`. */
const VALUE_LINE_RE =
  /^([ \t]*"value"[ \t]*:[ \t]*")((?:[^"\\]|\\.)*)"|^((?:.*[\s:])?value:[ \t]+["']?)([^"'\r\n]*[^"'\s])|^((?:.*[\s:])?string\(\d+\) ")((?:[^"\\]|\\.)*)"|^((?:.*[\s:])?")((?:[^"\\]|\\.)*)",?[ \t]*\r?$/;

/** A pretty-printed pair's `"name": "Cookie",` line: the category its next line's value gets. */
export function namedValueLine(line: string): Category | null {
  let m = NAME_LINE_RE.exec(line);
  for (let i = 0; m === null && i < OTHER_NAME_LINES.length; i++) {
    const [lit, re] = OTHER_NAME_LINES[i] as [string, RegExp];
    if (line.includes(lit)) m = re.exec(line);
  }
  return m === null ? null : namedValueCategory(m[1] as string);
}

/** The `"value": "…"` line after a sensitive name with the value marked, or null if it is not one. */
export function markNamedValue(line: string, mark: () => string): string | null {
  const m = VALUE_LINE_RE.exec(line);
  if (m === null) return null;
  const head = (m[1] ?? m[3] ?? m[5] ?? m[7]) as string;
  const value = (m[2] ?? m[4] ?? m[6] ?? m[8]) as string;
  if (keepsValue(value)) return null;
  return head + mark() + line.slice(head.length + value.length);
}

const PPK_PRIVATE_RE = /^Private-Lines:[ \t]*(\d{1,4})[ \t]*\r?$/;
/** A body line of a .ppk section: base64 only. */
export const PPK_BODY_RE = /^[A-Za-z0-9+/]+={0,2}\r?$/;

/** How many base64 lines of private key follow a `.ppk` `Private-Lines: N` line (0: not one). */
export function ppkPrivateLines(line: string): number {
  const m = PPK_PRIVATE_RE.exec(line);
  return m === null ? 0 : Number(m[1]);
}

/**
 * A crypt(3) or LDAP password hash, as /etc/shadow and .htpasswd hold them (`$6$salt$hash`,
 * `$2y$10$…`, `$apr1$…`, `$argon2id$v=19$m=…$salt$hash`, `{SSHA}base64`): crackable offline,
 * so it goes like the password. The user name and the shadow fields after it stay.
 */
const CRYPT_IDS = ['1', '2a', '2b', '2x', '2y', '5', '6', '7', 'y', 'gy', 'apr1', 'sha1', 'md5', 'argon2i', 'argon2d', 'argon2id'];
const PASSWORD_HASH_RE = new RegExp(
  `(?<![\\w$])\\$(?:${CRYPT_IDS.join('|')})\\$(?:[^$\\s:]{0,64}\\$){0,4}[./A-Za-z0-9+]{20,}|\\{S?SHA(?:256|384|512)?\\}[A-Za-z0-9+/]{20,}={0,2}`,
  'g',
);

export const PASSWORD_HASH_RULE: Rule = {
  needs: { lits: [...CRYPT_IDS.map((id) => `$${id}$`), '{SHA', '{SSHA'] },
  gate: (l) => l.includes('$') || l.includes('SHA'),
  re: PASSWORD_HASH_RE,
  handle: (eng, m) => [eng.mark('password'), m.index + m[0].length],
};

/** Windows: `cmdkey /add:h /user:u /pass:SECRET`, `net use \\h\share /user:d\u SECRET`. */
const WINDOWS_CRED_RE =
  /(?<=\bcmdkey\b[^\n]{0,200}?[ \t]\/pass:)(?:"[^"\n]+"|[^\s"]+)|(?<=\bnet[ \t]+use\b[^\n]{0,200}?[ \t]\/user:\S+[ \t]+)(?:"[^"\n]+"|[^\s"/*][^\s"]*)/gi;

const WINDOWS_CRED_LITS = ['/pass:', '/user:', '/PASS:', '/USER:'];

export const WINDOWS_CRED_RULE: Rule = {
  needs: { lits: WINDOWS_CRED_LITS },
  gate: (l) => WINDOWS_CRED_LITS.some((lit) => l.includes(lit)),
  re: WINDOWS_CRED_RE,
  handle: (eng, m) => {
    const q = m[0][0] === '"' ? '"' : '';
    return [q + eng.mark('password') + q, m.index + m[0].length];
  },
};
