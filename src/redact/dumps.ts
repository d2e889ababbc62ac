/**
 * Credentials in dumps and file formats whose secret has no `key=value` the keyed pass can
 * read: `.pgpass` lines, ODBC `{braced}` values, JDBC Oracle `user/password@`, URL userinfo
 * with a raw `#`, signed-URL signatures (`X-Amz-Signature`, `X-Goog-Signature`, Azure SAS
 * `sig=`), OAuth authorization codes and PKCE verifiers, GitHub Actions `::add-mask::`,
 * Tor hidden-service keys, Go `%+v` struct dumps (`{Password:… Token:…}`), PHP `print_r`
 * (`[password] => …`); dump-lines.ts holds the multi-line forms.
 */
import { classifyKey } from './key-names.js';
import type { Category } from './patterns.js';
import type { HandlerResult, Match, Rule, RuleHost } from './rules.js';
import { isStandInPassword } from './values.js';

/** Categories a keyed dump's value is marked under (identity and prompt fields are the keyed pass's business). */
export const SECRET_CATS = new Set<Category>([
  'password',
  'secret',
  'api-key',
  'private-key',
  'aws-secret-key',
  'authorization',
  'cookie',
  'cloudflare-token',
  'cloudflare-tunnel-token',
  'token-hash',
  'mnemonic',
]);

/** A value that needs no marker: already redacted, a pseudonym, or a placeholder. */
function kept(value: string): boolean {
  return (
    value === '' ||
    value.startsWith('[') ||
    value.includes('[REDACTED') ||
    isStandInPassword(value) ||
    value.startsWith('$') ||
    value.startsWith('<') ||
    value.startsWith('%')
  );
}

/** Marks capture group 1 of the match (the value), keeping what surrounds it. */
function markGroup(cat: Category, min = 1) {
  return (eng: RuleHost, m: Match): HandlerResult => {
    const v = m[1] as string;
    if (v.length < min || kept(v)) return null;
    const start = m.index + m[0].lastIndexOf(v);
    return [eng.mark(cat), start + v.length, start];
  };
}

