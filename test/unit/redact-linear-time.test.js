// Rules of this round on long hostile lines: a log line is attacker-shaped (a request path, a
// header, a chat turn), so no gate or pattern may go super-linear on it. Each line is 200 KB;
// a linear pass takes milliseconds, the bound is generous for a loaded machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';

const LINE = 200_000;
const BOUND_MS = 2000;

function timed(text) {
  const t = process.hrtime.bigint();
  const out = redact(text);
  return { out, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

test('a Redis ACL line with no ">" after " on " stays linear (the gate was cubic)', () => {
  const { ms } = timed('SETUSER u on ~k '.repeat(LINE / 16));
  assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
});

test('the ACL gate still wakes the rule for a password after " on "', () => {
  assert.ok(!redact('ACL SETUSER gateway on >Pq7xLm2Vn8 ~cache:* +get').text.includes('Pq7xLm2Vn8'));
  assert.ok(!redact('user gateway on ~cache:* >Pq7xLm2Vn8 +get').text.includes('Pq7xLm2Vn8'));
  assert.ok(!redact('noise\nuser gateway on ~cache:* >Pq7xLm2Vn8 +get').text.includes('Pq7xLm2Vn8'));
});
