#!/usr/bin/env node
// Lists every peer false positive the redactor (dist/index.js) gives a marker: the peer's
// source and rule, the marker categories b3iq used, the class (c) reason when the string is
// listed in test/eval/fp-class-c.json, and the lines that changed.
//   node test/eval/tools/list-fp.mjs [--source NAME] [--unclassified] [--json]
// --unclassified shows only the ones not in class (c): the placeholders and non-secrets still
// to fix. Run `npm run build` first. Reads only local files.
import { loadPeerCases, loadRedactor, scorePeers } from '../peers.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i < 0 ? null : (args[i + 1] ?? null);
};
const source = opt('--source');
const onlyUnclassified = args.includes('--unclassified');
const asJson = args.includes('--json');

const redactText = await loadRedactor();
let cases = loadPeerCases().filter((c) => c.kind === 'fp');
if (source) cases = cases.filter((c) => c.source === source);
const { misses } = scorePeers(cases, redactText);
const shown = misses.filter((m) => !onlyUnclassified || m.classC === undefined);

const MARKER = /\[REDACTED:([a-z0-9-]+)\]/g;
const rows = shown.map((m) => {
  const inLines = m.text.split('\n');
  const outLines = m.output.split('\n');
  const changed = inLines.flatMap((l, i) => (outLines[i] !== l && (outLines[i] ?? '').includes('[REDACTED:') ? [{ in: l, out: outLines[i] }] : []));
  const markers = [...new Set([...m.output.matchAll(MARKER)].map((x) => x[1]))];
  return { source: m.source, rule: m.rule, family: m.family, markers, classC: m.classC ?? null, changed };
});

if (asJson) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const clip = (s) => (s.length > 160 ? s.slice(0, 160) + '…' : s);
  for (const r of rows) {
    console.log(`[${r.source} ${r.rule}] markers: ${r.markers.join(', ')}  class: ${r.classC ? `(c) ${r.classC}` : '(a/b) to fix'}`);
    for (const c of r.changed.slice(0, 3)) console.log(`    in : ${clip(c.in)}\n    out: ${clip(c.out)}`);
  }
  const c = rows.filter((r) => r.classC).length;
  console.log(`\n${rows.length} marked false positives shown; ${c} class (c), ${rows.length - c} to fix`);
}
