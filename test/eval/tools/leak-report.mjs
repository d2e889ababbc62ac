// The per-class leak report both generator tools print (after `npm run build`):
// [--seed N] [--per N] [--class a,b] [--show N]; `defaults` sets --per and --show.
import { redact } from '../../../dist/redact/index.js';
import { leaksOf } from '../../helpers/redact-adversarial-gen.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };

export function reportLeaks({ CLASSES, generate }, defaults) {
  const arg = (k, d) => {
    const i = process.argv.indexOf(k);
    return i < 0 ? d : process.argv[i + 1];
  };
  const seed = Number(arg('--seed', '20261130'));
  const per = Number(arg('--per', String(defaults.per)));
  const only = arg('--class', null);
  const show = Number(arg('--show', String(defaults.show)));
  let total = 0;
  let bad = 0;
  for (const name of only ? only.split(',') : Object.keys(CLASSES)) {
    const cases = generate(seed, per, [name]);
    const fails = [];
    for (const c of cases) {
      const out = redact(c.text, OPTS).text;
      const { leaked, lost } = leaksOf(c, out);
      if (leaked.length || lost.length) fails.push({ c, out, leaked, lost });
    }
    total += cases.length;
    bad += fails.length;
    const pct = ((100 * fails.length) / cases.length).toFixed(1);
    console.log(`| ${name} | ${fails.length}/${cases.length} (${pct} %) |`);
    for (const f of fails.slice(0, show)) {
      console.log(`   [${f.c.layout ?? '-'}] in : ${JSON.stringify(f.c.text).slice(0, 400)}`);
      console.log(`   out: ${JSON.stringify(f.out).slice(0, 400)}`);
      console.log(`   ${f.leaked.length ? `leaked ${f.leaked.join(' ')}` : ''}${f.lost.length ? ` lost ${f.lost.join(' ')}` : ''}`);
    }
  }
  console.log(`total ${bad}/${total} cases leak`);
}
