/**
 * The public surface boundary (CLI.md section 6; operator-security "Public Surface
 * Boundary"). Public node, model, receipt, settlement and route-readiness payloads may
 * carry public ids, readiness status and blockers, benchmark summaries, receipt hashes,
 * roots, counts and totals, public tx hashes and settlement status. They must not carry
 * anything in PUBLIC_CATEGORIES. Judged by key names and by value shapes; hex hashes are
 * allowed unless a key says they are secret.
 *
 * The walk is iterative (no recursion), so a 100 000-deep value cannot overflow the stack,
 * and `parsePublicPayload` refuses absurd nesting before JSON.parse sees it.
 */
import { B3iqError } from '../core/errors.js';
import {
  AWS_ACCESS_RE,
  B3IQ_RE,
  CLOUDFLARE_RE,
  EMAIL_RE,
  GITHUB_RE,
  IPV4_RE,
  NOT_A_SECRET_RE,
  OTHER_API_RE,
  SLACK_RE,
  STATUS_WORD_RE,
  STRIPE_RE,
  TUNNEL_HOST_RE,
  URL_RE,
  UUID_RE,
  classifyKey,
  isLoopbackIPv4,
  isPrivateHost,
  isPrivateIPv4,
  keyWords,
  type Category,
} from '../redact/patterns.js';

export const PUBLIC_CATEGORIES = [
  'raw-prompt-output',
  'credential',
  'token-hash',
  'customer-identity',
  'private-route',
  'request-log',
  'local-url',
  'filesystem-path',
  'tunnel',
  'connector',
  'tee-quote',
  'certificate-chain',
] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];

export interface PublicViolation {
  /** JSONPath of the offending value, e.g. `$.node.endpoints[0].url`. */
  path: string;
  category: PublicCategory;
  message: string;
}
export interface PublicCheckResult {
  ok: boolean;
  violations: PublicViolation[];
}

/** Nesting deeper than this is refused by parsePublicPayload (E_TOO_DEEP). */
export const MAX_PUBLIC_DEPTH = 256;
/** Stop collecting after this many violations (the verdict is already clear). */
const MAX_VIOLATIONS = 10_000;

const REDACT_TO_PUBLIC: Partial<Record<Category, PublicCategory>> = {
  'prompt-output': 'raw-prompt-output',
  secret: 'credential',
  password: 'credential',
  authorization: 'credential',
  cookie: 'credential',
  'private-key': 'credential',
  'aws-secret-key': 'credential',
  'aws-access-key': 'credential',
  'cloudflare-token': 'credential',
  mnemonic: 'credential',
  'token-hash': 'token-hash',
  'customer-identity': 'customer-identity',
  tunnel: 'tunnel',
  'cloudflare-tunnel-token': 'tunnel',
  connector: 'connector',
  'tee-quote': 'tee-quote',
};

/** Categories that make a whole object/array one violation (not descended into). */
const WHOLE_CONTAINER = new Set<PublicCategory>([
  'raw-prompt-output',
  'request-log',
  'certificate-chain',
  'customer-identity',
  'private-route',
]);
/** Objects under these keys are descended into; their identifying fields inherit the category. */
const INHERITING = new Set<PublicCategory>(['tunnel', 'connector']);
/** Fields of a tunnel/connector object that are public-safe readiness facts. */
const INHERIT_SAFE = new Set([
  'status', 'state', 'ok', 'healthy', 'ready', 'connected', 'count', 'counts', 'at', 'since', 'blockers', 'blocker',
  'version', 'protocol', 'latency', 'ms', 'uptime', 'seconds', 'reason', 'checked', 'kind', 'type', 'enabled', 'mode',
  'freshness', 'updated', 'observed', 'message', 'level',
]);

