// A sixth red-team generator: leak classes the earlier ones (redact-redteam2.js,
// redact-redteam5.js) do not write — database statements and consoles, Windows administration
// and its event-log framings, package publishing, secrets quoted by error messages, cookie jars,
// JSON inside CSV fields, HTML and backslash escapes, signed-URL parameters, keys pasted into
// chat turns — in red team 5's collector layouts (journalctl, logfmt, Python, Go, Rust tracing,
// compose, kubectl, CSV). Each case: { cls, layout, text, secrets, keep }. The kept-diagnostics
// corpus: redact-redteam6-kept.js. Used by test/unit/redact-redteam6.test.js and
// `node test/eval/tools/redteam6.mjs`.
import { Gen } from './redact-adversarial-gen.js';
import { casesByClass, fnv1a } from './prng.js';
import { LAYOUTS, keptLosses } from './redact-redteam5.js';
import { SQL_CLASSES, TEXT_CLASSES } from './redact-redteam6-classes.js';
import { KEPT_CLASSES } from './redact-redteam6-kept.js';

export { KEPT_CLASSES, LAYOUTS, keptLosses };

/** Every class by name: (g) => { lines, secrets, keep? }. */
export const CLASSES = { ...SQL_CLASSES, ...TEXT_CLASSES };

/** One case of a class in one layout. */
export function makeCase(g, name, layout = g.pick(Object.keys(LAYOUTS))) {
  const c = CLASSES[name](g);
  return { cls: name, layout, text: LAYOUTS[layout](g, c.lines).join('\n'), secrets: c.secrets, keep: c.keep ?? [], words: false };
}

/** `per` cases of each class in each layout (10 layouts), from one seed. */
export function generate(seed, per, names = Object.keys(CLASSES)) {
  return casesByClass(names, Object.keys(LAYOUTS), per, (name) => new Gen(seed ^ fnv1a(name) ^ 0x6b6b), makeCase);
}

/** The kept-diagnostics corpus, `per` cases of each class in each layout: { cls, layout, text, keep }. */
export function generateKept(seed, per, names = Object.keys(KEPT_CLASSES)) {
  return casesByClass(
    names,
    Object.keys(LAYOUTS),
    per,
    (name) => new Gen(seed ^ fnv1a(name) ^ 0xb6b6),
    (g, name, layout) => {
      const c = KEPT_CLASSES[name](g);
      return { cls: name, layout, text: LAYOUTS[layout](g, c.lines).join('\n'), keep: c.keep };
    },
  );
}
