/**
 * Precompiled patterns for the redaction engine and the public-boundary check.
 *
 * Everything here is compiled once at module load. Each value-shape rule comes with a
 * cheap gate (a substring test) so that a line only pays for the regexes it can match.
 * Every pattern that starts with a broad character class carries a negative lookbehind
 * so it is attempted once per run of such characters, never once per character (no
 * quadratic backtracking on a long base64 line).
 */
import { asciiClass } from './class-runs.js';

/** Category names used in markers (`[REDACTED:<category>]`) and in counts. */
export const CATEGORIES = [
  'local-key',
  'support-grant',
  'gateway-key',
  'setup-token',
  'authorization',
  'cookie',
  'jwt',
  'private-key',
  'certificate',
  'pem-block',
  'tee-quote',
  'base64-blob',
  'url-credential',
  'password',
  'secret',
  'token-hash',
  'aws-access-key',
  'aws-secret-key',
  'github-token',
  'slack-token',
  'stripe-key',
  'cloudflare-token',
  'cloudflare-tunnel-token',
  'api-key',
  'hex-secret',
  'mnemonic',
  'prompt-output',
  'customer-identity',
  'tunnel',
  'connector',
  'overlong-line',
  // pseudonymised (consistent within one Pseudonymizer), counted too:
  'email',
  'ip',
  'host',
  'path',
  'local-url',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const B3IQ_KIND_CATEGORY: Record<string, Category> = {
  local: 'local-key',
  support: 'support-grant',
  gateway: 'gateway-key',
  setup: 'setup-token',
  session: 'cookie',
};

// ---------------------------------------------------------------------------------------
// Value shapes (context-free)
// ---------------------------------------------------------------------------------------

/** b3iq credential, checksum-valid or not: the prefix and at least 8 base62 chars. */
export const B3IQ_RE = /b3iq_(local|support|gateway|setup|session)_[0-9A-Za-z]{8,}/g;
/** A setup URL carries its token in the fragment. */
export const SETUP_FRAGMENT_RE = /#token=[^\s"'&<>`]+/g;
/** Cloudflare tunnel token (base64 JSON `{"a":…,"t":…,"s":…}`) and JWTs. */
export const EYJ_RE =
  /(?<![A-Za-z0-9_-])eyJ(?:hIjoi[A-Za-z0-9+/_=-]{40,}|[A-Za-z0-9_-]{6,}\.(?:eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*)?|[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]*))/g;
/** `Bearer x` / `Basic x` in free text (headers with a key are handled by the keyed pass). */
export const BEARER_RE = /(?<![\w-])(Bearer|Basic|bearer|basic|BEARER|BASIC)[ \t]+([A-Za-z0-9._~+/=-]{8,})/g;
export const AWS_ACCESS_RE = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;
export const GITHUB_RE = /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{22,})/g;
export const SLACK_RE = /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g;
export const STRIPE_RE = /(?<![A-Za-z0-9])(?:(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9]{20,})/g;
export const CLOUDFLARE_RE = /(?<![A-Za-z0-9])cf(?:ut|at|k)_[A-Za-z0-9_-]{30,}/g;
export const OTHER_API_RE =
  /(?<![A-Za-z0-9_-])(?:sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{35}|hf_[A-Za-z0-9]{30,}|glpat-[A-Za-z0-9_-]{20,}|npm_[A-Za-z0-9]{36})/g;
