// Leak rate per class of the sixth red-team generator (after `npm run build`), then the
// kept-diagnostics corpus (values that must survive, no marker anywhere in the case).
// node test/eval/tools/redteam6.mjs [--seed N] [--per N] [--class a,b] [--show N]
import { redact } from '../../../dist/redact/index.js';
import * as gen from '../../helpers/redact-redteam6.js';
import { reportLeaks } from './leak-report.mjs';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const arg = (k, d) => (process.argv.includes(k) ? process.argv[process.argv.indexOf(k) + 1] : d);
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
