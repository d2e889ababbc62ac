// docs/contract.md's exit-code table names every error code the tool emits, in the row of
// the exit code it maps to, and nothing the tool does not emit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCodes } from '../../dist/index.js';
import { ROOT } from '../helpers/cli.js';

/** exit code -> the E_… codes its row of the table lists */
function documentedRows() {
  const text = readFileSync(join(ROOT, 'docs', 'contract.md'), 'utf8');
  const section = text.slice(text.indexOf('## 6. Exit codes'), text.indexOf('## 7.'));
  /** @type {Map<number, Set<string>>} */
  const rows = new Map();
  for (const line of section.split('\n')) {
    const m = /^\|\s*(\d+)\s*\|/.exec(line);
    if (m) rows.set(Number(m[1]), new Set(line.match(/E_[A-Z_]+/g) ?? []));
  }
  return rows;
}

test('every error code is documented in the row of its exit code, and only those', () => {
  const rows = documentedRows();
  assert.ok(rows.size >= 5, 'the table was found');
  for (const [code, exit] of Object.entries(ErrorCodes)) {
    assert.ok(rows.get(exit)?.has(code), `${code} (exit ${exit}) is missing from its row`);
  }
  for (const [exit, codes] of rows) {
    for (const code of codes) assert.equal(/** @type {Record<string, number>} */ (ErrorCodes)[code], exit, `${code} is documented under exit ${exit}`);
  }
});
