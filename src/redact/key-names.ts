/**
 * Key names: which keys hold sensitive values, and which category a value under a key gets.
 * Split from patterns.ts, which re-exports these names.
 */
import type { Category } from './patterns.js';
import { factorAlternation } from './prefilter.js';
import { AUTH_SETTING_WORDS, HASH_WORDS, META_LAST, NOT_SECRET_KEY_WORDS, ORG_KEYS, PROMPT_WORDS } from './key-words.js';

/** Substrings that may start a sensitive key; a hit is then expanded to the whole key. */
export const KEYWORD_RE = factorAlternation(
  /pass|pwd|pw\b|psk|secret|token|key|auth|cookie|aws|azure|bundle_|sonar|sumo|creds|kennwort|contrase|senha|wachtwoord|mnemonic|seed|phrase|prompt|message|input|output|completion|response|content|choices|quote|attest|report|evidence|tunnel|conn|credential|session|priv|customer|user|generat|body|jwt|otp|mfa|pin|puk|recovery|backup|unlock|bip39|email|compan|organi|tenant|org\b|orgname|account_?name|billing_?name|client_?name|legal_?name|business_?name|sig\b|signature|accounttag|account_tag/gi,
);

const WORD_RE = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g;
/**
 * Secret words that are often glued to a prefix with no case change or separator
 * (PGPASSWORD, dbpassword, mytoken, or "mpassword" after a colour code's digits).
 */
const GLUED_SECRET_SUFFIX_RE = /^([a-z]+?)(password|passwd|passphrase|secret|token|apikey|pwd)$/;
/** The secret words of other languages (and detect-secrets' `secrete`), read as their English word. */
const WORD_ALIASES = new Map([
  ['secrete', 'secret'],
  ['secreto', 'secret'],
  ['secreta', 'secret'],
  ['contrasena', 'password'],
  ['passwort', 'password'],
  ['kennwort', 'password'],
  ['senha', 'password'],
  ['wachtwoord', 'password'],
  ['motdepasse', 'password'],
  ['passe', 'password'],
  ['sshpass', 'password'], // SSHPASS=…, read by `sshpass -e`
]);
export function keyWords(key: string): string[] {
  const m = key.match(WORD_RE);
  if (!m) return [];
  const out: string[] = [];
  for (const raw of m) {
    const w = WORD_ALIASES.get(raw.toLowerCase()) ?? raw.toLowerCase();
    const g = GLUED_SECRET_SUFFIX_RE.exec(w);
    if (g) out.push(g[1]!, g[2]!);
    else out.push(w);
  }
  return out;
}

/** Query and header names of a request signature that grants access (Azure SAS `sig=`, S3 presigned `X-Amz-Signature`). */
const SIGNATURE_KEYS = new Set(['sig', 'xamzsignature', 'xgoogsignature']);

/** A dotted name whose last part is a CamelCase class (`output.FileOutputCommitter`). */
const CLASS_NAME_RE = /\.[A-Z][a-z]+[A-Z]/;

const SECRET_NOUN_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'secret', 'token', 'key']);

/**
 * A key's words without what only numbers or qualifies it: `keyB`, `api_key_2`, `password2`
 * name the same secret as `key`, `api_key`, `password`; `password_sec` is a secure password,
 * not a duration (`timeout_sec` keeps its unit: no secret noun before it).
 */
function withoutNumbering(w: string[]): string[] {
  let n = w.length;
  while (n > 1 && (/^\d+$/.test(w[n - 1] as string) || (w[n - 1] as string).length === 1)) n--;
  if (n > 1 && w[n - 1] === 'sec' && SECRET_NOUN_WORDS.has(w[n - 2] as string)) n--;
  return n === w.length ? w : w.slice(0, n);
}

const CLOUD_WORDS = new Set(['aws', 'azure', 'arm', 'aad', 'gcp']);
/**
 * A tenant's id (any system's), or a cloud provider's account, subscription or client id:
 * whose cloud and directory this is (`AWS_ACCOUNT_ID`, `AZURE_CLIENT_ID`, `ad_tenant_id`).
 */
function isAccountWords(w: string[]): boolean {
  if (w.includes('tenant')) return true;
  return w.some((x) => CLOUD_WORDS.has(x)) && (w.includes('account') || w.includes('subscription') || w.includes('client'));
}

