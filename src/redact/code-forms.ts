/**
 * Secrets in source-code shapes the keyed pass cannot read, because no `key=value` holds them
 * (logged code, stack-trace source lines, REPL echoes, config builders):
 * - a one-argument call named for a secret: `setPassword("…")`, `.apiKey('…')`,
 *   `withToken("…")`, `set_password("…")`;
 * - a user and password given by position: `new NetworkCredential("u", "…")`,
 *   `HTTPBasicAuth('u', '…')`, `auth=("u", "…")`, `smtp.login("u", "…")`,
 *   `DriverManager.getConnection(url, "u", "…")`;
 * - an assignment through an index or a property of the environment:
 *   `os.environ["API_KEY"] = "…"`, `ENV['TOKEN']="…"`, `config["password"] = "…"`,
 *   Node's `…env.API_TOKEN = '…'`, `os.Setenv("K", "…")`, `putenv("K=…")`;
 * - a value in a wrapper or a string prefix: `api_key=SecretStr('…')`,
 *   `password=Some("…")`, `password=b'…'`.
 * Quotes may be JSON-escaped (`\"`), as in a JSON log's message. Each value is judged by the
 * key it stands under (classifyKey / isSecretValue), so placeholders and stand-ins stay.
 */
import { SECRET_CATS } from './dumps.js';
import { classifyKey } from './key-names.js';
import type { Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { needsLits, needsTest } from './needs-test.js';
import { isSecretValue } from './values.js';

/** A quoted value's text: no quote, backslash or line break (bounded: linear scans). */
const VALUE = `([^"'\`\\\\\\n]{1,512})`;

/** Marks group `g` under the category `key` gets; null when the key or the value is no secret. */
function markKeyed(eng: RuleHost, m: Match, key: string, g: number, fallback?: Category): HandlerResult {
  const v = m[g] as string;
  const cat = classifyKey(key) ?? fallback ?? null;
  // secrets only: identity and prompt keys (`body = load("…")`) are the keyed pass's business
  if (cat === null || !SECRET_CATS.has(cat) || !isSecretValue(cat, key, v)) return null;
  const start = m.index + m[0].lastIndexOf(v);
  return [eng.mark(cat), start + v.length, start];
}

/** What follows an opening bracket before a quoted value: `("`, `( '`, `(\\"`. */
const openedBy = (opens: string, quotes: string): string[] => [...opens].flatMap((o) => [...` \t\\${quotes}`].map((q) => o + q));
const CALL_OPEN = openedBy('(', '"\'`');
const WRAPPED_LITS = [...openedBy('([', '"\''), ...[...'bruBRU'].flatMap((p) => [...'\\"\''].map((q) => p + q))];

/** `setPassword("…")`, `.apiKey('…')`, `withToken("…")`: the call's one argument. */
export const SETTER_CALL_RULE: Rule = {
  // after the `(`: a blank, a backslash or the quote
  ...needsLits(CALL_OPEN, /(?:ord|wd|ase|ret|ken|ey|EY)[ \t]*\([ \t]*\\?["'`]/),
  re: new RegExp(
    `(?<![\\w$])(?:set_?|with_?|put_?)?((?:db_?|admin_?|client_?|api_?|access_?|auth_?|private_?|master_?)?(?:password|passwd|passphrase|secret|token|key))[ \\t]*\\([ \\t]*(\\\\?["'\`])${VALUE}\\2[ \\t]*\\)`,
    'gi',
  ),
  handle: (eng, m) => markKeyed(eng, m, m[1] as string, 3),
};

/** A user and then a password by position, in a credential type's constructor or a login call. */
export const CREDENTIAL_PAIR_RULE: Rule = {
  ...needsLits(['redential', 'Auth', 'login', 'Connection', 'auth'], /(?:[Cc]redentials?|Authentication|Auth|login|Connection|auth)[ \t]*=?[ \t]*\(/),
  re: new RegExp(
    `(?:\\b(?:\\w*Credentials?|PasswordAuthentication|\\w*Auth|login|getConnection)|(?<![\\w$])auth[ \\t]*=)[ \\t]*\\([ \\t]*(?:[\\w.]+[ \\t]*,[ \\t]*)?(\\\\?["'])[^"'\\\\\\n]{1,128}\\1[ \\t]*,[ \\t]*(\\\\?["'])${VALUE}\\2`,
    'g',
  ),
  handle: (eng, m) => markKeyed(eng, m, 'password', 3),
};

/** `os.environ["K"] = "…"`, `ENV['K']="…"`, `$config['K'] = '…';`, Node's `…env.K = '…'`. */
export const INDEX_ASSIGN_RULE: Rule = {
  ...needsTest(/\][ \t]*=[ \t]*\\?["']|\.env\.\w+[ \t]*=/),
  re: new RegExp(`(?:\\[[ \\t]*(\\\\?["'])([\\w.-]{2,64})\\1[ \\t]*\\]|\\bprocess\\.env\\.([A-Za-z_]\\w{1,63}))[ \\t]*=[ \\t]*(\\\\?["'])${VALUE}\\4`, 'g'),
  handle: (eng, m) => markKeyed(eng, m, (m[2] ?? m[3]) as string, 5),
};

/** `os.Setenv("K", "…")`, `std::env::set_var("K", "…")`, `putenv("K=…")`. */
export const ENV_CALL_RULE: Rule = {
  needs: { lits: ['etenv', 'set_var', 'SetEnvironmentVariable', 'putenv'] },
  gate: (l) => l.includes('etenv') || l.includes('set_var') || l.includes('SetEnvironmentVariable') || l.includes('putenv'),
  re: new RegExp(
    `\\b(?:[Ss]etenv|set_var|SetEnvironmentVariable|putenv)[ \\t]*\\([ \\t]*(\\\\?["'])([\\w.-]{2,64})(?:\\1[ \\t]*,[ \\t]*\\\\?["']|=)${VALUE}`,
    'g',
  ),
  handle: (eng, m) => markKeyed(eng, m, m[2] as string, 3),
};

/** Wrappers that hold a value: Pydantic's `SecretStr`, Rust's `Some`/`Secret::new`, `Sensitive(…)`, `String::from`. */
const WRAPPER_RE =
  /(?:^|[.:])(?:Secret\w*|Sensitive\w*|Some|Optional|Masked\w*|Redacted\w*|Protected\w*|new|from|String|str|bytes|SecureString|Password\w*|Token)$/;

/** `api_key=SecretStr('…')`, `password=Some("…")`, `token: Sensitive("…")`, `password=b'…'`. */
export const WRAPPED_VALUE_RULE: Rule = {
  // a `(` or `[` then a blank, a backslash or a quote; or a string prefix letter then a backslash or a quote
  ...needsLits(WRAPPED_LITS, /[:=][ \t]*(?:[A-Za-z_][\w.:]{0,30}[ \t]*[([][ \t]*\\?["']|[bruBRU]{1,2}\\?["'])/),
  re: new RegExp(
    `(?<![\\w$-])([A-Za-z_][\\w.-]{1,63})[ \\t]*[:=][ \\t]*(?:([A-Za-z_][\\w.:]{0,30})[ \\t]*[([][ \\t]*|[bruBRU]{1,2}(?=\\\\?["']))(\\\\?["'])${VALUE}\\3`,
    'g',
  ),
  // a value's constructor, not a lookup (`vault.read('secret/db')`, `os.getenv("…")` name where it is kept)
  handle: (eng, m) => (m[2] === undefined || WRAPPER_RE.test(m[2]) ? markKeyed(eng, m, m[1] as string, 4) : null),
};

/** Go's `%#v`: `main.Config{Token:"…"}`, `&config.Auth{User:"app", Password:"…"}` (quotes maybe JSON-escaped). */
export const GO_FIELD_RULE: Rule = {
  ...needsLits([':"', ':\\"'], /[{,][ \t]*[A-Z]\w{0,40}:\\?"/),
  re: new RegExp(`(?<=[{,][ \\t]*)([A-Z]\\w{0,40}):(\\\\?")${VALUE}\\2`, 'g'),
  handle: (eng, m) => markKeyed(eng, m, m[1] as string, 3),
};

/** TOML's one-line multi-line strings: `password = """…"""`, `token = '''…'''`. */
export const TRIPLE_QUOTED_RULE: Rule = {
  // (JSON-escaped too: `\"\"\"…\"\"\"` in a log record's message)
  needs: { lits: ['"""', "'''", '\\"\\"\\"'] },
  gate: (l) => l.includes('"""') || l.includes("'''") || l.includes('\\"\\"\\"'),
  re: /(?<![\w$-])([A-Za-z_][\w.-]{1,63})[ \t]*=[ \t]*("""|'''|\\"\\"\\")(?!\2)([^\n\\]{1,512}?)\2/g,
  handle: (eng, m) => markKeyed(eng, m, m[1] as string, 3),
};

/**
 * A marker glued to a quoted string: the keyed pass took the code before the value for it
 * (`api_key=SecretStr('…')` became `api_key=[REDACTED:secret]'…'`), so the string is the
 * secret it missed.
 */
export const MARKER_TAIL_RULE: Rule = {
  needs: { lits: ['[REDACTED:'] },
  gate: (l) => l.includes('[REDACTED:'),
  re: /\[REDACTED:([a-z0-9-]+)\]\)?(\\?["'])([^"'\\\s,:;{}[\]]{8,512})\2/g,
  handle: (eng, m) => {
    const v = m[3] as string;
    const start = m.index + m[0].lastIndexOf(v);
    return [eng.mark(m[1] as string), start + v.length, start];
  },
};

export const CODE_FORM_RULES: Rule[] = [
  SETTER_CALL_RULE,
  CREDENTIAL_PAIR_RULE,
  INDEX_ASSIGN_RULE,
  ENV_CALL_RULE,
  WRAPPED_VALUE_RULE,
  GO_FIELD_RULE,
  TRIPLE_QUOTED_RULE,
  MARKER_TAIL_RULE,
];