/** `.pgpass`: `host:port:database:user:password`, the password last on its line (`\:` escapes a colon). */
export const PGPASS_RULE: Rule = {
  needs: { test: /:(?:\d{1,5}|\*):[^:\s]+:[^:\s]+:/ },
  gate: () => true,
  re: /(?<![^\s"'])[\w.*-]+:(?:\d{1,5}|\*):[^:\s"']+:[^:\s"']+:((?:\\:|[^\s:"'\\])+)(?=[ \t]*(?:$|["'\\]))/g,
  handle: markGroup('password'),
};

/** ODBC / ADO.NET values in braces (`Pwd={p;a}ss};`): the braces may hold `;` and blanks. */
export const BRACED_VALUE_RULE: Rule = {
  needs: { lits: ['={', '= {'] },
  gate: () => true,
  // (bounded: a line of `Pwd={` without a closing brace must not be scanned to its end at each one)
  re: /\b(?:pwd|password|passwd|accountkey|sharedaccesskey|secret|token)[ \t]*=[ \t]*\{([^}\r\n]{0,256})\}/gi,
  handle: markGroup('password'),
};

/** JDBC Oracle thin URLs carry `user/password@host`. */
export const JDBC_ORACLE_RULE: Rule = {
  needs: { lits: [':oracle:'] },
  gate: () => true,
  re: /jdbc:oracle:[a-z]+:@?[^/@\s"':]+\/([^@\s"']+)@/g,
  handle: markGroup('password'),
};

/**
 * URL userinfo whose password holds a character the URL rule does not take as userinfo
 * (`smtp://u:p#ss@host`, `postgresql+psycopg2://app:pa!ss@db`); what it took is a marker already.
 */
export const RAW_USERINFO_RULE: Rule = {
  needs: { lits: ['://'] },
  gate: (l) => l.includes('://') && l.includes('@'),
  re: /\b([a-z][a-z0-9+.-]*):\/\/[^\s:/@"'#[]*:([^\s/@"'\\[]{1,256})@/gi,
  handle: (eng, m) => {
    const v = m[2] as string;
    // only where the URL rule could not judge it (it keeps `user:abc@`-like stand-ins on purpose)
    if ((m[1] as string).length <= 16 && !v.includes('#') && !v.includes('?')) return null;
    if (kept(v)) return null;
    const start = m.index + m[0].length - 1 - v.length;
    return [eng.mark('url-credential'), start + v.length, start];
  },
};

/** Go's MySQL DSN: `user:password@tcp(host:3306)/db` (no scheme for the URL rule to find). */
export const GO_DSN_RULE: Rule = {
  needs: { lits: ['@tcp(', '@unix(', '@udp(', '@tcp6('] },
  gate: () => true,
  re: /(?<![\w:/@.-])[\w.-]{1,64}:([^\s@/"'\\]{1,256})@(?:tcp6?|unix|udp)\(/g,
  handle: markGroup('password'),
};

/** Postfix `sasl_passwd`: `[smtp.example.com]:587 user@example.com:password`. */
export const SASL_PASSWD_RULE: Rule = {
  needs: { lits: [']:', '] ', ']\t'] },
  gate: (l) => (l.includes(']:') || l.includes('] ') || l.includes(']\t')) && l.includes('@'),
  // (not an image digest after a log tag: `[app] ghcr.io/x/node@sha256:<hex>`)
  re: /\[[\w.-]{1,253}\](?::\d{1,5})?[ \t]+[^\s:@]{1,64}@(?!(?:sha\d{1,3}|sha3-\d{3}|md5|blake2[bs]?):)[^\s:@]{1,253}:(\S{1,256})(?=[ \t]*$)/g,
  handle: markGroup('password'),
};

/**
 * Directives whose whitespace-separated value is a password: redis `requirepass`/`masterauth`,
 * OpenLDAP `bindpw`/`rootpw`, keepalived `auth_pass`, HAProxy `insecure-password`, Cisco
 * `password 0|7 …`/`secret 0 …`/`key-string 7 …`, strongSwan `: PSK "…"`/`EAP`/`XAUTH`.
 */
export const DIRECTIVE_RULE: Rule = {
  // literals whose first character the shared prefilter regex already dispatches on (`p`, `s`, `e`),
  // or a rare one (`_`, capitals): a new first letter there costs every line a little
  needs: {
    lits: [
      'pass ',
      'pass\t',
      'pw ',
      'pw\t',
      'sterauth',
      'secure-password',
      'password 0',
      'password 7',
      'secret 0',
      'secret 7',
      'ey-string 0',
      'ey-string 7',
      'PSK',
      'EAP',
      'XAUTH',
    ],
  },
  gate: () => true,
  re: /(?:^|[\s:"])(?:requirepass|masterauth|bindpw|rootpw|auth_pass|insecure-password|(?:password|secret|key-string) [07]|(?<=:[ \t]*)(?:PSK|EAP|XAUTH))[ \t]+("[^"\r\n]{1,256}"|[^\s"]{1,256})/g,
  handle: (eng, m) => {
    const raw = m[1] as string;
    const q = raw.startsWith('"') ? '"' : '';
    const v = q ? raw.slice(1, -1) : raw;
    if (kept(v)) return null;
    const start = m.index + m[0].length - raw.length;
    return [q + eng.mark('password') + q, start + raw.length, start];
  },
};

/** A flag and its value as neighbours in a JSON or Python list (`"Cmd": ["--db-password","…"]`). */
export const LISTED_FLAG_RULE: Rule = {
  needs: { lits: ['"-', "'-"] },
  gate: (l) => (l.includes('"-') || l.includes("'-")) && l.includes(','),
  // (also escaped inside a JSON string: `\"--password\",\"…\"`)
  re: /(\\?["'])--?([A-Za-z][\w.-]{1,60})\1[ \t]*,[ \t]*(\\?["'])((?:(?!\3)[^\r\n]){1,512}?)\3/g,
  handle: (eng, m) => {
    const cat = classifyKey(m[2] as string);
    if (cat === null || !SECRET_CATS.has(cat)) return null;
    const v = m[4] as string;
    if (kept(v) || v.startsWith('-')) return null;
    const start = m.index + m[0].length - (m[3] as string).length - v.length;
    return [eng.mark(cat), start + v.length, start];
  },
};

/**
 * A match whose group 1 is a name and group 2 the value right before the match's last
 * character (`${NAME:-value}`, `Name:[value]`): the value marked when the name is secret.
 */
function markValueOfSecretName(eng: RuleHost, m: Match): HandlerResult {
  const cat = classifyKey(m[1] as string);
  if (cat === null || !SECRET_CATS.has(cat)) return null;
  const v = m[2] as string;
  if (kept(v)) return null;
  const start = m.index + m[0].length - 1 - v.length;
  return [eng.mark(cat), start + v.length, start];
}

/** A shell or compose default under a secret name: `${POSTGRES_PASSWORD:-s3cret}` (the default is the value used). */
export const EXPANSION_DEFAULT_RULE: Rule = {
  needs: { lits: ['${'] },
  gate: (l) => l.includes('${') && (l.includes(':-') || l.includes(':=') || l.includes('-') || l.includes('=')),
  re: /\$\{([A-Za-z_]\w{0,80}):?[-=]([^}\s$]{1,256})\}/g,
  handle: (eng, m) => markValueOfSecretName(eng, m),
};

/** Go's `%v` of a map of headers or metadata: `map[Authorization:[Bearer …] X-Api-Key:[…]]`. */
export const GO_MAP_RULE: Rule = {
  needs: { lits: ['map['] },
  gate: (l) => l.includes('map['),
  re: /(?<=[[ ])([A-Za-z][\w-]{1,60}):\[([^\]\r\n]{1,512})\]/g,
  handle: (eng, m) => markValueOfSecretName(eng, m),
};

/** Signed URLs and signed requests: the signature and session token are bearer credentials for a while. */
export const SIGNATURE_PARAM_RULE: Rule = {
  needs: { lits: ['ignature=', 'IGNATURE=', 'sig=', 'Sig='] },
  gate: () => true,
  re: /(?<=[?&;,\s]|^)(?:x-amz-signature|x-goog-signature|signature|sig)=([^&\s"'#,;\\]+)/gi,
  handle: markGroup('secret', 16),
};

/** OAuth: an authorization code, a PKCE verifier or a device code in a query or form body. */
export const OAUTH_CODE_RULE: Rule = {
  needs: { lits: ['code='] },
  gate: (l) =>
    l.includes('code=') &&
    (l.includes('grant_type') || l.includes('state=') || l.includes('redirect_uri') || l.includes('code_verifier') || l.includes('client_id')),
  re: /(?<=[?&\s]|^)(?:code|code_verifier|device_code)=([^&\s"'#\\]+)/g,
  handle: markGroup('secret', 8),
};

/** GitHub Actions' `::add-mask::VALUE`: the value is a secret by declaration. */
export const ADD_MASK_RULE: Rule = {
  needs: { lits: ['::add-mask::'] },
  gate: () => true,
  re: /::add-mask::([^\s"'\\]+)/g,
  handle: markGroup('secret'),
};

/** Tor's `hs_ed25519_secret_key` file: a header, then the key bytes. */
export const TOR_KEY_RULE: Rule = {
  needs: { lits: ['ed25519v1-secret'] },
  gate: () => true,
  re: /ed25519v1-secret:[^=\r\n]{0,40}==([^\r\n"\\]+)/g,
  handle: markGroup('private-key'),
};

/** A field of a Go `%+v` struct dump (`{Host:db Password:x Token:y}`) under a secret name. */
function goField(eng: RuleHost, m: Match): HandlerResult {
  const cat = classifyKey(m[1] as string);
  if (cat === null || !SECRET_CATS.has(cat)) return null;
  return markGroupAt(eng, m, cat, m[2] as string);
}

function markGroupAt(eng: RuleHost, m: Match, cat: Category, v: string): HandlerResult {
  if (kept(v)) return null;
  const start = m.index + m[0].length - v.length;
  return [eng.mark(cat), start + v.length, start];
}

export const GO_STRUCT_RULE: Rule = {
  needs: { lits: ['{'] },
  gate: (l) => l.includes('{') && l.includes(':'),
  // (not a shell expansion's `${KEY:=default}`, `${KEY:-x}`)
  re: /(?<=[{ ])(?<!\$\{)([A-Za-z][A-Za-z0-9_]{1,40}):([^\s{}"=-][^\s{}"]*)/g,
  handle: goField,
};

/** PHP `print_r`: `[password] => value` to the end of the line. */
export const PRINT_R_RULE: Rule = {
  needs: { lits: ['] => '] },
  gate: () => true,
  re: /\[["']?([A-Za-z][\w.-]{0,60})["']?\] => /g,
  handle: (eng, m, line) => {
    const cat = classifyKey(m[1] as string);
    if (cat === null || !SECRET_CATS.has(cat)) return null;
    // the value runs to the end of the line (found once, not by a regex that could rescan it)
    const from = m.index + m[0].length;
    let to = line.length;
    while (to > from && /[\s\\"]/.test(line[to - 1] as string)) to--;
    const value = line.slice(from, to);
    if (kept(value)) return null;
    return [eng.mark(cat), to, from];
  },
};

/** An Ansible vault escaped into one JSON string: `$ANSIBLE_VAULT;1.1;AES256\n<hex>\n<hex>`. */
export const ESCAPED_VAULT_RULE: Rule = {
  needs: { lits: ['$ANSIBLE_VAULT;'] },
  gate: () => true,
  re: /\$ANSIBLE_VAULT;[\d.]+;\w+(?:;[\w.-]+)?((?:\\n[ \t]*[0-9a-f]{2,})+)/g,
  handle: markGroup('pem-block'),
};

/** OpenVPN's inline static key escaped into one JSON string: `<tls-crypt>\n<hex>\n…`. */
export const ESCAPED_STATIC_KEY_RULE: Rule = {
  needs: { lits: ['<tls-'] },
  gate: () => true,
  re: /<tls-(?:auth|crypt|crypt-v2)>((?:\\n[ \t]*[0-9a-fA-F]{16,})+)/g,
  handle: markGroup('private-key'),
};

/** A Kubernetes env entry escaped into one string: `- name: DB_PASSWORD\n  value: x`, or in flow style `{name: X, value: "y"}`. */
export const ENV_ENTRY_RULE: Rule = {
  needs: { lits: ['\\n', '{name:', '{ name:'] },
  gate: (l) => (l.includes('\\n') || l.includes('{name:') || l.includes('{ name:')) && l.includes('name:') && l.includes('value:'),
  re: /(?:\{[ \t]?|\\n[ \t]*-[ \t]+)name:[ \t]+["']?([A-Za-z_][\w.-]{0,80})["']?(?:,[ \t]*|\\n[ \t]*)value:[ \t]+["']?([^"'\\\s,}]+)/g,
  handle: (eng, m) => {
    const cat = classifyKey(m[1] as string);
    if (cat === null || !SECRET_CATS.has(cat)) return null;
    return markGroupAt(eng, m, cat, m[2] as string);
  },
};

/** A heredoc or triple-quoted string under a secret key escaped into one JSON string (`token = <<EOT\n…\nEOT`). */
export const ESCAPED_HEREDOC_RULE: Rule = {
  needs: { lits: ['<<', '"""', "'''", '\\"\\"\\"'] },
  gate: (l) => l.includes('\\n') && (l.includes('<<') || l.includes('"""') || l.includes("'''") || l.includes('\\"\\"\\"')),
  re: /([A-Za-z_][\w.-]*)["'\\]*[ \t]*[=:][ \t]*(?:<<[-~]?[ \t]*["']?([A-Za-z_]\w{0,30})["']?|(\\"\\"\\"|"""|'''))\\n/g,
  handle: (eng, m, line) => {
    const cat = classifyKey(m[1] as string);
    if (cat === null || !SECRET_CATS.has(cat)) return null;
    const from = m.index + m[0].length;
    let to: number;
    if (m[3] !== undefined) to = line.indexOf(m[3], from);
    else {
      const close = new RegExp(`\\\\n[ \\t]*${m[2] as string}\\b`, 'g');
      close.lastIndex = from;
      const c = close.exec(line);
      to = c === null ? -1 : c.index;
    }
    // never closed in this line: the rest of it is the secret
    if (to < 0) to = line.length;
    if (to <= from) return null;
    return [eng.mark(cat), to, from];
  },
};

export const DUMP_RULES: Rule[] = [
  ESCAPED_STATIC_KEY_RULE,
  ENV_ENTRY_RULE,
  ESCAPED_HEREDOC_RULE,
  ESCAPED_VAULT_RULE,
  PGPASS_RULE,
  BRACED_VALUE_RULE,
  JDBC_ORACLE_RULE,
  RAW_USERINFO_RULE,
  GO_DSN_RULE,
  SASL_PASSWD_RULE,
  DIRECTIVE_RULE,
  LISTED_FLAG_RULE,
  EXPANSION_DEFAULT_RULE,
  GO_MAP_RULE,
  SIGNATURE_PARAM_RULE,
  OAUTH_CODE_RULE,
  ADD_MASK_RULE,
  TOR_KEY_RULE,
  GO_STRUCT_RULE,
  PRINT_R_RULE,
];