/** Whether an id-like number under `key` names a tenant or cloud account (`"AWS_ACCOUNT_ID"=>0000-0000-0000`). */
export function isAccountIdKey(key: string): boolean {
  const w = keyWords(key);
  const last = w[w.length - 1];
  return (last === 'id' || last === 'ids') && isAccountWords(w);
}

/** Bundler's per-host credentials, `user:password` (`BUNDLE_GEMS__CONTRIBSYS__COM`: `__` for a dot). */
const BUNDLER_HOST_RE = /^BUNDLE_[A-Z0-9_]+__[A-Z0-9]+$/i;

/** Providers whose access id is a credential's first half (a generic `report_access_id` is an object's id). */
const ACCESS_ID_PROVIDERS = new Set(['sumo', 'sumologic']);

/**
 * Provider-named keys whose value is a credential though no secret word says so: SonarQube's
 * `sonar.login` (a token), an access id (`sumologic.accessId`: half of a credential pair, as
 * an AWS access key id is), `creds`, a GCP service account's `private_key_id` (names the key
 * the file carries; with the account's e-mail it finds that key).
 */
function isCredentialKey(w: string[], last: string): boolean {
  if (last === 'id' && w.length === 3 && w[0] === 'private' && w[1] === 'key') return true;
  if (w.includes('sonar') && last === 'login') return true;
  if ((last === 'accessid' || (last === 'id' && w[w.length - 2] === 'access')) && w.some((x) => ACCESS_ID_PROVIDERS.has(x))) return true;
  return w.includes('creds');
}

/** Words whose `<word>_code(s)` is a one-time or unlock secret (`pass_code`, `backup_codes`, `unlock-code`). */
const SECRET_CODE_WORDS = new Set(['pass', 'pin', 'puk', 'recovery', 'backup', 'unlock', 'otp', 'totp', 'mfa']);
/** Whole words (or one glued word) that name a PIN or passcode; `spinner`, `ping`, `pinned`, `pincount` are other words. */
const PIN_WORDS = new Set(['pin', 'pins', 'puk', 'passcode', 'passcodes', 'pincode']);
/** Hardware pins are numbers, not secrets (`gpio_pin`, `led_pin`). */
const HARDWARE_PIN_WORDS = new Set(['gpio', 'led', 'gpios', 'irq', 'reset', 'power', 'data', 'clock', 'clk', 'cs', 'tx', 'rx', 'sda', 'scl']);

/**
 * A PIN, PUK, passcode or one-time recovery code (`pin=123456`, `SIM_PIN`, `backup_codes`):
 * checked before the metadata words, whose `code` would otherwise keep `pass_code` clean.
 */
function pinCategory(w: string[], last: string): Category | null {
  if ((last === 'code' || last === 'codes') && w.length >= 2 && SECRET_CODE_WORDS.has(w[w.length - 2] as string)) return 'password';
  if (!PIN_WORDS.has(last) || w.some((x) => HARDWARE_PIN_WORDS.has(x))) return null;
  return 'password';
}

/** Whether `key` names a PIN, passcode or one-time code: a secret even as a short number (`pin=4821`). */
export function isPinKey(key: string): boolean {
  const w = withoutNumbering(keyWords(key));
  return w.length > 0 && pinCategory(w, w[w.length - 1] as string) !== null;
}

