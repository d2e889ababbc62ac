/**
 * Value-shape rules: what is recognised by its shape wherever it stands in a line (tokens,
 * URLs, addresses, paths, blobs). Each rule has a cheap gate (a substring test) so a line
 * only pays for the regexes it can match; the provider token formats go through one
 * prefix scan (providers.ts).
 */
import { join } from 'node:path';
import { hasStretch } from './class-runs.js';
import { SLASH, endsUrl } from './chars.js';
import { INNER_PREFIX_RE, PREFIX_RE, innerPrefixes, leads, startPrefixes, tokenAt } from './providers.js';
import { isStandIn } from './values.js';
import { trieSource, type Needs } from './prefilter.js';
import { isMadeUpJwt, isLabelledDummy } from './stand-ins.js';
import { CLOUDFLARED_UUID_RULE, COMMAND_SECRET_RULE, MAIL_HEADER_RULE, MAIL_OBJECT_RULE, RECORD_HASH_RULE, TUNNEL_ID_RULE } from './context.js';
import { HEX_0X_KEY_RULE, HEX_KEY_RULE, MNEMONIC_LAYOUT_RULE, MNEMONIC_RULE } from './wallet.js';
import { CUT_TOKEN_RULE, TRAILING_BASE64_RULE } from './wrapped.js';
import { QUOTED_BLOB_RULE, base64RunAround } from './literals.js';
import { WALLET_FORM_RULES } from './wallet-forms.js';
import { CODE_FORM_RULES } from './code-forms.js';
import { BASIC_KEY_RULE, ENCODED_CONFIG_RULE } from './encoded-config.js';
import { UNICODE_KEY_RULE } from './unicode-keys.js';
import { PROSE_SECRET_RULE } from './prose-secrets.js';
import { NAMED_VALUE_RULES } from './named-values.js';
import { B3IQ_FORM_RULES } from './b3iq-forms.js';
import { MNEMONIC_FORMS_RULE } from './mnemonic-forms.js';
import { PROVIDER_EXTRA_RULE } from './provider-extra.js';
import { SESSION_PARAM_RULE } from './session-params.js';
import { SECRET_NAME_RULE } from './secret-names.js';
import { USER_ARG_RULE } from './user-arg.js';
import { DUMP_RULES } from './dumps.js';
import { CLI_ARGS_RULE } from './cli-args.js';
import { HERE_STRING_RULE, PLAIN_TEXT_RULE, SQL_PASSWORD_RULE } from './cli-literals.js';
import { SYSTEM_PATH_RULE } from './system-paths.js';
import { NAME_VALUE_RULE, NETRC_RULE, PASSWORD_HASH_RULE, WINDOWS_CRED_RULE } from './config-forms.js';
import { CREDENTIAL_FILE_RULES } from './credential-files.js';
import { SERVICE_HOST_RULE } from './service-hosts.js';
import { DOCKER_ENV_RULE, PASSPHRASE_TAIL_RULE } from './passphrases.js';
import { R5_CONTEXT_RULES, R5_PATH_RULES } from './rules-r5.js';
import { R6_RULES } from './rules-r6.js';
import {
  B3IQ_KIND_CATEGORY,
  B3IQ_RE,
  BEARER_RE,
  BLOB_CHARS,
  BLOB_MIN,
  BLOB_RE,
  EMAIL_RE,
  EYJ_RE,
  IPV4_RE,
  LOCALHOST_RE,
  PRIVATE_HOST_GATE,
  PRIVATE_HOST_RE,
  SETUP_FRAGMENT_RE,
  TEE_CONTEXT_RE,
  TUNNEL_HOST_RE,
  URL_RE,
  escapeRegExp,
  isPrivateHost,
  isPrivateIPv4,
  isUnremarkableIPv4,
  mayHoldEmail,
  shapeCategory,
  type Category,
} from './patterns.js';

/** What a rule's handler may do: mark a secret, pseudonymise a value, count. */
export interface RuleHost {
  mark(cat: string): string;
  pseudo(kind: string, value: string): string;
  count(cat: string): void;
  /**
   * A decoded fragment of the line (an escaped run) redacted as a line of its own: the result
   * when that adds a marker, else null (and the counts stay as they were).
   */
  redactPart?(text: string): string | null;
}

