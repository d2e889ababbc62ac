// Goal 4: issuing a key at 2000 existing keys costs at most 3x issuing at 0, through the
// library and through the CLI; and how that cost grows to 100 000 keys (BENCH_SCALE_MAX).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dist, freshHome, seedKeys, b3iq, median, fmt } from './lib.js';

const MAX = Number(process.env.BENCH_SCALE_MAX ?? 100_000);
const SIZES = [0, 2000, 10_000, 30_000, 100_000].filter((n) => n <= MAX);

async function libraryIssue(n, reps) {
  const { openStore } = await dist('index.js');
  const home = await freshHome();
  await seedKeys(home, n, { keepTokens: false });
  const store = await openStore({ home, live: false });
  const ms = [];
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    await store.issueLocalKey({ name: `scale-${i}` });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  // What a live runtime pays to pick the change up (parse, validate, index), on its event loop.
  const live = await openStore({ home, live: false });
  const tr = process.hrtime.bigint();
  live.reloadSync();
  live.verifyLocalKey('b3iq_local_x'); // builds the index
  const reload = Number(process.hrtime.bigint() - tr) / 1e6;
  live.close();
  store.close();
  return { ms: median(ms), reload, bytes: statSync(join(home, 'credentials.json')).size };
}

function cliIssue(home, reps) {
  const ms = [];
  for (let i = 0; i < reps; i++) ms.push(b3iq(['keys', 'create', '--name', `cli-${i}`, '--out', '-', '--json'], { home }).ms);
  return median(ms);
}

export async function run() {
  const rows = [];
  const lib = {};
  for (const n of SIZES) {
    lib[n] = await libraryIssue(n, n >= 30_000 ? 3 : 9);
    process.stderr.write(`  library issue at ${n}: ${fmt(lib[n].ms)} ms (file ${fmt(lib[n].bytes / 1e6, 2)} MB, reload ${fmt(lib[n].reload)} ms)\n`);
  }
  const r = lib[2000].ms / lib[0].ms;
  rows.push({ goal: 'library issue at 2000 keys vs 0', value: `${fmt(lib[2000].ms)} ms vs ${fmt(lib[0].ms)} ms`, ratio: r, target: '<= 3', pass: r <= 3 });

  const h0 = await freshHome();
  const h2k = await freshHome();
  await seedKeys(h2k, 2000, { keepTokens: false });
  cliIssue(h0, 1);
  const c0 = [];
  const c2k = [];
  for (let i = 0; i < 4; i++) {
    c0.push(cliIssue(h0, 1));
    c2k.push(cliIssue(h2k, 1));
  }
  const cr = median(c2k) / median(c0);
  rows.push({ goal: 'CLI keys create at 2000 keys vs 0', value: `${fmt(median(c2k))} ms vs ${fmt(median(c0))} ms`, ratio: cr, target: '<= 3', pass: cr <= 3 });

  const growth = SIZES.filter((n) => n > 0)
    .map((n) => `${n}: ${fmt(lib[n].ms)} ms issue, ${fmt(lib[n].reload)} ms reload, ${fmt(lib[n].bytes / 1e6, 1)} MB`)
    .join('; ');
  rows.push({ goal: 'growth (library issue; runtime reload)', value: growth });
  return rows;
}
