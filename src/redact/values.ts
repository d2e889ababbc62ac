/**
 * Judgements about one value found under a sensitive key: is it a secret at all (not a
 * placeholder, a status word, a counter), and which category names it best.
 */
import { tokenCategory } from './providers.js';
import { NOT_A_SECRET_RE, NUMBER_RE, STATUS_WORD_RE, UUID_RE, keyWords, shapeCategory, type Category } from './patterns.js';

/** Last words of a key that name the secret itself, so a number under it is one (`otp: 123456`). */
const SECRET_NOUNS = new Set(['password', 'passwd', 'pwd', 'pass', 'passcode', 'pin', 'otp', 'totp', 'secret', 'token', 'key', 'apikey', 'code', 'passphrase', 'hex', 'seed']);

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
const OBJECT_REF_RE = /^[A-Z][A-Za-z]*\{[0-9a-f]*$/;
const EMAIL_VALUE_RE = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;

/**
 * Placeholders that say they are one (`insert_key_here`, `your-api-key`, `changeme`, a
 * `%s` or `{{ var }}` template). A real secret rarely contains these words; the peers'
 * suites list them as false positives.
 */
const PLACEHOLDER_RE = /^(?:%[sd]|%\([a-z_]+\)s|\{\{[^}]*\}\}|\{[a-z_]*\}|[\w-]*(?:^|[_-])(?:example|placeholder|fake|dummy)(?:[_-][\w-]*|$)|insert[_-][\w-]*|your[_-][\w-]*|[\w-]*[_-]here|changeme|[A-Za-z0-9/+]*EXAMPLE(?:KEY)?)$/i;

export function isSecretValue(cat: Category, key: string, value: string): boolean {
  if (NOT_A_SECRET_RE.test(value) || PLACEHOLDER_RE.test(value)) return false;
  if (value.startsWith('[REDACTED') || value.startsWith('"[REDACTED')) return false;
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
 * A number is a secret only under a key whose last word names the secret (`pin`, `otp`,
 * `password`): `token_budget_per_minute: 250000` and `"prompt_tokens": 213` are counters.
 */
function isSecretNumber(cat: Category, key: string, value: string): boolean {
  if (cat !== 'password' && cat !== 'secret' && cat !== 'private-key') return false;
  if (value.length < 6) return false;
  const w = keyWords(key);
  return SECRET_NOUNS.has(w[w.length - 1] ?? '');
}