/** What follows a version's last number: a pre-release or build tag (-node.26, +build). */
const BUILD_SUFFIX_RE = /^[-+][0-9A-Za-z]/;
const VERSION_CONTEXT_RE = /(?:\bversions?|\bver|\brelease|\bbuild|\bv8)["']?\s*[:=@]?\s*["']?$/i;

export type Match = RegExpExecArray;
/** [replacement, end of the consumed text] or null: no redaction here, rescan from index + 1. */
export type HandlerResult = [string, number] | [string, number, number] | null;
/** What earlier passes learnt about the line, so later gates stay cheap. */
export interface LineHints {
  /** The keyed pass saw priv/secret/mnemonic/seed/phrase/key. */
  privateHint: boolean;
  /** The keyed pass saw tunnel/conn(ector). */
  tunnelHint: boolean;
}

export interface Rule {
  /** What the line must hold for the gate to pass (the prefilter is built from these; see prefilter.ts). */
  needs: Needs;
  /** The exact, cheap test run on lines the prefilter let through; must pass only where `needs` do. */
  gate: (line: string, hints: LineHints) => boolean;
  re: RegExp;
  handle: (eng: RuleHost, m: Match, line: string) => HandlerResult;
}

const end = (m: Match): number => m.index + m[0].length;

function trimUrlTail(line: string, from: number): number {
  let e = from;
  while (e < line.length && !endsUrl(line.charCodeAt(e))) e++;
  while (e > from && '.,;:!?)]}\\'.includes(line[e - 1] as string)) e--;
  return e;
}

function providerToken(eng: RuleHost, m: Match, line: string): HandlerResult {
  const t = tokenAt(line, m.index, m[0]);
  if (t === null) return null;
  // a short shape inside a longer random base64 run (`h/APEcjdEbP2i+Legad…`): the whole run is the secret
  const run = base64RunAround(line, t.start, t.end);
  return [eng.mark(t.shape.category), run?.[1] ?? t.end, run?.[0] ?? t.start];
}

const simple =
  (cat: Category) =>
  (eng: RuleHost, m: Match): HandlerResult => [eng.mark(cat), end(m)];

/** Superset literals of PRIVATE_HOST_GATE (`.local` covers `.localdomain`). */
const PRIVATE_HOST_LITS = ['.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

export const RULES: Rule[] = [
  {
    needs: { lits: ['b3iq_'] },
    gate: (l) => l.includes('b3iq_'),
    re: B3IQ_RE,
    handle: (eng, m) => [eng.mark(B3IQ_KIND_CATEGORY[m[1] as string] as Category), end(m)],
  },
  ...B3IQ_FORM_RULES,
  {
    needs: { lits: ['#token='] },
    gate: (l) => l.includes('#token='),
    re: SETUP_FRAGMENT_RE,
    handle: (eng, m) => ['#token=' + eng.mark('setup-token'), end(m)],
  },
  {
    needs: { lits: ['eyJ'] },
    gate: (l) => l.includes('eyJ'),
    re: EYJ_RE,
    handle: (eng, m) => {
      if (m[0].startsWith('eyJhIjoi')) return [eng.mark('cloudflare-tunnel-token'), end(m)];
      return isMadeUpJwt(m[0]) ? null : [eng.mark('jwt'), end(m)];
    },
  },
  // before the Bearer/Basic rule: `11. basic 12. skull` in a numbered mnemonic is no credential
  MNEMONIC_RULE,
  MNEMONIC_LAYOUT_RULE,
  MNEMONIC_FORMS_RULE,
  {
    needs: { lits: ['Bearer', 'bearer', 'BEARER', 'Basic', 'basic', 'BASIC'] },
    gate: (l) => l.includes('earer') || l.includes('asic') || l.includes('EARER') || l.includes('ASIC'),
    re: BEARER_RE,
    handle: (eng, m) => {
      const v = m[2] as string;
      // "Basic authentication failed" is prose, "Basic dXNlcjpwYXNz" is a credential.
      if (!/[0-9+/=._~-]|[a-z][A-Z]/.test(v)) return null;
      // "Bearer expires_in=3600": a k=v pair, not a token (base64 has '=' only as padding)
      if (/=[^=]/.test(v)) return null;
      if (isStandIn(v)) return null; // Bearer $API_KEY, Bearer <token>, Token ****
      return [m[0].slice(0, m[0].length - v.length) + eng.mark(shapeCategory(v) ?? 'authorization'), end(m)];
    },
  },
  // Command lines: curl -u user:pass, mysql -pSECRET, sshpass -p SECRET
  USER_ARG_RULE,
  CLI_ARGS_RULE,
  PLAIN_TEXT_RULE,
  HERE_STRING_RULE,
  SQL_PASSWORD_RULE,
  NETRC_RULE,
  NAME_VALUE_RULE,
  PASSWORD_HASH_RULE,
  WINDOWS_CRED_RULE,
  ...CREDENTIAL_FILE_RULES,
  PASSPHRASE_TAIL_RULE,
  DOCKER_ENV_RULE,
  ...CODE_FORM_RULES,
  UNICODE_KEY_RULE,
  PROSE_SECRET_RULE,
  PROVIDER_EXTRA_RULE,
  SESSION_PARAM_RULE,
  SECRET_NAME_RULE,
  ...NAMED_VALUE_RULES,
  // (and redis-cli -a SECRET, ldapsearch -w SECRET), the value bare or quoted (-p'SECRET')
  {
    // the tool names, not the flags (`-a` is on 43 000 of loghub x10's lines)
    needs: { lits: ['mysql', 'mariadb', 'sshpass', 'redis-cli', 'ldap'] },
    gate: (l) =>
      (l.includes('-p') && (l.includes('mysql') || l.includes('mariadb') || l.includes('sshpass'))) ||
      (l.includes('-a') && l.includes('redis-cli')) ||
      (l.includes('-w') && l.includes('ldap')),
    re: /(?<=\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,200}?[ \t]-p|\bsshpass[ \t]+-p[ \t]*|\bredis-cli\b[^\n]{0,200}?[ \t]-a[ \t]+|\bldap[a-z]{3,8}\b[^\n]{0,200}?[ \t]-w[ \t]+)(?:'[^'\n]+'|"[^"\n]+"|[^\s'"]+)/g,
    handle: (eng, m) => {
      if (m[0].startsWith('[REDACTED:')) return [m[0], end(m)]; // the command-line rule got there first
      const q = m[0][0] === "'" || m[0][0] === '"' ? (m[0][0] as string) : '';
      return [q + eng.mark('password') + q, end(m)];
    },
  },
  // URL-encoded key=value pairs (password%3Dhunter2 in a logged query string)
  {
    needs: { lits: ['%3D', '%3d'] },
    gate: (l) => l.includes('%3D') || l.includes('%3d'),
    re: /(?<=(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|access[_-]?key)%3[Dd])[^&\s"']+/gi,
    handle: simple('password'),
  },
  // Provider tokens by shape: one scan for all their prefixes, the full shape only at a hit.
  // (their needs: the same alternatives as a yes/no test, the literal prefixes as a trie, which V8 scans faster)
  { needs: { test: new RegExp(`\\b(?:${[trieSource(startPrefixes), ...leads].join('|')})`) }, gate: () => true, re: PREFIX_RE, handle: providerToken },
  {
    needs: { test: new RegExp(trieSource(innerPrefixes)) },
    gate: () => true,
    re: INNER_PREFIX_RE,
    handle: providerToken,
  },
  {
    needs: { lits: ['://'] },
    gate: (l) => l.includes('://'),
    re: URL_RE,
    handle: (eng, m, line) => {
      const userinfo = m[1];
      const host = m[2] ?? '';
      const scheme = m[0].slice(0, m[0].indexOf('://') + 3);
      // a long bare user part is a token (`https://<token>@host`); `akka.tcp://sparkDriver@host` is a name
      // `${username}:${password}@`, `user:password@`: a template's stand-in, not a credential
      const hasCred =
        userinfo !== undefined && !isStandIn(userinfo) && (userinfo.includes(':') || (userinfo.length >= 16 && /\d/.test(userinfo)) || userinfo.length >= 32);
      if (host && isPrivateHost(host)) {
        const e = trimUrlTail(line, end(m));
        if (hasCred) eng.count('url-credential');
        const withoutCred = userinfo === undefined ? line.slice(m.index, e) : scheme + line.slice(m.index + scheme.length + userinfo.length + 1, e);
        return [eng.pseudo('local-url', withoutCred), e];
      }
      if (hasCred) {
        return [scheme + eng.mark('url-credential') + '@' + m[0].slice(scheme.length + (userinfo as string).length + 1), end(m)];
      }
      return [m[0], end(m)];
    },
  },
  {
    needs: { lits: ['localhost'] },
    gate: (l) => l.includes('localhost'),
    re: LOCALHOST_RE,
    handle: (eng, m, line) => {
      if (m[0] === 'localhost') return [m[0], end(m)];
      const e = trimUrlTail(line, m.index + 9);
      return [eng.pseudo('local-url', line.slice(m.index, e)), e];
    },
  },
  {
    needs: { lits: PRIVATE_HOST_LITS },
    gate: (l) => PRIVATE_HOST_GATE.test(l),
    re: PRIVATE_HOST_RE,
    handle: (eng, m, line) => {
      const hostEnd = m[0].search(/[:/]/);
      if (hostEnd < 0) {
        let e = end(m);
        if (line[e - 1] === '.') e--;
        return [eng.pseudo('host', line.slice(m.index, e)), e];
      }
      const e = trimUrlTail(line, m.index + hostEnd);
      return [eng.pseudo('local-url', line.slice(m.index, e)), e];
    },
  },
  SERVICE_HOST_RULE,
  { needs: { lits: ['cfargotunnel'] }, gate: (l) => l.includes('cfargotunnel'), re: TUNNEL_HOST_RE, handle: simple('tunnel') },
  // credentials in dumps and file formats (before the e-mail rule: `u:p#ss@host` is not an address)
  ...DUMP_RULES,
  COMMAND_SECRET_RULE,
  RECORD_HASH_RULE,
  TUNNEL_ID_RULE,
  CLOUDFLARED_UUID_RULE,
  MAIL_HEADER_RULE,
  MAIL_OBJECT_RULE,
  ...R5_CONTEXT_RULES,
  ...R6_RULES,
  ...WALLET_FORM_RULES,
  HEX_0X_KEY_RULE,
  HEX_KEY_RULE,
  {
    needs: { lits: ['@'] },
    gate: (l) => l.includes('@') && mayHoldEmail(l),
    re: EMAIL_RE,
    handle: (eng, m) => [eng.pseudo('email', m[0]), end(m)],
  },
  // (home paths: a per-engine rule, inserted here)
  SYSTEM_PATH_RULE,
  ...R5_PATH_RULES,
  {
    needs: { lits: ['.'] },
    gate: () => true,
    re: IPV4_RE,
    handle: (eng, m, line) => {
      const s = m[0];
      const cut = s.search(/[:/]/);
      const ip = cut < 0 ? s : s.slice(0, cut);
      const hasPort = cut >= 0;
      // Four-part version numbers (V8's 11.3.244.8, "version 2.4.1.0") are not addresses;
      // but one in a private range is kept only with a build suffix (10.2.154.26-node.26):
      // "v8 10.0.0.1" may as well be an address, and keeping it would leak one.
      if (
        !hasPort &&
        VERSION_CONTEXT_RE.test(line.slice(Math.max(0, m.index - 16), m.index)) &&
        (!isPrivateIPv4(ip) || BUILD_SUFFIX_RE.test(line.slice(m.index + ip.length, m.index + ip.length + 2)))
      )
        return [ip, m.index + ip.length];
      const hasPath = hasPort && s.includes('/', cut);
      if (hasPath && isPrivateIPv4(ip)) {
        // a private route: the address and its path are one pseudonym
        const e = trimUrlTail(line, m.index + cut);
        return [eng.pseudo('local-url', line.slice(m.index, e)), e];
      }
      // host:port keeps its port (HDFS, Zookeeper, every listener line)
      if (isUnremarkableIPv4(ip)) return [ip, m.index + ip.length];
      return [eng.pseudo('ip', ip), m.index + ip.length];
    },
  },
  ENCODED_CONFIG_RULE,
  BASIC_KEY_RULE,
  TRAILING_BASE64_RULE,
  CUT_TOKEN_RULE,
  QUOTED_BLOB_RULE,
  {
    needs: { minLength: BLOB_MIN },
    // the run itself, found by skipping (a regex tried every word start of every long line)
    gate: (l) => l.length >= BLOB_MIN && hasStretch(l, BLOB_CHARS, BLOB_MIN),
    re: BLOB_RE,
    handle: (eng, m, line) => {
      const s = m[0];
      let digits = 0;
      let slashes = 0;
      let upper = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 48 && c <= 57)
          digits++; // 0-9
        else if (c === SLASH) slashes++;
        else if (c >= 65 && c <= 90) upper++; // A-Z
      }
      // a long URL path or identifier is not a blob: blobs are dense, mixed, rarely slashed
      if (digits < 8 || slashes * 25 > s.length || (upper === 0 && !/^[0-9a-fA-F]+$/.test(s) && digits * 8 < s.length)) return null;
      if (isLabelledDummy(s)) return null;
      return [eng.mark(TEE_CONTEXT_RE.test(line) ? 'tee-quote' : 'base64-blob'), end(m)];
    },
  },
];
export const PATH_RULE_INDEX = RULES.findIndex((r) => r.re === EMAIL_RE) + 1;

