/**
 * Public-boundary findings red team 3 found missing:
 * - quick-tunnel hostnames (`*.trycloudflare.com`, ngrok, localtunnel, serveo, pinggy, dev
 *   tunnels): a tunnel address that reaches the node's runtime from anywhere;
 * - bare base64 DER (`MII…CCA…`): a certificate without its PEM armour, under any key; a bare
 *   PKCS#1 / PKCS#8 private key (`MIIE…IBAAKCA…`, `MII…IBADAN…`) is a credential;
 * - scoped IPv6 addresses (`fe80::1%eth0`, `%25` in a URL): link-local, so local by definition;
 * - access-log lines (`"POST /v1/chat HTTP/1.1" 200`): a private request log pasted as text;
 * - who owns or pays for a node: a person's or company's name, address or contact under an
 *   `owner`, `billing`, `payer`, `cardholder` (…) key.
 */
import type { PublicCategory } from './categories.js';

/** The suffix after a label (a look-behind of one character: a run of `a.a.a.…` costs linear time). */
const QUICK_TUNNEL_RE =
  /(?<=[a-z0-9-])\.(?:trycloudflare\.com|ngrok-free\.app|ngrok-free\.dev|ngrok\.io|ngrok\.app|ngrok\.dev|loca\.lt|serveo\.net|serveousercontent\.com|lhr\.life|localhost\.run|pinggy\.link|pinggy\.online|tunnelmole\.net|devtunnels\.ms|bore\.pub)(?![\w-])/i;
/** A DER certificate in base64: SEQUENCE (long form) then the tbsCertificate SEQUENCE. */
const DER_CERT_RE = /(?<![A-Za-z0-9+/])MII[A-Za-z0-9+/]{2,3}CCA[A-Za-z0-9+/]{40,}/;
/** PKCS#1 (`30 82 .. .. 02 01 00 02 82`) and PKCS#8 (`… 02 01 00 30 0d 06 09 2a 86 48`) private keys in base64. */
const DER_PRIVATE_KEY_RE = /(?<![A-Za-z0-9+/])MII[A-Za-z0-9+/]{2,3}(?:IBAAKCA|IBADAN|IBADAT)[A-Za-z0-9+/]{40,}/;
const SCOPED_IPV6_RE = /(?<![\w:])[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}%(?:25)?[A-Za-z0-9_.-]+/i;
const ACCESS_LOG_RE = /"(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[^\s"]{0,2048} HTTP\/\d(?:\.\d)?" [1-5]\d\d\b/;

export function exposureTextFindings(s: string, add: (c: PublicCategory, m: string) => void): void {
  if (s.includes('.') && QUICK_TUNNEL_RE.test(s)) add('tunnel', 'value names a quick-tunnel address');
  if (s.length >= 48 && s.includes('MII')) {
    if (DER_PRIVATE_KEY_RE.test(s)) add('credential', 'value carries a private key (base64 DER)');
    else if (DER_CERT_RE.test(s)) add('certificate-chain', 'value carries a certificate (base64 DER)');
  }
  if (s.includes('%') && SCOPED_IPV6_RE.test(s)) add('local-url', 'value names a scoped (link-local) IPv6 address');
  if (s.includes('HTTP/') && ACCESS_LOG_RE.test(s)) add('request-log', 'value carries an access-log line');
}

/** Keys naming who owns, pays for or is billed for a node (folded). */
const PARTY_KEY_RE =
  /^(?:owner|owners|billing|billto|billedto|billingcontact|billingdetails|billinginfo|billingname|ownername|ownercontact|ownerdetails|payer|payername|cardholder|cardholdername|accountholder|accountholdername|recipientname|contactname|legalname|registrant)$/;
/** Members of a party record that identify it. */
const PARTY_MEMBER_RE =
  /^(?:name|fullname|firstname|lastname|givenname|familyname|displayname|company|companyname|street|streetaddress|address|addressline1|addressline2|line1|line2|city|zip|zipcode|postcode|postalcode|email|phone|mobile|vat|vatid|taxid)$/;
/** `Alice Johnson`, `Acme Corp`, `José María O'Neil`: two to five capitalised words. */
export const PROPER_NAME_RE = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.&-]*){1,4}$/u;

/** `{"owner": "Alice Johnson"}`, `{"billing": {"name": …, "street": …}}`: the folded key and its value. */
export function partyCategory(folded: string, value: unknown, fold: (k: string) => string): PublicCategory | null {
  if (!PARTY_KEY_RE.test(folded)) return null;
  if (typeof value === 'string') return PROPER_NAME_RE.test(value.trim()) ? 'customer-identity' : null;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o).slice(0, 64)) {
    const v = o[k];
    if (typeof v === 'string' && v.trim() !== '' && PARTY_MEMBER_RE.test(fold(k))) return 'customer-identity';
  }
  return null;
}
