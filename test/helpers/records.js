// A credential record as the store writes it (a live local key of one scope), for tests
// that build records by hand; `over` replaces any field.

export const RECORD_HASH = `sha256:${'ab'.repeat(32)}`;
export const RECORD_TIME = '2026-11-30T01:02:03.456Z';

/** @returns {any} */
export function localRecord(over = {}) {
  return {
    id: 'lk_abcdefgh12',
    kind: 'local',
    name: 'a',
    scopes: ['inference'],
    hash: RECORD_HASH,
    createdAt: RECORD_TIME,
    expiresAt: null,
    revokedAt: null,
    revokeReason: null,
    usedAt: null,
    dev: false,
    note: null,
    rotatedFrom: null,
    rotatedTo: null,
    ...over,
  };
}
