/**
 * What a key name says about its value. Keys are compared case- and separator-insensitively
 * (`PrOmPt`, `system_prompt`, `systemPrompt`, `SYSTEM-PROMPT` and `systemprompt` are one
 * name): a key is folded (NFKC, lower case, letters and digits only) and judged by how the
 * folded name ends, so a word glued to a prefix (`hftoken`, `dbpassword`) still counts,
 * while a metadata word at the end (`promptTokens`, `tokenType`, `apiKeyId`) makes the key
 * a fact about the secret, not the secret.
 */
import type { PublicCategory } from './categories.js';

/**
 * Letters of other scripts drawn like Latin ones (`pаssword` with a Cyrillic а, `tοken`
 * with a Greek ο): a reader sees the Latin word, so the check reads it too.
 */
const CONFUSABLES: Record<string, string> = {};
const confusable = (latin: string, lookalikes: string): void => {
  for (const c of lookalikes) CONFUSABLES[c] = latin;
};
confusable('a', 'аɑαа');
confusable('b', 'ЬвβƄ');
confusable('c', 'сϲⅽ');
confusable('d', 'ԁⅾ');
confusable('e', 'еёεҽ');
confusable('h', 'һн');
confusable('i', 'іїιɩӏ');
confusable('j', 'јϳ');
confusable('k', 'κкᴋ');
confusable('l', 'ⅼǀ');
confusable('m', 'мⅿ');
confusable('n', 'ηп');
confusable('o', 'оοσօ');
confusable('p', 'рρ');
confusable('q', 'ԛ');
confusable('r', 'гᴦ');
confusable('s', 'ѕʂ');
confusable('t', 'тτ');
confusable('u', 'υսμ');
confusable('v', 'νѵ');
confusable('w', 'ѡԝ');
confusable('x', 'хχ');
confusable('y', 'уγү');
confusable('z', 'ᴢ');
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');

/**
 * `fn` remembered per key name: payloads repeat their keys, so each is judged once. Bounded:
 * the memory is emptied at 8 192 names (a payload of made-up keys cannot grow it).
 */
function memoByKey<T>(fn: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    if (seen.has(key)) return seen.get(key) as T;
    const v = fn(key);
    if (seen.size >= 8192) seen.clear();
    seen.set(key, v);
    return v;
  };
}

/**
 * A key as a reader sees it: compatibility forms (full-width, ligatures) and accents folded,
 * lookalike letters of other scripts read as Latin, lower case, letters and digits only
 * (zero-width characters, soft hyphens and every separator drop out).
 */
export const foldKey: (key: string) => string = memoByKey((key) => foldUncached(key));

function foldUncached(key: string): string {
  return key
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c)
    .replace(/[^a-z0-9]/g, '');
}

/**
 * A key as a case-insensitive reader matches it (Go's encoding/json, .NET and Jackson options):
 * compatibility forms folded (the Kelvin sign is `k`, the long s is `s`), invisible characters
 * dropped, lookalike letters read as Latin, lower case; separators kept (`api_key` and
 * `apiKey` are two fields to every reader).
 */
export function readerKey(key: string): string {
  return key
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Mn}]/gu, '')
    .toLowerCase()
    .replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c);
}

