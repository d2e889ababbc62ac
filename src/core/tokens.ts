import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { CREDENTIAL_KINDS, credentialRe, KINDS, type CredentialKindName, type RecordKindName } from './credential-kinds.js';

/**
 * Token format (docs/contract.md section 3): `b3iq_<kind>_` + 43 base62 chars carrying 256 bits
 * from the OS CSPRNG + a 6-char base62 CRC32 of everything before it, so a scanner can
 * tell a real token from a look-alike offline (GitHub's scheme).
 */
export const TOKEN_KINDS = CREDENTIAL_KINDS;
export type TokenKind = CredentialKindName;

export const ID_PREFIX: Record<RecordKindName, string> = { local: KINDS.local.idPrefix!, support: KINDS.support.idPrefix!, setup: KINDS.setup.idPrefix! };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const BODY_LENGTH = 43; // ceil(256 / log2(62))
export const CHECKSUM_LENGTH = 6; // 62^6 > 2^32

export { CREDENTIAL_SHAPE_RE } from './credential-kinds.js';
const TOKEN_RE = credentialRe(`([0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}})`, '', true);

// node:zlib on first use: most commands never check a token (start-up, docs/performance.md).
const requireModule = createRequire(import.meta.url);
let crc32: typeof import('node:zlib').crc32 | undefined;

export function base62Fixed(n: bigint, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

/** Number arithmetic, not BigInt: this runs on every verification. */
function checksumOf(rest: string): string {
  crc32 ??= (requireModule('node:zlib') as typeof import('node:zlib')).crc32;
  let n = crc32(rest);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[n % 62] + out;
    n = Math.floor(n / 62);
  }
  return out;
}

export type RandomSource = (bytes: number) => Buffer;
export const cryptoRandom: RandomSource = (n) => randomBytes(n);

export function generateToken(kind: TokenKind, random: RandomSource = cryptoRandom): string {
  const bytes = random(32);
  if (bytes.length !== 32) throw new Error('random source returned the wrong length');
  const body = base62Fixed(BigInt('0x' + bytes.toString('hex')), BODY_LENGTH);
  const rest = `b3iq_${kind}_${body}`;
  return rest + checksumOf(rest);
}

export function generateId(kind: RecordKindName, random: RandomSource = cryptoRandom): string {
  return ID_PREFIX[kind] + base62Fixed(BigInt('0x' + random(10).toString('hex')), 13);
}

export type ParsedToken = { ok: true; kind: TokenKind } | { ok: false; reason: 'malformed' };

/** Shape and checksum only: says nothing about whether the token is known. */
export function parseToken(token: string): ParsedToken {
  if (typeof token !== 'string' || token.length > 80) return { ok: false, reason: 'malformed' };
  const m = TOKEN_RE.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const cut = token.length - CHECKSUM_LENGTH;
  if (checksumOf(token.slice(0, cut)) !== token.slice(cut)) return { ok: false, reason: 'malformed' };
  return { ok: true, kind: m[1] as TokenKind };
}

export function hasValidChecksum(candidate: string): boolean {
  return parseToken(candidate).ok;
}

/** Records keep sha256(token), hex; never the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Setup URLs carry the token in the fragment: `BASE/setup#token=…` (as `setup-token create
 * --url` writes them), or the bare token as the whole fragment (`BASE/setup#b3iq_setup_…`).
 */
export function extractSetupToken(input: string): string {
  const i = input.indexOf('#');
  if (i >= 0 && /^https?:\/\//i.test(input)) {
    const fragment = input.slice(i + 1);
    if (fragment.startsWith('b3iq_setup_')) return fragment;
    return new URLSearchParams(fragment).get('token') ?? '';
  }
  return input;
}
