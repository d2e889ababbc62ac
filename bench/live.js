// Goal 2: a revoke or a new key written by another `b3iq` process is seen by an open store
// within 1 s. Latency is measured from the CLI process's exit (the write is done by then)
// and, as an upper bound, from the newest mtime of the snapshot and its journal (when the
// writer finished writing).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { dist, freshHome, seedKeys, spawnB3iq, median, pct, fmt } from './lib.js';

const ROUNDS = Number(process.env.BENCH_LIVE_ROUNDS ?? 12);
const KEYS = Number(process.env.BENCH_LIVE_KEYS ?? 2000);

function runChild(args, home) {
  return new Promise((resolve, reject) => {
    const c = spawnB3iq(args, { home });
    let out = '';
    let err = '';
    c.stdout.on('data', (d) => (out += d));
    c.stderr.on('data', (d) => (err += d));
    c.on('close', (code) => (code === 0 ? resolve({ out, exitedAt: performance.now() }) : reject(new Error(`b3iq ${args.join(' ')}: ${code} ${err}`))));
  });
}

/** Resolves with performance.now() when pred() first holds, checking every millisecond. */
function until(pred, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const iv = setInterval(() => {
      if (pred()) {
        clearInterval(iv);
        resolve(performance.now());
      } else if (performance.now() - t0 > timeoutMs) {
        clearInterval(iv);
        reject(new Error('not seen within the timeout'));
      }
    }, 1);
  });
}

export async function run() {
  const { openStore } = await dist('index.js');
  const home = await freshHome();
  const tokens = await seedKeys(home, KEYS);
  const file = join(home, 'credentials.json');
  const store = await openStore({ home }); // live, default poll interval
  const idOf = (t) => store.verifyLocalKey(t).id;
  const sinceExit = [];
  const sinceWrite = [];
  const origin = Date.now() - performance.now(); // performance.now() -> epoch ms
  for (let i = 0; i < ROUNDS; i++) {
    const revoke = i % 2 === 0;
    let seen;
    let exitedAt;
    if (revoke) {
      const token = tokens[i];
      const id = idOf(token);
      const child = runChild(['keys', 'revoke', id], home);
      seen = until(() => store.verifyLocalKey(token).valid === false);
      exitedAt = (await child).exitedAt;
    } else {
      const { out, exitedAt: e } = await runChild(['keys', 'create', '--name', `live-${i}`, '--out', '-', '--json'], home);
      const token = JSON.parse(out).token;
      exitedAt = e;
      seen = until(() => store.verifyLocalKey(token).valid === true);
    }
    const at = await seen;
    // The write lands in the snapshot or, with the journal, in credentials.<epoch>.journal.
    const mtime =
      Math.max(
        ...[
          file,
          ...readdirSync(home)
            .filter((n) => n.endsWith('.journal'))
            .map((n) => join(home, n)),
        ].map((f) => statSync(f).mtimeMs),
      ) - origin;
    sinceExit.push(Math.max(0, at - exitedAt));
    sinceWrite.push(at - mtime);
  }
  store.close();
  const worst = Math.max(...sinceWrite);
  return [
    {
      goal: `live revocation / new key seen by an open store (${KEYS} keys, ${ROUNDS} changes)`,
      value: `since write: p50 ${fmt(median(sinceWrite), 0)} ms, p90 ${fmt(pct(sinceWrite, 90), 0)} ms, max ${fmt(worst, 0)} ms; since the CLI exited: p50 ${fmt(median(sinceExit), 0)} ms, max ${fmt(Math.max(...sinceExit), 0)} ms`,
      ratio: worst / 1000,
      target: '<= 1 (max latency / 1 s)',
      pass: worst <= 1000,
    },
  ];
}
