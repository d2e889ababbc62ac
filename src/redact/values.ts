/**
 * Judgements about one value found under a sensitive key: is it a secret at all (not a
 * placeholder, a status word, a counter), and which category names it best.
 */
import { isExampleToken, tokenCategory } from './providers.js';
import { isFiller } from './fillers.js';
import { asksToBeFilledIn, isMetasyntactic, isPlaceholderPem, isPlaceholderWording, looksRandom, readsAsName } from './stand-ins.js';
import { isPrivateHost, NOT_A_SECRET_RE, NUMBER_RE, STATUS_WORD_RE, UUID_RE, keyWords, shapeCategory, type Category } from './patterns.js';
import { isAccountIdKey, isPinKey } from './key-names.js';
import { distinctivePrefixLength, isHandMadeBody, isMadeUpProviderToken } from './made-up.js';
import { fallsShortOfIssuedForm, outrunsIssuedForm } from './issued-forms.js';
import { isCodeReference } from './references.js';

/** Last words of a key that name the secret itself, so a number under it is one (`otp: 123456`). */
const SECRET_NOUNS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passcode',
  'pin',
  'otp',
  'totp',
  'secret',
  'token',
  'key',
  'apikey',
  'code',
  'passphrase',
  'hex',
  'seed',
]);

/** Categories whose value may be replaced by a more specific one the value's shape names. */
const REFINABLE = new Set<Category>(['secret', 'password', 'authorization', 'private-key', 'token-hash']);

export function refineCategory(cat: Category, value: string): Category {
  if (REFINABLE.has(cat)) {
    const sc = shapeCategory(value) ?? tokenCategory(value);
    if (sc) return sc;
  }
  return cat;
}

/** Digits in groups (`30546173_4261722401`) and short 0x numbers (`0x14ed93111f20027`): ids and counters. */
const ID_LIKE_RE = /^(?:0x[0-9a-fA-F]{1,16}|\d+(?:[_.:-]\d+)+)$/;
/** A Java/Android object reference printed by toString (`Token{df0798e`). */
// (a class name reads as one: `AIfxqcWGByIgPWi{` is a password cut at its brace, fuzz suite)
const OBJECT_REF_RE = /^[A-Z][a-z]+(?:[A-Z][a-z]+)*\{[0-9a-f]*$|^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+@[0-9a-f]{4,16}$/;
const EMAIL_VALUE_RE = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;

/**
 * Placeholders that say they are one (`insert_key_here`, `your-api-key`, `changeme`,
 * `value1`, a `%s` or `{{ var }}` template). A value of an AWS secret key's exact shape (40
 * base64 characters) is marked even when it is AWS's own documented example, as its access
 * key id (`AKIA…EXAMPLE`) is by shape: the word is no proof the key is not a real one. A real secret rarely contains these words; the peers'
 * suites list them as false positives.
 */
const PLACEHOLDER_RE = /^(?:%[sd]|%\([a-z_]+\)s|\{\{[^}]*\}\}|\{[a-z_]*\}|changeme|value[a-z]?\d*|(?![A-Za-z0-9/+]{40}$)[A-Za-z0-9/+]*EXAMPLE(?:KEY)?)$/i;

/**
 * A reference to a value kept elsewhere, not the value: `$1:$2`, `${USER}:${PASS}`,
 * `${{ secrets.X }}` (a CI expression),
 * `$(cat ./password.txt)` (unclosed only when a command's name follows: `$(cat` cut at a blank,
 * not `$(CV:DWjne…`, a generated value that starts with `$(`), a backtick command, `{{ .Values.password }}`, `%SourcePassword%`,
 * `[PASSWORD]`, `<user:password>`, or such references joined by `:`/`@`/`/`.
 */
const REFERENCE_RE =
  /^(?:(?:\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\((?:[^)]*\)|(?:[a-z_./~][\w./~-]*|[A-Z][a-z]+-[A-Z][A-Za-z]+)$)|\$(?:[A-Z_][A-Z0-9_]*|\d)|`[^`]*`?|\{\{[^}]*\}\}|\{(?:[a-z][a-z0-9_.]*|[A-Z][A-Z0-9_.]*|[a-z]\w*\([^{}]*\))\}|%[A-Za-z_]\w{3,}%|<[^<>]*>|\[[A-Za-z_ -]+\])[:@/ ]?)+$/;
/** A shell reference's own text (names, a command), not a value the writer put in brackets. */
const SHELL_REF_RE = /\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\([^)]*\)?|`[^`]*`?/g;
/** `${VAR:-value}`, `${VAR=value}`: a default that is a literal, not another reference. */
const LITERAL_DEFAULT_RE = /\$\{[^}]*?:?[-=][^$}][^}]*\}/;

