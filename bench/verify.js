// Goal 1: verifyLocalKey with 2000 keys loaded vs a bare sha256 of the same token.
import { createHash } from 'node:crypto';
import * as crypto from 'node:crypto';
import { dist, freshHome, seedKeys, fmt, median } from './lib.js';

const KEYS = Number(process.env.BENCH_VERIFY_KEYS ?? 2000);

/**
 * Calls/s of fn over the tokens, best of a few rounds of ~300 ms each. Each candidate gets
 * its own freshly compiled loop, so one candidate's call-site feedback cannot slow another.
 */
const loops = new Map();
function rate(tokens, fn, rounds = 5) {
  let loop = loops.get(fn);
  if (!loop) {
    loop = new Function('tokens', 'fn', 'let s = 0; for (let i = 0; i < tokens.length; i++) s ^= fn(tokens[i]) ? 1 : 0; return s;');
    loops.set(fn, loop);
  }
  let best = 0;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = process.hrtime.bigint();
    let el = 0;
    do {
      sink ^= loop(tokens, fn);
      n += tokens.length;
      el = Number(process.hrtime.bigint() - t0) / 1e9;
    } while (el < 0.3);
    best = Math.max(best, n / el);
  }
  if (sink === 42) console.log('');
  return best;
}

export async function run() {
  const { openStore } = await dist('index.js');
  const home = await freshHome();
  const tokens = await seedKeys(home, KEYS);
  const store = await openStore({ home });
  const otherHome = await freshHome();
  await seedKeys(otherHome, KEYS);
  const other = await openStore({ home: otherHome }); // same size, none of these tokens
  const bad = tokens.map((t) => t.slice(0, 20) + (t[20] === 'A' ? 'B' : 'A') + t.slice(21)); // checksum fails
  for (const t of tokens.slice(0, 10)) if (!store.verifyLocalKey(t, { scope: 'inference' }).valid) throw new Error('seeded key did not verify');

  // The baseline is the fastest bare sha256 node offers, whatever the output form.
  const shas = {
    'createHash().digest()': (t) => createHash('sha256').update(t).digest()[0],
    "hash(…,'buffer')": (t) => crypto.hash('sha256', t, 'buffer')[0],
    "hash(…,'hex')": (t) => crypto.hash('sha256', t, 'hex').length,
    "hash(…,'binary')": (t) => crypto.hash('sha256', t, 'binary').length,
  };
  const verify = (t) => store.verifyLocalKey(t, { scope: 'inference' }).valid;
  for (const f of [...Object.values(shas), verify]) rate(tokens, f, 1); // warm up
  const best = {};
  for (const [k, f] of Object.entries(shas)) best[k] = rate(tokens, f, 2);
  const [baseName] = Object.entries(best).sort((a, b) => b[1] - a[1])[0];
  // Paired rounds (baseline, verify) so machine noise hits both alike; the median ratio.
  const ratios = [];
  let v = 0;
  let base = 0;
  for (let round = 0; round < 7; round++) {
    const b = rate(tokens, shas[baseName], 1);
    const x = rate(tokens, verify, 1);
    ratios.push(x / b);
    v = Math.max(v, x);
    base = Math.max(base, b);
  }
  const ratio = median(ratios);
  const classic = best['createHash().digest()'];
  const unknown = rate(
    tokens.map((t) => t),
    (t) => other.verifyLocalKey(t).valid,
    2,
  );
  const malformed = rate(bad, (t) => store.verifyLocalKey(t).valid, 2);
  store.close();
  other.close();
  return [
    {
      goal: `verify rate vs bare sha256 (${KEYS} keys)`,
      value: `best ${fmt(v / 1000, 0)}k/s vs ${fmt(base / 1000, 0)}k/s, median of 7 paired rounds`,
      ratio,
      target: '>= 0.5',
      pass: ratio >= 0.5,
      note: `baseline: fastest form, ${baseName}; vs createHash().digest() (${fmt(classic / 1000, 0)}k/s): ${fmt(v / classic, 2)}; unknown-token rejects ${fmt(unknown / 1000, 0)}k/s; bad-checksum rejects ${fmt(malformed / 1000, 0)}k/s`,
    },
  ];
}