const EXACT: Record<string, PublicCategory> = {};
const exact = (cat: PublicCategory, names: string): void => {
  for (const n of names.split(/\s+/)) if (n) EXACT[n] = cat;
};
exact(
  'request-log',
  `log logs requestlog requestlogs accesslog accesslogs requests requesthistory recentrequests
  rawrequests requestbodies transcript transcripts conversation conversations history chathistory`,
);
exact(
  'private-route',
  `privateroute privateroutes internalroute internalroutes routetable upstream upstreams
  upstreamurl upstreamhost backend backends backendurl origin originurl originserver originhost nexthop exactroute
  privateendpoint internalendpoint internalurl`,
);
exact('local-url', 'localurl runtimeurl localendpoint runtimeendpoint localapi localapiurl');
exact(
  'certificate-chain',
  `cert certs certificate certificates certchain certificatechain x5c cachain cacert vcek vlek
  pckcert pckcertchain tlscert`,
);
exact(
  'customer-identity',
  `user users username userid userids useremail userip enduser enduserid endusers accountid
  accountids accountemail customer customers email emails emailaddress clientip clientips remoteaddr remoteip sourceip
  callerip peerip realip xrealip forwardedfor xforwardedfor billingemail owneremail phone phonenumber fullname firstname
  lastname billingaddress postaladdress forwarded xoriginalforwardedfor cfconnectingip connectingip tenantid orgid organizationid remoteaddress clientaddress ipaddress
  tenant tenants tenantname org orgs orgname organization organizations organizationname organisation organisationid
  organisationname company companyname companyid customerorg requester requestedby submittedby
  uid uids acct acctno accountno accountnumber useraddress userwallet userwalletaddress enduserwallet buyerwallet
  buyeraddress subscriber subscribers`,
);
exact(
  'credential',
  `key sk auth pass pwd seed creds passcode authcode authorizationcode otpcode recoverycode recoverycodes
  backupcodes connectionstring dsn keypair session sessionid sessionkey setcookie cookie cookies bearer csrf otp totp hotp
  jwt accesstokens refreshtokens authtokens apitokens sessiontokens idtokens bearertokens apikeys privatekeys secretkeys
  accesskeys pin pincode cvv cvc cvv2 cvc2 securitycode sid sessid phpsessid jsessionid connectsid aspnetsessionid`,
);
exact(
  'customer-identity',
  `card cards cardnumber cardno ccnumber ccnum creditcard creditcardnumber pan primaryaccountnumber login loginname nickname
  screenname ssn socialsecuritynumber taxid nationalid passportnumber iban dob dateofbirth birthdate birthday`,
);
// a chat turn by whose it is: a prompt however short
exact('raw-prompt-output', 'usermessage usermessages humanmessage assistantmessage lastusermessage userturn');
exact('request-log', 'dialog dialogs dialogue dialogues trace traces spans requesttrace requesttraces tracelog tracelogs');
// a TEE's own name as a key holds its quote or report (`{"tdx": "0400…"}`); the blob's shape is still judged
exact('tee-quote', 'sgx tdx snp sev sevsnp nitro sgxquote tdxquote snpreport sevreport');

/** Folded endings that make a key sensitive, longest first within each list. */
const ENDINGS: Array<[PublicCategory, string[]]> = [
  [
    'credential',
    [
      'connectionstring',
      'authorization',
      'credentials',
      'passphrase',
      'credential',
      'privatekey',
      'signingkey',
      'seedphrase',
      'recoveryphrase',
      'secretphrase',
      'mnemonic',
      'passwords',
      'password',
      // other languages' words for it (accents are folded away: contraseña, mot de passe)
      'passwort',
      'kennwort',
      'contrasena',
      'contrasenya',
      'motdepasse',
      'wachtwoord',
      'salasana',
      'losenord',
      'passord',
      'adgangskode',
      'senha',
      'accesskey',
      'secretkey',
      'sessionid',
      'secrets',
      'privkey',
      'passwd',
      'secret',
      'apikey',
      'cookie',
      'token',
      'seed',
      'auth',
      'key',
    ],
  ],
  [
    'raw-prompt-output',
    [
      'instructions',
      'instruction',
      'responsetext',
      'outputtext',
      'inputtext',
      'completions',
      'generatedtext',
      'completion',
      'generation',
      'questions',
      'reasoning',
      'responses',
      'question',
      'response',
      'messages',
      'contents',
      'answers',
      'prompts',
      'outputs',
      'content',
      'choices',
      'answer',
      'generated',
      'prompt',
      'output',
      'inputs',
      'input',
      'body',
    ],
  ],
  ['certificate-chain', ['certificatechain', 'certificatepem', 'certificates', 'certificate', 'certchain', 'certpem', 'certs', 'cert']],
  [
    'customer-identity',
    ['emailaddress', 'customername', 'customerid', 'accountid', 'username', 'useremail', 'userid', 'clientip', 'remoteip', 'remoteaddr', 'email', 'emails'],
  ],
];
/** `…key` names that are not secrets. */
const NOT_SECRET_KEY_RE =
  /(?:public|pub|sort|cache|partition|primary|foreign|routing|idempotency|dedup|lookup|hot|object|map|hash|mon|tur|don|whis|hoc|jock|lac|i18n|translation|label|group|shard|index|dict|api(?=keyid))key$/;
