// Start-up: `b3iq --version`, `--help` and `keys list --json` against a bare `node -e 0`,
// each the median of interleaved runs (noise hits all alike), and how `keys list --json`
// grows with the number of keys (0, 2 000, 10 000, 100 000).
import { spawnSync } from 'node:child_process';
import { BIN, baseEnv, freshHome, seedKeys, median, fmt } from './lib.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);
const LIST_SIZES = (process.env.BENCH_LIST_SIZES ?? '0,2000,10000,100000').split(',').map(Number);

function once(args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** CPU time (user + sys) of one run: what a loaded machine's wall time hides. */
function cpuMs(args, env) {
  const r = spawnSync('/usr/bin/time', ['-f', 'cpu=%U+%S', process.execPath, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const m = /cpu=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return m ? `CPU ${fmt((Number(m[1]) + Number(m[2])) * 1000, 0)} ms (user+sys)` : 'CPU time: /usr/bin/time not available';
}

/** Interleaved runs of each case (each a [args, env]); the median ms of each. */
function interleave(cases, runs) {
  const t = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const [args, env] of Object.values(cases)) once(args, env); // warm the page cache
  for (let i = 0; i < runs; i++) for (const [k, [args, env]] of Object.entries(cases)) t[k].push(once(args, env));
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
}

export async function run() {
  const homes = {};
  for (const n of LIST_SIZES) {
    homes[n] = await freshHome();
    await seedKeys(homes[n], n, { keepTokens: false });
  }
  const env = baseEnv(homes[2000] ?? homes[LIST_SIZES[0]]);
  const list = (n) => `b3iq keys list --json (${n} keys)`;
  const m = interleave(
    {
      'node -e 0': [['-e', '0'], env],
      'b3iq --version': [[BIN, '--version'], env],
      'b3iq --help': [[BIN, '--help'], env],
      'b3iq keys --help': [[BIN, 'keys', '--help'], env],
      ...Object.fromEntries(LIST_SIZES.filter((n) => n <= 2000).map((n) => [list(n), [[BIN, 'keys', 'list', '--json'], baseEnv(homes[n])]])),
    },
    RUNS,
  );
  // The larger stores take seconds a run: fewer runs, still interleaved with the baseline.
  const big = interleave(
    {
      'node -e 0': [['-e', '0'], env],
      ...Object.fromEntries(LIST_SIZES.filter((n) => n > 2000).map((n) => [list(n), [[BIN, 'keys', 'list', '--json'], baseEnv(homes[n])]])),
    },
    Math.max(3, Math.round(RUNS / 3)),
  );
  const base = m['node -e 0'];
  const row = (k, goal) => ({
    goal: `${k} vs node -e 0`,
    value: `${fmt(m[k])} ms vs ${fmt(base)} ms`,
    ratio: m[k] / base,
    target: goal === undefined ? undefined : `<= ${goal}`,
    pass: goal === undefined ? undefined : m[k] / base <= goal,
  });
  const rows = [row('b3iq --version', 1.15), row('b3iq --help', 1.2), row('b3iq keys --help')];
  if (LIST_SIZES.includes(2000)) rows.push(row(list(2000), 1.5));
  if (LIST_SIZES.includes(100000)) {
    const ms = big[list(100000)];
    rows.push({
      goal: `${list(100000)}`,
      value: `${fmt(ms)} ms wall (node -e 0: ${fmt(big['node -e 0'])} ms); ${cpuMs([BIN, 'keys', 'list', '--json'], baseEnv(homes[100000]))}`,
      ratio: ms / 1000,
      target: '< 1 (of 1 s)',
      pass: ms < 1000,
    });
  }
  // The cost curve: each size as a ratio to the node -e 0 of its own interleaved series.
  const curve = LIST_SIZES.map((n) => {
    const [ms, b] = m[list(n)] !== undefined ? [m[list(n)], base] : [big[list(n)], big['node -e 0']];
    return `${n}: ${fmt(ms)} ms = ${fmt(ms / b, 2)}x`;
  }).join('; ');
  rows.push({ goal: `keys list --json by store size, x node -e 0 (${fmt(base)} ms; ${fmt(big['node -e 0'])} ms in the larger sizes' series)`, value: curve });
  return rows;
}
