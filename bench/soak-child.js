// The two processes of the soak (bench/soak.js): `writer HOME SECONDS` issues and revokes
// keys as fast as it can; `reader HOME TOKEN` keeps a live store verifying until its stdin
// closes, measuring its own event loop, then prints one JSON line.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dist } from './lib.js';

const [role, home, arg] = process.argv.slice(2);
const { openStore } = await dist('index.js');

if (role === 'writer') {
  const store = await openStore({ home, live: false });
  const file = join(home, 'credentials.json');
  const end = Date.now() + Number(arg) * 1000;
  let writes = 0;
  let compactions = 0;
  let ino = statSync(file).ino;
  let prev;
  let worst = 0;
  while (Date.now() < end) {
    const t = performance.now();
    const k = await store.issueLocalKey({ name: `soak-${writes}` });
    if (prev) await store.revoke(prev);
    worst = Math.max(worst, performance.now() - t);
    prev = k.id;
    writes += prev ? 2 : 1;
    const now = statSync(file).ino;
    if (now !== ino) {
      compactions++;
      if (process.env.BENCH_SOAK_DEBUG) process.stderr.write(`compaction at ${Date.now() % 100000}\n`);
    }
    ino = now;
  }
  store.close();
  console.log(JSON.stringify({ writes, compactions, worstWriteMs: worst }));
} else {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  const store = await openStore({ home });
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  let rss = 0;
  let verifies = 0;
  let last = performance.now();
  let worstGap = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last - 10);
    if (process.env.BENCH_SOAK_DEBUG && now - last > 60) process.stderr.write(`gap ${(now - last).toFixed(0)} ms at ${Date.now() % 100000}\n`);
    last = now;
    rss = Math.max(rss, process.memoryUsage.rss());
  }, 10);
  let running = true;
  const spin = () => {
    for (let i = 0; i < 200; i++) if (store.verifyLocalKey(arg).valid) verifies++;
    if (running) setImmediate(spin);
  };
  spin();
  process.stdin.resume();
  process.stdin.on('end', () => {
    running = false;
    clearInterval(tick);
    h.disable();
    store.reloadSync();
    const records = store.list({ kind: 'local', all: true }).length;
    gc();
    gc();
    const heapPerRecord = (process.memoryUsage().heapUsed - heap0) / Math.max(1, records);
    console.log(
      JSON.stringify({
        records,
        verifies,
        p99ms: h.percentile(99) / 1e6,
        maxms: h.max / 1e6,
        worstGapMs: worstGap,
        rssMB: rss / 2 ** 20,
        heapPerRecord,
        liveHeapMB: (process.memoryUsage().heapUsed - heap0) / 2 ** 20,
      }),
    );
    store.close();
  });
}
