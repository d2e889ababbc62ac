/**
 * Public-boundary findings the string and key checks did not make (red team 2):
 * - `::1` (and `[::1]:8000`) alone, too short for the string scan;
 * - local socket endpoints: `unix:///run/b3iq.sock`, `unix:/var/run/docker.sock`,
 *   `npipe:////./pipe/docker_engine`, `http+unix://…`;
 * - gRPC targets naming a host by the `dns:` resolver (`dns:///vllm:50051`,
 *   `dns://8.8.8.8/vllm.internal:50051`) whose host is single-label or private;
 * - phone numbers: in international form anywhere in text, and any phone-shaped value under a
 *   phone, mobile, fax or contact key (customer identity).
 */
import type { PublicCategory } from './categories.js';
import { canonicalHost, isPrivateHostname } from './hosts.js';

const SHORT_LOOPBACK_RE = /^\s*(?:\[::1\](?::\d{1,5})?|::1)\s*$/;
/** A string too short for the usual scan that is nonetheless a loopback address. */
export function isShortLoopback(s: string): boolean {
  return s.length < 16 && SHORT_LOOPBACK_RE.test(s);
}

const SOCKET_URL_RE = /(?<![\w.+-])(?:unix|unix-abstract|npipe|http\+unix|https\+unix|ws\+unix):\/{0,4}[^\s"'<>]{2,}/i;
const GRPC_DNS_RE = /(?<![\w.+-])dns:\/\/[^\s/]*\/([A-Za-z0-9._-]{1,253}|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?/gi;
/** `+1 415 555 0199`, `+44 (20) 7946 0958`, `+14155550199`. */
const INTL_PHONE_RE = /(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){1,5}(?![\w])/g;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) n++;
  return n;
}

export function extraTextFindings(s: string, add: (c: PublicCategory, m: string) => void): void {
  if (s.includes(':') && SOCKET_URL_RE.test(s)) add('local-url', 'value names a local socket (unix socket or named pipe)');
  if (s.includes('dns:')) {
    for (const m of s.matchAll(GRPC_DNS_RE)) {
      const host = canonicalHost(m[1] as string);
      if (host !== null && isPrivateHostname(host)) add('local-url', 'value names a private gRPC target');
    }
  }
  if (s.includes('+')) {
    for (const m of s.matchAll(INTL_PHONE_RE)) {
      const d = digitCount(m[0]);
      if (d >= 10 && d <= 15) {
        add('customer-identity', 'value carries a phone number');
        break;
      }
    }
  }
}

const PHONE_KEY_RE = /(?:phone|phones|phonenumber|tel|telephone|mobile|mobilenumber|cell|cellphone|whatsapp|msisdn|fax|sms|contact|contactnumber)$/;
const PHONE_VALUE_RE = /^\+?[\d\s().-]{7,24}$/;

/** The category a value gets from its (folded) key beyond the key table: a phone number. */
export function extraKeyedCategory(folded: string, value: string): PublicCategory | null {
  if (!PHONE_KEY_RE.test(folded)) return null;
  const v = value.trim();
  const d = digitCount(v);
  return PHONE_VALUE_RE.test(v) && d >= 7 && d <= 15 ? 'customer-identity' : null;
}