/** The category of a value found under `key`, or null when the key is not sensitive. */
export function classifyKeyUncached(key: string): Category | null {
  if (BUNDLER_HOST_RE.test(key)) return 'password';
  const w = withoutNumbering(keyWords(key));
  if (w.length === 0) return null;
  const norm = w.join('');
  const last = w[w.length - 1] as string;
  const has = (s: string): boolean => w.includes(s);
  if (norm === 'authorization' || norm === 'proxyauthorization' || norm === 'xauthorization') return 'authorization';
  if (norm === 'cookie' || norm === 'setcookie' || norm === 'cookies') return 'cookie';
  const secretWord =
    has('token') ||
    has('key') ||
    has('secret') ||
    has('password') ||
    has('passwd') ||
    has('pwd') ||
    has('passphrase') ||
    has('apikey') ||
    has('credential') ||
    has('credentials');
  if (w.some((x) => HASH_WORDS.has(x))) return secretWord ? 'token-hash' : null; // quoteDigest, contentSha256
  if (has('tunnel')) {
    if (has('token') || has('secret') || has('credentials')) return 'cloudflare-tunnel-token';
    if (last === 'id' || last === 'ids' || last === 'uuid' || norm === 'tunnel' || last === 'host' || last === 'hostname') return 'tunnel';
  }
  if (has('connector') || norm === 'connid' || norm === 'connectionid' || norm === 'connection') {
    if (last === 'count' || last === 'status' || last === 'state') return null;
    return 'connector';
  }
  if ((last === 'id' || last === 'ids') && isAccountWords(w)) return 'customer-identity';
  if (isCredentialKey(w, last)) return 'secret';
  if (ORG_KEYS.has(norm)) return 'customer-identity';
  if (SIGNATURE_KEYS.has(norm)) return 'secret';
  const pin = pinCategory(w, last);
  if (pin) return pin;
  if (META_LAST.has(last)) {
    if (last === 'id' || last === 'ids' || last === 'name' || last === 'names') {
      if (has('customer')) return 'customer-identity';
      if (has('session')) return 'secret';
    }
    return null;
  }
  if (
    has('mnemonic') ||
    norm === 'seed' ||
    norm === 'seedphrase' ||
    norm === 'seedwords' ||
    (has('recovery') && has('phrase')) ||
    has('bip39') ||
    (has('secret') && has('phrase'))
  )
    return 'mnemonic';
  if (
    ((has('private') || has('priv')) && (has('key') || has('keys') || last === 'hex')) ||
    has('privkey') ||
    has('privatekey') ||
    (has('signing') && has('key')) ||
    (has('wallet') && has('key'))
  )
    return 'private-key';
  if ((has('aws') && (has('secret') || has('session'))) || norm.includes('secretaccesskey')) return 'aws-secret-key';
  if ((has('cloudflare') || has('cf')) && (has('token') || has('key'))) return 'cloudflare-token';
  // `pass` names a password last (`db_pass`) or after a qualifier (`db_pass_secure`), not first (`pass_through`)
  // a Wi-Fi or IPsec pre-shared key (`psk="…"`, NetworkManager's `psk=`), SSSD's `ldap_default_authtok`
  if (has('psk') || has('authtok')) return 'password';
  if (has('password') || has('passwd') || has('pwd') || has('passphrase') || last === 'pass' || w.indexOf('pass') > 0 || last === 'pw') return 'password';
  if (has('quote') || has('attestation') || has('report') || has('evidence') || norm === 'tdquote') return 'tee-quote';
  // `input_userauth_request` (sshd) and `output.FileOutputCommitter` (a class) are not prompt fields
  if (PROMPT_WORDS.has(last) || (PROMPT_WORDS.has(w[0] as string) && w.length <= 2 && !CLASS_NAME_RE.test(key))) return 'prompt-output';
  if (norm === 'body' || norm === 'requestbody' || norm === 'responsebody' || norm === 'rawbody') return 'prompt-output';
  if (has('customer') || norm === 'user' || norm === 'username' || norm === 'enduser' || norm === 'email' || last === 'email' || ORG_KEYS.has(norm))
    return 'customer-identity';
  if (w.some((x) => NOT_SECRET_KEY_WORDS.has(x))) return null;
  if (
    has('secret') ||
    has('token') ||
    has('apikey') ||
    last === 'key' ||
    has('credential') ||
    has('credentials') ||
    norm === 'auth' ||
    // a service's auth string (`REDIS_AUTH`, `MEMCACHED_AUTH`); `basic_auth`, `enable_auth` name a setting
    (last === 'auth' && w.length === 2 && !AUTH_SETTING_WORDS.has(w[0] as string)) ||
    has('session') ||
    has('sessionid') ||
    has('bearer') ||
    has('accesskey') ||
    has('csrf') ||
    has('jwt') ||
    has('otp') ||
    has('totp')
  )
    return 'secret';
  return null;
}

const keyCache = new Map<string, Category | null>();
export function classifyKey(key: string): Category | null {
  let c = keyCache.get(key);
  if (c === undefined) {
    c = classifyKeyUncached(key);
    if (keyCache.size > 8192) keyCache.clear();
    keyCache.set(key, c);
  }
  return c;
}
