/**
 * What a value under a sensitive key carries: a scalar (`carries`) or a whole container
 * (`containerCarries`: a secret-named key taints its subtree), and the list shapes the walk
 * recognises (byte arrays, mnemonic word lists).
 */
import { isPlaceholder } from './commands.js';
import type { PublicCategory } from './categories.js';
import { foldKey, isMetadataKey, readsAsProse } from './keys.js';
import { type ScanCache, UUID_IN_TEXT_RE, scanString } from './strings.js';

export const STATUS_WORD_RE =
  /^(?:up|down|ok|healthy|unhealthy|degraded|connected|disconnected|ready|active|inactive|enabled|disabled|on|off|yes|no|pending|running|stopped|failed|none|unknown|verified|valid|invalid|live|revoked|expired|used|stale|blocked|online|offline)$/i;
/** Categories that make a whole non-empty object/array one violation. */
export const WHOLE_CONTAINER = new Set<PublicCategory>(['certificate-chain', 'customer-identity', 'private-route']);
/** Categories whose objects are descended into, identifying fields inheriting the category. */
export const INHERITING = new Set<PublicCategory>(['tunnel', 'connector', 'tee-quote']);
/** Under `input`/`output`/`response`: a modality or a status, not a prompt or an output. */
export const NOT_PROMPT_RE =
  /^(?:text|image|images|audio|video|embedding|embeddings|json|file|files|tool|tools|code|speech|vision|multimodal|ok|error|none|stream|streaming)$|^(?:up|down|ok|ready|pending|failed|done|complete|completed|success|succeeded|timeout|stopped|running)$/i;
/** An auth scheme or mode named under `auth`, not a credential. */
export const AUTH_SCHEME_RE =
  /^(?:bearer|basic|digest|mtls|tls|oauth2?|oidc|api-?key|jwt|hmac|required|optional|set|unset|present|missing|configured|none|enabled|disabled|header|query|cookie)$/i;
/** A ticker (`USDC`, `WETH`, `USDC.E`): upper case, at most two digits (`X9K2M4P7Q1` is a code, not a ticker). */
export const TICKER_RE = /^(?!(?:[^0-9]*[0-9]){3})[A-Z][A-Z0-9.]{1,9}$/;
/** A version number is not an address, even when it has four parts (`10.0.1.6`). */
export const VERSION_VALUE_RE = /^v?\d+(?:\.\d+){1,5}(?:[-+][\w.]+)?$/;
export const BLOB_RE = /^(?:0x)?[A-Za-z0-9+/=_-]{64,}$/;
export const PATHLIKE_RE = /^(?:\/|~|\.\.?[\\/]|[A-Za-z]:[\\/]|\\\\|file:)/;
/** A relative path under a local root (`models/llama.gguf`, `.cache/hf`), not a repository's own file list (`original/params.json`). */
const LOCAL_RELATIVE_RE =
  /^(?:models?|weights|checkpoints?|ckpts?|cache|\.cache|\.ollama|\.b3iq|\.config|\.local|home|mnt|media|tmp|var|srv|opt|workspace|root|snapshots|blobs)[\\/]\S/i;
