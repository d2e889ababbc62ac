/**
 * Public-boundary findings red team 4 found missing, all by structure:
 * - keys that differ only in how they are written (case, the Kelvin sign, the long s,
 *   zero-width characters, lookalike letters, full-width forms) are one key to a
 *   case-insensitive reader: a repeated key (`duplicate-key`);
 * - the exact leaves of a secret-named key's subtree, so a violation names the secret's own
 *   path (`$.upstream.apiKey`, `$.secrets.prod.db`), never a key that is itself a secret;
 * - b3iq token hashes (`sha256:<hex>`) as keys and in lists under `hash`/`hashes`; a public
 *   artifact's hash (an object that names a file, URL or size) stays;
 * - a TEE quote as a `Uint8Array` turned JSON (`{"0":4,"1":0,…}`), as hex byte strings
 *   (`["04","00",…]`) or cut into base64 chunks;
 * - a client's address under any key that names the client (`src_ip`, `lastLoginIp`,
 *   `{"client":{"ip":…}}`) or as a key of a map of who asked (`{"clients":{"198.51.100.7":…}}`),
 *   a person's name in a contact record, and a chat turn by its speaker (`{"from":"human",…}`);
 * - and what stays public: a model's license tag (`license:apache-2.0`), counts under `tokens`.
 */
import { isIP } from 'node:net';
import type { PublicCategory } from './categories.js';
import { isPlaceholder } from './commands.js';
import { PROPER_NAME_RE } from './exposure.js';
import { JWK_PRIVATE_MEMBERS, foldKey, isMetadataKey, readerKey } from './keys.js';
import { childPath } from './paths.js';
import { AUTH_SCHEME_RE, BLOB_RE } from './subtree.js';

/** Keys written differently that a case-insensitive reader takes for an earlier key of the same object. */
export function lookalikeDuplicates(keys: readonly string[]): Set<string> {
  const out = new Set<string>();
  if (keys.length < 2) return out;
  const first = new Map<string, string>();
  for (const k of keys) {
    // ASCII keys differ to a reader only in case (the fast path: payloads are mostly ASCII)
    const r = /^[\x20-\x7e]*$/.test(k) ? k.toLowerCase() : readerKey(k);
    const before = first.get(r);
    if (before === undefined) first.set(r, k);
    else if (before !== k) out.add(k);
  }
  return out;
}

/** A key under a secret: printed only when it reads as a field name (letters, `_`, `-`), else a label. */
function secretSubtreeKey(k: string): string {
  return /^[A-Za-z_][A-Za-z_-]{0,39}$/.test(k) || isMetadataKey(k) ? k : '[key]';
}

/**
 * The paths of the values a secret-named key's container holds, by the rule the container is
 * judged by (`holdsSecret`): strings that are not placeholders, metadata or auth schemes, long
 * numbers under a non-metadata key. Null when the container is too large to list.
 */
export function secretLeaves(root: object, path: string): string[] | null {
  const out: string[] = [];
  const stack: Array<[unknown, string, string | null]> = [[root, path, null]];
  for (let budget = 10_000; stack.length > 0; budget--) {
    if (budget < 0 || out.length >= 1000) return null;
    const [v, p, key] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isPlaceholder(v) && (key === null || !isMetadataKey(key)) && !AUTH_SCHEME_RE.test(v.trim())) out.push(p);
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && Math.abs(v) >= 100_000 && key !== null && !isMetadataKey(key)) out.push(p);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], childPath(p, i), key]);
    } else if (v !== null && typeof v === 'object') {
      // a JWK's secret is its private members; `kty`, `crv`, `x`, `y`, `n`, `e` are public
      const jwk = typeof (v as Record<string, unknown>).kty === 'string';
      const entries = Object.entries(v).filter(([k]) => !jwk || JWK_PRIVATE_MEMBERS.has(k));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!;
        stack.push([x, childPath(p, secretSubtreeKey(k)), k]);
      }
    }
  }
  return out;
}

export const SHA256_TOKEN_HASH_RE = /^sha256:[0-9a-fA-F]{64}$/;
/** Where a `sha256:` key is a token's hash: under tokens, keys, grants, sessions, revocations. */
const HASH_KEYED_PARENT_RE = /token|key|grant|credential|secret|session|revoked|revocation|hash|lk|sg|st/;

/** The label and finding for a key that is a b3iq token hash (`{"revoked":{"sha256:…":…}}`). */
export function hashKey(parentKey: string | null, k: string): { label: string; category: PublicCategory | null } | null {
  if (!SHA256_TOKEN_HASH_RE.test(k)) return null;
  const secretParent = parentKey !== null && HASH_KEYED_PARENT_RE.test(foldKey(parentKey));
  return { label: '[sha256-hash]', category: secretParent ? 'token-hash' : null };
}

/** Objects whose members are credentials (`localKeys`, `grants`, `sessions`): a `sha256:` hash in one is a token's. */
const CREDENTIAL_PARENT_RE = /(?:key|keys|token|tokens|grant|grants|credential|credentials|session|sessions|secret|secrets)$/;
export function isCredentialParent(parentFolded: string | null): boolean {
  return parentFolded !== null && CREDENTIAL_PARENT_RE.test(parentFolded) && !/(?:public|pub)keys?$/.test(parentFolded);
}

