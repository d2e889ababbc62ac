#!/usr/bin/env node
// `npm run eval:redaction`: how the redactor (dist/index.js) does on material written elsewhere.
//   --json            one JSON document on stdout instead of the tables
//   --failures N      list up to N misses (leaked true positives, marked false positives)
//   --source NAME     only cases of this source (gitleaks, gitleaks-bare, secretlint, detect-secrets)
//   --family NAME     only cases of this rule family
//   --rule ID         only cases of this upstream rule
//   --kind tp|fp      only true positives / only false positives
//   --families        print the per-family table of every source (default: the 15 worst per source)
// Class (c) false positives (test/eval/fp-class-c.json) are secret-shaped strings a peer
// lists only because of its own rule's scope; the rate is also given without them.
// test/eval/tools/list-fp.mjs lists every marked false positive with its marker and class.
// Logs: the generated realistic logs (gen-logs.mjs) are always scored; when B3IQ_LOGHUB_DIR
// names a folder of loghub *_2k.log files they are scored too (never committed: research-only licence).
// Reads only local files; no network.
import { loadPeerCases, loadRedactor, scorePeers, pct } from './peers.mjs';
import { scoreLogs, loghubFiles, generatedFiles } from './logs.mjs';

function parseArgs(argv) {
  const o = { json: false, failures: 0, source: null, family: null, rule: null, kind: null, families: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--failures') o.failures = /^\d+$/.test(argv[i + 1] ?? '') ? Number(argv[++i]) : 20;
    else if (a === '--source') o.source = argv[++i];
    else if (a === '--family') o.family = argv[++i];
    else if (a === '--rule') o.rule = argv[++i];
    else if (a === '--kind') o.kind = argv[++i];
    else if (a === '--families') o.families = true;
    else if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else {
      console.error(`unknown option ${a}\n${HELP}`);
      process.exit(2);
    }
  }
  return o;
}
const HELP = 'usage: npm run eval:redaction -- [--json] [--failures N] [--source NAME] [--family NAME] [--rule ID] [--kind tp|fp] [--families]';

/** The whole evaluation as one object (also used by test/unit/redaction-eval.test.js). */
export async function runEval({ source = null, family = null, rule = null, kind = null, loghubDir = process.env.B3IQ_LOGHUB_DIR } = {}) {
  const redactText = await loadRedactor();
  let cases = loadPeerCases();
  if (source) cases = cases.filter((c) => c.source === source);
  if (family) cases = cases.filter((c) => c.family === family);
  if (rule) cases = cases.filter((c) => c.rule === rule);
  if (kind) cases = cases.filter((c) => c.kind === kind);
  const peers = scorePeers(cases, redactText);
  // The log report only when the peer cases are not narrowed down (a focused run wants speed).
  const logs = {};
  if (!source && !family && !rule && !kind) {
    logs.generated = scoreLogs(generatedFiles(), redactText);
    if (loghubDir) logs.loghub = scoreLogs(loghubFiles(loghubDir), redactText);
  }
  return { peers, logs };
}

const SOURCE_ORDER = ['gitleaks', 'gitleaks-bare', 'secretlint', 'detect-secrets'];
/** @type {(x: [string, unknown], y: [string, unknown]) => number} */
const bySourceOrder = ([a], [b]) => (SOURCE_ORDER.indexOf(a) + 1 || 99) - (SOURCE_ORDER.indexOf(b) + 1 || 99) || a.localeCompare(b);

export function summarize({ peers, logs }) {
  const sources = {};
  for (const [name, s] of Object.entries(peers.sources).sort(bySourceOrder)) {
    sources[name] = {
      tp: s.tp,
      tpRedacted: s.tpRedacted,
      tpRedactedPct: pct(s.tpRedacted, s.tp),
      fp: s.fp,
      fpMarked: s.fpMarked,
      fpMarkedPct: pct(s.fpMarked, s.fp),
      fpClean: s.fpClean,
      fpCleanMarked: s.fpCleanMarked,
      fpCleanMarkedPct: pct(s.fpCleanMarked, s.fpClean),
      fpC: s.fpC,
      fpCMarked: s.fpCMarked,
      fpMarkedExclCPct: pct(s.fpMarked - s.fpCMarked, s.fp - s.fpC),
      ...(s.forms ? { forms: Object.fromEntries(Object.entries(s.forms).map(([f, v]) => [f, { ...v, tpRedactedPct: pct(v.tpRedacted, v.tp) }])) } : {}),
      families: Object.fromEntries(
        Object.entries(s.families).map(([f, v]) => [
          f,
          {
            ...v,
            tpRedactedPct: pct(v.tpRedacted, v.tp),
            fpMarkedPct: pct(v.fpMarked, v.fp),
          },
        ]),
      ),
    };
  }
  return { sources, logs };
}

const fmtPct = (v) => (v === null ? '   –  ' : `${v.toFixed(1).padStart(5)} %`);

