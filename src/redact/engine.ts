import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  AWS_ACCESS_RE,
  B3IQ_KIND_CATEGORY,
  B3IQ_RE,
  BEARER_RE,
  BLOB_MIN,
  BLOB_RE,
  CLOUDFLARE_RE,
  EMAIL_RE,
  EYJ_RE,
  GITHUB_RE,
  HEX64_RE,
  IPV4_RE,
  KEYWORD_RE,
  KEY_BEFORE_VALUE_RE,
  LOCALHOST_RE,
  NOT_A_SECRET_RE,
  NUMBER_RE,
  OTHER_API_RE,
  PEM_BEGIN,
  PEM_BODY_RE,
  PEM_INLINE_RE,
  PRIVATE_HINT_KEY_RE,
  PRIVATE_HINT_LINE_RE,
  PRIVATE_HOST_GATE,
  PRIVATE_HOST_RE,
  PUBLIC_HASH_KEY_RE,
  PUBLIC_HASH_LINE_RE,
  SETUP_FRAGMENT_RE,
  SLACK_RE,
  STATUS_WORD_RE,
  STRIPE_RE,
  TEE_CONTEXT_RE,
  TUNNEL_HOST_RE,
  URL_RE,
  UUID_RE,
  classifyKey,
  escapeRegExp,
  isPrivateHost,
  isPrivateIPv4,
  isUnremarkableIPv4,
  keyWords,
  pemCategory,
  shapeCategory,
  type Category,
} from './patterns.js';

