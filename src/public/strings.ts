/**
 * What a string value shows, whatever key it sits under. Credentials by shape come from
 * the redactor (`redact()`, the same rules a support bundle gets, so the two never
 * disagree about what a secret looks like); addresses, paths, blobs and command lines are
 * judged here, where the question is "may this be published?" rather than "what to mask".
 */
import { homedir } from 'node:os';
import { Pseudonymizer, redact } from '../redact/index.js';
import type { PublicCategory } from './categories.js';
import { commandCarriesSecret } from './commands.js';
import { identifierTextFindings } from './identifiers.js';
import { exposureTextFindings } from './exposure.js';
import { extraTextFindings, isShortLoopback } from './extra.js';
import { BARE_SERVICE_RE, canonicalHost, findUrls, isLoopbackIPv4, isPrivateHostname, isPrivateIPv4, urlIsPrivate } from './hosts.js';
import { classifyPublicKey } from './keys.js';
import { LayerBudget } from './layers.js';
import { hasBotToken, hasCardNumber, hasLooseB3iqToken, hasLoosePrivateKey, hasSpelledEmail, readerView } from './disguises.js';

export type Finding = [PublicCategory, string];

/**
 * Redactor categories and what they mean for a public payload. Categories not listed
 * (every credential shape, and any the redactor learns later) are credentials; `null`
 * means "judged here instead" (pseudonymised addresses, hosts, paths, blobs).
 */
const FROM_REDACTOR: Record<string, PublicCategory | null> = {
  email: 'customer-identity',
  'customer-identity': 'customer-identity',
  'prompt-output': 'raw-prompt-output',
  'token-hash': 'token-hash',
  tunnel: 'tunnel',
  'cloudflare-tunnel-token': 'tunnel',
  connector: 'connector',
  'tee-quote': 'tee-quote',
  certificate: 'certificate-chain',
  ip: null,
  host: null,
  path: null,
  'local-url': null,
  'base64-blob': null,
  'overlong-line': null,
  'pem-block': null,
};
const HEX_ONLY_RE = /^(?:0x)?[0-9a-fA-F]+$/;
/** Hex strings and timestamps: a bare hash is judged by its key, a time is a time. */
/** Hex, an ISO-8601 date or time, or an interval of two (`2026-12-01T00:00:00Z/2026-12-01T04:00:00Z`). */
const NOTHING_TO_REDACT_RE =
  /^(?:(?:0x)?[0-9a-fA-F]+|\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?(?:\/\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)?)?)?)$/;

const TUNNEL_HOST_RE = /(?<![\w-])[0-9a-fA-F-]{32,36}\.cfargotunnel\.com/;
const IPV4_IN_TEXT_RE = /(?<![\w.]|[\w.-]@|:\/\/)(\d{1,3}(?:\.\d{1,3}){3})(?![\w]|\.\d)(:\d{1,5})?/g;
const IPV6_IN_TEXT_RE =
  /\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.%\w]*)\]|(?<![\w:.])((?:[0-9A-Fa-f]{1,4}:){1,7}(?::(?:[0-9A-Fa-f]{1,4}:){0,5})?[0-9A-Fa-f]{0,4}(?:\d{1,3}(?:\.\d{1,3}){3})?|::[0-9A-Fa-f:.]*)(?![\w:.])/g;
