// The committed completions and man page are exactly what the command tree generates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { generateAll, GENERATED_FILES } from '../../dist/gen/index.js';
import { programModel, allCommands } from '../../dist/gen/tree.js';

test('committed completions/ and man/ match the command tree (run `npm run gen` after changing commands)', async () => {
  const gen = await generateAll();
  for (const rel of GENERATED_FILES) {
    const committed = readFileSync(join(ROOT, rel), 'utf8');
    assert.ok(committed === gen[rel], `${rel} differs from what the command tree generates: run npm run gen and commit the result`);
  }
});

test('generation is deterministic', async () => {
  assert.deepEqual(await generateAll(), await generateAll());
});

/** How a word is spelled in each file: roff escapes hyphens, zsh specs escape colons. */
function as(rel, word) {
  if (rel.startsWith('man/')) return word.replace(/-/g, '\\-');
  if (rel.endsWith('_b3iq')) return word.replace(/:/g, '\\:');
  return word;
}

test('every command, flag and choice of the tree appears in every script and the man page', async () => {
  const gen = await generateAll();
  for (const c of allCommands(await programModel())) {
    for (const rel of GENERATED_FILES) {
      const name = rel.startsWith('man/') ? c.name.replace(/-/g, '\\-') : c.name;
      if (c.path.length > 0) assert.ok(gen[rel].includes(name), `${c.path.join(' ')} in ${rel}`);
    }
    for (const o of c.options) {
      const long = o.long.slice(2);
      for (const rel of ['completions/b3iq.bash', 'completions/_b3iq', 'completions/b3iq.fish']) assert.ok(gen[rel].includes(long), `${long} in ${rel}`);
      assert.ok(gen['man/b3iq.1'].includes(o.long.replace(/-/g, '\\-')), `${o.long} in the man page`);
      for (const ch of o.choices) for (const rel of GENERATED_FILES) assert.ok(gen[rel].includes(as(rel, ch)), `${ch} in ${rel}`);
    }
  }
});

test('no credential-shaped literal in any generated file', async () => {
  for (const text of Object.values(await generateAll())) assert.doesNotMatch(text, /b3iq_(local|support|gateway|setup)_[0-9A-Za-z]{20}/);
});

test('roff escaping: requests cannot be injected, hyphens and backslashes survive', async () => {
  const { roff } = await import('../../dist/gen/man.js');
  assert.equal(roff('--a-b'), '\\-\\-a\\-b');
  assert.equal(roff('C:\\x'), 'C:\\ex');
  assert.equal(roff('b3iq_local_…'), 'b3iq_local_\\[u2026]');
});