const VERSION_CONTEXT_RE = /(?:\bversions?|\bver|\brelease|\bbuild|\bv8)["']?\s*[:=@]?\s*["']?$/i;
import { Pseudonymizer } from './pseudonyms.js';

export type RedactCounts = Record<string, number>;

export interface RedactOptions {
  /** Share one across files to keep pseudonyms consistent (a support bundle). */
  pseudonymizer?: Pseudonymizer;
  /** The OS home folder whose paths are pseudonymised (default `os.homedir()`). */
  homeDir?: string;
  /** The b3iq config home whose paths are pseudonymised (default `B3IQ_HOME` or `~/.config/b3iq`). */
  configHome?: string;
}

/** Longest line processed as a whole (UTF-16 code units). Beyond it, see `overlongHead`. */
export const MAX_LINE = 1 << 20;
/** Lines a multi-line state (PEM, YAML block, JSON container) may swallow before giving up. */
const MAX_STATE_LINES = 100_000;

type Match = RegExpExecArray;
/** [replacement, end of the consumed text] or null: no redaction here, rescan from index + 1. */
type HandlerResult = [string, number] | null;
interface Rule {
  gate: (line: string) => boolean;
  re: RegExp;
  handle: (eng: RedactEngine, m: Match, line: string) => HandlerResult;
}

const marker = (cat: string): string => `[REDACTED:${cat}]`;
const end = (m: Match): number => m.index + m[0].length;

function trimUrlTail(line: string, from: number): number {
  let e = from;
  const n = line.length;
  while (e < n) {
    const c = line.charCodeAt(e);
    // whitespace, quotes, <, >, backtick
    if (c <= 32 || c === 34 || c === 39 || c === 60 || c === 62 || c === 96) break;
    e++;
  }
  while (e > from && '.,;:!?)]}\\'.includes(line[e - 1] as string)) e--;
  return e;
}

const simple = (cat: Category) => (eng: RedactEngine, m: Match): HandlerResult => [eng.mark(cat), end(m)];

const RULES: Rule[] = [
  {
    gate: (l) => l.includes('b3iq_'),
    re: B3IQ_RE,
    handle: (eng, m) => [eng.mark(B3IQ_KIND_CATEGORY[m[1] as string] as Category), end(m)],
  },
  {
    gate: (l) => l.includes('#token='),
    re: SETUP_FRAGMENT_RE,
    handle: (eng, m) => ['#token=' + eng.mark('setup-token'), end(m)],
  },
  {
    gate: (l) => l.includes('eyJ'),
    re: EYJ_RE,
    handle: (eng, m) => [eng.mark(m[0].startsWith('eyJhIjoi') ? 'cloudflare-tunnel-token' : 'jwt'), end(m)],
  },
  {
    gate: (l) => l.includes('earer') || l.includes('asic') || l.includes('EARER') || l.includes('ASIC'),
    re: BEARER_RE,
    handle: (eng, m) => {
      const v = m[2] as string;
      // "Basic authentication failed" is prose, "Basic dXNlcjpwYXNz" is a credential.
      if (!/[0-9+/=._~-]|[a-z][A-Z]/.test(v)) return null;
      // "Bearer expires_in=3600": a k=v pair, not a token (base64 has '=' only as padding)
      if (/=[^=]/.test(v)) return null;
      return [m[0].slice(0, m[0].length - v.length) + eng.mark(shapeCategory(v) ?? 'authorization'), end(m)];
    },
  },
  // Command lines: curl -u user:pass, mysql -pSECRET, sshpass -p SECRET
  {
    gate: (l) => l.includes('-u') || l.includes('--user'),
    re: /(?<=(?:^|\s)(?:-u|--user)[ \t]+)([^\s:'"]{1,128}:)([^\s'"]{1,256})/g,
    handle: (eng, m) => [m[1] + eng.mark('password'), end(m)],
  },
  {
    gate: (l) => l.includes('-p') && (l.includes('mysql') || l.includes('mariadb') || l.includes('sshpass')),
    re: /(?<=\b(?:mysql|mysqldump|mysqladmin|mariadb)\b[^\n]{0,200}?[ \t]-p|\bsshpass[ \t]+-p[ \t]*)[^\s'"]+/g,
    handle: simple('password'),
  },
  // URL-encoded key=value pairs (password%3Dhunter2 in a logged query string)
  {
    gate: (l) => l.includes('%3D') || l.includes('%3d'),
    re: /(?<=(?:pass(?:word|wd|phrase)?|secret|token|api[_-]?key|access[_-]?key)%3[Dd])[^&\s"']+/gi,
    handle: simple('password'),
  },
  { gate: (l) => l.includes('AKIA') || l.includes('ASIA'), re: AWS_ACCESS_RE, handle: simple('aws-access-key') },
  { gate: (l) => l.includes('gh') || l.includes('github_pat_'), re: GITHUB_RE, handle: simple('github-token') },
  { gate: (l) => l.includes('xox') || l.includes('hooks.slack.com'), re: SLACK_RE, handle: simple('slack-token') },
  {
    gate: (l) => l.includes('_live_') || l.includes('_test_') || l.includes('whsec_'),
    re: STRIPE_RE,
    handle: simple('stripe-key'),
  },
  {
    gate: (l) => l.includes('cfut_') || l.includes('cfat_') || l.includes('cfk_'),
    re: CLOUDFLARE_RE,
    handle: simple('cloudflare-token'),
  },
  {
    gate: (l) => l.includes('sk-') || l.includes('AIza') || l.includes('hf_') || l.includes('glpat-') || l.includes('npm_'),
    re: OTHER_API_RE,
    handle: simple('api-key'),
  },
  {
    gate: (l) => l.includes('://'),
    re: URL_RE,
    handle: (eng, m, line) => {
      const userinfo = m[1];
      const host = m[2] ?? '';
      const scheme = m[0].slice(0, m[0].indexOf('://') + 3);
      const hasCred = userinfo !== undefined && (userinfo.includes(':') || userinfo.length >= 16);
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
    gate: (l) => l.includes('localhost'),
    re: LOCALHOST_RE,
    handle: (eng, m, line) => {
      if (m[0] === 'localhost') return [m[0], end(m)];
      const e = trimUrlTail(line, m.index + 9);
      return [eng.pseudo('local-url', line.slice(m.index, e)), e];
    },
  },
  {
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
  { gate: (l) => l.includes('cfargotunnel'), re: TUNNEL_HOST_RE, handle: simple('tunnel') },
  {
    gate: (l) => l.includes('0x'),
    re: HEX64_RE,
    handle: (eng, m, line) => {
      const km = KEY_BEFORE_VALUE_RE.exec(line.slice(Math.max(0, m.index - 80), m.index));
      if (km) {
        const key = km[1] as string;
        if (PRIVATE_HINT_KEY_RE.test(key)) return [eng.mark('private-key'), end(m)];
        if (PUBLIC_HASH_KEY_RE.test(key)) return [m[0], end(m)];
      }
      if (PUBLIC_HASH_LINE_RE.test(line) && !PRIVATE_HINT_LINE_RE.test(line)) return [m[0], end(m)];
      return [eng.mark('hex-secret'), end(m)];
    },
  },
  {
    gate: (l) => l.includes('@'),
    re: EMAIL_RE,
    handle: (eng, m) => [eng.pseudo('email', m[0]), end(m)],
  },
  // (home paths: a per-engine rule, inserted here)
  {
    gate: () => true,
    re: IPV4_RE,
    handle: (eng, m, line) => {
      const s = m[0];
      const cut = s.search(/[:/]/);
      const ip = cut < 0 ? s : s.slice(0, cut);
      const hasPort = cut >= 0;
      // Four-part version numbers (V8's 11.3.244.8, "version 2.4.1.0") are not addresses.
      if (!hasPort && VERSION_CONTEXT_RE.test(line.slice(Math.max(0, m.index - 16), m.index))) return [ip, m.index + ip.length];
      if (hasPort && isPrivateIPv4(ip)) {
        const e = trimUrlTail(line, m.index + cut);
        return [eng.pseudo('local-url', line.slice(m.index, e)), e];
      }
      if (isUnremarkableIPv4(ip)) return [ip, m.index + ip.length];
      return [eng.pseudo('ip', ip), m.index + ip.length];
    },
  },
  {
    gate: (l) => l.length >= BLOB_MIN,
    re: BLOB_RE,
    handle: (eng, m, line) => {
      const s = m[0];
      let digits = 0;
      let slashes = 0;
      let upper = 0;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 48 && c <= 57) digits++;
        else if (c === 47) slashes++;
        else if (c >= 65 && c <= 90) upper++;
      }
      // a long URL path or identifier is not a blob: blobs are dense, mixed, rarely slashed
      if (digits < 8 || slashes * 25 > s.length || (upper === 0 && !/^[0-9a-fA-F]+$/.test(s) && digits * 8 < s.length)) return null;
      return [eng.mark(TEE_CONTEXT_RE.test(line) ? 'tee-quote' : 'base64-blob'), end(m)];
    },
  },
];
const PATH_RULE_INDEX = RULES.findIndex((r) => r.re === EMAIL_RE) + 1;

function defaultConfigHome(home: string): string {
  if (process.env.B3IQ_HOME) return process.env.B3IQ_HOME;
  const xdg = process.env.XDG_CONFIG_HOME;
  return join(xdg?.startsWith('/') ? xdg : join(home, '.config'), 'b3iq');
}

const pathRuleCache = new Map<string, Rule>();
function pathRule(homeDir: string, configHome: string): Rule {
  const cacheKey = homeDir + '\0' + configHome;
  const cached = pathRuleCache.get(cacheKey);
  if (cached) return cached;
  const stop = `(?=[/\\\\\\s"'<>,;:)\\]}]|$)`;
  const alts = [
    '~(?=/)',
    `/home/[^\\s/"'<>]+`,
    `/Users/[^\\s/"'<>]+`,
    `/root${stop}`,
    `[A-Za-z]:\\\\{1,2}Users\\\\{1,2}[^\\s\\\\"'<>]+`,
  ];
  const gates = ['~/', '/home/', '/Users/', '/root', 'Users\\'];
  for (const d of [homeDir, configHome]) {
    const dir = d.replace(/[/\\]+$/, '');
    if (dir.length > 1 && !gates.some((g) => dir.startsWith(g))) {
      alts.push(escapeRegExp(dir) + stop);
      gates.push(dir);
    }
  }
  const re = new RegExp(`(?<![\\w.~-])(?:${alts.join('|')})[^\\s"'<>|,;:*?)\\]}\`]*`, 'g');
  const rule: Rule = {
    gate: (l) => {
      for (const g of gates) if (l.includes(g)) return true;
      return false;
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

// --- keyed pass helpers -----------------------------------------------------------------

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45 || c === 46;
}
const CONTAINER_CATS = new Set<string>(['prompt-output', 'mnemonic', 'connector', 'customer-identity', 'certificate']);
const HEADER_CATS = new Set<string>(['authorization', 'cookie']);
const AUTH_SCHEME_RE = /^(?:Bearer|Basic|Digest|Token|ApiKey|Negotiate|NTLM|AWS4-HMAC-SHA256|Signature|bearer|basic|token)[ \t]+/;
const YAML_BLOCK_RE = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;

/** Scans a JSON-ish container from `from` (at `{` or `[`); returns the index after it, or -1 with state. */
function scanBalanced(line: string, from: number, st: ContainerState): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (st.inStr) {
      if (st.esc) st.esc = false;
      else if (c === 92) st.esc = true;
      else if (c === st.quote) st.inStr = false;
      continue;
    }
    if (c === 34) {
      st.inStr = true;
      st.quote = 34;
    } else if (c === 123 || c === 91) st.depth++;
    else if (c === 125 || c === 93) {
      st.depth--;
      if (st.depth === 0) return i + 1;
    }
  }
  return -1;
}

interface ContainerState {
  depth: number;
  inStr: boolean;
  esc: boolean;
  quote: number;
  lines: number;
}

/**
 * The line-oriented redaction engine. Feed it lines (without their '\n') in order;
 * it keeps the little state multi-line secrets need (PEM blocks, YAML block scalars,
 * pretty-printed JSON arrays/objects under prompt-like keys).
 */
export class RedactEngine {
  readonly counts: RedactCounts = Object.create(null) as RedactCounts;
  readonly pseudonymizer: Pseudonymizer;
  private readonly rules: Rule[];
  private pem: { lines: number } | null = null;
  private block: { indent: number; lines: number } | null = null;
  private container: ContainerState | null = null;

  constructor(opts: RedactOptions = {}) {
    this.pseudonymizer = opts.pseudonymizer ?? new Pseudonymizer();
    const home = opts.homeDir ?? homedir();
    const cfg = opts.configHome ?? defaultConfigHome(home);
    this.rules = RULES.slice();
    this.rules.splice(PATH_RULE_INDEX, 0, pathRule(home, cfg));
  }

  count(cat: string): void {
    this.counts[cat] = (this.counts[cat] ?? 0) + 1;
  }
  mark(cat: string): string {
    this.count(cat);
    return marker(cat);
  }
  pseudo(kind: string, value: string): string {
    this.count(kind);
    return `[${this.pseudonymizer.pseudonym(kind, value)}]`;
  }

  /** One line as read (may end in '\r'); null when the line is swallowed by a multi-line secret. */
  line(raw: string): string | null {
    if (raw.length > MAX_LINE) return this.overlongHead(raw.slice(0, MAX_LINE));
    if (raw.charCodeAt(raw.length - 1) === 13) {
      const r = this.processLine(raw.slice(0, -1));
      return r === null ? null : r + '\r';
    }
    return this.processLine(raw);
  }

  /**
   * The first MAX_LINE characters of a longer line: redacted up to the last break before the
   * cap (so no secret is emitted cut in half), then one marker; the rest of the line is
   * dropped unseen, which keeps memory bounded and never leaks the unread remainder.
   */
  overlongHead(head: string): string {
    let cut = -1;
    const lo = Math.max(0, head.length - 4096);
    for (let i = head.length - 1; i >= lo; i--) {
      const c = head.charCodeAt(i);
      if (c <= 32 || c === 34 || c === 39 || c === 44 || c === 59) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) cut = lo;
    const r = this.processLine(head.slice(0, cut));
    return (r ?? '') + this.mark('overlong-line');
  }

  private processLine(line: string): string | null {
    if (this.pem) {
      const ei = line.indexOf('-----END ');
      if (ei >= 0) {
        this.pem = null;
        const close = line.indexOf('-----', ei + 9);
        const rest = close >= 0 ? line.slice(close + 5) : '';
        return rest.trim() === '' ? null : this.processLine(rest);
      }
      if (++this.pem.lines < MAX_STATE_LINES && PEM_BODY_RE.test(line)) return null;
      this.pem = null;
    } else if (this.block) {
      let ind = 0;
      while (ind < line.length && (line.charCodeAt(ind) === 32 || line.charCodeAt(ind) === 9)) ind++;
      if (ind === line.length) return null; // blank line inside the block
      if (ind > this.block.indent && ++this.block.lines < MAX_STATE_LINES) return null;
      this.block = null;
    } else if (this.container) {
      const st = this.container;
      const e = scanBalanced(line, 0, st);
      if (e < 0) {
        if (++st.lines < MAX_STATE_LINES) return null;
        this.container = null;
      } else {
        this.container = null;
        const rest = line.slice(e);
        return rest.trim() === '' ? null : this.processLine(rest);
      }
    }
    const bi = line.indexOf(PEM_BEGIN);
    if (bi >= 0) {
      const labelEnd = line.indexOf('-----', bi + PEM_BEGIN.length);
      if (labelEnd > 0 && line.indexOf('-----END ', labelEnd) < 0) {
        const label = line.slice(bi + PEM_BEGIN.length, labelEnd);
        this.pem = { lines: 0 };
        return this.redactText(line.slice(0, bi)) + this.mark(pemCategory(label));
      }
    }
    return this.redactText(line);
  }

  /** Redacts one line's text without touching multi-line state (except what keyed values start). */
  private redactText(line: string): string {
    if (line.length === 0) return line;
    let s = this.keyed(line);
    if (s.includes(PEM_BEGIN)) s = this.inlinePem(s);
    for (const rule of this.rules) {
      if (rule.gate(s)) s = this.apply(rule, s);
    }
    return s;
  }

  private inlinePem(line: string): string {
    PEM_INLINE_RE.lastIndex = 0;
    return line.replace(PEM_INLINE_RE, (_m, label: string) => this.mark(pemCategory(label)));
  }

  private apply(rule: Rule, line: string): string {
    const re = rule.re;
    re.lastIndex = 0;
    let out = '';
    let pos = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const r = rule.handle(this, m, line);
      if (r === null) {
        re.lastIndex = m.index + 1;
        continue;
      }
      out += line.slice(pos, m.index) + r[0];
      pos = r[1];
      re.lastIndex = r[1] > m.index ? r[1] : m.index + 1;
    }
    return pos === 0 ? line : out + line.slice(pos);
  }

  /**
   * Values under sensitive keys: JSON, YAML, TOML, .env, k=v, headers, --flags, XML.
   *
   * An unquoted value's end is a guess (`password=abc\u00a0secret: xyz`: the NBSP does not
   * end the value, so `secret:` is inside it). So the scan goes on *inside* every value it
   * redacted (`nest` marks where that region starts): a key found there whose value runs
   * past the redacted region gets redacted too (an extra marker), never skipped. Keys inside
   * quoted values, XML elements and containers are bounded by their closing quote/tag/bracket.
   */
  private keyed(line: string): string {
    const re = KEYWORD_RE;
    re.lastIndex = 0;
    let out = '';
    let pos = 0;
    let nest = 0;
    let m: RegExpExecArray | null;
    const n = line.length;
    // memos (first stop at or after an index) keep the rescans inside long values linear
    let stopFrom = -1;
    let stopAt = -1;
    let hashFrom = -1;
    let hashAt = -1;
    let quoteFrom = -1;
    let quoteAt = -1;
    let braceFrom = -1;
    let braceAt = -1;
    while ((m = re.exec(line)) !== null) {
      let s = m.index;
      let e = s + m[0].length;
      while (s > 0 && isKeyChar(line.charCodeAt(s - 1))) s--;
      while (e < n && isKeyChar(line.charCodeAt(e))) e++;
      re.lastIndex = e;
      // a key inside text already output (or replaced), other than inside a redacted value
      if (s < pos && s < nest) continue;
      const inside = s < pos;
      let ks = s;
      while (ks < e && line.charCodeAt(ks) === 45) ks++;
      const isFlag = ks > s && (s === 0 || line.charCodeAt(s - 1) === 32 || line.charCodeAt(s - 1) === 9);
      let ke = e;
      while (ke > ks && (line.charCodeAt(ke - 1) === 46 || line.charCodeAt(ke - 1) === 45)) ke--;
      if (ke === ks) continue;
      const key = line.slice(ks, ke);
      const cat = classifyKey(key);
      if (cat === null) continue;

      // the quote (or XML tag) around the key
      let q = 0;
      let escQ = false;
      const before = s > 0 ? line.charCodeAt(s - 1) : -1;
      let i = ke;
      if (before === 34 || before === 39) {
        escQ = s > 1 && line.charCodeAt(s - 2) === 92;
        if (escQ && line.charCodeAt(i) === 92 && line.charCodeAt(i + 1) === before) {
          q = before;
          i += 2;
        } else if (!escQ && line.charCodeAt(i) === before) {
          q = before;
          i += 1;
        } else escQ = false;
      } else if (before === 60 && line.charCodeAt(i) === 62) {
        // <password>value</password>
        const close = line.indexOf('</', i + 1);
        const ve = close < 0 ? n : close;
        if (inside && ve <= pos) continue;
        const value = line.slice(i + 1, ve);
        if (!this.shouldRedact(cat, key, value, false)) continue;
        out += line.slice(pos, Math.max(pos, i + 1)) + this.mark(this.refine(cat, value));
        pos = ve;
        nest = pos;
        re.lastIndex = Math.max(re.lastIndex, ve);
        continue;
      }
      let j = i;
      while (j < n && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j++;
      const c0 = line.charCodeAt(j);
      let sep: ':' | '=' | ' ' | '' = '';
      if (c0 === 58) {
        const c1 = line.charCodeAt(j + 1);
        if (c1 === 58 || (c1 === 47 && line.charCodeAt(j + 2) === 47)) continue; // ::, ://
        if (!q && !HEADER_CATS.has(cat) && j + 1 < n && c1 !== 32 && c1 !== 9 && c1 !== 34 && c1 !== 39) continue;
        sep = ':';
        j++;
      } else if (c0 === 61) {
        if (line.charCodeAt(j + 1) === 61) continue; // ==
        sep = '=';
        j += line.charCodeAt(j + 1) === 62 ? 2 : 1; // =>
      } else if (isFlag && j > i && j < n) {
        sep = ' ';
      } else continue;
      while (j < n && (line.charCodeAt(j) === 32 || line.charCodeAt(j) === 9)) j++;
      const v = j;
      const c = line.charCodeAt(v);
      let vs: number;
      let ve: number;
      let consumed: number;

      if (c === 34 || c === 39 || (c === 92 && line.charCodeAt(v + 1) === 34)) {
        const esc = c === 92;
        const qc = esc ? 34 : c;
        vs = v + (esc ? 2 : 1);
        let k = vs;
        ve = n;
        while (k < n) {
          const idx = line.indexOf(String.fromCharCode(qc), k);
          if (idx < 0) break;
          if (esc) {
            if (line.charCodeAt(idx - 1) === 92) {
              ve = idx - 1;
              break;
            }
            k = idx + 1;
            continue;
          }
          let bs = 0;
          while (qc === 34 && line.charCodeAt(idx - 1 - bs) === 92) bs++;
          if (bs % 2 === 0) {
            ve = idx;
            break;
          }
          k = idx + 1;
        }
        consumed = ve;
      } else if (c === 123 || c === 91) {
        if (!CONTAINER_CATS.has(cat)) continue;
        const st: ContainerState = { depth: 0, inStr: false, esc: false, quote: 34, lines: 0 };
        const e2 = scanBalanced(line, v, st);
        if (inside && e2 >= 0 && e2 <= pos) continue;
        const rep = q ? `"${marker(cat)}"` : marker(cat);
        this.count(cat);
        if (e2 < 0) {
          this.container = st;
          return out + line.slice(pos, Math.max(pos, v)) + rep;
        }
        out += line.slice(pos, Math.max(pos, v)) + rep;
        pos = e2;
        nest = pos;
        re.lastIndex = Math.max(re.lastIndex, e2);

        continue;
      } else if ((c === 124 || c === 62) && YAML_BLOCK_RE.test(line.slice(v))) {
        let ind = 0;
        while (ind < n && (line.charCodeAt(ind) === 32 || line.charCodeAt(ind) === 9)) ind++;
        if (line.charCodeAt(ind) === 45) ind++; // "- key: |" list item
        this.block = { indent: ind, lines: 0 };
        return out + line.slice(pos, Math.max(pos, v)) + this.mark(cat);
      } else {
        vs = v;
        let k = v;
        if (HEADER_CATS.has(cat)) {
          if (k >= quoteFrom && k <= quoteAt) k = quoteAt;
          else {
            quoteFrom = k;
            while (k < n && line.charCodeAt(k) !== 34 && line.charCodeAt(k) !== 39 && !(line.charCodeAt(k) === 92 && line.charCodeAt(k + 1) === 34)) k++;
            quoteAt = k;
          }
        } else if (sep === ' ' || (sep === '=' && !this.lineStartKey(line, s)) || (sep === ':' && q)) {
          if (line.startsWith('${', v)) {
            if (v < braceFrom || v > braceAt) {
              braceFrom = v;
              braceAt = line.indexOf('}', v);
              if (braceAt < 0) braceAt = n;
            }
            if (braceAt < n) k = braceAt + 1; // ${VAR}: a reference, kept as a whole
          }
          if (k >= stopFrom && k <= stopAt) k = stopAt;
          else {
            stopFrom = k;
            while (k < n) {
              const ch = line.charCodeAt(k);
              // whitespace " ' & , ; } ] ) < > \
              if (ch <= 32 || ch === 34 || ch === 39 || ch === 38 || ch === 44 || ch === 59 || ch === 125 || ch === 93 || ch === 41 || ch === 60 || ch === 62 || ch === 92) break;
              k++;
            }
            stopAt = k;
          }
        } else {
          // YAML, .env, TOML, headers, "key: value" logs: to the end of the line, minus a comment
          if (v < hashFrom || v > hashAt) {
            const hash = line.indexOf(' #', v);
            hashFrom = v;
            hashAt = hash < 0 ? n : hash;
          }
          k = hashAt;
          while (k > v && (line.charCodeAt(k - 1) === 32 || line.charCodeAt(k - 1) === 9)) k--;
        }
        ve = k;
        consumed = k;
      }
      if (ve <= vs) continue;
      if (inside && consumed <= pos) continue; // all of it already redacted
      const value = line.slice(vs, ve);
      if (!this.shouldRedact(cat, key, value, false)) continue;
      let prefix = '';
      let body = value;
      if (cat === 'authorization') {
        const sm = AUTH_SCHEME_RE.exec(value);
        if (sm) {
          prefix = sm[0];
          body = value.slice(prefix.length);
        }
      }
      out += line.slice(pos, Math.max(pos, vs)) + prefix + this.mark(this.refine(cat, body));
      if (c === 34 || c === 39 || c === 92) {
        // quoted: bounded by its closing quote, resume after it
        pos = consumed;
        nest = pos;
        re.lastIndex = Math.max(re.lastIndex, consumed);
      } else {
        // unquoted: its end is a guess, so look for keys inside it too
        if (!inside) nest = vs;
        pos = consumed;
        re.lastIndex = Math.max(re.lastIndex, vs);
      }
    }
    return pos === 0 ? line : out + line.slice(pos);
  }

  /** `KEY=value` at the start of a line (.env, TOML, ini): the value runs to the end of the line. */
  private lineStartKey(line: string, s: number): boolean {
    for (let i = 0; i < s; i++) {
      const c = line.charCodeAt(i);
      if (c !== 32 && c !== 9) {
        return line.startsWith('export ', i) && line.slice(i + 7, s).trim() === '';
      }
    }
    return true;
  }

  private refine(cat: Category, value: string): Category {
    if (cat === 'secret' || cat === 'password' || cat === 'authorization' || cat === 'private-key' || cat === 'token-hash') {
      const sc = shapeCategory(value);
      if (sc) return sc;
    }
    return cat;
  }

  private shouldRedact(cat: Category, key: string, value: string, isContainer: boolean): boolean {
    if (isContainer) return true;
    if (NOT_A_SECRET_RE.test(value)) return false;
    if (value.startsWith('[REDACTED') || value.startsWith('"[REDACTED')) return false;
    if (NUMBER_RE.test(value)) {
      return (cat === 'password' || cat === 'secret' || cat === 'private-key') && value.length >= 6;
    }
    switch (cat) {
      case 'tee-quote':
        return value.length >= 64;
      case 'tunnel':
      case 'customer-identity':
        if (STATUS_WORD_RE.test(value)) return false;
        // an email is pseudonymised (consistently) by the email rule instead
        return !(cat === 'customer-identity' && value.includes('@') && /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/.test(value));
      case 'connector': {
        if (STATUS_WORD_RE.test(value)) return false;
        const w = keyWords(key);
        if (w.length === 1 && w[0] === 'connection') return UUID_RE.test(value);
        return true;
      }
      case 'mnemonic': {
        const w = keyWords(key);
        if (w.length === 1 && w[0] === 'seed') return value.includes(' ') || value.length >= 32;
        return true;
      }
      default:
        return true;
    }
  }
}