function printTables(summary, opts) {
  console.log('Peer cases, each through redact()');
  console.log('source           true pos.  fully redacted   false pos.  given a marker   excl. class (c)   (fps no other peer rule matches: marked)');
  for (const [name, s] of Object.entries(summary.sources)) {
    const clean = s.fpClean && s.fpClean !== s.fp ? `   (${s.fpClean}: ${fmtPct(s.fpCleanMarkedPct).trim()})` : '';
    console.log(
      `${name.padEnd(16)} ${String(s.tp).padStart(9)}  ${fmtPct(s.tpRedactedPct).padStart(14)}   ${String(s.fp).padStart(10)}  ${fmtPct(s.fpMarkedPct).padStart(14)}  ${(s.fp ? `${fmtPct(s.fpMarkedExclCPct).trim()} (c: ${s.fpCMarked})` : '   –').padStart(15)}${clean}`,
    );
  }
  for (const [name, s] of Object.entries(summary.sources)) {
    const fams = Object.entries(s.families)
      .map(([f, v]) => ({ f, ...v, missed: v.tp - v.tpRedacted, marked: v.fpMarked }))
      .sort((a, b) => b.missed + b.marked - (a.missed + a.marked) || a.f.localeCompare(b.f));
    const shown = opts.families ? fams : fams.filter((x) => x.missed + x.marked > 0).slice(0, 15);
    if (!shown.length) continue;
    console.log(`\n${name}: families${opts.families ? '' : ' with the most misses'} (tp redacted / tp, fp marked / fp)`);
    for (const x of shown) {
      console.log(
        `  ${x.f.padEnd(24)} ${`${x.tpRedacted}/${x.tp}`.padStart(9)} ${fmtPct(x.tpRedactedPct)}   ${`${x.fpMarked}/${x.fp}`.padStart(7)} ${fmtPct(x.fpMarkedPct)}`,
      );
    }
  }
  for (const [name, s] of Object.entries(summary.sources)) {
    if (!s.forms) continue;
    console.log(`\n${name}: true positives by the assignment form around them (tp redacted / tp)`);
    const forms = Object.entries(s.forms).sort((a, b) => a[1].tpRedactedPct - b[1].tpRedactedPct || a[0].localeCompare(b[0]));
    for (const [f, v] of forms) console.log(`  ${f.padEnd(36)} ${`${v.tpRedacted}/${v.tp}`.padStart(9)} ${fmtPct(v.tpRedactedPct)}`);
  }
  for (const [name, r] of Object.entries(summary.logs)) printLogReport(name, r);
}

function printLogReport(name, r) {
  console.log(
    `\nLogs (${name}): ${r.files} files, ${r.lines} lines, ${r.linesChanged} changed (${fmtPct(pct(r.linesChanged, r.lines)).trim()}), ${r.linesMarked} with a marker`,
  );
  console.log('diagnostic          seen     kept');
  for (const [kind, v] of Object.entries(r.kept)) {
    console.log(`  ${kind.padEnd(16)} ${String(v.seen).padStart(6)}  ${fmtPct(pct(v.kept, v.seen))}`);
  }
  const cats = Object.entries(r.markers)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  if (cats) console.log(`  markers: ${cats}`);
  console.log(`  lines whose only "secret" is a port/component/user/error text but got a marker: ${r.benignMarked}`);
  console.log('  file                       lines  changed  marked  diagnostics lost');
  for (const [f, v] of Object.entries(r.perFile)) {
    console.log(
      `  ${f.padEnd(24)} ${String(v.lines).padStart(7)} ${String(v.changed).padStart(8)} ${String(v.marked).padStart(7)}  ${`${v.lost}/${v.diagnostics}`.padStart(15)}`,
    );
  }
}

function printFailures(misses, n) {
  const clip = (s) => (s.length > 300 ? s.slice(0, 300) + '…' : s).replace(/\n/g, '⏎');
  console.log(`\nMisses (${Math.min(n, misses.length)} of ${misses.length}):`);
  for (const m of misses.slice(0, n)) {
    console.log(`- [${m.source} ${m.kind} ${m.rule}${m.form ? ` / ${m.form}` : ''}]`);
    console.log(`    in : ${clip(m.text)}`);
    console.log(`    out: ${clip(m.output)}`);
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const result = await runEval(opts);
  const summary = summarize(result);
  if (opts.json) {
    const logs = Object.fromEntries(
      Object.entries(summary.logs).map(([k, { examples, ...rest }]) => [k, opts.failures ? { ...rest, examples: examples.slice(0, opts.failures) } : rest]),
    );
    /** @type {Record<string, unknown>} */
    const doc = { ...summary, logs };
    if (opts.failures) doc.misses = result.peers.misses.slice(0, opts.failures);
    console.log(JSON.stringify(doc, null, 2));
    return;
  }
  printTables(summary, opts);
  if (opts.failures) printFailures(result.peers.misses, opts.failures);
  for (const r of Object.values(result.logs)) {
    if (opts.failures && r.examples.length) {
      console.log('\nLog lines that lost a diagnostic or got a marker (first few):');
      for (const e of r.examples.slice(0, opts.failures)) console.log(`  ${e.file}: ${e.why}\n    in : ${e.in}\n    out: ${e.out}`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
