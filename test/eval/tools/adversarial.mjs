// Lists every leak the adversarial generator finds, by class (after `npm run build`).
// node test/eval/tools/adversarial.mjs [--seed N] [--per N] [--class name] [--show N]
import { redact } from '../../../dist/redact/index.js';
import { CLASSES, generate, leaksOf } from '../../helpers/redact-adversarial-gen.js';

const arg = (k, d) => {
  const i = process.argv.indexOf(k);
  return i < 0 ? d : process.argv[i + 1];
};
const seed = Number(arg('--seed', '20261130'));
const per = Number(arg('--per', '200'));
const only = arg('--class', null);
const show = Number(arg('--show', '3'));
const names = only ? only.split(',') : Object.keys(CLASSES);
let total = 0;
let bad = 0;
for (const name of names) {
  const cases = generate(seed, per, [name]);
  const fails = [];
  for (const c of cases) {
    const out = redact(c.text, { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' }).text;
    const { leaked, lost } = leaksOf(c, out);
    if (leaked.length || lost.length) fails.push({ c, out, leaked, lost });
  }
  total += cases.length;
  bad += fails.length;
  console.log(`${name.padEnd(16)} ${String(fails.length).padStart(4)}/${cases.length}`);
  for (const f of fails.slice(0, show)) {
    console.log('   in : ' + JSON.stringify(f.c.text).slice(0, 400));
    console.log('   out: ' + JSON.stringify(f.out).slice(0, 400));
    console.log('   ' + (f.leaked.length ? 'leaked ' + f.leaked.join(' ') : '') + (f.lost.length ? ' lost ' + f.lost.join(' ') : ''));
  }
}
console.log(`total ${bad}/${total} cases leak`);
