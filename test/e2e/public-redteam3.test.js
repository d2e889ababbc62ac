// b3iq public check through the real binary: red team 3 payloads (a quick tunnel, a bare DER
// certificate, a TEE quote under `tdx`, an owner's name, an access-log line, a scoped IPv6
// address, a secret in a label/data pair) are exit 1 with each violation's path and category,
// and never print the planted value; realistic clean public payloads are exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tempDir } from '../helpers/cli.js';
import { CLEAN } from '../unit/public-redteam3-cases.js';

const SECRET = 'x9Q2w8E4r7T1y6U3';
const DER =
  'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYDVQQDExlCYWx0aW1vcmUgQ3liZXJUcnVzdCBSb290';
const QUOTE = '0400020081000000' + '00000000939a7233f79c4ca9940a0db3957f0607'.repeat(12);

const PAYLOAD = {
  nodeId: 'node-7f3a',
  status: 'ready',
  links: [{ rel: 'self', href: 'https://chef-quiet-river-gentle.trycloudflare.com' }],
  tls: { bundle: DER },
  tdx: QUOTE,
  owner: { name: 'Alice Johnson' },
  last: '203.0.113.9 - - [29/Nov/2026:10:00:00 +0000] "POST /v1/chat/completions HTTP/1.1" 200 512',
  bind: 'fe80::1ff:fe23:4567:890a%eth0',
  fields: [{ label: 'support secret', data: SECRET }],
};
const EXPECTED = [
  ['$.links[0].href', 'tunnel'],
  ['$.tls.bundle', 'certificate-chain'],
  ['$.tdx', 'tee-quote'],
  ['$.owner', 'customer-identity'],
  ['$.last', 'request-log'],
  ['$.bind', 'local-url'],
  ['$.fields[0].data', 'credential'],
];

test('red team 3 payload: exit 1, every planted field reported by path and category, none printed', async (t) => {
  const dir = tempDir();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'node.json');
  writeFileSync(file, JSON.stringify(PAYLOAD, null, 2));
  const r = await run(['public', 'check', file, '--json']);
  assert.equal(r.code, 1, r.stderr);
  const got = JSON.parse(r.stdout).violations.map((v) => [v.path, v.category]);
  for (const want of EXPECTED)
    assert.ok(
      got.some(([p, c]) => p === want[0] && c === want[1]),
      `${want.join(' ')} in ${JSON.stringify(got)}`,
    );
  const human = await run(['public', 'check', '-'], { input: JSON.stringify(PAYLOAD) });
  assert.equal(human.code, 1);
  for (const s of [SECRET, DER.slice(0, 40), QUOTE.slice(16, 60), 'Alice', 'trycloudflare']) {
    for (const out of [r.stdout, r.stderr, human.stdout, human.stderr]) assert.ok(!out.includes(s), `printed ${s.slice(0, 6)}…`);
  }
});

test('red team 3 clean corpus through the binary: every payload is exit 0', async () => {
  const r = await run(['public', 'check', '-', '--json'], { input: JSON.stringify({ corpus: CLEAN }) });
  assert.equal(r.code, 0, r.stdout);
  assert.deepEqual(JSON.parse(r.stdout), { ok: true, violations: [] });
});
