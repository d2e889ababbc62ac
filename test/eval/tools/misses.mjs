#!/usr/bin/env node
// Every miss of the peer evaluation, grouped by source and rule family: the leaked true
// positives (with the secret and what came out) and the marked false positives. A debugging
// aid for rule work: `npm run build && node test/eval/tools/misses.mjs [--source S] [--kind tp|fp] [--max N]`.
import { runEval } from '../redaction-eval.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : null;
};
const max = Number(opt('--max') ?? 5);
const { peers } = await runEval({ source: opt('--source'), kind: opt('--kind'), loghubDir: null });
const clip = (s) => (s.length > 240 ? s.slice(0, 240) + '…' : s).replace(/\n/g, '⏎');

/** @type {Map<string, any[]>} */
const groups = new Map();
for (const m of peers.misses) {
  const key = `${m.source} / ${m.family} / ${m.kind}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key)?.push(m);
}
for (const [key, list] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
  console.log(`\n${key}: ${list.length}`);
  for (const m of list.slice(0, max)) {
    console.log(`  [${m.rule}${m.form ? ` / ${m.form}` : ''}]${m.secret ? ` secret: ${clip(m.secret)}` : ''}`);
    console.log(`    in : ${clip(m.text)}`);
    console.log(`    out: ${clip(m.output)}`);
  }
}
