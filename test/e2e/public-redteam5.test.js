// b3iq public check through the real binary, red team 5: every probe of
// test/unit/public-redteam5-cases.js, joined as raw text into one document, is exit 1 with a
// violation of the right category under its own member; neither --json nor the human output
// prints a planted secret; the clean corpus is exit 0; input that is not JSON (YAML, a
// querystring, NaN) and nesting too deep are exit 2 without echoing the input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from '../helpers/cli.js';
import { cleanPassesBinary, probesRefusedByBinary } from '../helpers/public-redteam.js';
import { CLEAN, PLANTED, PROBES, SECRET } from '../unit/public-redteam5-cases.js';

probesRefusedByBinary('red team 5 probes through the binary: exit 1, each refused under its member, nothing printed', PROBES, PLANTED);

cleanPassesBinary('red team 5 clean corpus through the binary: exit 0', CLEAN);

test('input that is not JSON or nests too deep is exit 2, and the error does not echo it', async () => {
  for (const [input, code] of [
    [`model: llama\napi_key: ${SECRET}\n`, 'E_INVALID_JSON'],
    [`user=svc&password=${SECRET}`, 'E_INVALID_JSON'],
    [`{"apiKey":"${SECRET}","n":NaN}`, 'E_INVALID_JSON'],
    ['['.repeat(100_000), 'E_TOO_DEEP'],
  ]) {
    const r = await run(['public', 'check', '-', '--json'], { input });
    assert.equal(r.code, 2, `${input.slice(0, 20)}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(JSON.parse(r.stderr).error.code, code);
    assert.ok(!r.stderr.includes(SECRET));
  }
});
