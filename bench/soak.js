// A runtime that never stalls: a live store verifying continuously (its event loop
// measured with perf_hooks.monitorEventLoopDelay and a 10 ms ticker) while another process
// issues and revokes keys as fast as it can, compactions included, starting from
// BENCH_SOAK_SEED keys (default 90 000, so the store passes 100 000) for BENCH_SOAK_S
// seconds (default 60). Also RSS and the live heap per record after a GC.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, freshHome, seedKeys, fmt } from './lib.js';

const SECONDS = Number(process.env.BENCH_SOAK_S ?? 60);
const SEED = Number(process.env.BENCH_SOAK_SEED ?? 90_000);
const CHILD = join(ROOT, 'bench', 'soak-child.js');

/**
 * The reader runs as docs/performance.md (Soak) advises a runtime holding a large store:
 * young generation semi-spaces of 2 MB (V8's default grows them to 16 MB, 32 MB or more of
 * RSS that a runtime verifying without allocating never needs), and a full collection once
 * the old generation is 1.2x what was live after the last one (V8 lets it reach up to 4x).
 * BENCH_SOAK_NODE_FLAGS replaces the flags ('' for V8's defaults).
 */
const READER_FLAGS = process.env.BENCH_SOAK_NODE_FLAGS ?? '--max-semi-space-size=2 --heap-growing-percent=20';

function child(args, { stdin = 'ignore' } = {}) {
  const flags = args[0] === 'reader' ? READER_FLAGS.split(' ').filter(Boolean) : [];
  const c = spawn(process.execPath, [...flags, CHILD, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
  let out = '';
  c.stdout.on('data', (d) => (out += d));
  const done = new Promise((resolve, reject) =>
    c.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1))) : reject(new Error(`soak ${args[0]} exited ${code}`)))),
  );
  return { c, done };
}

export async function run() {
  const home = await freshHome();
  const [token] = await seedKeys(home, SEED + 1);
  // seedKeys writes the oldest format: one write first, so the reader opens what a
  // runtime opens (the current snapshot and its journal).
  await child(['writer', home, '0']).done;
  const reader = child(['reader', home, token], { stdin: 'pipe' });
  await new Promise((r) => setTimeout(r, 1500)); // the reader's first load
  const w = await child(['writer', home, String(SECONDS)]).done;
  reader.c.stdin.end();
  const r = await reader.done;
  const stall = Math.max(r.maxms, r.worstGapMs);
  if (process.env.BENCH_SOAK_DEBUG) process.stderr.write(`reader: ${JSON.stringify(r)}\n`);
  return [
    {
      goal: `soak ${SECONDS} s: writer ${fmt(w.writes / SECONDS, 0)} writes/s (${w.compactions} compactions), reader at ${r.records} records`,
      value: `event-loop delay p99 ${fmt(r.p99ms)} ms, max ${fmt(r.maxms)} ms (worst 10 ms-tick gap ${fmt(r.worstGapMs)} ms, of which busy on CPU ${fmt(r.worstBusyMs)} ms${r.gcMaxMs === null ? '' : `; longest GC pause ${fmt(r.gcMaxMs)} ms`}); ${fmt(r.verifies / SECONDS / 1000, 0)} k verifies/s`,
      ratio: stall / 50,
      target: '<= 1 (of 50 ms)',
      pass: stall <= 50,
    },
    {
      goal: 'soak: live heap per record after a GC',
      value: `${fmt(r.heapPerRecord, 0)} B (${fmt(r.liveHeapMB, 0)} MB live)`,
      ratio: r.heapPerRecord / 1024,
      target: '<= 1 (of 1 KB)',
      pass: r.heapPerRecord <= 1024,
    },
    {
      goal: `soak: peak RSS vs 2x the live heap (reader: ${READER_FLAGS || "V8's default heap"})`,
      value: `${fmt(r.rssMB, 0)} MB (live heap ${fmt(r.liveHeapMB, 0)} MB)`,
      ratio: r.rssMB / (2 * r.liveHeapMB),
      target: '<= 1',
      pass: r.rssMB <= 2 * r.liveHeapMB,
    },
  ];
}
