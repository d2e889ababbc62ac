// The public-boundary check against inputs nobody on the project wrote (an adversary's
// second round): lookalike letters in keys, hosts written as numbers, IPv4 in the forms only
// a URL parser reads, scp-style hosts, 6to4, tokens wrapped in base64 or hex, tokens split
// across neighbouring strings, header lists, env entries in any case, prompts under
// `system`/`query`, organisation and tenant names, tunnel ids in command lines; paths that
// show invisible characters; and text that used to take minutes. Then the false-positive
// guard for each rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPublicPayload, parsePublicPayload } from '../../dist/index.js';

const LOCAL = 'b3iq_local_9Zq4kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
const GH = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const UUID = '6ff42ae2-1b2c-4d3e-8f9a-0b1c2d3e4f5a';
const SECRET = 'Zx9Qw8Er7Ty6Ui5Op4';
const b64 = (s) => Buffer.from(s).toString('base64');
const hex = (s) => Buffer.from(s).toString('hex');

/** [name, payload, expected [path, category] pairs (all of them, in order)] @type {[string, any, [string, string][]][]} */
const CASES = [
  // keys drawn with letters of other scripts, or with accents a reader skips
  ['Cyrillic а in password', { 'p\u0430ssword': SECRET }, [['$["p\u0430ssword"]', 'credential']]],
  ['Greek ο in token', { 't\u03bfken': SECRET }, [['$["t\u03bfken"]', 'credential']]],
  ['combining accent in password', { 'pa\u0301ssword': SECRET }, [['$["pa\u0301ssword"]', 'credential']]],
  // a host written as a number: every URL parser reads 2130706433 as 127.0.0.1
  ['host as a number', { host: 2130706433 }, [['$.host', 'local-url']]],
  ['client ip as a number', { peerIp: 167772161 }, [['$.peerIp', 'local-url']]],
  // IPv4 in text in the forms only a URL parser reads
  ['octal IPv4 with a port in text', { note: 'runs at 0177.0.0.1:8000' }, [['$.note', 'local-url']]],
  ['hex-dotted IPv4 in text', { note: 'reach 0x7f.1 from the box' }, [['$.note', 'local-url']]],
  ['one-number IPv4 with a port in text', { note: 'listening on 2130706433:8000' }, [['$.note', 'local-url']]],
  ['0x IPv4 in text', { note: 'upstream 0x0a000001 is down' }, [['$.note', 'local-url']]],
  // scp/ssh form: the host is before the colon
  ['scp form, private IP', { repo: 'git@10.0.0.5:org/repo.git' }, [['$.repo', 'local-url']]],
  [
    'scp form, single-label host',
    { sync: 'deploy@gpu-3:/srv/models' },
    [
      ['$.sync', 'local-url'],
      ['$.sync', 'filesystem-path'],
    ],
  ],
  ['6to4 address carrying 127.0.0.1', { url: 'http://[2002:7f00:1::]/' }, [['$.url', 'local-url']]],
  // tokens wrapped once in base64 or hex
  ['base64 GitHub token', { blob: b64(GH) }, [['$.blob', 'credential']]],
  ['hex b3iq token', { blob: hex(LOCAL) }, [['$.blob', 'credential']]],
  ['base64 token in text', { note: `saved as ${b64(GH)} in the vault` }, [['$.note', 'credential']]],
  ['hex token as a key', { [hex(GH)]: true }, [['$["[credential]"]', 'credential']]],
  // tokens split across neighbouring strings
  ['GitHub token split across array elements', { parts: ['ghp_A1b2C3d4E5f6G7h8I9', 'j0K1l2M3n4O5p6Q7r8'] }, [['$.parts[0]', 'credential']]],
  ['b3iq token split across sibling values', { a: 'b3iq_local_', b: LOCAL.slice(11) }, [['$.a', 'credential']]],
  // header lists: pairs and Node's flat rawHeaders
  ['Set-Cookie in a header pair list', { headers: [['Set-Cookie', 'sid=abc123def456ghi789; HttpOnly']] }, [['$.headers[0][1]', 'credential']]],
  ['Cookie in a flat rawHeaders list', { rawHeaders: ['Host', 'node.example', 'Cookie', 'sid=abc123def456ghi789'] }, [['$.rawHeaders[3]', 'credential']]],
  // env entries in any case (ECS writes Name/Value)
  ['env entry as Name/Value', { env: [{ Name: 'X_TOKEN', Value: SECRET }] }, [['$.env[0].Value', 'credential']]],
  ['env entry as NAME/VALUE', { Env: [{ NAME: 'DB_PASSWORD', VALUE: SECRET }] }, [['$.Env[0].VALUE', 'credential']]],
  // prompts under keys that are a plain fact elsewhere: prose is a prompt
  ['system prompt as a string', { system: 'You are a helpful assistant for the ACME legal team' }, [['$.system', 'raw-prompt-output']]],
  [
    'system prompt as content blocks',
    { system: [{ type: 'text', text: 'You are the assistant of ACME and you know all' }] },
    [['$.system', 'raw-prompt-output']],
  ],
  ['search query as prose', { query: 'how do i hide money from my wife' }, [['$.query', 'raw-prompt-output']]],
  // organisation and tenant names are customer identity
  ['org', { org: 'ACME Corp' }, [['$.org', 'customer-identity']]],
  ['tenant', { tenant: 'acme' }, [['$.tenant', 'customer-identity']]],
  ['organization', { organization: 'ACME' }, [['$.organization', 'customer-identity']]],
  ['company', { company: 'ACME' }, [['$.company', 'customer-identity']]],
  ['sk', { sk: SECRET }, [['$.sk', 'credential']]],
  // a {name, key} reference names an entry; a token or password there is still one
  ['token in a key reference', { ref: { name: 'hf', key: GH } }, [['$.ref.key', 'credential']]],
  // tunnel ids in command lines and status text
  ['tunnel id on a cloudflared command line', { cmd: `cloudflared tunnel run ${UUID}` }, [['$.cmd', 'tunnel']]],
  // an object that says it is a tunnel (Cloudflare's API) is one, whatever key it sits under
  [
    'tunnel object by its type field',
    { result: { id: UUID, name: 'node-1', status: 'healthy', tun_type: 'cfd_tunnel' } },
    [
      ['$.result.id', 'tunnel'],
      ['$.result.name', 'tunnel'],
    ],
  ],
  // a mnemonic written one word per element
  [
    'mnemonic as a word list',
    { words: 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about'.split(' ') },
    [['$.words', 'credential']],
  ],
];

for (const [name, input, expect] of CASES) {
  test(`refused: ${name}`, () => {
    const r = checkPublicPayload(input);
    assert.deepEqual(
      r.violations.map((v) => [v.path, v.category]),
      expect,
    );
  });
}

test('violations never print a secret, also for encoded and split tokens', () => {
  for (const [name, input] of CASES) {
    const out = JSON.stringify(checkPublicPayload(input).violations);
    for (const s of [LOCAL, LOCAL.slice(11), GH, hex(GH), b64(GH), SECRET, 'dXNlcjpwYXNzd29yZA', 'sid=abc']) assert.ok(!out.includes(s), name);
  }
});

test('paths write invisible and direction-changing characters of a key as \\u escapes', () => {
  const r = checkPublicPayload({ 'api\u200bKey\u202e': SECRET });
  assert.deepEqual(
    r.violations.map((v) => v.path),
    ['$["api\\u200bKey\\u202e"]'],
  );
  assert.ok(!/[\u200b\u202e]/.test(r.violations[0].path));
});

test('text with 200 000 URLs is checked in linear time (was quadratic: minutes)', () => {
  const started = Date.now();
  const r = checkPublicPayload({ note: 'http://'.repeat(200_000) });
  assert.equal(typeof r.ok, 'boolean');
  // measured 4 s on a loaded 2-core machine; the quadratic read took over 200 s
  assert.ok(Date.now() - started < 60_000, `${Date.now() - started} ms`);
});

test('allowed: what each new rule must leave alone', () => {
  const ALLOWED = [
    { system: { os: 'linux', arch: 'x86_64', kernel: '6.5.0-41-generic' } },
    { system: 'Linux gpu-3 6.5.0-41-generic #41-Ubuntu SMP x86_64 GNU/Linux' },
    { query: { count: 3 }, search: { query: 'llama' } },
    { blockers: [{ code: 'warmup', text: 'the model is still loading, try again in a minute' }] },
    { note: 'maintenance on 10.01.2024 and 01.02.2025', flags: '0x7f', mask: '0xff00ff00' },
    { version: '1.2.3.4', driver: '535.104.05', hosts: 167772161, host: 3, port: 8000 },
    { publicKey: 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=' },
    { weightsSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
    { txs: ['0xb055e815eac1b43759202e96a69fc743415c160aa70b33236edb5483b7aecb77', '0xcd443177445eae3e573cf393ea3f0ef44fd227618ad758fe96c16f4735ab47e7'] },
    { models: ['meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-Coder-32B-Instruct-AWQ', 'mistralai/Mistral-7B-Instruct-v0.3'] },
    { allowedHeaders: ['Authorization', 'Content-Type', 'Cookie', 'X-Api-Key'] },
    { pairs: [['token', '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913']] },
    { ids: ['req_01HXYZABCDEF0123456789', 'req_01HXYZABCDEF0123456790'], a: 'rcpt_2025_03_01_000123abcdef', b: 'blk_9876543210fedcba98765' },
    { icon: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==' },
    { tunnel: { status: 'connected', connections: 4 }, note: 'tunnel healthy' },
    { words: 'apple banana cherry delta echo foxtrot golf hotel india juliet kilo lima'.split(' ') },
    { tunnel: { kind: 'tunnel', status: 'up', connections: 4 }, agent: { type: 'cloudflared', version: '2024.1.0', status: 'healthy' } },
    { env: [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }] },
    // a base64 signature that starts with '/' is not a path (one signature in 64 was refused)
    { sig: '/avqgrU/eC9MzwnqvV+k9zPbhV063ZC8hVYrDt+dN8sO6UHgbi9wPZzpHHzSLcG4/nMvSYZRyoelt5FpJYFvQQ==' },
    { dep: 'pkg@10.0.0:dist', description: 'a fast node with two gpus and plenty of memory for you' },
  ];
  for (const p of ALLOWED) assert.deepEqual(checkPublicPayload(p).violations, [], JSON.stringify(p));
});

test('the strict reader feeds the same rules: \\u escapes in a key are the key', () => {
  const r = checkPublicPayload(parsePublicPayload(`{"api\\u004bey":"${SECRET}","t\\u03bfken":"${SECRET}"}`));
  assert.deepEqual(
    r.violations.map((v) => v.category),
    ['credential', 'credential'],
  );
});
