// The two processes of the soak (bench/soak.js): `writer HOME SECONDS` issues and revokes
// keys as fast as it can; `reader HOME TOKEN` keeps a live store verifying until its stdin
// closes, measuring its own event loop, then prints one JSON line.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dist } from './lib.js';

const [role, home, arg] = process.argv.slice(2);
const { openStore } = await dist('index.js');

if (role === 'writer') {
  // BENCH_SOAK_COMPACT_LINES: compact after this many journal lines (more compactions per
  // second when a loaded machine slows the writer down).
  const lines = Number(process.env.BENCH_SOAK_COMPACT_LINES ?? 0);
  const store = await openStore({ home, live: false, ...(lines > 0 ? { journal: { maxJournalLines: lines } } : {}) });
  const file = join(home, 'credentials.json');
  const end = Date.now() + Number(arg) * 1000;
  let writes = 0;
  let compactions = 0;
  let ino = statSync(file).ino;
  let prev;
  let worst = 0;
  do {
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
  } while (Date.now() < end);
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
  let peak;
  let verifies = 0;
  let last = performance.now();
  let worstGap = 0;
  // The CPU this process used during each tick gap: a gap the machine's load made (another
  // process ran) costs little of it; a gap our own work made costs about all of it.
  let cpu0 = process.cpuUsage();
  let worstBusy = 0;
  // GC pauses only when debugging: the observer makes an entry object per GC, and at the
  // ~80 scavenges a second of a small young generation those promoted ~0.36 MB/s into the
  // old generation, inflating the very RSS measured here (the stalls they cause show in
  // the event-loop figures either way).
  let gcMax;
  const gcs = process.env.BENCH_SOAK_DEBUG
    ? new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          gcMax = Math.max(gcMax ?? 0, e.duration);
          if (e.duration > 20) process.stderr.write(`gc ${e.detail?.kind} ${e.duration.toFixed(0)} ms at ${Date.now() % 100000}\n`);
        }
      })
    : undefined;
  gcs?.observe({ entryTypes: ['gc'] });
  const tick = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(cpu0);
    cpu0 = process.cpuUsage();
    const busy = Math.min(now - last, (cpu.user + cpu.system) / 1000) - 10;
    worstGap = Math.max(worstGap, now - last - 10);
    worstBusy = Math.max(worstBusy, busy);
    if (process.env.BENCH_SOAK_DEBUG && now - last > 60)
      process.stderr.write(`gap ${(now - last).toFixed(0)} ms (cpu ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms) at ${Date.now() % 100000}\n`);
    last = now;
    const m = process.memoryUsage.rss();
    if (m > rss) {
      rss = m;
      if (process.env.BENCH_SOAK_DEBUG) {
        // What the peak is made of: V8's spaces (committed, in MB) beside Node's own figures.
        peak = process.memoryUsage();
        peak.at = Math.round(performance.now());
        for (const sp of getHeapSpaceStatistics()) peak[sp.space_name] = sp.space_size;
      }
    }
  }, 10);
  let running = true;
  const spin = () => {
    for (let i = 0; i < 200; i++) if (store.verifyLocalKey(arg).valid) verifies++;
    if (running) setImmediate(spin);
  };
  spin();
  process.stdin.resume();
  process.stdin.on('end', async () => {
    running = false;
    clearInterval(tick);
    h.disable();
    gcs?.disconnect();
    // A look that began now, run to its end: a reload still in flight holds its buffers.
    await store.refresh();
    const records = store.list({ kind: 'local', all: true }).length;
    gc();
    gc();
    const heapPerRecord = (process.memoryUsage().heapUsed - heap0) / Math.max(1, records);
    console.log(
      JSON.stringify({
        records,
        verifies,
        rssEndMB: process.memoryUsage.rss() / 2 ** 20,
        p99ms: h.percentile(99) / 1e6,
        maxms: h.max / 1e6,
        worstGapMs: worstGap,
        worstBusyMs: worstBusy,
        gcMaxMs: gcMax ?? null,
        rssMB: rss / 2 ** 20,
        heapPerRecord,
        peak: peak && Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, k === 'at' ? v : Math.round(v / 2 ** 20)])),
        liveHeapMB: (process.memoryUsage().heapUsed - heap0) / 2 ** 20,
      }),
    );
    store.close();
  });
}