export function defaultConfigHome(home: string): string {
  if (process.env.B3IQ_HOME) return process.env.B3IQ_HOME;
  const xdg = process.env.XDG_CONFIG_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.config'), 'b3iq');
}

const pathRuleCache = new Map<string, Rule>();
export function pathRule(homeDir: string, configHome: string): Rule {
  const cacheKey = homeDir + '\0' + configHome;
  const cached = pathRuleCache.get(cacheKey);
  if (cached) return cached;
  const stop = `(?=[/\\\\\\s"'<>,;:)\\]}]|$)`;
  const alts = [
    '~(?=/)',
    // home folders under another root too: Fedora Atomic's /var/home, BSD's /usr/home, NFS /export/home
    `(?:/(?:var|usr|export|data|srv))?/home/[^\\s/"'<>\\\\]+`,
    `(?:/mnt/[a-z])?/Users/[^\\s/"'<>\\\\]+`, // macOS, and a Windows profile seen from WSL
    `/root${stop}`,
    `[A-Za-z]:\\\\{1,4}[Uu]sers\\\\{1,4}[^\\s\\\\/"'<>]+`, // C:\Users\x, c:\users\x, JSON-escaped C:\\Users (C:/Users: the /Users/ form)
    `\\\\{1,3}/(?:home|Users)\\\\{1,3}/[^\\s/"'<>\\\\]+`, // JSON with escaped slashes: \/home\/x
    `/var/(?:spool/)?mail/[^\\s/"'<>\\\\]+`, // a user's mailbox
    `/var/spool/cron/crontabs/[^\\s/"'<>\\\\]+`,
  ];
  const gates = ['~/', '/home/', '/Users/', '/root'];
  for (const d of [homeDir, configHome]) {
    const dir = d.replace(/[/\\]+$/, '');
    if (dir.length > 1 && !gates.some((g) => dir.startsWith(g))) {
      alts.push(escapeRegExp(dir) + stop);
      gates.push(dir);
    }
  }
  const re = new RegExp(`(?<![\\w.~-])(?:${alts.join('|')})[^\\s"'<>|,;:*?)\\]}\`]*`, 'g');
  const rule: Rule = {
    // its gate's literals, and the two the rarer forms need (a backslash, `/var/`)
    needs: { lits: [...gates, '\\', '/var/'] },
    gate: (l) => {
      for (const g of gates) if (l.includes(g)) return true;
      // the rarer forms behind one cheap test each: Windows and escaped slashes, mailboxes
      if (l.includes('\\') && (l.includes('sers\\') || l.includes('home\\/') || l.includes('Users\\/'))) return true;
      return l.includes('/var/') && (l.includes('/mail/') || l.includes('crontabs/'));
    },
    re,
    handle: (eng, m) => {
      let s = m[0];
      while (s.length > 1 && '.\\'.includes(s[s.length - 1] as string)) s = s.slice(0, -1);
      return [eng.pseudo('path', s), m.index + s.length];
    },
  };
  if (pathRuleCache.size > 64) pathRuleCache.clear();
  pathRuleCache.set(cacheKey, rule);
  return rule;
}