/** Folded endings that say "a fact about the value", checked after ENDINGS. */
const META_ENDINGS = `count counts len length size type types at time times timestamp ms sec secs seconds second status
  state expiry expires expiresat expiration ttl limit limits max min total totals version format mode kind scope scopes
  enabled required index idx code codes rate latency duration bytes tokens file files path paths dir url uri algorithm alg
  header prefix hint policy source level ok valid strength rotation rotated created updated issued expired revoked used set
  present missing env store storage location method reason error errors label labels class category categories encoding
  schema agent role roles lifetime age interval timeout retries ratio sent received usage stats metrics summary field fields
  keys template mask masked redacted tps per name names host port verified verify verification check checks freshness
  score id ids budget quota window provider issuer audience ref refs perminute persecond stdin fd from helper
  address symbol decimals contract amount standard network chain supported scheme schemes`
  .split(/\s+/)
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);
/** Strong words that make a key sensitive wherever they sit (`tokenValue`, `passwordPlain`). */
const CONTAINS: Array<[PublicCategory, RegExp]> = [
  // the key itself, as material (`keyMaterial`, `key_data`, `keyValue`, `keyBytes`), not a public or lookup key
  [
    'credential',
    /^(?:|private|priv|secret|signing|master|encryption|api|access|session|shared|wallet)key(?:material|data|value|bytes|string|pem|hex|b64|base64|blob|raw|plain|text|contents?)$/,
  ],
  ['credential', /password|passwd|passphrase|secret|apikey|privatekey|privkey|mnemonic|credential|token(?!iz)/],
  ['raw-prompt-output', /prompt|completion/],
  ['customer-identity', /customer/],
];
const HASH_RE = /(?:hash|hashes|hashed|sha256|sha384|sha512|sha224|sha1|sha3|digest|hmac|fingerprint)/;
/** TEE measurements are digests too (public-safe), unlike the quote that carries them. */
const MEASUREMENT_RE = /measurement|mrtd|mrenclave|mrsigner|mrseam|rtmr/;
const SECRET_SUBJECT_RE = /token(?!iz)|secret|password|passwd|apikey|credential|(?<!public|pub)key(?!board)/;
const TEE_RE = /quote|attestation|report|evidence|tdquote/;
/** `report` ends in the metadata word `port`: a TEE word at the end wins. */
const TEE_END_RE = /(?:quote|quotes|attestation|attestations|report|reports|evidence)$/;
const PATH_LAST_RE = /(?:path|paths|dir|directory|file|filename|cwd|home|folder)$/;

function endsWithMeta(n: string): string | null {
  for (const m of META_ENDINGS) if (n.length > m.length && n.endsWith(m)) return m;
  return null;
}

/**
 * The category a key name gives its value, or null (cached: payloads repeat their keys). `tunnel`/`connector` keys are judged
 * by the caller field by field; path keys only when the value looks like a path.
 */
export const classifyPublicKey: (key: string) => PublicCategory | null = memoByKey((key) => classifyUncached(key));

/** The word in scripts a fold to Latin letters cannot read (password, token, secret, key). */
const OTHER_SCRIPT_SECRET_RE = /пароль|токен|секрет|ключ|密码|密碼|口令|令牌|密钥|秘密|パスワード|トークン|비밀번호|토큰|κωδικός|סיסמה|كلمة\s*المرور|पासवर्ड/i;

function classifyUncached(key: string): PublicCategory | null {
  if (OTHER_SCRIPT_SECRET_RE.test(key)) return 'credential';
  const n = foldKey(key);
  const c = classifyFolded(n);
  // `key1`, `pass_2`, `apiKey_v2`: a number or version after the name changes nothing
  // (not a digest's own digits: `quoteSha256` is a digest, `quoteSha` would be a quote)
  if (c === null && /[a-z]\d+$/.test(n) && !/(?:sha|sha3|md|crc|blake|keccak|ripemd)\d+$/.test(n)) return classifyFolded(n.replace(/v?\d+$/, ''));
  return c;
}

