import { randomBytes, timingSafeEqual } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import { CREDENTIAL_SHAPE_RE } from '../core/credential-kinds.js';

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

/**
 * Base words of the most common passwords and keyboard walks (after stripping leading and
 * trailing digits/symbols and undoing leetspeak). Not a dictionary: a floor against the
 * passwords every cracking list tries first.
 */
const WEAK_WORDS = new Set(
  (
    'password passwort passwd pass letmein welcome admin administrator root toor changeme default secret iloveyou ' +
    'monkey dragon master shadow sunshine princess football baseball superman batman trustno qwerty qwertz azerty ' +
    'qwertyuiop qwertyuiopasdfghjkl asdfghjkl asdfgh zxcvbnm zxcvbn qazwsx qazwsxedc wsxedc abc abcdef abcdefgh ' +
    'abcdefghijkl abcdefghijklmnop login owner operator user guest test testing b3iq bthreeiq node server ' +
    'mypassword mysecret secretpassword supersecret ilovey loveme hello helloworld whatever starwars ' +
    'computer internet access freedom michael jennifer jordan hunter killer soccer charlie pokemon ' +
    'correcthorsebatterystaple opensesame'
  ).split(' '),
);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' };

function isRepetition(s: string): boolean {
  for (let n = 1; n <= Math.min(6, s.length / 2); n++) {
    if (s.length % n === 0 && s.slice(0, n).repeat(s.length / n) === s) return true;
  }
  return false;
}

function isSequence(s: string): boolean {
  if (s.length < 4) return false;
  const d = s.charCodeAt(1) - s.charCodeAt(0);
  if (Math.abs(d) !== 1) return false;
  for (let i = 2; i < s.length; i++) if (s.charCodeAt(i) - s.charCodeAt(i - 1) !== d) return false;
  return true;
}

/** Throws E_WEAK_PASSWORD (exit 2) naming the rule, never echoing the password. */
export function checkPasswordStrength(password: string): void {
  const weak = (why: string) =>
    new B3iqError('E_WEAK_PASSWORD', `The owner password is too weak: ${why}; nothing was changed.`, {
      hint: `Use at least ${PASSWORD_MIN_CHARS} characters, e.g. four or five unrelated words.`,
    });
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_CHARS) throw weak(`it is shorter than ${PASSWORD_MIN_CHARS} characters`);
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) throw weak(`it is longer than ${PASSWORD_MAX_BYTES} bytes`);
  if (/[\u0000-\u001f\u007f]/.test(password)) throw weak('it contains control characters');
  if (CREDENTIAL_SHAPE_RE.test(password)) throw weak('it is a b3iq token, which must never double as a password');
  const lower = password.toLowerCase();
  if (new Set(chars).size < 5) throw weak('it uses fewer than 5 different characters');
  if (isRepetition(lower) || isSequence(lower)) throw weak('it is a repeated pattern or a simple sequence');
  // Strip digits/symbols around the word, then undo leetspeak: "P@ssw0rd2024!" -> "password".
  const bare = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const unleet = [...bare].map((c) => LEET[c] ?? c).join('').replace(/[^a-z]/g, '');
  for (const candidate of [unleet, bare.replace(/[^a-z]/g, '')]) {
    if (candidate.length === 0) continue;
    if (WEAK_WORDS.has(candidate)) throw weak('it is a common password with digits or symbols around it');
    for (let n = 1; n <= 4; n++) {
      if (candidate.length % n !== 0) continue;
      const part = candidate.slice(0, candidate.length / n);
      if (n > 1 && part.repeat(n) === candidate && WEAK_WORDS.has(part)) throw weak('it is a common password repeated');
    }
  }
  if (/^\d+$/.test(password) && chars.length < 20) throw weak('it is only digits');
}
