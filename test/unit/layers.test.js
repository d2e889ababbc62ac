// The layering rules the source keeps: the library never speaks the CLI's words, and the
// credential-kind pattern is spelled in one place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sources(dir = SRC) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const rel = (f) => relative(SRC, f).split('\\').join('/');
const library = sources().filter((f) => !/^(cli|gen)\//.test(rel(f)));

test('library errors name no CLI command: hints are worded in src/cli/hints.ts', () => {
  const offenders = [];
  for (const f of library) {
    for (const [i, line] of readFileSync(f, 'utf8').split('\n').entries()) {
      if (/hint:/.test(line) && /b3iq (init|keys|support|setup|recover|owner|gateway|scan|doctor|audit)\b|--(home|ttl|name)\b/.test(line))
        offenders.push(`${rel(f)}:${i + 1}`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('nothing outside src/cli imports from it', () => {
  const offenders = library.filter((f) => /from\s+['"](\.\.\/)+cli\//.test(readFileSync(f, 'utf8'))).map(rel);
  assert.deepEqual(offenders, []);
});

test('the credential-kind alternation is spelled once (core/credential-kinds.ts)', () => {
  // src/redact/ keeps its own copy until the redaction rules take it from the kinds table.
  const offenders = sources()
    .filter((f) => !rel(f).startsWith('redact/') && rel(f) !== 'core/credential-kinds.ts')
    .filter((f) => /local\|support\|gateway\|setup/.test(readFileSync(f, 'utf8')))
    .map(rel);
  assert.deepEqual(offenders, []);
});

test('the kinds table agrees with the redactor on categories', async () => {
  const { KINDS, CREDENTIAL_KINDS } = await import('../../dist/core/credential-kinds.js');
  const { B3IQ_KIND_CATEGORY } = await import('../../dist/redact/patterns.js');
  for (const k of CREDENTIAL_KINDS) assert.equal(KINDS[k].redactCategory, B3IQ_KIND_CATEGORY[k], k);
});

const importsOf = (f) => [...readFileSync(f, 'utf8').matchAll(/(?:from\s*|import\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);

test('src/core imports nothing else of src', () => {
  const offenders = sources()
    .filter((f) => rel(f).startsWith('core/'))
    .flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('../'))
        .map((s) => `${rel(f)} -> ${s}`),
    );
  assert.deepEqual(offenders, []);
});

test('no command file imports another command file (shared.ts is for sharing)', () => {
  const offenders = [];
  for (const f of sources().filter((x) => rel(x).startsWith('cli/commands/') && !rel(x).endsWith('/shared.ts'))) {
    for (const s of importsOf(f)) {
      const target = rel(join(f, '..', s)).replace(/\.js$/, '.ts');
      if (target.startsWith('cli/commands/') && !target.endsWith('/shared.ts')) offenders.push(`${rel(f)} -> ${target}`);
    }
  }
  assert.deepEqual(offenders, []);
});
