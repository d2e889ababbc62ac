// b3iq public check through the real binary, red team 4: every probe of
// test/unit/public-redteam4-cases.js, joined as raw text into one document (duplicate and
// escaped keys survive only in the text), is exit 1 with a violation of the right category
// under its own member, at the exact leaf where the probe names one; neither --json nor the
// human output prints a planted secret; the clean corpus is exit 0; a duplicate key is a
// violation (exit 1), not unreadable input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { cleanPassesBinary, probesRefusedByBinary } from '../helpers/public-redteam.js';
import { CLEAN, PLANTED, PROBES } from '../unit/public-redteam4-cases.js';

probesRefusedByBinary('red team 4 probes through the binary: exit 1, each refused under its member at its leaf, nothing printed', PROBES, PLANTED);

cleanPassesBinary('red team 4 clean corpus through the binary: exit 0', CLEAN);

test('a key repeated in another spelling is a violation (exit 1), not invalid input', async () => {
  const r = await run(['public', 'check', '-', '--json'], { input: '{"node":{"apiKey":"","api\\u212aey":"","APIKEY":""}}' });
  assert.equal(r.code, 1, r.stderr);
  assert.deepEqual(
    JSON.parse(r.stdout).violations.map((v) => [v.path, v.category]),
    [
      ['$.node["api\u212aey"]', 'duplicate-key'],
      ['$.node.APIKEY', 'duplicate-key'],
    ],
  );
});
