// Values secret by their section's name, whatever their own key: INI `[credentials]`-style
// sections (sub-sections, continuation lines) and YAML blocks under `credentials:` /
// `secrets:` (nested maps, list items), and identity fields under `customer:`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { redact, createRedactStream } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;

// [name, input, values that must be gone, text that must stay]
const CASES = [
  ['INI credentials section, any key', '[credentials]\nother = 1234567890a\nport = 5432\n', ['1234567890a'], ['other = ', 'port = 5432']],
  ['INI secrets section, colon form', '[secrets]\nfoo: s3cr3tvalue99\n', ['s3cr3tvalue99'], ['foo: ']],
  ['INI auth section ends at the next header', '[auth]\nuser = zq9x7kw2\n[server]\nname = alpha77beta\n', ['zq9x7kw2'], ['name = alpha77beta']],
  ['INI indented sub-section stays in', '[passwords]\n    [child]\n    keyA = 678912345\n', ['678912345'], ['[child]']],
  ['INI continuation lines', '[credentials]\nkeyA =\n    value2x\n    345678912\n    # note\n', ['value2x', '345678912'], ['# note']],
  ['INI keys section', '[keys]\nforeign_key_id = vh987tyw9ehy8ghis7vwyhiwbw\n', ['vh987tyw9ehy8ghis7vwyhiwbw'], ['foreign_key_id = ']],
  ['INI CRLF', '[credentials]\r\nother = 1234567890a\r\n[x]\r\nk = keepme1\r\n', ['1234567890a'], ['k = keepme1\r\n']],
  ['INI trailing comment kept', '[secrets]\nx = abc123def456  # pragma: allowlist secret\n', ['abc123def456'], ['# pragma: allowlist secret']],
  [
    'YAML credentials block, nested',
    'credentials:\n    some_value: not_secret\n    other: 1234567890a\n    nested:\n        other_value: abcdefghijklmnop\nlist_of_keys:\n    - 234567890a\n',
    ['1234567890a', 'abcdefghijklmnop', 'not_secret'],
    ['list_of_keys:\n    - 234567890a', 'nested:'],
  ],
  [
    'YAML list items',
    'secrets:\n  - hunter2hunter2\n  - name: x\n    value: qwerty12345\nafter: plainword\n',
    ['hunter2hunter2', 'qwerty12345'],
    ['after: plainword'],
  ],
  ['YAML nested deeper parent', 'app:\n  tokens:\n    github: abcd1234efgh\n  port: 8080\n', ['abcd1234efgh'], ['port: 8080']],
  ['YAML list-item parent', '- credentials:\n    pass: zz9zz9zz9\n- other: 1\n', ['zz9zz9zz9'], ['- other: 1']],
  ['YAML CRLF', 'api_keys:\r\n  stripe: abc123xyz789\r\nx: y\r\n', ['abc123xyz789'], ['x: y\r\n']],
  [
    'behind a log prefix',
    '2026-11-30T01:02:03Z credentials:\n2026-11-30T01:02:03Z   other: 1234567890a\n2026-11-30T01:02:04Z done: ok\n',
    ['1234567890a'],
    ['done: ok'],
  ],
  ['identity parent', 'customer:\n  name: Globex Industries\n  plan: pro\n', ['Globex Industries'], ['plan: pro', '[REDACTED:customer-identity]']],
  ['organization email', 'organization:\n  email: ops@globex.example\n  tier: 3\n', ['ops@globex.example'], ['tier: 3']],
];

// [name, input]: nothing changes
const KEEPS = [
  [
    'references stay',
    'credentials:\n  db:\n    valueFrom:\n      secretKeyRef:\n        name: db-secret\n        key: password\n  api: ${API_KEY}\n  vault: !vault |\n',
  ],
  ['booleans, short numbers, durations', 'auth:\n  enabled: true\n  port: 5432\n  ttl: 30m\n'],
  ['certificates', 'credentials:\n  ca_cert: MIIBszCCAVmgAwIBAgIUabc\n  public_key: AAAAC3NzaC1lZDI1\n'],
  ['key names in plain sections', '[server]\nname = alpha77beta\n'],
  ['a non-secret YAML parent', 'secretStoreRef:\n  kind: ClusterSecretStore\n  name: aws-secretsmanager\n'],
  ['identity parent: other fields', 'company:\n  plan: pro\n  seats: 12\n'],
];

for (const [name, input, gone, kept] of CASES) {
  test(`section: ${name}`, () => {
    const out = r(input);
    for (const v of gone) assert.ok(!out.includes(v), `${v} leaked:\n${out}`);
    for (const k of kept) assert.ok(out.includes(k), `${k} lost:\n${out}`);
  });
}

for (const [name, input] of KEEPS) {
  test(`section keep: ${name}`, () => assert.equal(r(input), input));
}

test('streamed in any chunking, the same as whole', async () => {
  const input = CASES.map((c) => c[1]).join('---\n');
  const whole = r(input);
  for (const size of [1, 3, 7, 64]) {
    const chunks = [];
    for (let i = 0; i < input.length; i += size) chunks.push(input.slice(i, i + size));
    let out = '';
    for await (const c of Readable.from(chunks).pipe(createRedactStream(OPTS))) out += c;
    assert.equal(out, whole, `chunk size ${size}`);
  }
});
