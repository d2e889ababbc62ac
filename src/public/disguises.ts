/**
 * Secrets written so that a pattern misses them and a reader does not: invisible
 * characters inside a token (U+200B, U+2060, U+FEFF, a soft hyphen), full-width or other
 * compatibility forms (`ｂ３ｉｑ＿ｌｏｃａｌ＿…`), a b3iq token in another case or with other
 * separators (`B3IQ-LOCAL-…`, `b3iq local …` wrapped by a terminal), PEM armour in odd
 * framing, and payment card numbers. Each is judged on what a person or a lenient reader
 * would take from the text.
 */
import { CREDENTIAL_KINDS } from '../core/credential-kinds.js';

/** Characters that draw nothing (format controls, soft hyphen, variation selectors), and lone surrogates. */
const UNSEEN_RE = /[\p{Cf}\p{Cs}\p{Variation_Selector}\u00ad\u115f\u1160\u17b4\u17b5\u3164\uffa0]|\u034f/gu;
/** Anything but printable ASCII, tabs and line breaks; or an escape or entity a reader would decode. */
const NOT_PLAIN_RE = /[^\x20-\x7e\t\n\r]|\\[ux][0-9A-Fa-f]{2}|&#|=[0-9A-F]{2}[^=]{0,64}=[0-9A-F]{2}/;
/** Control characters and ANSI colour sequences (a terminal draws neither). */
const CONTROL_RE = /\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
/** `\u0062`, `\x62`, `&#98;`, `&#x62;` written inside a value: what a second unescape gives. */
const ESCAPE_RE = /\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})|&#(\d{1,7});|&#[xX]([0-9A-Fa-f]{1,6});|=([0-9A-F]{2})/g;
function unescaped(s: string): string {
  // quoted-printable (`b3iq=5Flocal=5F…`) only where two or more such escapes stand close
  const qp = /=[0-9A-F]{2}[^=]{0,64}=[0-9A-F]{2}/.test(s);
  return s.replace(ESCAPE_RE, (all, u, x, d, h, q) => {
    if (q !== undefined && !qp) return all;
    const code = Number.parseInt(u ?? x ?? h ?? q ?? d, u || x || h || q ? 16 : 10);
    return code > 0x10ffff ? all : String.fromCodePoint(code);
  });
}

/**
 * The text as a reader takes it: escapes written inside the value decoded (`\u0062`,
 * `&#98;`), control characters and ANSI colour sequences dropped, compatibility forms folded
 * (NFKC: full-width letters and digits, ligatures, `①`), invisible characters dropped. Null
 * when it reads as written (plain printable ASCII, the common case, costs one test).
 */
export function readerView(s: string): string | null {
  if (!NOT_PLAIN_RE.test(s)) return null;
  const view = unescaped(s).replace(CONTROL_RE, '').replace(UNSEEN_RE, '').normalize('NFKC');
  return view === s ? null : view;
}

/**
 * A b3iq token whatever its case and separators: `b3iq`, the kind, then a body of letters
 * and digits that a space, dot, dash or line break may cut (a wrap, a copy from a PDF). The
 * body must look random (20+ characters with 3+ digits), so `B3IQ_LOCAL_KEY_FILE` and prose
 * about "b3iq local keys" stay words.
 */
const LOOSE_B3IQ_RE = new RegExp(`b3iq[\\s._:/-]{0,3}(?:${CREDENTIAL_KINDS.join('|')})[\\s._:/-]{0,3}((?:[0-9a-z]+[\\s.-]?){1,12})`, 'gi');
export function hasLooseB3iqToken(s: string): boolean {
  if (s.length < 28 || !/b3iq/i.test(s)) return false;
  for (const m of s.matchAll(LOOSE_B3IQ_RE)) {
    const body = (m[1] as string).replace(/[^0-9A-Za-z]/g, '');
    const digits = body.replace(/\D/g, '').length;
    if (body.length >= 20 && digits >= 3 && body.length - digits >= 10) return true;
  }
  return false;
}

/** PEM private-key armour in any case, with 3+ dashes, spaces, or on one line (`-----begin private key-----MII…`). */
// read from the first dash of a run only, and runs bounded: a 2 MB run of dashes or spaces stays linear
const LOOSE_PRIVATE_PEM_RE = /(?<!-)-{3,16}[ \t]{0,8}begin[ \t]{1,8}(?:[a-z0-9]{1,16}[ \t]{1,8}){0,4}private[ \t]{1,8}key(?:[ \t]{1,8}block)?[ \t]{0,8}-{3}/i;
export function hasLoosePrivateKey(s: string): boolean {
  return s.length >= 24 && LOOSE_PRIVATE_PEM_RE.test(s);
}

/**
 * A payment card number: 13 to 19 digits, plain or in groups of four (`4111 1111 1111
 * 1111`), an issuer prefix (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay) and a
 * valid Luhn check digit. In text only the grouped form counts: a plain 16-digit run is as
 * often an amount or an id (plain numbers count under card keys, judged by key).
 */
const GROUPED_CARD_RE = /(?<![\d.,-])(\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?|3[47]\d{2}[ -]\d{6}[ -]\d{5})(?![\d.,]|-\d)/g;
const CARD_PREFIX_RE = /^(?:4|5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720)|3[47]|6(?:011|5|4[4-9]|2)|35(?:2[89]|[3-8])|3(?:0[0-5]|[689]))/;
export function isCardNumber(digits: string): boolean {
  if (!/^\d{13,19}$/.test(digits) || !CARD_PREFIX_RE.test(digits) || /^\d0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
export function hasCardNumber(s: string): boolean {
  if (s.length < 15 || !/\d{4}[ -]\d/.test(s)) return false;
  for (const m of s.matchAll(GROUPED_CARD_RE)) if (isCardNumber((m[1] as string).replace(/\D/g, ''))) return true;
  return false;
}

/** A Telegram bot token in a Bot API URL or alone (`bot123456789:AAH…/sendMessage`). */
const TELEGRAM_BOT_RE = /(?<![A-Za-z0-9])(?:bot)?(?<!\d)\d{8,10}:AA[A-Za-z0-9_-]{30,40}(?![A-Za-z0-9_-])/;
export function hasBotToken(s: string): boolean {
  return s.length >= 40 && TELEGRAM_BOT_RE.test(s);
}

/** `alice [at] acme [dot] com`, `alice(at)acme(dot)com`: an address written to dodge a pattern, not a reader. */
const SPELLED_EMAIL_RE =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}[ \t]{0,4}[[({<][ \t]{0,4}at[ \t]{0,4}[\])}>][ \t]{0,4}[A-Za-z0-9-]{1,63}(?:[ \t]{0,4}[[({<][ \t]{0,4}dot[ \t]{0,4}[\])}>][ \t]{0,4}[A-Za-z0-9-]{1,63})+/i;
export function hasSpelledEmail(s: string): boolean {
  return s.length >= 12 && /at\s*[\])}>]/i.test(s) && SPELLED_EMAIL_RE.test(s);
}

/** `user:password` and nothing else: what a Basic header's base64 holds (not `host:port`, not a URL). */
const USER_PASSWORD_RE = /^[\w.@+-]{1,64}:(?!\/\/)(?!\d+$)[^\s/]{6,128}$/;
export function isUserPassword(text: string): boolean {
  return USER_PASSWORD_RE.test(text);
}
