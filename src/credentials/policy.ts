import { timingSafeEqual } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import type { TokenKind } from '../core/tokens.js';
import { CREDENTIAL_SHAPE_RE, KINDS, percentDecodedWordChars } from '../core/credential-kinds.js';
import { iso } from './snapshot.js';

/** The limits a credential is issued under, and the checks on what a caller passes in. */
export const SUPPORT_MAX_TTL_MS = 72 * 3_600_000;
export const SUPPORT_DEFAULT_TTL_MS = 4 * 3_600_000;
export const SETUP_DEFAULT_TTL_MS = 30 * 60_000;
export const SETUP_MAX_TTL_MS = 24 * 3_600_000;
export const ROTATE_MAX_GRACE_MS = 30 * 86_400_000;
/** How far the clock may lag the records' high-water mark before issuing expiring credentials is refused. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

function formatGap(ms: number): string {
  if (ms >= 86_400_000) return `${Math.round(ms / 86_400_000)}d`;
  if (ms >= 3_600_000) return `${Math.round(ms / 3_600_000)}h`;
  return `${Math.round(ms / 60_000)}m`;
}

/**
 * Expiry is judged on max(clock, clockHighWater), so a clock far behind the recorded
 * high-water mark would stretch a new credential's life by the gap: refuse instead.
 */
export function assertClockNotBehind(now: number, behind: number): void {
  if (behind > CLOCK_SKEW_TOLERANCE_MS) {
    throw new B3iqError(
      'E_CLOCK_BEHIND',
      `The system clock is ${formatGap(behind)} behind the latest time these records saw (${iso(now)}); an expiring credential issued now would live that much longer.`,
      {
        hint: 'Fix the system clock (NTP), then retry.',
      },
    );
  }
}

export function timingSafeEqualStr(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export function kindLabel(kind: TokenKind): string {
  return KINDS[kind].label;
}

export function invalidToken(reason: string): B3iqError {
  return new B3iqError('E_INVALID_TOKEN', `The setup token is ${reason === 'unknown' ? 'not one this node issued' : reason}.`, {
    next: 'setup-token-new',
    details: { reason },
  });
}

/** An id is repeated in a message only when it has an id's shape (lk_…): anything else may be a pasted secret. */
export function safeId(id: string): string {
  return /^[a-z]{2,4}_[0-9A-Za-z]{4,64}$/.test(id) ? id : '(not an id)';
}

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9 ._:@/-]{0,63}$/.test(name)) {
    throw new B3iqError('E_USAGE', 'A key name is 1-64 characters: letters, digits, space and . _ : @ / -', { next: 'name-example' });
  }
  return refuseCredential(name, 'A key name');
}

export function checkNote(note: string): string {
  if (note.length > 200 || /[\u0000-\u001f\u007f]/.test(note)) {
    throw new B3iqError('E_USAGE', 'A note or reason is at most 200 printable characters.');
  }
  return refuseCredential(note, 'A note or reason');
}

/**
 * Names, notes and reasons are kept in clear in the records and the audit log and printed by
 * list/show/audit: a token pasted into one (a UI form, the library) would be written there,
 * also with its `_` percent-encoded (copied from a setup URL).
 */
function refuseCredential(text: string, what: string): string {
  if (CREDENTIAL_SHAPE_RE.test(percentDecodedWordChars(text)))
    throw new B3iqError('E_USAGE', `${what} must not contain a b3iq credential; nothing was changed.`);
  return text;
}
