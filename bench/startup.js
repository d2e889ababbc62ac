// Goal 3: start-up. `b3iq --version`, `--help` and `keys list --json` (2000 keys) against a
// bare `node -e 0`, each the median of interleaved runs (noise hits all alike).
import { spawnSync } from 'node:child_process';
import { BIN, baseEnv, freshHome, seedKeys, median, fmt } from './lib.js';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 15);

function once(args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function run() {
  const home = await freshHome();
  await seedKeys(home, 2000, { keepTokens: false });
  const env = baseEnv(home);
  const cases = {
    'node -e 0': ['-e', '0'],
    'b3iq --version': [BIN, '--version'],
    'b3iq --help': [BIN, '--help'],
    'b3iq keys --help': [BIN, 'keys', '--help'],
    'b3iq keys list --json (2000 keys)': [BIN, 'keys', 'list', '--json'],
  };
  const t = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (const args of Object.values(cases)) once(args, env); // warm the page cache
  for (let i = 0; i < RUNS; i++) for (const [k, args] of Object.entries(cases)) t[k].push(once(args, env));
  const base = median(t['node -e 0']);
  const row = (k, target, goal) => {
    const m = median(t[k]);
    return { goal: `${k} vs node -e 0`, value: `${fmt(m)} ms vs ${fmt(base)} ms`, ratio: m / base, target: `<= ${goal}`, pass: goal === undefined ? undefined : m / base <= goal };
  };
  return [
    row('b3iq --version', '', 1.5),
    row('b3iq --help', '', 1.5),
    row('b3iq keys --help'),
    row('b3iq keys list --json (2000 keys)', '', 2.5),
  ];
}