/** A whole value that is a name under a private-use top-level name (`router.lan`, `nas.home.`): no prose ends a value so. */
const BARE_PRIVATE_NAME_RE = /^[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})*\.(?:lan|local|internal|localdomain|corp|home|private|intranet|svc|localhost)\.?$/i;
export function isBarePrivateName(v: string): boolean {
  return v.length <= 253 && BARE_PRIVATE_NAME_RE.test(v.trim());
}

/** `{"hashes": ["sha256:…", …]}`: b3iq token hashes listed under a hash key. */
export function isHashList(folded: string, v: unknown): boolean {
  if ((folded !== 'hash' && folded !== 'hashes') || !Array.isArray(v) || v.length === 0) return false;
  return v.every((x) => typeof x === 'string' && SHA256_TOKEN_HASH_RE.test(x.trim()));
}

/** Members that say an object describes a public artifact (a file, an image, a download). */
const ARTIFACT_MEMBER_RE =
  /^(?:filename|file|rfilename|url|uri|href|download|downloadurl|size|sizebytes|bytes|mediatype|contenttype|artifact|image|layer|blob|path)$/;
/** Members only a credential record has. */
const RECORD_MEMBER_RE = /^(?:scopes|scope|expiresat|revokedat|lastusedat|state|kind)$/;
/** Whether an object's `hash` is an artifact's (a file, a URL, a size; or a name with a file extension) and the object is no credential record. */
export function describesArtifact(o: Record<string, unknown>): boolean {
  const folded = Object.keys(o)
    .slice(0, 32)
    .map((k) => foldKey(k));
  if (folded.some((k) => RECORD_MEMBER_RE.test(k))) return false;
  if (folded.some((k) => ARTIFACT_MEMBER_RE.test(k))) return true;
  return typeof o.name === 'string' && /\.[A-Za-z0-9]{1,12}$/.test(o.name) && !/\s/.test(o.name);
}

/** `{"0":4,"1":0,…}`: a Uint8Array (or Buffer) as JSON.stringify writes it, `min` bytes or more. */
export function isByteObject(o: Record<string, unknown>, min: number): boolean {
  const keys = Object.keys(o);
  if (keys.length < min || keys.length > 1 << 20) return false;
  for (let i = 0; i < keys.length; i++) {
    const x = o[keys[i]!];
    if (keys[i] !== String(i) || typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 255) return false;
  }
  return true;
}

/** A quote's bytes as hex strings (`["04","00",…]`, 16+), or its base64/hex text cut into chunks (64+ characters in all). */
export function isQuoteInPieces(a: readonly unknown[]): boolean {
  if (a.length < 2 || !a.every((x) => typeof x === 'string')) return false;
  const parts = a as string[];
  if (parts.length >= 16 && parts.every((x) => /^(?:0x)?[0-9A-Fa-f]{2}$/.test(x))) return true;
  if (!parts.every((x) => /^[A-Za-z0-9+/=_-]{8,}$/.test(x))) return false;
  return BLOB_RE.test(parts.join(''));
}

/** Names that say whose an address is: a client's, a visitor's, a login's (never a node's or a server's). */
const CLIENT_STEM =
  'client|remote|src|source|caller|requester|requestor|request|user|enduser|login|lastlogin|lastseen|signup|visitor|customer|sender|real|forwarded|connecting|device|browser|viewer|member|subscriber';
const CLIENT_ADDRESS_KEY_RE = new RegExp(`^(?:${CLIENT_STEM})(?:ip|ips|ipaddr|ipaddress|ipv4|ipv6|addr|address|remoteaddr)$`);
const ADDRESS_KEY_RE = /^(?:ip|ips|ipaddr|ipaddress|ipv4|ipv6|addr|address|remote|remoteaddress|host)$/;
const CLIENT_PARENT_RE = new RegExp(`^(?:${CLIENT_STEM}|clients|peer|conn|connection|caller|origin)$`);

/** An IPv4 or IPv6 address, with brackets or a port. */
export function isIpAddress(v: string): boolean {
  const s = v.trim();
  if (isIP(s) !== 0) return true;
  const bracketed = /^\[([0-9A-Fa-f:.]+)\](?::\d{1,5})?$/.exec(s);
  if (bracketed) return isIP(bracketed[1]!) === 6;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(s);
  return v4 !== null && isIP(v4[1]!) === 4;
}

/** `{"src_ip":…}`, `{"client":{"ip":…}}`, `{"conn":{"remote":"198.51.100.7:51234"}}`: a client's address. */
export function isClientAddress(folded: string, parentFolded: string | null, v: string): boolean {
  const named =
    CLIENT_ADDRESS_KEY_RE.test(folded) ||
    (ADDRESS_KEY_RE.test(folded) && (folded === 'remote' || (parentFolded !== null && CLIENT_PARENT_RE.test(parentFolded))));
  return named && isIpAddress(v);
}