/**
 * A reference, unless it carries a literal: a shell default (`${DB_PASS:-s3cr3t}`), or a random
 * run inside brackets (`<oBhS3OPPbPAz9GBX>`, `{{Zy5vN6NP…}}`): a real secret in a template's
 * clothes. Placeholders in brackets are words (`<token>`, `{{ .Values.password }}`).
 */
function isReference(value: string): boolean {
  if (!REFERENCE_RE.test(value) || LITERAL_DEFAULT_RE.test(value)) return false;
  return !looksRandom(value.replace(SHELL_REF_RE, ' '));
}

/**
 * `var.db_password`, `os.getenv(…)`, `secrets.API_KEY`, `get_secret()`: a lookup, not a literal.
 * A bare call's name reads as one (snake or camel case): `SYE9MfIQChMfI2()` is a password (fuzz suite).
 */
const LOOKUP_RE =
  /^(?:new\s+[A-Za-z_][\w.]*\(.*|(?:var|local|module|data|vars|inputs|secrets|env|process\.env|os\.environ|settings|config)\.[A-Za-z_][\w.]*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\([^()]*\)|(?:[a-z_][a-z0-9_]*|[a-z]{2,}(?:[A-Z][a-z]+)+)\((?:["'][^()]*)?\))$/;
/** A placeholder's filler words inside a short all-lowercase value (`somefakekey`, `notapassword`). */
const FILLER_WORD_RE = /fake|dummy|sample|example|placeholder|notapass|notasecret|not_?a_?real|changeme|redacted/;

/** A constant's name in the value's place (`ACCESS_TOKEN`, `'PASSWORD'`), not its value. */
const CONSTANT_NAME_RE = /^[A-Z]+(?:_[A-Z]+)*$/;
// a whole word of the name: a random capitals-only value holds `KEY` or `PWD` by chance
// (`VNSIFDTPUPWDVYPR`, about 1 in 1 000 of 16 random capitals: fuzz suite)
// The words glued before it are a name's (`APIKEY`, `DBPASSWORD`, `AUTHTOKEN`), not any capitals:
// `HDJQPASSWORD` is random capitals that happen to end in a secret's name (random-seed runs).
const SECRET_WORD_RE =
  /^(?:(?:API|AUTH|ACCESS|APP|BOT|CLIENT|DB|ROOT|ADMIN|USER|MY|MASTER|PRIVATE|PUBLIC|SECRET|SESSION|SIGNING|BEARER|REFRESH|ID|OAUTH|SERVICE|SSH|GIT|NPM|PROXY|SMTP|MAIL|REDIS|MYSQL|PG|KEYSTORE|TRUSTSTORE|WALLET|ENCRYPTION|DEPLOY|CI){0,2}(?:TOKEN|PASSWORD|PASSWD|SECRET|KEY|CREDENTIALS?)S?|PASS|PWD|PASSPHRASE)$/;
/** A code or markup fragment cut at a quote: `telegram_api_token = `, `<xsd:element name=`, `token:`. */
// (a blank next to the `=`, or a markup tag before it: base64 `YnJvd3Nlcjo=` is no fragment)
// The name before a dangling `=` must read as a key name: a random value followed by ` =`
// (`password=Zq8f3kLm2Pq9xR =`) is a secret, not a fragment (found by the fuzz suite).
// a label's case is a word's (`token:`, `Token:`, `API_KEY:`): `XqTeqkSqJNDPMlO:` is a password
const FRAGMENT_RE = /^<[A-Za-z][\w:-]*\s+[\w-]+\s*=\s*$|^(?:[a-z_-]+|[A-Z][a-z_-]*|[A-Z_-]+):$/;
const CODE_FRAGMENT_RE = /^([A-Za-z_][\w-]*)(?:\s+=\s*|\s*=\s+)$/;
const KEY_NAME_WORD_RE = /token|pass|pwd|secret|key|credential|auth/i;

function isCodeFragment(value: string): boolean {
  const m = CODE_FRAGMENT_RE.exec(value);
  return m !== null && KEY_NAME_WORD_RE.test(m[1] as string);
}
/** `xoxp-5723…-####################`, `sk-****************`: a value shown masked. */
const MASKED_RUN_RE = /[#*]{6,}/;
/** A run of 8+ letters and digits mixed: what a masked value must not show in clear. */
const RANDOM_RUN_RE = /(?=[A-Za-z0-9]{8})(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{8,}/;

function isMasked(value: string): boolean {
  return MASKED_RUN_RE.test(value) && !RANDOM_RUN_RE.test(value.replace(/[#*]+/g, ' '));
}
/** `username:password`, `neo4j:[PASSWORD]`, `user:${PASS}`: a user with a placeholder password. */
// The user part reads as a name (`admin`, `neo4j`, `$USER`): `Tr0ub4dorqLBG:123` is one password.
// (and no generated run anywhere: `admin:$v8FQjJZY2OmV16` in single quotes is a password)
const PAIR_USER_RE = /^(?:[a-z][a-z0-9._-]{0,31}|[A-Z][A-Za-z]{0,31}|[A-Z_]{1,32}|\$\{?\w+\}?|<[^<>]*>|\{\w+\}|\[[A-Za-z_ -]+\])?:/;
const PLACEHOLDER_PAIR_RE =
  /^[^:\s]*:(?:(?:my|your|the|some|replace[_-]?with)?[_-]?(?:pass(?:word|wd)?|pwd|token|secret)|x{3,}|y{3,}|<[^<>]*>|\[[A-Za-z_ -]+\]|\$\{?\w+\}?|(.)\1{2,}|abc(?:d(?:ef?)?)?|123(?:4(?:56?)?)?)$/i;
/** A shell variable's name after `user:$` (`DB_PASS`, `password`, `dbPass`), not a generated run (`$agmPEHrET`). */
const PAIR_VARIABLE_RE = /:\$\{?(?:[A-Z_][A-Z0-9_]*|[a-z_][a-z0-9_]*|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+)\}?$/;
/** `YOUR_USERNAME:YOUR_PASSWORD`, `{username}:{password}`: both halves are placeholders. */
const PLACEHOLDER_BOTH_RE = /^(?:your|my)[_-]?\w+:(?:your|my)[_-]?\w+$/i;

/** Only a secret's name in its place (`real_secret`, `my_password`, `token`). */
const SECRET_NOUN_VALUE_RE =
  /^(?:(?:real|my|some|the|your|test|new|old|default|secret|api)[_-]?)?(?:secret|key|token|password|passwd|pass|pwd|apikey|api_key)$/i;

/** Whether a password alone (`curl -u user:PASSWORD`) only stands in for one. */
export function isStandInPassword(value: string): boolean {
  return isStandIn(value) || /^(?:pass(?:word|wd)?|pwd|token|secret|x{3,}|y{3,})$/i.test(value);
}

/** Whether a value under a sensitive key is only a reference, a lookup, a placeholder or filler. */
export function isStandIn(value: string): boolean {
  if (isMasked(value) || asksToBeFilledIn(value)) return true;
  if (isReference(value) || LOOKUP_RE.test(value) || isFiller(value) || isExampleToken(value)) return true;
  if (
    FRAGMENT_RE.test(value) ||
    isCodeFragment(value) ||
    (PLACEHOLDER_PAIR_RE.test(value) && PAIR_USER_RE.test(value) && !looksRandom(value) && (!value.includes(':$') || PAIR_VARIABLE_RE.test(value))) ||
    PLACEHOLDER_BOTH_RE.test(value)
  )
    return true;
  if (CONSTANT_NAME_RE.test(value) && value.split('_').some((w) => SECRET_WORD_RE.test(w))) return true;
  if (SECRET_NOUN_VALUE_RE.test(value)) return true;
  // `somefakekey`, `notapassword`: nothing left once the filler and a secret's name are taken
  // out (`fakejblxgdazgcjd`, a random lowercase value, keeps its random part: fuzz suite)
  return value.length <= 24 && /^[a-z_-]+$/.test(value) && FILLER_WORD_RE.test(value) && value.replace(FILLER_REST_RE, '').length <= 2;
}
const FILLER_REST_RE =
  /fake|dummy|sample|example|placeholder|notapass(?:word)?|notasecret|not_?a_?real|changeme|redacted|some|my|your|the|api|key|token|secret|password|passwd|pass|pwd|value|string|test|[_-]/g;

export function isSecretValue(cat: Category, key: string, value: string): boolean {
  // `${DB_PASS:-s3cr3t}`: a reference with a default, and the default is a literal value
  const dflt = SHELL_DEFAULT_RE.exec(value);
  if (dflt !== null) return isSecretValue(cat, key, dflt[1] as string);
  // `<oBhS3OPPbPAz9GBX>`, `{{2D0lPLxF…}}`: a random run in a template's brackets is a value
  const br = BRACKETED_RE.exec(value);
  const inner = br === null ? '' : (br[1] ?? br[2] ?? '');
  if (looksRandom(inner)) return isSecretValue(cat, key, inner);
  if (NOT_A_SECRET_RE.test(value) || PLACEHOLDER_RE.test(value) || isPlaceholderWording(value) || isStandIn(value)) return false;
  if (isCodeReference(value)) return false; // `os.environ["API_KEY"]`, `args.password`, `!Ref DbPassword`
  if (value.startsWith('[REDACTED') || value.startsWith('"[REDACTED')) return false;
  if (SOPS_ENVELOPE_RE.test(value)) return false;
  if (
    cat !== 'password' &&
    (isDocumentationExample(value) ||
      isZeroMask(value) ||
      namesARelease(value) ||
      isMadeUpProviderToken(value) ||
      outrunsIssuedForm(key, value) ||
      fallsShortOfIssuedForm(key, value))
  )
    return false;
  // `issuerKeyHash=…` (an OCSP request): a hash of a certificate issuer's public key or name
  if (cat === 'token-hash' && CERT_PARTY_RE.test(keyWords(key)[0] ?? '')) return false;
  if (isPlaceholderPem(value)) return false; // `"private_key": "-----BEGIN …-----\n...\n-----END …-----"`
  // `PWD=/srv/app` (sudo, env dumps): the shell's working directory, not a password
  if ((key === 'PWD' || key === 'OLDPWD') && /^[/~][^\s]*$/.test(value)) return false;
  // `ops_eyJzaWdu…...`: a value shown cut short (in docs, in a tool's own masked output)
  if (cat !== 'password' && (TRUNCATED_RE.test(value) || showsOnlyStructure(value))) return false;
  // `postgres://postgres:postgres@localhost/db`: the URL rule pseudonymises the whole URL, credentials dropped
  if (isPrivateUrl(value)) return false;
  // `completion: (Swift.Bool) -> ()`: a type signature in a stack trace, not model output
  if (cat === 'prompt-output' && SIGNATURE_RE.test(value)) return false;
  if (cat === 'customer-identity' && PLACEHOLDER_NAME_RE.test(value)) return false;
  // `haKey=!1`: nothing of two characters is a secret; `secretKey: foo` is a placeholder
  if (value.length <= 2 || isMetasyntactic(value)) return false;
  if (cat === 'secret' && namesAThing(key, value)) return false;
  if (NUMBER_RE.test(value) || ID_LIKE_RE.test(value)) return isSecretNumber(cat, key, value);
  if (OBJECT_REF_RE.test(value)) return false;
  switch (cat) {
    case 'tee-quote':
      return value.length >= 64;
    case 'tunnel':
    case 'customer-identity':
      if (STATUS_WORD_RE.test(value)) return false;
      // an email is pseudonymised (consistently) by the email rule instead
      return !(cat === 'customer-identity' && value.includes('@') && EMAIL_VALUE_RE.test(value));
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

/**
 * `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]`: a value `sops` encrypted (the data key is kept
 * in a KMS or encrypted to PGP keys); ciphertext, written to be committed, whatever the key.
 */
const SOPS_ENVELOPE_RE = /^ENC\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]+,tag:[A-Za-z0-9+/=]+,type:[a-z]+\]$/;

/** `${NAME:-default}`, `${NAME-default}`, `${NAME:=default}`: the shell's default value. */
export const SHELL_DEFAULT_RE = /^\$\{[A-Za-z_]\w*:?[-=]([^{}]+)\}$/;

const BRACKETED_RE = /^(?:<([^<>]*)>|\{\{\s*([^{}]*?)\s*\}\})$/;

/** AWS's secret-key form: 40 characters of base64. */
const AWS_SECRET_FORM_RE = /^[A-Za-z0-9/+]{40}$/;

/**
 * `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYa`: AWS's documentation word (`EXAMPLE`, in
 * capitals, as AWS writes its published keys) in a value of no token's form. The published
 * values themselves, in their exact form (`AKIAIOSFODNN7EXAMPLE`, the 40-character secret
 * key), stay marked: the peers' suites list them as keys, and a value of a key's exact form
 * is not judged by its words. Not for passwords, which people choose.
 */
function isDocumentationExample(value: string): boolean {
  return EXAMPLE_TAIL_RE.test(value) && !AWS_SECRET_FORM_RE.test(value) && tokenCategory(value) === null;
}
/**
 * AWS ends its example values with the word (`…EXAMPLE`, `…EXAMPLEKEY`, a character or two
 * appended); a value with more after it (`Idec2qz1BPEXAMPLEwU7rR03fRr`) is its own (fuzz suite).
 */
const EXAMPLE_TAIL_RE = /EXAMPLE(?:KEY)?[A-Za-z0-9]{0,2}$/;

/**
 * `0000000000000000000000000000000000TUVWXYZ`: zeros standing in for a token-length value, as
 * documentation fills a token (fewer than 8 other characters). Short ones (`0000-0000-0000`,
 * an account number's form) stay: the peers list them. Not for passwords, which people choose.
 */
function isZeroMask(value: string): boolean {
  const alnum = value.replace(/[^A-Za-z0-9]/g, '');
  const zeros = alnum.length - alnum.replace(/0/g, '').length;
  return alnum.length >= 24 && zeros / alnum.length >= 0.6 && alnum.length - zeros < 8;
}

/**
 * `jjwt-jackson-0.11.2`, `log4j-core-2.17.1`: a package's name and its dotted version (a
 * Maven coordinate after `io.jsonwebtoken:`) names a release. A generated secret has no
 * lowercase words ending in a three-part version. Not for passwords.
 */
const RELEASE_RE = /^[a-z][a-z0-9]*(?:[-_.][a-z][a-z0-9]*)*[-_]v?\d{1,4}\.\d{1,4}\.\d{1,6}(?:[-.+][A-Za-z]{1,12}\d{0,3})?$/;
function namesARelease(value: string): boolean {
  return RELEASE_RE.test(value);
}

/** Key words that name a certificate's parties: their hashes are of public keys and names. */
const CERT_PARTY_RE = /^(?:issuer|subject|authority)$/;

/**
 * `ops_eyJzaWduSW5B..[Redacted]`, `ops_eyJzaWduSW5BZGRyZXNzIjoiaHR0cHM6...`: a token cut short
 * for display where what is shown is only its public structure: a prefix and the opening of
 * its base64 JSON (`{"signInAddress":"https:`: a field's name and a URL scheme). Anything more
 * (a value, an e-mail address, key material) keeps it marked.
 */
/** The opening of a JSON object: its first field's name, and a URL scheme at most as its value. */
const JSON_OPENING_RE = /^\{"[A-Za-z_]*(?:":(?:"(?:https?:?\/{0,2})?)?)?$/;
const CUT_SHORT_RE = /^([a-z][a-z0-9]{1,9}_)(eyJ[A-Za-z0-9+/_-]*)(?:\.{2,}|…)(?:\[redacted\])?$/i;
function showsOnlyStructure(value: string): boolean {
  const m = CUT_SHORT_RE.exec(value);
  if (m === null) return false;
  const b64 = m[2] as string;
  const text = Buffer.from(b64.slice(0, b64.length - (b64.length % 4)), 'base64').toString('latin1');
  return JSON_OPENING_RE.test(text);
}

/** A value cut short for display: `abc123...`, `ops_eyJ..[Redacted]`, `sk-…`. */
// At most 8 characters shown (a prefix and a few characters, as masking tools print): a
// longer visible part is a leak of its own, and `secret: Zq8f3kLm2Pq9xR…` is a whole short
// secret with a mark after it (found by the fuzz suite).
const TRUNCATED_RE = /^[A-Za-z0-9_-]{1,8}(?:\.{2,}|…)(?:\[redacted\]?)?$/i;
const SIGNATURE_RE = /^\([^()]*\)\s*->/;
/** Account names that stand for nobody: `"username": "test"`. */
const PLACEHOLDER_NAME_RE = /^(?:test|tester|testuser|user|username|demo|guest|example|sample|nobody|anonymous|john\.?doe|jane\.?doe)$/i;
const URL_VALUE_RE = /^[A-Za-z][A-Za-z0-9+.-]{1,15}:\/\/(?:[^\s/?#@"'<>`]*@)?(\[[0-9A-Fa-f:.]+\]|[^\s/?#:"'<>`\\]*)(?::\d{1,5})?(?:[/?#][^\s"'<>`]*)?$/;

/**
 * `NSErrorFailingURLKey=https://gsp-ssl.ls.apple.com/dispatcher.arpc`: an address with no
 * credentials, query or token-like path segment (a mixed run of 8+) names a place.
 */
function isPlainUrl(value: string): boolean {
  const m = URL_VALUE_RE.exec(value);
  if (m === null || /[?#]/.test(value)) return false;
  // a user part is a token (`https://<token>@host`) unless it is an e-mail address
  // (`https://13957525385%40163.com@host/…`: the e-mail rule pseudonymises it)
  const at = value.lastIndexOf('@');
  if (at >= 0 && !EMAIL_VALUE_RE.test(safeDecode(value.slice(value.indexOf('://') + 3, at)))) return false;
  const path = value
    .slice(value.indexOf('://') + 3)
    .split('/')
    .slice(1);
  return path.every((seg) => seg.length <= 32 && !RANDOM_RUN_RE.test(seg));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isPrivateUrl(value: string): boolean {
  const m = URL_VALUE_RE.exec(value);
  return m !== null && m[1] !== undefined && m[1] !== '' && isPrivateHost(m[1]);
}

/**
 * Under a key whose last word is `key` (`bucket_key`, `schemaKey`, an ExternalSecret's
 * `key:`), a value that reads as words joined by separators names a thing; a generated key
 * never reads so. Not for `secret`/`password` keys, where people do choose words.
 */
function namesAThing(key: string, value: string): boolean {
  const w = keyWords(key);
  const last = w[w.length - 1];
  if (last !== 'key' && last !== 'keys' && last !== 'token') return false;
  // `xoxp-0Abjy0Ayag`: a provider's prefix says token, however word-like the rest (fuzz suite),
  // unless the rest says it is a stand-in (`hvs.example`)
  const p = distinctivePrefixLength(value);
  if (p >= 0) return isHandMadeBody(value.slice(p));
  // `stream/token: com.apple.xpc.activity/4505: 132: …`: a label's colon is prose, not the name
  const name = value.length > 4 && value.endsWith(':') ? value.slice(0, -1) : value;
  return readsAsName(name) || (last === 'key' && isPlainUrl(value));
}

/**
 * A number is a secret only under a key whose last word names the secret (`pin`, `otp`,
 * `password`): `token_budget_per_minute: 250000` and `"prompt_tokens": 213` are counters.
 */
function isSecretNumber(cat: Category, key: string, value: string): boolean {
  if (cat === 'customer-identity') return isAccountIdKey(key);
  if (cat !== 'password' && cat !== 'secret' && cat !== 'private-key') return false;
  if (isPinKey(key)) return value.length >= 4; // a PIN is a short number: `pin=4821`
  if (value.length < 6) return false;
  const w = keyWords(key);
  const noun = w[w.length - 1] ?? '';
  // `cup2key=7:2567183950`, `partition_key=1024`, `key=88412`: a number under a bare "key" names a
  // record (cache, sort, partition, foreign keys); under a credential's key it is one (`api_key`)
  if (noun === 'key') return w.some((x) => CREDENTIAL_KEY_QUALIFIERS.has(x));
  return SECRET_NOUNS.has(noun);
}

/** The words that make a `…_key` a credential's name (a number under it is a secret). */
const CREDENTIAL_KEY_QUALIFIERS = new Set(
  (
    'api access secret private auth license licence product serial activation recovery unlock encryption ' +
    'decryption crypt signing master client app application session shared psk pre wep wpa wifi wireless ' +
    'network ssh gpg pgp wallet account admin root user bot service subscription consumer integration webhook'
  ).split(' '),
);
