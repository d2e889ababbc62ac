/**
 * Shapes of one object that change how its members are read: an env or form entry that
 * names itself secret, a chat message, a Kubernetes key reference, an object that says it is
 * a tunnel, a credential record, and hosts written as numbers or bytes.
 */
import { CREDENTIAL_KINDS, KINDS } from '../core/credential-kinds.js';
import { canonicalHost, isPrivateHostname, isPrivateIPv4 } from './hosts.js';
import { classifyPublicKey, foldKey } from './keys.js';
import { isByteArray } from './subtree.js';

/** A record id (`lk_…`) or kind (`local`) marks an object as a credential record. */
const CREDENTIAL_ID_RE = new RegExp(
  `^(?:${CREDENTIAL_KINDS.map((k) => KINDS[k].idPrefix)
    .filter((p): p is string => p !== null)
    .join('|')})[0-9A-Za-z]{6,}$`,
);
const CREDENTIAL_KIND_SET = new Set<string>(CREDENTIAL_KINDS);
export function isCredentialRecord(o: Record<string, unknown>): boolean {
  return (typeof o.id === 'string' && CREDENTIAL_ID_RE.test(o.id)) || (typeof o.kind === 'string' && CREDENTIAL_KIND_SET.has(o.kind));
}

/**
 * Keys naming an entry's name and value: env entries (`name`/`Name`/`key`), HAR and header
 * lists, and the fields of password-manager and form records (`{"id":"password","type":
 * "CONCEALED","label":"password","value":…}`, `{"type":"api_key","value":…}`), folded.
 */
const ENV_NAME_KEYS = new Set(['name', 'key', 'variable', 'env', 'envvar', 'id', 'label', 'type', 'field', 'fieldname', 'param', 'parameter', 'header']);
/** A path through a receipt (`$.receipts[3]`, `$.receipt`): its `hash` is the receipt's. */
export const RECEIPT_PATH_RE = /\.receipts?(?:\[\d+\])?$/i;
export const ENV_VALUE_KEYS = new Set(['value', 'val', 'data', 'text', 'string']);

/** Letters every secret name has one of: ids and labels without any are not classified (60 000 distinct ids cost 0.7 s). */
const SECRET_NAME_HINT_RE =
  /pass|pwd|secret|key|token|auth|cred|cookie|sess|seed|mnemonic|bearer|otp|pin|sk|dsn|jwt|csrf|wort|contrase|senha|salasana|losenord|kode|code|connection|cvv|cvc|[^\x00-\x7f]/i;

/** The secret name a small object gives itself by one of its name members, or null (entries are small: wide objects are not looked into). */
export function secretEntryName(o: Record<string, unknown>): string | null {
  const keys = Object.keys(o);
  if (keys.length > 8) return null;
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v.length <= 64 && SECRET_NAME_HINT_RE.test(v) && ENV_NAME_KEYS.has(foldKey(k)) && classifyPublicKey(v) === 'credential')
      return v;
  }
  return null;
}

/** A browser or cookie-jar cookie (`{"name":"sid","value":…,"domain":…}`): its value is a session. */
const COOKIE_MEMBER_RE = /^(?:domain|httponly|hostonly|samesite|expires|expirationdate|secure|maxage)$/;
export function isCookieRecord(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  if (keys.length > 16 || typeof o.name !== 'string' || typeof o.value !== 'string') return false;
  return keys.some((k) => COOKIE_MEMBER_RE.test(foldKey(k)));
}

/** `{"role":"user","text":…}`: a chat message whatever the API calls its text. */
const CHAT_ROLE_RE = /^(?:user|assistant|system|developer|tool|function|model|human|ai|bot|customer)$/i;
export const CHAT_TEXT_KEYS = new Set(['text', 'message', 'msg', 'parts', 'value', 'data', 'utterance', 'say']);
export function isChatMessage(o: Record<string, unknown>): boolean {
  return typeof o.role === 'string' && CHAT_ROLE_RE.test(o.role) && Object.keys(o).length <= 16;
}

/** One host key (not `hosts`, a count): `{"host": 2130706433}` is 127.0.0.1 to every URL parser. */
const ONE_HOST_KEY_RE = /(?:host|hostname|server|addr|address|endpoint|listen|bind)$|(?:^|client|remote|peer|local|node|source|dest|private|public)ip(?:v4)?$/;
export function numberIsPrivateHost(key: string, n: number): boolean {
  if (!Number.isInteger(n) || n < 0x1000000 || n > 0xffffffff || !ONE_HOST_KEY_RE.test(foldKey(key))) return false;
  const host = canonicalHost(String(n));
  return host !== null && isPrivateHostname(host);
}

/** `{"ip": [10, 0, 0, 1]}`: an address as its four bytes under a host or IP key. */
export function octetsArePrivateHost(key: string, a: unknown[]): boolean {
  if (a.length !== 4 || !isByteArray(a, 4) || !ONE_HOST_KEY_RE.test(foldKey(key))) return false;
  return isPrivateIPv4(a.join('.'));
}

/**
 * `{"name":"hf","key":"token"}` (Kubernetes secretKeyRef/configMapKeyRef): `key` names an
 * entry (`token`, `tls.crt`), it is not one. A value with digits is judged as a secret.
 */
export function isKeyReference(o: Record<string, unknown>): boolean {
  if (typeof o.name !== 'string' || typeof o.key !== 'string' || !/^\.?[A-Za-z][A-Za-z._-]{0,62}$/.test(o.key)) return false;
  return Object.keys(o).every((k) => k === 'name' || k === 'key' || k === 'optional');
}

const TYPE_KEY_RE = /(?:type|kind)$/;
const TUNNEL_TYPE_RE = /tunnel|cloudflared/i;
export function declaresTunnel(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  if (keys.length > 64) return false;
  return keys.some((k) => typeof o[k] === 'string' && TUNNEL_TYPE_RE.test(o[k] as string) && TYPE_KEY_RE.test(foldKey(k)));
}
