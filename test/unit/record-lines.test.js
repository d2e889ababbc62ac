// credentials/record-lines.ts vouches for records of serialize()'s layout with one regex per
// line instead of isValidRecord: it must never accept a line isValidRecord refuses, and a
// file it does not vouch for is checked record by record as before (same refusals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { isRecordLine, recordLinesValid } from '../../dist/credentials/record-lines.js';
import { isValidRecord, loadCredentials } from '../../dist/credentials/records.js';
import { serialize } from '../../dist/credentials/snapshot.js';
import { RECORD_HASH, RECORD_TIME, localRecord } from '../helpers/records.js';

const HASH = RECORD_HASH;
const T = RECORD_TIME;
const record = localRecord;

const line = (r) => `${JSON.stringify(r)}\n`;

function snapshotText(recs) {
  return serialize({
    schemaVersion: 3,
    generation: 1,
    clockHighWater: T,
    journal: null,
    audit: { seq: 0, hash: '0'.repeat(64), lines: [] },
    credentials: recs,
  });
}

test('the records the store writes are vouched for, children and saved copies included', () => {
  const recs = [
    record(),
    record({ id: 'lk_abcdefgh13', name: null, revokedAt: T, revokeReason: 'rotated: "x"\n', rotatedTo: 'lk_abcdefgh14', note: 'ü é 🔑' }),
    record({ id: 'sg_abcdefgh15', kind: 'support', scopes: ['diagnostics:read'], expiresAt: T, usedAt: T, dev: true }),
    { ...record({ id: 'lk_abcdefgh16', scopes: [] }), parentId: 'lk_abcdefgh12', savedCopy: true },
    { ...record({ id: 'lk_abcdefgh17' }), parentId: null },
  ];
  for (const r of recs) assert.ok(isRecordLine(line(r)), JSON.stringify(r));
  const text = snapshotText(recs);
  assert.ok(recordLinesValid(text, recs.length));
  assert.ok(!recordLinesValid(text, recs.length - 1), 'the count must match');
  assert.ok(!recordLinesValid(text.replace('},\n{', '},{'), recs.length), 'two records on one line');
  assert.ok(!recordLinesValid(`${text}x`, recs.length), 'anything after the records');
});

test('every refusal isValidRecord makes of a field is a line the regex refuses', () => {
  const bad = [
    { id: 'lk_short' },
    { id: 'xx_abcdefgh12' },
    { id: 7 },
    { kind: 'gateway' },
    { kind: 'session' },
    { name: 1 },
    { scopes: 'inference' },
    { scopes: [1] },
    { hash: 'sha256:AB' },
    { hash: `sha1:${'ab'.repeat(32)}` },
    { createdAt: null },
    { createdAt: '2026-13-01T00:00:00.000Z' },
    { expiresAt: '2026-01-32T00:00:00.000Z' },
    { revokedAt: '2026-01-01T23:60:00.000Z' },
    { usedAt: 'yesterday' },
    { usedAt: 5 },
    { dev: 'false' },
    { dev: null },
    { note: false },
    { revokeReason: [] },
    { rotatedFrom: {} },
    { parentId: 'not an id' },
    { savedCopy: 'yes' },
  ];
  for (const over of bad) {
    const r = record(over);
    assert.equal(isValidRecord(r), false, JSON.stringify(over));
    assert.equal(isRecordLine(line(r)), false, JSON.stringify(over));
  }
  // Shapes it leaves to isValidRecord: valid, but not the store's own layout.
  const { dev, ...noDev } = record();
  assert.equal(isRecordLine(line({ ...noDev, dev })), false, 'another field order');
  assert.equal(isRecordLine(line({ ...record(), extra: 1 })), false, 'an extra field');
  assert.equal(isRecordLine(line(record({ createdAt: '2026-11-30T01:02:03Z' }))), false, 'another time format');
  assert.equal(isRecordLine(line(record()).replace('{"id"', '{ "id"')), false, 'whitespace');
});

test('property: a line the regex accepts is a record isValidRecord accepts (random fields)', () => {
  const text = fc.oneof(fc.constant(null), fc.string(), fc.constantFrom('', '"', '\\', '\n', 'é', '\u2028'));
  const time = fc.oneof(
    fc.constant(null),
    fc.constantFrom(
      T,
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2026-02-31T12:00:00.000Z',
      '2026-00-10T00:00:00.000Z',
      '2026-01-01T24:00:00.000Z',
    ),
    fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 33 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
      )
      .map(
        ([y, mo, d, h, mi]) =>
          `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:00.000Z`,
      ),
    fc.string(),
  );
  const arb = fc.record({
    id: fc.oneof(fc.constantFrom('lk_abcdefgh12', 'sg_ABCDEFGH', 'st_0123456789abcdef0123456789abcdef', 'lk_abc', 'zz_abcdefgh12'), fc.string()),
    kind: fc.constantFrom('local', 'support', 'setup', 'gateway', 'session', 'Local'),
    name: text,
    scopes: fc.oneof(fc.array(fc.string(), { maxLength: 3 }), fc.constant([1]), fc.constant('x')),
    hash: fc.constantFrom(HASH, 'sha256:', `sha256:${'g'.repeat(64)}`),
    createdAt: time,
    expiresAt: time,
    revokedAt: time,
    revokeReason: text,
    usedAt: time,
    dev: fc.constantFrom(true, false, 0, null),
    note: text,
    rotatedFrom: text,
    rotatedTo: text,
  });
  fc.assert(
    fc.property(arb, fc.constantFrom(undefined, null, 'lk_abcdefgh12', 'bad'), fc.constantFrom(undefined, true, false, 1), (r, parentId, savedCopy) => {
      /** @type {Record<string, unknown>} */
      const rec = { ...r };
      if (parentId !== undefined) rec.parentId = parentId;
      if (savedCopy !== undefined) rec.savedCopy = savedCopy;
      if (isRecordLine(line(rec))) assert.ok(isValidRecord(rec), JSON.stringify(rec));
    }),
    { numRuns: 3000 },
  );
});

test('a file the regex vouches for and one it does not give the same records and the same refusals', () => {
  const recs = [record(), record({ id: 'lk_abcdefgh13' })];
  const text = snapshotText(recs);
  const load = (t) => loadCredentials('f', Buffer.from(t)).doc.credentials;
  assert.deepEqual(load(text), load(JSON.stringify(JSON.parse(text))));
  const refusal = (t) => {
    try {
      load(t);
    } catch (e) {
      return `${e.code} ${e.message}`;
    }
    return 'accepted';
  };
  // A bad time in the store's own layout: refused by isValidRecord, as in any other layout.
  const badTime = text.replace(`"createdAt":"${T}"`, '"createdAt":"2026-13-01T00:00:00.000Z"');
  assert.match(refusal(badTime), /^E_CORRUPT .*credential 0 is malformed/);
  assert.equal(refusal(badTime), refusal(JSON.stringify(JSON.parse(badTime))));
  const dup = snapshotText([record(), record()]);
  assert.match(refusal(dup), /duplicate id at credential 1/);
});

test('a version 0 file is never vouched for by a credentials array it carries beside its keys', () => {
  const good = line(record()).trimEnd();
  const text = `{"schemaVersion":0,"keys":[{"id":"lk_abcdefgh12","kind":"local","scopes":["inference"],"sha256":"zz","created":"${T}"}],"credentials":[\n${good}\n]}\n`;
  assert.throws(() => loadCredentials('f', Buffer.from(text)), /credential 0 is malformed/);
});