const LOCALHOST_RE = /(?<![\w.-])localhost\.?(?::\d{1,5}|\/)/i;
/** An absolute path standing alone; API routes (`/v1/…`, `/health`) are not paths on a disk. */
const WHOLE_PATH_RE =
  /^(?:~[A-Za-z0-9_.-]*\/|\.\.[\\/](?:\.\.[\\/])*[^\s\\/]+[\\/]|[A-Za-z]:[\\/]|\\\\[^\\\s]+\\|file:\/\/|\/(?!(?:v\d+|api|\.well-known|healthz?|readyz|livez|metrics|status|diagnostics|openai)(?:[/?#]|$))[^\s/?#]+\/[^\s]*)/;
const EMBEDDED_PATH_RE =
  /(?:^|[\s"'=(:,[])(?:\/(?:home|Users|root|var|etc|opt|tmp|srv|usr|mnt|media|run|data|proc|dev|private|Volumes|Library|nix|snap|workspace|app|lib|sys|models?|weights|cache|scratch|gpfs|lustre|nfs|hf|huggingface|checkpoints|secrets|workdir)(?:\/|$)|~\/|[A-Za-z]:[\\/](?!\/)|\\\\[A-Za-z0-9])|file:\/\/|\/\.(?:cache|config|local|ssh|aws|kube|docker|huggingface)\/|(?:%[A-Za-z_]+%|\$\{?HOME\}?)[\\/]|(?:models|datasets)--[\w.-]+--[\w.-]+\/snapshots\//;
const B64_BLOB_RE = /(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/_-]*[A-Z])(?=[A-Za-z0-9+/_-]*[a-z])[A-Za-z0-9+/_-]{200,}/;
const HEX_BLOB_RE = /(?<![0-9a-fA-F])[0-9a-fA-F]{1024,}/;
export const UUID_IN_TEXT_RE = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

/**
 * Whether the redactor could find anything: every credential shape it knows is 16+
 * characters or comes with a key, a header or an address (`=`, `:`, `@`, a space).
 */
function mayHoldCredential(s: string): boolean {
  if (s.length < 8 || NOTHING_TO_REDACT_RE.test(s)) return false;
  return s.length >= 16 || /[=:@\s"'#]/.test(s);
}

/** Per check: strings seen before (payloads repeat them) and one pseudonymizer (only counts are read). */
export class ScanCache {
  readonly findings = new Map<string, Finding[]>();
  /** Shaped-token counts of strings tried as halves of a split token (sequences.ts). */
  readonly shaped = new Map<string, number>();
  /** Decoding tries left (layers.ts). */
  readonly layers = new LayerBudget();
  /** Whether a key's end could open a token (sequences.ts). */
  readonly opens = new Map<string, boolean>();
  /** Findings of keys, decoded layers included (check.ts). */
  readonly keys = new Map<string, Finding[]>();
  /** Only the counts are read: pseudonyms and home-folder paths do not matter here, so both are fixed once. */
  readonly options = { pseudonymizer: new Pseudonymizer({ maxEntries: 1000 }), homeDir: HOME, configHome: HOME };
}
const HOME = homedir();

/** Credentials and the like, as the redactor sees them. */
function redactorFindings(s: string, cache: ScanCache): Finding[] {
  const hit = cache.findings.get(s);
  if (hit) return hit;
  const out: Finding[] = [];
  let counts: Record<string, number> = {};
  try {
    counts = redact(s, cache.options).counts as Record<string, number>;
  } catch {
    counts = {};
  }
  for (const name of Object.keys(counts)) {
    if (!counts[name]) continue;
    if (name === 'hex-secret' && HEX_ONLY_RE.test(s.trim())) continue; // a bare hash: judged by its key
    const cat = name in FROM_REDACTOR ? FROM_REDACTOR[name] : 'credential';
    if (cat) out.push([cat, cat === 'credential' ? 'value carries a secret' : `value carries ${name.replace(/-/g, ' ')}`]);
  }
  if (cache.findings.size < 50_000) cache.findings.set(s, out);
  return out;
}

/**
 * Query and fragment parameters that carry a credential though their names say nothing
 * secret: presigned URLs (S3/GCS/CloudFront/Azure SAS signatures) and OAuth codes.
 */
const SIGNED_PARAM_RE =
  /^(?:sig|signature|xamzsignature|xamzcredential|xamzsecuritytoken|xgoogsignature|xgoogcredential|keypairid|policy|code|state|ticket|nonce)$/;

function paramCarriesSecret(name: string, value: string): boolean {
  if (value === '') return false;
  if (classifyPublicKey(name) === 'credential') return true;
  const f = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // `code`/`state`/`nonce` also name languages and flags: only a value that looks generated counts
  if (/^(?:code|state|nonce|policy)$/.test(f)) return value.length >= 12 && /\d/.test(value) && /[A-Za-z]/.test(value);
  return SIGNED_PARAM_RE.test(f) && value.length >= 8;
}

function urlFindings(s: string, add: (c: PublicCategory, m: string) => void): void {
  // the rests of URLs packed together overlap: each character is read once (`http://a/?x=1&` x 100 000 took 13 s)
  let readUntil = 0;
  for (const u of findUrls(s)) {
    if (u.userinfo?.includes(':') && !/:$/.test(u.userinfo)) add('credential', 'URL carries a password');
    if (urlIsPrivate(u)) add('local-url', 'URL points at a loopback, private or single-label host');
    const end = u.restAt + u.rest.length;
    if (end <= readUntil) continue;
    // the query, and the fragment too (`#access_token=…` of an OAuth implicit grant)
    const q = u.rest.search(/[?#]/);
    const from = Math.max(q + 1, readUntil - u.restAt);
    readUntil = end;
    if (q >= 0) {
      for (const pair of u.rest.slice(from).split(/[&#?;]/)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        let name = pair.slice(0, eq);
        try {
          name = decodeURIComponent(name);
        } catch {
          /* keep it as written */
        }
        if (paramCarriesSecret(name, pair.slice(eq + 1))) add('credential', 'URL query carries a secret');
      }
    }
  }
}

/**
 * A private name written without a scheme (`gpu.internal:8000`, `db.local:5432`,
 * `redis.default.svc.cluster.local`): names under the private-use suffixes that prose never
 * ends a word with stand alone; the ones that could (`.lan`, `.corp`, `.home`) need a port.
 */
const PRIVATE_NAME_RE =
  /(?<![\w.@/-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}(?:internal|local|localdomain|localhost|svc|home\.arpa|ts\.net|intranet))(?::\d{1,5})?(?![\w-]|\.[a-z0-9])|(?<![\w.@/-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,8}(?:lan|corp|home|private):\d{1,5}(?![\w.-])/i;

/** `5.0.0.10.in-addr.arpa`: the reverse-DNS name of 10.0.0.5. */
const REVERSE_DNS_RE = /(?<![\w.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa/gi;

function addressFindings(s: string, add: (c: PublicCategory, m: string) => void): void {
  if (s.includes('.arpa') || s.includes('.ARPA')) {
    for (const m of s.matchAll(REVERSE_DNS_RE)) {
      if (isPrivateIPv4(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`)) add('local-url', 'value names a private address by its reverse-DNS name');
    }
  }
  if (s.includes('.') && PRIVATE_NAME_RE.test(s)) add('local-url', 'value names a host under a private-use name');
  if (/\d\.\d/.test(s)) {
    for (const m of s.matchAll(IPV4_IN_TEXT_RE)) {
      const ip = canonicalHost(m[1] as string);
      if (ip === null || !/^\d+\.\d+\.\d+\.\d+$/.test(ip) || ip !== m[1]) continue;
      if (isLoopbackIPv4(ip)) add('local-url', 'value names a loopback address');
      // link-local (169.254/16, the cloud metadata service) is this machine's own link, never a route
      else if (isPrivateIPv4(ip)) add(m[2] || ip.startsWith('169.254.') ? 'local-url' : 'private-route', 'value names a private network address');
    }
  }
  if (s.includes(':') && /[0-9a-fA-F]:|::/.test(s)) {
    for (const m of s.matchAll(IPV6_IN_TEXT_RE)) {
      const raw = (m[1] ?? m[2] ?? '').replace(/%.*$/, '');
      if (raw.split(':').length < 3 || !/[0-9A-Fa-f]/.test(raw)) continue; // `::=` is grammar, not an address
      const host = canonicalHost(`[${raw}]`);
      if (host !== null && isPrivateHostname(host)) add('local-url', 'value names a loopback, private or link-local IPv6 address');
    }
  }
  if (LOCALHOST_RE.test(s) || BARE_SERVICE_RE.test(s.trim())) add('local-url', 'value names a local service endpoint');
}

/**
 * IPv4 in the forms only a URL parser reads as one (`0177.0.0.1`, `0x7f.1`, `0x7f000001`,
 * `2130706433:8000`): a 0x part, a leading-zero part in four parts, or one number with a port.
 * Dates (`10.01.2024`) and versions have neither.
 */
const ODD_IPV4_RE = /(?<![\w.:/-])((?:0[xX][0-9a-fA-F]+|\d+)(?:\.(?:0[xX][0-9a-fA-F]+|\d+)){0,3})(:\d{1,5})?(?![\w.]|:\d)/g;
function oddIPv4IsPrivate(word: string, port: string | undefined): boolean {
  const parts = word.split('.');
  // `0x7f` alone is a byte, `0x7f000001` an address, a 0x-hash far longer than one
  const hex = /0x/i.test(word) && (parts.length > 1 ? word.length <= 40 : word.length >= 9 && word.length <= 10);
  const octal = parts.length === 4 && parts.some((p) => /^0\d/.test(p));
  const decimal = parts.length === 1 && port !== undefined && /^\d{8,10}$/.test(word);
  // `127.1:8000`, `10.1.5:80`: the short forms, with a port (without one they are versions)
  const short = (parts.length === 2 || parts.length === 3) && port !== undefined;
  if (!hex && !octal && !decimal && !short) return false;
  // `010.001.002.003`: a parser reads octal (8.1.2.3), a person reads 10.1.2.3; both are published
  if (octal && isPrivateIPv4(parts.map((x) => String(Number.parseInt(x, 10))).join('.'))) return true;
  const host = canonicalHost(word);
  return host !== null && /^\d+\.\d+\.\d+\.\d+$/.test(host) && isPrivateIPv4(host);
}

/** `git@10.0.0.5:org/repo.git`, `deploy@gpu-3:/srv`: scp/ssh form, host before the colon (an image digest, `node@sha256:…`, is not one). */
const SCP_RE =
  /(?<![\w.%+-])[A-Za-z0-9._-]{1,64}@(?!(?:sha\d+|sha3-\d+|blake\d*|md5):[0-9A-Fa-f]{16})(\[[0-9A-Fa-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3}|[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9.-]*):(?!\d+(?:\D|$))[~\w./-]/g;

/** A tunnel named in text: `cloudflared tunnel run <UUID>`, `tunnel <UUID> connected`. */
const TUNNEL_WORD_RE = /(?<![A-Za-z])(?:cloudflared|tunnel|argo)(?![A-Za-z])/i;

/** Hosts parsed per string and rule: a value is judged by its first few thousand, not by millions. */
const MAX_HOSTS_READ = 4096;

function moreAddressFindings(s: string, add: (c: PublicCategory, m: string) => void): void {
  if (/\d[.:]|0x/i.test(s)) {
    let budget = MAX_HOSTS_READ;
    for (const m of s.matchAll(ODD_IPV4_RE)) {
      if (oddIPv4IsPrivate(m[1] as string, m[2])) return add('local-url', 'value names a loopback or private address in a numeric form');
      if (--budget === 0) break;
    }
  }
  if (s.includes('@')) {
    let budget = MAX_HOSTS_READ;
    for (const m of s.matchAll(SCP_RE)) {
      const host = canonicalHost(m[1] as string);
      if (host !== null && isPrivateHostname(host)) return add('local-url', 'value names a private host in scp/ssh form');
      if (--budget === 0) break;
    }
  }
}

/**
 * Credentials wrapped once in base64, base64url or hex (`Z2hwX0ExYjJD…`, `6233697…`): each
 * run that decodes to printable text is read as text. Hashes and random blobs decode to
 * bytes that are not text, so they never get this far.
 */
const ENCODED_RUN_RE = /(?<![A-Za-z0-9+/=_-])(?:[A-Za-z0-9+/_-]{24,8192}={0,2})(?![A-Za-z0-9+/=_-])/g;
const PRINTABLE_RE = /^[\x20-\x7e\t\r\n]+$/;
/**
 * Cheap tests before decoding: printable text in hex has every byte's first digit 2–7; in
 * base64 every 4-character group starts with I–f (the top six bits of a printable byte).
 * Hashes and signatures fail within a few characters.
 */
const HEX_TEXT_RE = /^(?:[2-7][0-9a-fA-F]){12}/;
const BASE64_TEXT_RE = /^(?:[I-Za-f][A-Za-z0-9+/_-]{3}){4}/;
function decodedRuns(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(ENCODED_RUN_RE)) {
    if (out.length >= 16) break;
    const run = m[0];
    if (!HEX_TEXT_RE.test(run) && !BASE64_TEXT_RE.test(run)) continue;
    const text = /^[0-9a-fA-F]+$/.test(run)
      ? run.length % 2 === 0
        ? Buffer.from(run, 'hex').toString('latin1')
        : ''
      : Buffer.from(run, 'base64').toString('latin1');
    if (text.length >= 16 && PRINTABLE_RE.test(text)) out.push(text);
  }
  return out;
}
function encodedFindings(s: string, cache: ScanCache, add: (c: PublicCategory, m: string) => void): void {
  if (s.length < 24) return;
  for (const text of decodedRuns(s)) {
    if (redactorFindings(text, cache).some(([c]) => c === 'credential')) return add('credential', 'value carries an encoded secret (base64 or hex)');
  }
}

/**
 * A signature or key in standard base64 that happens to start with `/` (one in 64 does):
 * padded, or long with a `+`, and none of the `.`, `-`, `_` that real paths carry.
 */
function isBase64Text(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]{16,}={0,2}$/.test(s) && (s.endsWith('=') || (s.length >= 40 && s.includes('+')));
}

/**
 * Findings for one string value, at most one per category, in a fixed order. A value with
 * invisible characters or compatibility forms is judged as written and as read.
 */
export function scanString(s: string, cache: ScanCache): Finding[] {
  if (isShortLoopback(s)) return [['local-url', 'value names a loopback address']];
  if (s.length < 5) return [];
  const out: Finding[] = [];
  const seen = new Set<PublicCategory>();
  const add = (category: PublicCategory, message: string): void => {
    if (seen.has(category)) return;
    seen.add(category);
    out.push([category, message]);
  };
  scanText(s, cache, add);
  const view = readerView(s);
  if (view !== null) scanText(view, cache, (c, m) => add(c, `${m} (once invisible or look-alike characters are read as a reader reads them)`));
  return out;
}

function scanText(s: string, cache: ScanCache, add: (c: PublicCategory, m: string) => void): void {
  if (hasLooseB3iqToken(s)) add('credential', 'value carries a b3iq token (in another case or with other separators)');
  if (hasLoosePrivateKey(s)) add('credential', 'value carries a private key');
  if (hasBotToken(s)) add('credential', 'value carries a bot token');
  if (hasCardNumber(s)) add('customer-identity', 'value carries a payment card number');
  if (hasSpelledEmail(s)) add('customer-identity', 'value carries an e-mail address (spelled out)');
  if (TUNNEL_HOST_RE.test(s)) add('tunnel', 'value names a Cloudflare tunnel');
  if (mayHoldCredential(s)) for (const [c, m] of redactorFindings(s, cache)) add(c, m);
  encodedFindings(s, cache, add);
  if (commandCarriesSecret(s)) add('credential', 'command line or env entry carries a secret');
  urlFindings(s, add);
  addressFindings(s, add);
  moreAddressFindings(s, add);
  extraTextFindings(s, add);
  exposureTextFindings(s, add);
  identifierTextFindings(s, add);
  if (TUNNEL_WORD_RE.test(s) && UUID_IN_TEXT_RE.test(s)) add('tunnel', 'value names a tunnel by its id');
  if ((WHOLE_PATH_RE.test(s.trim()) && !isBase64Text(s.trim())) || EMBEDDED_PATH_RE.test(s)) add('filesystem-path', 'value looks like a filesystem path');
  if (s.length >= 200 && (B64_BLOB_RE.test(s) || HEX_BLOB_RE.test(s))) add('tee-quote', 'value carries a long binary blob (raw quote?)');
}

/** A string that may hold a JSON document (checked as one, inside the outer payload). */
export function looksLikeJson(s: string): boolean {
  const t = s.trim();
  return t.length >= 2 && ((t[0] === '{' && t[t.length - 1] === '}') || (t[0] === '[' && t[t.length - 1] === ']'));
}

const BASE64_RE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;
const URL_ENCODED_JSON_RE = /^\s*%(?:7B|5B)/i;

/**
 * The JSON document a string holds: as written, quoted inside text, or wrapped once in
 * base64/base64url or percent-encoding (`eyJwcm9tcHQiOi…`, `%7B%22prompt%22…`), or null.
 */
export function embeddedJson(s: string): { text: string; wrapped: 'base64' | 'percent-encoded' | 'quoted' | null } | null {
  if (looksLikeJson(s)) return { text: s, wrapped: null };
  const open = s.indexOf('{"');
  if (open >= 0) {
    // a document quoted inside text: `request body: {"prompt":"…"}`
    const close = s.lastIndexOf('}');
    if (close > open) return { text: s.slice(open, close + 1), wrapped: 'quoted' };
  }
  if (URL_ENCODED_JSON_RE.test(s)) {
    try {
      const text = decodeURIComponent(s);
      return looksLikeJson(text) ? { text, wrapped: 'percent-encoded' } : null;
    } catch {
      return null;
    }
  }
  if (BASE64_RE.test(s)) {
    const text = Buffer.from(s, 'base64').toString('utf8');
    return looksLikeJson(text) && !text.includes('\ufffd') ? { text, wrapped: 'base64' } : null;
  }
  return null;
}
