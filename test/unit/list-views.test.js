// records.ts's listViews() judges and builds a listing's views in one loop, in place, with
// no call for the usual record (docs/performance.md, Start-up): it must give exactly what
// filtering by stateOf and mapping toView give, for records of every kind, state and
// broken rule, with every listing option.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { localRecord } from '../helpers/records.js';
import { listViews, stateOf, toView } from '../../dist/credentials/records.js';

const NOW = Date.parse('2026-11-30T12:00:00.000Z');
const iso = (ms) => new Date(ms).toISOString();
const PAST = iso(NOW - 3_600_000);
const SOON = iso(NOW + 3_600_000);

/** The listing as Store.list() wrote it before listViews: stateOf, then toView. */
function reference(recs, now, opts) {
  const out = [];
  for (const r of recs) {
    if (opts.kind && r.kind !== opts.kind) continue;
    if (r.parentId != null && opts.children !== true) continue;
    const state = stateOf(r, now);
    if (!opts.all && state !== 'live') continue;
    out.push(toView(r, now));
  }
  return out;
}

const arbTime = fc.constantFrom(null, PAST, SOON, iso(NOW));
const arbScopes = fc.constantFrom(
  ['inference'],
  ['models:read'],
  ['inference', 'usage:read'],
  ['inference', 'inference'],
  [],
  ['diagnostics:read'],
  ['logs:read', 'health:read'],
  ['owner:setup'],
  ['admin'],
  ['inference', 'admin'],
);
const arbRecord = fc
  .record({
    prefix: fc.constantFrom('lk_', 'sg_', 'st_', 'xx_'),
    kind: fc.constantFrom('local', 'support', 'setup'),
    name: fc.constantFrom(null, 'a', 'ünï "q"'),
    scopes: arbScopes,
    createdAt: fc.constantFrom(PAST, iso(NOW - 100 * 3_600_000)),
    expiresAt: arbTime,
    revokedAt: arbTime,
    revokeReason: fc.constantFrom(null, 'rotated'),
    usedAt: fc.constantFrom(null, PAST),
    dev: fc.boolean(),
    note: fc.constantFrom(null, 'n'),
    rotatedFrom: fc.constantFrom(null, 'lk_abcdefgh00'),
    rotatedTo: fc.constantFrom(null, 'lk_abcdefgh99'),
    parentId: fc.constantFrom(undefined, null, 'lk_abcdefgh01'),
    savedCopy: fc.constantFrom(undefined, true, false),
  })
  .map(({ prefix, parentId, savedCopy, scopes, ...r }) => {
    /** @type {any} */
    const rec = { id: `${prefix}abcdefgh`, ...r, scopes: [...scopes], hash: `sha256:${'ab'.repeat(32)}` };
    if (parentId !== undefined) rec.parentId = parentId;
    if (savedCopy !== undefined) rec.savedCopy = savedCopy;
    return rec;
  });
/** Unique ids, as a store's records have. */
const numbered = (recs) => recs.map((r, i) => ({ ...r, id: `${r.id}${String(i).padStart(2, '0')}` }));
const arbOpts = fc.record({
  kind: fc.constantFrom(undefined, 'local', 'support', 'setup'),
  all: fc.constantFrom(undefined, false, true),
  children: fc.constantFrom(undefined, false, true),
});

test('listViews equals stateOf + toView over records of every kind, state and broken rule', () => {
  fc.assert(
    fc.property(fc.array(arbRecord, { maxLength: 12 }).map(numbered), arbOpts, (recs, opts) => {
      assert.deepEqual(listViews(recs, NOW, opts), reference(recs, NOW, opts));
    }),
    { numRuns: 3000 },
  );
});

test('listViews: the usual local key is live; a wrong prefix, a scope twice or a foreign scope is invalid', () => {
  const base = localRecord({ name: null, createdAt: PAST });
  /** @type {any[]} */
  const recs = [
    { ...base, id: 'lk_abcdefgh01' },
    { ...base, id: 'sg_abcdefgh02' },
    { ...base, id: 'lk_abcdefgh03', scopes: ['inference', 'inference'] },
    { ...base, id: 'lk_abcdefgh04', scopes: ['diagnostics:read'] },
  ];
  assert.deepEqual(
    listViews(recs, NOW, { all: true }).map((v) => v.state),
    ['live', 'invalid', 'invalid', 'invalid'],
  );
  // The views are the caller's: their scopes are copies.
  const [v] = listViews(recs, NOW, {});
  v.scopes.push('x');
  assert.deepEqual(recs[0].scopes, ['inference']);
});