/** `{"from":"human","value":…}` (ShareGPT), `{"speaker":"user","text":…}`: a chat turn by who speaks. */
const SPEAKER_KEYS = ['speaker', 'from', 'sender', 'author'];
const SPEAKER_RE = /^(?:user|human|assistant|gpt|bot|model|customer|ai)$/i;
export function isChatTurn(o: Record<string, unknown>): boolean {
  if (Object.keys(o).length > 16) return false;
  return SPEAKER_KEYS.some((k) => typeof o[k] === 'string' && SPEAKER_RE.test(o[k] as string));
}

/** Objects that hold a person to contact, and the members that name them. */
const CONTACT_PARENT_RE = /^(?:contact|contacts|contactinfo|contactdetails|pointofcontact|requester|requestedby|submittedby|reporter|assignee|enduser|client)$/;
const PERSON_NAME_KEY_RE = /^(?:name|fullname|displayname|firstname|lastname|givenname|familyname)$/;
/** `{"contact":{"name":"Alice Johnson"}}`: a person's name in a contact record. */
export function isContactName(parentFolded: string | null, folded: string, v: string): boolean {
  return parentFolded !== null && CONTACT_PARENT_RE.test(parentFolded) && PERSON_NAME_KEY_RE.test(folded) && PROPER_NAME_RE.test(v.trim());
}

/**
 * `license:apache-2.0`, `License: Llama3.1` (a model's license tag, as the Hugging Face hub
 * writes them): an SPDX-style id of a known license family, not a license key.
 */
const LICENSE_TAG_RE =
  /^\s*licen[sc]e\s*[:=]\s*(?:apache|mit|bsd|gpl|lgpl|agpl|mpl|cc|cc0|llama|gemma|openrail|bigscience|creativeml|afl|artistic|bsl|epl|eupl|isc|wtfpl|unlicense|other|unknown|deepfloyd|apple|qwen|mistral|nvidia|odc|pddl|osl|ofl|zlib|ecl|lppl|ms|intel|bigcode|deepseek|fair|h-research|tongyi|yi|glm)(?:[-.+]?[a-z0-9]+){0,8}\+*\s*$/i;
export function isLicenseTag(s: string): boolean {
  return s.length <= 80 && LICENSE_TAG_RE.test(s) && !hidesKeyAfterFamily(s);
}

/**
 * A license key written after a family's word (`license:mit-8f3k2j9x`, `license:mit8f3k2j9x`): a part that mixes
 * letters and digits beyond a model size or version (`8b`, `v2`), or two such parts, is
 * no family's id.
 */
function hidesKeyAfterFamily(s: string): boolean {
  const parts = (s.split(/[:=]/)[1] ?? '').trim().split(/[-.+]/);
  // the family's word may carry a version glued to it (`llama3`, `cc0`), nothing else
  if (/[a-z]/i.test((parts[0] ?? '').replace(/^[a-z]+/i, ''))) return true;
  const mixed = parts.slice(1).filter((p) => /[a-z]/i.test(p) && /\d/.test(p));
  return mixed.length > 1 || mixed.some((p) => p.length > 3);
}

/** `{"tokens":{"input":91234567,"output":40211234}}`: an object of counts (numbers, nested at most once), not secrets. */
export function isCountRecord(v: unknown): boolean {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const values = Object.values(v);
  if (values.length === 0 || values.length > 64) return false;
  return values.every(
    (x) => typeof x === 'number' || (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.values(x).every((y) => typeof y === 'number')),
  );
}

/** Maps keyed by who made a request: `clients`, `users`, `requestsByIp`, `perIp`. */
const PEOPLE_MAP_RE =
  /(?:client|clients|user|users|customer|customers|visitor|visitors|caller|callers|requester|requesters|byip|perip|ips|remote|remotes|sources|byuser|peruser|bycustomer)$/;
/** A key that is a client's address or a person's name in a map keyed by who asked (`{"clients":{"198.51.100.7":…}}`): a label for the path. */
export function identityKey(parentFolded: string | null, k: string): string | null {
  if (parentFolded === null || !PEOPLE_MAP_RE.test(parentFolded)) return null;
  if (isIpAddress(k)) return '[client-address]';
  return PROPER_NAME_RE.test(k.trim()) ? '[customer-name]' : null;
}

/** Tool credentials under names that say nothing secret: Bundler's `BUNDLE_<HOST>__COM`, `sonar.login`. */
const TOOL_CREDENTIAL_KEY_RE = /^BUNDLE_[A-Z0-9_]*[A-Z0-9]__[A-Z0-9]+(?:__[A-Z0-9]+)*$|^sonar[._]login$/i;
export function isToolCredentialKey(k: string): boolean {
  return TOOL_CREDENTIAL_KEY_RE.test(k);
}

const UUID_KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const LOOKALIKE_MESSAGE =
  'the key is written differently from an earlier key of this object (case, look-alike or invisible characters): readers disagree on which value counts';
export function isUuidKey(k: string): boolean {
  return UUID_KEY_RE.test(k);
}
