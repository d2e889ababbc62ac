// The perl one-liner's own twelve substitutions (PERL12) run by Node instead of perl: what
// V8's regex engine costs for the baseline's work alone, with no rule of b3iq's. Reads the
// file in 64 KiB chunks cut at line ends and writes the result to stdout.
// Usage: node bench/node12.js FILE
import { createReadStream, writeSync } from 'node:fs';
import { PERL12 } from './redact-inputs.js';

/** PERL12's `s/re/rep/g` commands as [RegExp, replacement] (perl's $1 is JavaScript's $1). */
function substitutions() {
  return PERL12.split(/; (?=s\/)/).map((cmd) => {
    const m = /^s\/((?:\\.|[^\\/])*)\/((?:\\.|[^\\/])*)\/g$/.exec(cmd);
    if (!m) throw new Error(`not an s///g command: ${cmd}`);
    return [new RegExp(m[1], 'g'), m[2].replace(/\\\//g, '/')];
  });
}

const subs = substitutions();
let rest = '';
const flush = (text) => {
  let out = text;
  for (const [re, rep] of subs) out = out.replace(re, rep);
  writeSync(1, out);
};
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16, encoding: 'latin1' })) {
  const text = rest + chunk;
  const cut = text.lastIndexOf('\n') + 1;
  rest = text.slice(cut);
  if (cut > 0) flush(text.slice(0, cut));
}
if (rest) flush(rest);
