// The shared half of a redaction red-team suite: each leak class bounded by what it may still
// leak, each kept-corpus class losing nothing, and the stream agreeing with the whole text in
// any chunking. A suite passes its generator module and bounds; its plain cases stay its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { leaksOf } from './redact-adversarial-gen.js';
import { chunksAt, redactThroughStream } from './redact-stream.js';

/**
 * @param {string} label the suite's name in test titles (`red team 6`)
 * @param {Record<string, any>} gen the generator module: CLASSES, generate, KEPT_CLASSES, generateKept, keptLosses
 * @param {object} suite
 * @param {number} suite.seed
 * @param {number} suite.per cases per layout
 * @param {number} [suite.layouts] layouts a class is written in (per * layouts cases a class)
 * @param {Record<string, number>} suite.open cases a class may still leak
 * @param {number} suite.streamEvery the stream test joins every n-th case
 * @param {object} suite.opts redact()'s options
 */
export function redTeamSuite(label, gen, { seed, per, layouts = 10, open, streamEvery, opts }) {
  const { CLASSES: classes, generate, KEPT_CLASSES: keptClasses, generateKept, keptLosses } = gen;
  const r = (text) => redact(text, opts).text;

  for (const name of Object.keys(classes)) {
    test(`${label}, ${name}: leaks stay within bounds (seed ${seed})`, () => {
      const fails = [];
      for (const c of generate(seed, per, [name])) {
        const { leaked, lost } = leaksOf(c, r(c.text));
        if (leaked.length > 0 || lost.length > 0) fails.push(`[${c.layout}] ${JSON.stringify(c.text).slice(0, 300)}\n  leaked ${leaked} lost ${lost}`);
      }
      const bound = open[name] ?? 0;
      assert.ok(fails.length <= bound, `${fails.length} of ${per * layouts} cases leaked (open: ${bound})\n${fails.slice(0, 3).join('\n')}`);
    });
  }

  for (const name of Object.keys(keptClasses)) {
    test(`${label} kept corpus, ${name}: values survive and no marker appears`, () => {
      const bad = generateKept(seed, per, [name])
        .map((c) => ({ c, lost: keptLosses(c, r(c.text)) }))
        .filter((x) => x.lost.length > 0);
      assert.equal(
        bad.length,
        0,
        bad
          .slice(0, 3)
          .map((x) => `${JSON.stringify(x.c.text).slice(0, 200)} lost ${x.lost}`)
          .join('\n'),
      );
    });
  }

  test(`${label}: streamed in any chunking, the output is the same as whole`, async () => {
    const text = generate(seed, 1)
      .filter((_, i) => i % streamEvery === 0)
      .map((c) => c.text)
      .join('\n');
    const whole = r(text);
    for (const cuts of [[1], [7, 8, 9], [64, 200, 201, 4096], Array.from({ length: 40 }, (_, i) => i * 97 + 13)]) {
      const { text: streamed } = await redactThroughStream(chunksAt(text, cuts), opts);
      assert.equal(streamed, whole, `cut at ${cuts.slice(0, 4)}`);
    }
  });
}