/** scheme://[userinfo@]host[:port] — the handler decides (local host → whole URL pseudonym). */
export const URL_RE = /(?<![\w.+-])[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/(?:([^\s/?#@"'<>`]*)@)?(\[[0-9A-Fa-f:.]+\]|[^\s/?#:"'<>`\\]*)(?::\d{1,5})?/g;
export const LOCALHOST_RE = /(?<![\w.-])localhost(?::\d{1,5})?(?:\/[^\s"'<>`]*)?/g;
/** Exactly 64 hex digits after 0x: an Ethereum-style private key, or a public hash. */
export const HEX64_RE = /(?<![\w])0x[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
export const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

const isLetterCode = (c: number): boolean => ((c | 32) - 97) >>> 0 < 26;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
/** `[A-Za-z0-9-]`: a domain label's character. */
const isLabelCode = (c: number): boolean => isLetterCode(c) || isDigitCode(c) || c === 45;
/** `[A-Za-z0-9._%+-]`: a local part's character. */
const isLocalCode = (c: number): boolean => isLabelCode(c) || c === 46 || c === 95 || c === 37 || c === 43;

/**
 * What every EMAIL_RE match holds, without the regex: an `@` between a local part's character
 * and a label's, then, before anything but labels and dots, a dot and a letter (the top-level
 * domain). Most `@` in logs are not addresses (`Object@1b2c3d`, `user@:`): a regex run there
 * tried every word start of the line.
 */
export function mayHoldEmail(line: string): boolean {
  for (let a = line.indexOf('@'); a >= 0; a = line.indexOf('@', a + 1)) {
    if (a === 0 || !isLocalCode(line.charCodeAt(a - 1)) || !isLabelCode(line.charCodeAt(a + 1))) continue;
    for (let j = a + 2; j < line.length; j++) {
      const c = line.charCodeAt(j);
      if (c === 46) {
        if (isLetterCode(line.charCodeAt(j + 1))) return true;
      } else if (!isLabelCode(c)) break;
    }
  }
  return false;
}
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** IPv4, optionally with :port and a path (a private/loopback host with a port is a local URL). */
export const IPV4_RE = new RegExp(`(?<![\\w.])(?:${OCTET}\\.){3}${OCTET}(?![\\w])(?!\\.\\d)(?!-[A-Za-z])(?::\\d{1,5}(?![\\w.])(?:/[^\\s"'<>\`]*)?)?`, 'g');
/** Hosts under private-use names. */
export const PRIVATE_HOST_RE =
  /(?<![\w.-])[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9-]{1,63})*\.(?:local|internal|lan|localdomain|home\.arpa|intranet|corp)(?![\w-])(?::\d{1,5})?(?:\/[^\s"'<>`]*)?/g;
export const PRIVATE_HOST_GATE = /\.(?:local|internal|lan|localdomain|home\.arpa|intranet|corp)\b/;
/** Cloudflare tunnel hostnames carry the tunnel id. */
export const TUNNEL_HOST_RE = /(?<![\w-])[0-9a-fA-F-]{32,36}\.cfargotunnel\.com/g;
/** Long base64/base64url/hex runs: raw quotes, keys, blobs. */
export const BLOB_RE = /(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/_-]{200,}={0,2}/g;
export const BLOB_MIN = 200;
/** BLOB_RE's run characters: a match is BLOB_MIN of them in a row (`hasStretch`). */
export const BLOB_CHARS = asciiClass(/[A-Za-z0-9+/_-]/);
export const TEE_CONTEXT_RE = /quote|attest|report|evidence|tdx|sgx|sev-?snp|vcek|tpm/i;

export const PEM_BEGIN = '-----BEGIN ';
export const PEM_INLINE_RE = /-----BEGIN ([A-Za-z0-9 ]{1,64})-----(?:[^"'-]|-(?!----END ))*(?:-----END [A-Za-z0-9 ]{1,64}-----)?/g;
export const PEM_BODY_RE = /^\s*(?:[A-Za-z0-9+/=]{1,128}|(?:Proc-Type|DEK-Info|Comment|Version):.*)?\s*$/;

export function pemCategory(label: string): Category {
  if (label.includes('PRIVATE')) return 'private-key';
  if (label.includes('CERTIFICATE') || label.includes('X509') || label.includes('CRL')) return 'certificate';
  return 'pem-block';
}

/** Loopback, RFC 1918, link-local, CGNAT (Tailscale), private-use names. */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '0.0.0.0' || h === 'host.docker.internal') return true;
  if (h.startsWith('[')) {
    return h === '[::1]' || h.startsWith('[fc') || h.startsWith('[fd') || h.startsWith('[fe80') || h.startsWith('[::ffff:127.');
  }
  if (PRIVATE_HOST_GATE.test(h) && /\.(?:local|internal|lan|localdomain|home\.arpa|intranet|corp)$/.test(h)) return true;
  return isPrivateIPv4(h) || isLoopbackIPv4(h);
}

const IPV4_EXACT = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`);
export function isIPv4(s: string): boolean {
  return IPV4_EXACT.test(s);
}
export function isLoopbackIPv4(s: string): boolean {
  return s.startsWith('127.') && IPV4_EXACT.test(s);
}
export function isPrivateIPv4(s: string): boolean {
  if (!IPV4_EXACT.test(s)) return false;
  const p = s.split('.').map(Number) as [number, number, number, number];
  const [a, b] = p;
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 0 && b === 0 && p[2] === 0 && p[3] === 0)
  );
}
/** Addresses that say nothing about anyone: kept as they are. */
export function isUnremarkableIPv4(s: string): boolean {
  return s.startsWith('127.') || s === '0.0.0.0' || s === '255.255.255.255' || s.startsWith('255.255.');
}

/** For values found under a secret-like key: which more specific category the shape says. */
const SHAPE_CHECKS: Array<[RegExp, Category | 'b3iq']> = [
  [/b3iq_(local|support|gateway|setup|session)_[0-9A-Za-z]{8,}/, 'b3iq'],
  [/^eyJhIjoi/, 'cloudflare-tunnel-token'],
  [/^eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\./, 'jwt'],
  [/^(?:AKIA|ASIA)[A-Z0-9]{16}$/, 'aws-access-key'],
  [/^(?:gh[pousr]_|github_pat_)/, 'github-token'],
  [/^xox[abposr]-/, 'slack-token'],
  [/^(?:(?:sk|rk)_(?:live|test)_|whsec_)/, 'stripe-key'],
  [/^cf(?:ut|at|k)_/, 'cloudflare-token'],
  [/^(?:sk-|AIza|hf_|glpat-|npm_)/, 'api-key'],
  [/^-----BEGIN [A-Z ]*PRIVATE KEY/, 'private-key'],
  [/^-----BEGIN [A-Z ]*CERTIFICATE/, 'certificate'],
];
export function shapeCategory(value: string): Category | null {
  for (const [re, cat] of SHAPE_CHECKS) {
    const m = re.exec(value);
    if (m) return cat === 'b3iq' ? (B3IQ_KIND_CATEGORY[m[1] as string] as Category) : cat;
  }
  return null;
}

/** Placeholders, references and literals that are not secrets even under a secret key. */
export const NOT_A_SECRET_RE =
  /^(?:|null|nil|none|true|false|undefined|\*+|x{3,}|<[^<>]*>|\[REDACTED(?::[a-z0-9-]+)?\]|\[[a-z-]+-(?:\d+|h[0-9a-f]+)\]|REDACTED|redacted|\$\{[^}]*\}|\$[A-Z_][A-Z0-9_]*|%[A-Z_][A-Z0-9_]*%|(?:lk|sg|st)_[0-9A-Za-z]{6,20}|env:[A-Z_][A-Z0-9_]*|file:.*)$/;
export const NUMBER_RE = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
export const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const STATUS_WORD_RE =
  /^(?:up|down|ok|healthy|unhealthy|degraded|connected|disconnected|ready|active|inactive|enabled|disabled|on|off|yes|no|pending|running|stopped|failed|none|unknown|verified|valid|invalid|live|revoked|expired|used)$/i;

// Labels that make a 64-hex value a public hash.
export const PUBLIC_HASH_KEY_RE = /hash|root|digest|sha|checksum|commitment|merkle|receipt|^tx|transaction|block|nonce|topic|^id$|Id$|_id$/i;
export const PRIVATE_HINT_KEY_RE = /priv|secret|key|seed|mnemonic|password|passphrase|token|credential/i;
export const PUBLIC_HASH_LINE_RE = /hash|root|receipt|digest|sha256|merkle|transaction|\btx\b|\btxid\b|\bblock\b/i;
// `priv`/`private` as a word or before `key` (`privkey`, `private_key`, `privateKey`), not inside
// a name (`KSOutOfProcessFetcher(PrivateMethods)` beside a request hash in macOS logs)
export const PRIVATE_HINT_LINE_RE =
  /(?<![A-Za-z])priv(?:ate)?(?:[\s_.-]?key|(?![A-Za-z]))|priv(?:ate)?[\s_.-]?key|secret|mnemonic|passphrase|signing key|wallet key/i;
/** The key that introduces the value right at the end of a prefix. */
export const KEY_BEFORE_VALUE_RE = /([A-Za-z_][\w.-]{0,63})\\?["']?[ \t]*(?:[:=]|=>)[ \t]*\\?["']?$/;

// Key names live in key-names.ts; re-exported so every importer keeps working.
export { KEYWORD_RE, classifyKey, classifyKeyUncached, keyWords } from './key-names.js';

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
