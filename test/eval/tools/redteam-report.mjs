// The report of a red-team generator that also writes a kept-diagnostics corpus: the leak rate
// per class, then per kept class how many cases lose a value or gain a marker.
// Reads --seed N --per N --class a,b --show N from the command line.
import { redact } from '../../../dist/redact/index.js';
import { reportLeaks } from './leak-report.mjs';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const arg = (k, d) => (process.argv.includes(k) ? process.argv[process.argv.indexOf(k) + 1] : d);

/** @param {{ CLASSES: object, generate: Function, KEPT_CLASSES: object, generateKept: Function, keptLosses: Function }} gen */
export function reportRedTeam(gen) {
  const only = arg('--class', null)?.split(',');
  if (!only || only.some((n) => n in gen.CLASSES)) reportLeaks({ CLASSES: gen.CLASSES, generate: gen.generate }, { per: 10, show: 0 });
  const kept = Object.keys(gen.KEPT_CLASSES).filter((n) => !only || only.includes(n));
  let bad = 0;
  for (const name of kept) {
    const cases = gen.generateKept(Number(arg('--seed', '20261130')), Number(arg('--per', '10')), [name]);
    const fails = cases.map((c) => ({ c, out: redact(c.text, OPTS).text })).filter(({ c, out }) => gen.keptLosses(c, out).length > 0);
    bad += fails.length;
    console.log(`| kept: ${name} | ${fails.length}/${cases.length} lose a value or gain a marker |`);
    for (const f of fails.slice(0, Number(arg('--show', '0'))))
      console.log(`   in : ${JSON.stringify(f.c.text).slice(0, 300)}\n   out: ${JSON.stringify(f.out).slice(0, 300)}`);
  }
  if (kept.length) console.log(`kept total ${bad} cases lose a value`);
}