const KEY_MESSAGES: Record<PublicCategory, string> = {
  'raw-prompt-output': 'raw prompts or model outputs are not public',
  credential: 'credentials and secrets are not public',
  'token-hash': 'token hashes are not public',
  'customer-identity': 'customer identity is not public',
  'private-route': 'exact private routes are not public',
  'request-log': 'private request logs are not public',
  'local-url': 'local runtime URLs are not public',
  'filesystem-path': 'filesystem paths are not public',
  tunnel: 'tunnel ids and tunnel tokens are not public',
  connector: 'connector details are not public',
  'tee-quote': 'raw TEE quotes are not public (publish a digest or verdict instead)',
  'certificate-chain': 'certificate chains are not public',
};

const REQUEST_LOG_KEYS = new Set([
  'log', 'logs', 'requestlog', 'requestlogs', 'accesslog', 'accesslogs', 'requests', 'requesthistory', 'recentrequests',
  'rawrequests', 'requestbodies', 'transcript', 'transcripts', 'conversation', 'conversations', 'history',
]);
const PRIVATE_ROUTE_KEYS = new Set([
  'privateroute', 'privateroutes', 'internalroute', 'internalroutes', 'routetable', 'upstream', 'upstreams',
  'upstreamurl', 'upstreamhost', 'backend', 'backends', 'backendurl', 'origin', 'originurl', 'originserver',
  'originhost', 'nexthop', 'exactroute', 'privateendpoint', 'internalendpoint', 'internalurl',
]);
const LOCAL_URL_KEYS = new Set(['localurl', 'runtimeurl', 'localendpoint', 'runtimeendpoint', 'localapi', 'localapiurl']);
const CERT_KEYS = new Set([
  'cert', 'certs', 'certificate', 'certificates', 'certchain', 'certificatechain', 'x5c', 'cachain', 'cacert',
  'vcek', 'vlek', 'pckcert', 'pckcertchain', 'tlscert',
]);
const CUSTOMER_KEYS = new Set([
  'clientip', 'remoteaddr', 'remoteip', 'sourceip', 'callerip', 'userip', 'billingemail', 'accountemail', 'owneremail',
  'phone', 'phonenumber', 'fullname', 'billingaddress', 'postaladdress',
]);
const PATH_LAST = new Set(['path', 'paths', 'dir', 'directory', 'file', 'filename', 'cwd', 'home', 'folder']);

function keyCategory(key: string): PublicCategory | null {
  const w = keyWords(key);
  if (w.length === 0) return null;
  const norm = w.join('');
  if (REQUEST_LOG_KEYS.has(norm) || (w.includes('request') && (w.includes('log') || w.includes('logs')))) return 'request-log';
  if (PRIVATE_ROUTE_KEYS.has(norm)) return 'private-route';
  if (LOCAL_URL_KEYS.has(norm)) return 'local-url';
  if (CERT_KEYS.has(norm) || (w.includes('cert') && w.includes('chain')) || (w.includes('certificate') && !w.includes('fingerprint') && !w.includes('status') && !w.includes('hash') && !w.includes('valid'))) {
    return 'certificate-chain';
  }
  if (CUSTOMER_KEYS.has(norm)) return 'customer-identity';
  const rc = classifyKey(key);
  if (rc) return REDACT_TO_PUBLIC[rc] ?? null;
  if (PATH_LAST.has(w[w.length - 1] as string) && !w.includes('url')) return 'filesystem-path';
  return null;
}

/** Whether a key-flagged value actually carries something (nulls, flags and placeholders do not). */
function carries(cat: PublicCategory, key: string, value: unknown): boolean {
  if (value === null || value === undefined || typeof value === 'boolean') return false;
  if (typeof value === 'number' || typeof value === 'bigint') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value as object).length > 0;
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (NOT_A_SECRET_RE.test(v)) return false;
  switch (cat) {
    case 'tee-quote':
      return v.length >= 64;
    case 'filesystem-path':
      return /^(?:\/|~|\.\.?[\\/]|[A-Za-z]:[\\/]|\\\\|file:)/.test(v);
    case 'connector': {
      const w = keyWords(key);
      if (w.length === 1 && w[0] === 'connection') return UUID_RE.test(v);
      return !STATUS_WORD_RE.test(v);
    }
    case 'tunnel':
    case 'customer-identity':
    case 'private-route':
    case 'request-log':
      return !STATUS_WORD_RE.test(v);
    case 'credential': {
      const w = keyWords(key);
      if (w.length === 1 && w[0] === 'seed') return v.includes(' ') || v.length >= 32;
      return true;
    }
    default:
      return true;
  }
}

