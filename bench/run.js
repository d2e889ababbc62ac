// `npm run bench`: each figure as a ratio against a baseline measured in this same run.
// BENCH_ONLY=verify,startup,scale,live,redact,soak picks sections; see docs/performance.md.
import { cpus, loadavg } from 'node:os';
import { cleanup, fmt } from './lib.js';

const SECTIONS = ['verify', 'startup', 'scale', 'live', 'redact', 'soak'];
const only = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean);
const chosen = only.length ? SECTIONS.filter((s) => only.includes(s)) : SECTIONS;

console.log(
  `b3iq-operator bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${process.platform}/${process.arch}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
const rows = [];
let failed = false;
for (const name of chosen) {
  const t0 = Date.now();
  process.stderr.write(`… ${name}\n`);
  try {
    const mod = await import(`./${name}.js`);
    for (const row of await mod.run()) {
      rows.push({ section: name, ...row });
      printRow(rows.at(-1));
    }
  } catch (e) {
    failed = true;
    console.log(`${name}: FAILED ${e?.stack ?? e}`);
  } finally {
    cleanup();
  }
  process.stderr.write(`  (${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

function printRow(r) {
  const verdict = r.pass === undefined ? 'info' : r.pass ? 'ok' : 'MISS';
  const ratio = r.ratio === undefined ? '' : `ratio ${fmt(r.ratio, 2)}${r.pass === undefined ? '' : ` (goal ${r.target})`}`;
  console.log(`[${verdict.padEnd(4)}] ${r.goal}: ${r.value}${ratio ? `  ${ratio}` : ''}${r.note ? `\n         ${r.note}` : ''}`);
}

const missed = rows.filter((r) => r.pass === false);
console.log(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
console.log(`\n${rows.filter((r) => r.pass).length} goals met, ${missed.length} missed${failed ? ', a section failed' : ''}.`);
if (process.env.BENCH_JSON) console.log(JSON.stringify(rows));
process.exitCode = failed ? 1 : 0;
