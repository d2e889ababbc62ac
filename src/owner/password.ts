import { randomBytes, timingSafeEqual } from 'node:crypto';
import { CREDENTIAL_SHAPE_RE } from '../core/credential-kinds.js';
import { guessability, weakPassword } from './strength.js';

/** The owner password: how it is hashed and checked (argon2id, PHC strings) and the policy it must meet. */

/**
 * argon2id, RFC 9106 / OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1 is
 * OWASP's first recommended configuration; 16-byte salt from the OS CSPRNG, 32-byte output.
 * Measured in docs/owner-auth.md.
 */
export const ARGON2_PARAMS = Object.freeze({ m: 19_456, t: 2, p: 1, dkLen: 32, saltLen: 16 });

export const PASSWORD_MIN_CHARS = 12;
export const PASSWORD_MAX_BYTES = 1024;

// ---- hashing ----------------------------------------------------------------------------

interface Phc {
  m: number;
  t: number;
  p: number;
  salt: Buffer;
  hash: Buffer;
}

const PHC_RE = /^\$argon2id\$v=19\$m=(\d{1,8}),t=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]{11,88})\$([A-Za-z0-9+/]{22,88})$/;

function b64(buf: Uint8Array): string {
  return Buffer.from(buf).toString('base64').replace(/=+$/, '');
}

export function parsePhc(s: unknown): Phc | undefined {
  if (typeof s !== 'string') return undefined;
  const m = PHC_RE.exec(s);
  if (!m) return undefined;
  const phc = { m: Number(m[1]), t: Number(m[2]), p: Number(m[3]), salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') };
  // Bounds: RFC 9106 minimums, and at most 1 GiB / 16 passes so a tampered record cannot
  // make verification eat the machine.
  if (phc.p < 1 || phc.p > 16 || phc.t < 1 || phc.t > 16 || phc.m < 8 * phc.p || phc.m > 1_048_576) return undefined;
  if (phc.salt.length < 8 || phc.hash.length < 16) return undefined;
  return phc;
}

function passwordBytes(password: string): Uint8Array {
  return new Uint8Array(Buffer.from(password.normalize('NFC'), 'utf8'));
}

export async function hashPassword(password: string, salt: Buffer = randomBytes(ARGON2_PARAMS.saltLen)): Promise<string> {
  const { m, t, p, dkLen } = ARGON2_PARAMS;
  const { argon2idAsync } = await import('@noble/hashes/argon2.js'); // ~17 ms to load: only when hashing
  const dk = await argon2idAsync(passwordBytes(password), new Uint8Array(salt), { m, t, p, dkLen, maxmem: 2 ** 31 });
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(dk)}`;
}

/** Constant-time comparison of the derived key; false for anything unparsable. */
export async function verifyPasswordHash(password: unknown, phcString: string): Promise<boolean> {
  const phc = parsePhc(phcString);
  if (typeof password !== 'string' || !phc) return false;
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) return false;
  const { argon2idAsync } = await import('@noble/hashes/argon2.js');
  const dk = await argon2idAsync(passwordBytes(password), new Uint8Array(phc.salt), { m: phc.m, t: phc.t, p: phc.p, dkLen: phc.hash.length, maxmem: 2 ** 31 });
  return timingSafeEqual(Buffer.from(dk), phc.hash);
}

export function needsRehash(phcString: string): boolean {
  const phc = parsePhc(phcString);
  if (!phc) return true;
  return phc.m < ARGON2_PARAMS.m || phc.t < ARGON2_PARAMS.t || phc.hash.length < ARGON2_PARAMS.dkLen;
}
// ---- password policy ---------------------------------------------------------------------

/** The rules a password must meet before its strength is even estimated. */
function checkPasswordRules(password: string): void {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_CHARS) throw weakPassword(`it is shorter than ${PASSWORD_MIN_CHARS} characters`);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) throw weakPassword(`it is longer than ${PASSWORD_MAX_BYTES} bytes`);
  if (/[\u0000-\u001f\u007f]/.test(password)) throw weakPassword('it contains control characters');
  if (CREDENTIAL_SHAPE_RE.test(password)) throw weakPassword('it is a b3iq token, which must never double as a password');
}

/**
 * Throws E_WEAK_PASSWORD (exit 2) with the reason, never echoing the password: the rules
 * above, then zxcvbn-ts's estimate (strength.ts, loaded on first use) must reach 10^10 guesses.
 */
export async function assertPasswordStrength(password: string): Promise<void> {
  checkPasswordRules(password);
  const why = await guessability(password);
  if (why !== undefined) throw weakPassword(why);
}