// Value shapes (non-global copies of the redaction patterns: `test` without lastIndex state).
const nonGlobal = (re: RegExp): RegExp => new RegExp(re.source, re.flags.replace('g', ''));
const CREDENTIAL_SHAPES: Array<[RegExp, string]> = [
  [nonGlobal(B3IQ_RE), 'value looks like a b3iq credential'],
  [/#token=[^\s"'&]{8,}/, 'value carries a setup token'],
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*/, 'value looks like a JWT'],
  [/(?<![\w-])(?:Bearer|Basic)[ \t]+[A-Za-z0-9._~+/=-]{8,}/i, 'value carries an authorization header value'],
  [nonGlobal(AWS_ACCESS_RE), 'value looks like an AWS access key'],
  [nonGlobal(GITHUB_RE), 'value looks like a GitHub token'],
  [nonGlobal(SLACK_RE), 'value looks like a Slack token'],
  [nonGlobal(STRIPE_RE), 'value looks like a Stripe secret key'],
  [nonGlobal(CLOUDFLARE_RE), 'value looks like a Cloudflare API token'],
  [nonGlobal(OTHER_API_RE), 'value looks like an API key'],
  [/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/, 'value carries a private key'],
  [/[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/[^\s/?#@:"'<>]+:[^\s/?#@"'<>]+@/, 'URL carries a password'],
];
const TUNNEL_TOKEN_RE = /(?<![A-Za-z0-9_-])eyJhIjoi[A-Za-z0-9+/_=-]{40,}/;
const TUNNEL_HOST = nonGlobal(TUNNEL_HOST_RE);
const CERT_RE = /-----BEGIN [A-Z0-9 ]*CERTIFICATE-----/;
const EMAIL = nonGlobal(EMAIL_RE);
const ABS_PATH_RE =
  /(?:^|[\s"'=(:,[])(?:\/(?:home|Users|root|var|etc|opt|tmp|srv|usr|mnt|media|run|data|proc|dev|private|Volumes|Library|nix|snap|workspace|app|lib|sys)(?:\/|$)|~\/|[A-Za-z]:[\\/](?!\/)|\\\\[A-Za-z0-9])|file:\/\//;
const B64_BLOB_RE = /(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/_-]*[A-Z])(?=[A-Za-z0-9+/_-]*[a-z])[A-Za-z0-9+/_-]{200,}/;
const HEX_BLOB_RE = /(?<![0-9a-fA-F])[0-9a-fA-F]{1024,}/;
const LOCALHOST_PORT_RE = /(?<![\w.-])localhost(?::\d{1,5}|\/)/i;

function scanString(s: string, path: string, out: PublicViolation[]): void {
  const seen = new Set<PublicCategory>();
  const add = (category: PublicCategory, message: string): void => {
    if (seen.has(category)) return;
    seen.add(category);
    out.push({ path, category, message });
  };
  if (s.length < 5) return;
  if (TUNNEL_TOKEN_RE.test(s)) add('tunnel', 'value looks like a Cloudflare tunnel token');
  if (TUNNEL_HOST.test(s)) add('tunnel', 'value names a Cloudflare tunnel');
  for (const [re, msg] of CREDENTIAL_SHAPES) {
    if (re.test(s)) {
      add('credential', msg);
      break;
    }
  }
  if (CERT_RE.test(s)) add('certificate-chain', 'value carries a PEM certificate');
  if (s.includes('@') && EMAIL.test(s)) {
    // a URL's user part is a credential matter, not an email
    add('customer-identity', 'value carries an email address');
  }
  if (s.includes('://')) {
    const re = new RegExp(URL_RE.source, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const host = m[2] ?? '';
      if (host && isPrivateHost(host)) {
        add('local-url', 'URL points at a loopback or private host');
        break;
      }
    }
  }
  if (LOCALHOST_PORT_RE.test(s)) add('local-url', 'value names a localhost endpoint');
  if (/\d\.\d/.test(s)) {
    const re = new RegExp(IPV4_RE.source, 'g');
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      const cut = m[0].search(/[:/]/);
      const ip = cut < 0 ? m[0] : m[0].slice(0, cut);
      if (isLoopbackIPv4(ip) || ip === '0.0.0.0') add('local-url', 'value names a loopback address');
      else if (isPrivateIPv4(ip)) add(cut < 0 ? 'private-route' : 'local-url', 'value names a private network address');
    }
  }
  if (ABS_PATH_RE.test(s)) add('filesystem-path', 'value looks like a filesystem path');
  if (s.length >= 200 && (B64_BLOB_RE.test(s) || HEX_BLOB_RE.test(s))) add('tee-quote', 'value carries a long binary blob (raw quote?)');
}

const FLAGGED: unique symbol = Symbol('flagged');

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Checks a parsed payload against the public boundary. Never throws on odd input. */
export function checkPublicPayload(value: unknown): PublicCheckResult {
  const violations: PublicViolation[] = [];
  // entries are popped in document order; a key-flagged value is queued as a violation so
  // the report follows the document too
  const stack: Array<[unknown, string, PublicCategory | null]> = [[value, '$', null]];
  const visited = new WeakSet<object>();
  while (stack.length > 0 && violations.length < MAX_VIOLATIONS) {
    const [v, path, inherited] = stack.pop() as [unknown, string, PublicCategory | null];
    if (v === FLAGGED) {
      const cat = inherited as PublicCategory;
      violations.push({ path, category: cat, message: KEY_MESSAGES[cat] });
      continue;
    }
    if (typeof v === 'string') {
      scanString(v, path, violations);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (visited.has(v)) continue;
    visited.add(v);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], childPath(path, i), inherited]);
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i] as [string, unknown];
      const p = childPath(path, k);
      // a key can leak too ({"/home/alice/x": …}); reported with the value's path
      if (k.length >= 5) stack.push([k, p, null]);
      let cat = keyCategory(k);
      if (!cat && inherited && typeof child === 'string' && child.trim() !== '') {
        const w = keyWords(k);
        if (!w.some((x) => INHERIT_SAFE.has(x))) cat = inherited;
      }
      let next = inherited;
      if (cat && carries(cat, k, child)) {
        const isContainer = child !== null && typeof child === 'object';
        if (!isContainer || WHOLE_CONTAINER.has(cat)) {
          stack.push([FLAGGED, p, cat]);
          continue;
        }
        if (INHERITING.has(cat)) next = cat;
      }
      stack.push([child, p, next]);
    }
  }
  return { ok: violations.length === 0, violations };
}

/**
 * Parses a public payload. Throws B3iqError E_TOO_DEEP (nesting over MAX_PUBLIC_DEPTH,
 * found by a linear scan before JSON.parse runs) or E_INVALID_JSON; messages never echo
 * the input.
 */
export function parsePublicPayload(text: string, opts: { maxDepth?: number } = {}): unknown {
  const maxDepth = opts.maxDepth ?? MAX_PUBLIC_DEPTH;
  let s = String(text);
  if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
  let depth = 0;
  let inStr = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
    } else if (c === 34) inStr = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) {
        throw new B3iqError('E_TOO_DEEP', `payload nesting exceeds ${maxDepth} levels`);
      }
    } else if (c === 125 || c === 93) depth--;
  }
  try {
    return JSON.parse(s) as unknown;
  } catch (err) {
    const pos = /position (\d+)/.exec(err instanceof Error ? err.message : '');
    throw new B3iqError('E_INVALID_JSON', pos ? `payload is not valid JSON (at offset ${pos[1]})` : 'payload is not valid JSON');
  }
}