function classifyFolded(n: string): PublicCategory | null {
  if (n === '') return null;
  const known = EXACT[n];
  if (known) return known;
  if (HASH_RE.test(n)) return SECRET_SUBJECT_RE.test(n.replace(HASH_RE, '')) && !/public|pubkey/.test(n) ? 'token-hash' : null;
  if (/tunnel|cloudflared|^argo$/.test(n)) {
    const meta = endsWithMeta(n);
    return meta === null || meta === 'id' || meta === 'ids' || meta === 'host' || meta === 'name' ? 'tunnel' : null;
  }
  if (n.includes('connector') || n === 'connid' || n === 'conns' || n === 'connectionid' || n === 'connection' || n === 'connections') {
    const meta = endsWithMeta(n);
    return meta === null || meta === 'id' || meta === 'ids' ? 'connector' : null;
  }
  if (!MEASUREMENT_RE.test(n) && (TEE_END_RE.test(n) || (TEE_RE.test(n) && !endsWithMeta(n)))) return 'tee-quote';
  for (const [cat, endings] of ENDINGS) {
    for (const e of endings) {
      if (!n.endsWith(e)) continue;
      if (e === 'key' && NOT_SECRET_KEY_RE.test(n)) continue;
      if (e === 'seed' && n !== 'seed' && !/(?:wallet|master|hd|bip39|mnemonic)seed$/.test(n)) continue;
      if (e === 'auth' && /oauth$/.test(n) && n !== 'oauth') continue;
      if (e === 'input' || e === 'inputs' || e === 'output' || e === 'outputs' || e === 'body' || e === 'response') {
        // `userInput`, `sampleOutput`, `responseBody`; not `maxInput`, `httpResponse` as a flag
        if (/(?:max|min|num|total|raw(?=response))(?:input|inputs|output|outputs)$/.test(n)) continue;
      }
      return cat;
    }
  }
  const meta = endsWithMeta(n);
  if (meta !== null) {
    const stem = n.slice(0, n.length - meta.length);
    if (
      (meta === 'id' || meta === 'ids' || meta === 'name' || meta === 'names') &&
      /(?:customer|enduser|user|account|acct|tenant|subscriber|member|workspace|team|principal|buyer|requester|requestor|visitor|caller)$/.test(stem)
    ) {
      return 'customer-identity';
    }
    if (PATH_LAST_RE.test(n)) return 'filesystem-path';
    return null;
  }
  for (const [cat, re] of CONTAINS) if (re.test(n)) return cat;
  if (PATH_LAST_RE.test(n)) return 'filesystem-path';
  return null;
}

/** Fields of a tunnel/connector object that are public-safe readiness facts. */
const INHERIT_SAFE_RE =
  /(?:status|state|ok|healthy|ready|connected|count|counts|at|since|blockers|blocker|version|protocol|latency|ms|uptime|seconds|reason|checked|kind|type|enabled|mode|freshness|updated|observed|message|level|provider|vendor)$/;
export function isReadinessField(key: string): boolean {
  return INHERIT_SAFE_RE.test(foldKey(key));
}

/** JWK members that hold private key material (RFC 7518: EC/RSA/OKP `d`, RSA primes, `oct` `k`). */
export const JWK_PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth']);

const META_SET = new Set(META_ENDINGS);
/** A key that states a fact about its neighbour (`id`, `type`, `expiresAt`), not a secret. */
export function isMetadataKey(key: string): boolean {
  const n = foldKey(key);
  if (META_SET.has(n)) return true;
  return endsWithMeta(n) !== null && classifyPublicKey(key) === null;
}

/** Keys naming a digest (`quoteDigest`, `weightsSha256`): never raw material themselves. */
export function isDigestKey(key: string): boolean {
  const n = foldKey(key);
  return HASH_RE.test(n) || MEASUREMENT_RE.test(n);
}

/**
 * Keys that hold a prompt in some APIs and a plain fact elsewhere (`"system": "linux"`, a
 * search `query` of a public index): their value is a prompt when it reads as prose.
 */
const PROSE_KEYS = new Set([
  'system',
  'systemmessage',
  'developer',
  'developermessage',
  'query',
  'queries',
  'userquery',
  'utterance',
  'usermessage',
  // a model's turn and preference pairs (DPO `chosen`/`rejected`), the Anthropic legacy `human`/`assistant`
  'reply',
  'replies',
  'assistantmessage',
  'assistantreply',
  'modelreply',
  'botreply',
  'chosen',
  'rejected',
  'human',
  'assistant',
]);
/** `folded` is the key after foldKey. */
export function isProseKey(folded: string): boolean {
  return PROSE_KEYS.has(folded);
}
/** Five or more words, most of them plain lower-case words: a sentence, not an OS banner or a label. */
export function readsAsProse(v: string): boolean {
  const words = v.trim().split(/\s+/);
  if (words.length < 5) return false;
  const plain = words.filter((w) => /^[a-z][a-z']*[,.?!:;]?$/.test(w)).length;
  return plain * 2 >= words.length;
}