/** An HTTP API route under `path` (`/v1/embeddings`, `/api/tags`), not a place on a disk. */
const API_ROUTE_RE = /^\/(?:v\d+|api|\.well-known|healthz?|readyz|livez|metrics|status|diagnostics|openai)(?:[/?#]|$)/;
/** A number written as text (`"0.00000002"`, `"1,234"`, `"$0.15"`, `"250K"`): a price or a count. */
export const NUMERIC_TEXT_RE = /^[$€£]?[-+]?(?:\d{1,3}(?:[,_ ]\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d+)?\s?[kKmMbB]?$/;

/** Whether a key-flagged scalar actually carries something (nulls, flags, placeholders, status words do not). */
export function carries(cat: PublicCategory, key: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (isPlaceholder(v)) return false;
  switch (cat) {
    case 'tee-quote':
      return BLOB_RE.test(v.replace(/\s+/g, ''));
    case 'filesystem-path':
      return (PATHLIKE_RE.test(v) && !API_ROUTE_RE.test(v)) || LOCAL_RELATIVE_RE.test(v);
    case 'connector':
      return foldKey(key) === 'connection' ? UUID_IN_TEXT_RE.test(v) : !STATUS_WORD_RE.test(v);
    case 'raw-prompt-output':
      return !NOT_PROMPT_RE.test(v) && !NUMERIC_TEXT_RE.test(v);
    case 'tunnel':
    case 'customer-identity':
    case 'private-route':
    case 'request-log':
    case 'certificate-chain':
      return !STATUS_WORD_RE.test(v);
    case 'credential': {
      const f = foldKey(key);
      if (f === 'seed') return v.includes(' ') || v.length >= 32;
      if ((f === 'token' || f === 'tokens') && TICKER_RE.test(v)) return false; // "token": "USDC"
      if (f === 'tokens' && NUMERIC_TEXT_RE.test(v)) return false; // "tokens": "1,234", a count
      return !STATUS_WORD_RE.test(v) && !AUTH_SCHEME_RE.test(v);
    }
    default:
      return true;
  }
}

/** 12 to 24 short lower-case words, one per element: a mnemonic written as a list (the redactor checks the word list and checksum). */
export function isMnemonicWords(a: unknown[], cache: ScanCache): boolean {
  if (a.length < 12 || a.length > 24 || a.length % 3 !== 0) return false;
  if (!a.every((w) => typeof w === 'string' && /^[a-z]{3,8}$/.test(w))) return false;
  return scanString(a.join(' '), cache).some(([c]) => c === 'credential');
}

export function isByteArray(a: unknown[], min: number): boolean {
  if (a.length < min) return false;
  for (const x of a) if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 255) return false;
  return true;
}

/**
 * Whether a container under a sensitive key holds anything: a string that is not a
 * placeholder, not under a metadata field (`id`, `type`, `status`, `expiresAt`) and not
 * `ignore`d. Numbers never count (`{"prompt":{"tokens":512}}`).
 */
export function holdsSecret(root: object, ignore: RegExp | null = null): boolean {
  const stack: Array<[unknown, string | null]> = [[root, null]];
  let budget = 10_000;
  while (stack.length > 0) {
    if (--budget < 0) return true;
    const [v, key] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isPlaceholder(v) && (key === null || !isMetadataKey(key)) && !ignore?.test(v.trim())) return true;
    } else if (typeof v === 'number' && ignore === AUTH_SCHEME_RE) {
      // under a secret-named key, a long number is a numeric secret (`{"apiKey":{"value":918273645}}`)
      if (Number.isInteger(v) && Math.abs(v) >= 100_000 && key !== null && !isMetadataKey(key)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push([x, key]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push([x, k]);
    }
  }
  return false;
}

/** Whether a container holds a sentence anywhere (`"system": [{"type":"text","text":"You are…"}]`). */
export function holdsProse(root: object): boolean {
  const stack: unknown[] = [root];
  for (let budget = 10_000; stack.length > 0 && budget > 0; budget--) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (readsAsProse(v)) return true;
    } else if (v !== null && typeof v === 'object') {
      stack.push(...(Array.isArray(v) ? v : Object.values(v)).slice(0, 1000));
    }
  }
  return false;
}

export function containerCarries(cat: PublicCategory, v: object): boolean {
  if (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0) return false;
  // a certificate's facts (`{"cert":{"issuer":…,"notAfter":…}}`) are no chain: its members are judged one by one
  if (cat === 'certificate-chain') return holdsCertificateMaterial(v, 0);
  if (WHOLE_CONTAINER.has(cat)) return true;
  if (INHERITING.has(cat)) return cat === 'tee-quote' && Array.isArray(v) && isByteArray(v, 16);
  // a key as its bytes (`{"privateKey": [174, 47, …]}`, a Solana keypair) or as character codes
  if (cat === 'credential') return holdsSecret(v, AUTH_SCHEME_RE) || (Array.isArray(v) && v.length >= 8 && v.every((x) => typeof x === 'number'));
  if (cat === 'token-hash' || cat === 'request-log') return holdsSecret(v);
  if (cat === 'raw-prompt-output') return holdsSecret(v, NOT_PROMPT_RE);
  return false; // paths and URLs: the values inside are judged one by one
}

/** PEM armour, DER in base64 (`MII…`), a long base64/hex blob or a byte list anywhere in a certificate's container (a few levels, a few hundred members). */
function holdsCertificateMaterial(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v.includes('-----BEGIN') || /^MII[A-Za-z0-9+/]{10}/.test(v) || BLOB_RE.test(v.replace(/\s+/g, ''));
  if (v === null || typeof v !== 'object' || depth > 4) return false;
  const members = Array.isArray(v) ? v : Object.values(v);
  if (Array.isArray(v) && isByteArray(v, 16)) return true;
  return members.slice(0, 256).some((x) => holdsCertificateMaterial(x, depth + 1));
}

/**
 * Whether a number under a sensitive key carries something: a numeric password, PIN or
 * OTP (`{"password": 918273645}`, `{"pin": 1234}`), a numeric user or account id, a card
 * number. Counts stay (`{"users": 5}`, `{"seed": 42}` of a benchmark, `{"key": 3}` an index).
 */
export function numberCarries(cat: PublicCategory, key: string, n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const digits = String(Math.trunc(Math.abs(n))).replace(/e.*$/, '').length;
  const f = foldKey(key);
  if (cat === 'credential') {
    // `tokens24h`, `tokensServed`: a number under a plural `tokens` is a count
    if (/seed$/.test(f) || f.includes('tokens')) return false;
    return /(?:pin|pincode|cvv|cvc|cvv2|cvc2|securitycode|otp|totp|hotp|passcode)$/.test(f) ? digits >= 3 : digits >= 6;
  }
  if (cat === 'customer-identity') {
    // a client's IPv4 address as its 32-bit number (`{"clientIp": 3325256711}`)
    if (/(?:ip|ipv4|ipaddress|addr)$/.test(f)) return Number.isInteger(n) && n >= 0x1000000 && n <= 0xffffffff;
    return /(?:id|ids|phone|phonenumber|number|card|cardno|ccnum|pan)$/.test(f) && digits >= 3;
  }
  return false;
}
