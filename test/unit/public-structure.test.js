// The public-boundary check judged by structure, against an adversary's payloads: repeated
// keys, secrets one level down, keys in any case and separator, JSON inside strings, byte
// arrays, identity fields, every textual form of a private address, argv and env arrays,
// model and cache paths, tunnel ids; and violation paths that never print a secret key.
// Then the other side: legitimate public payloads stay clean (the false-positive guard).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPublicPayload, parsePublicPayload } from '../../dist/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'public');
const LOCAL = 'b3iq_local_9Zq4kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
const SUPPORT = 'b3iq_support_Q7wE9rT2yU4iO6pA8sD0fG1hJ3kL5zX7cV9bN2mQ4wE6rT8y';
const UUID = '6ff42ae2-1b2c-4d3e-8f9a-0b1c2d3e4f5a';
const bytes = (n) => Array.from({ length: n }, (_, i) => (i * 37) % 256);

/**
 * [name, payload (value) or {text}, expected [path, category] pairs (all of them, in order)]
 * @type {[string, any, [string, string][]][]}
 */
const CASES = [
  // 1. repeated keys: the published bytes hold both values
  [
    'duplicate key hiding a live key',
    { text: `{"kind":"node","apiKey":"${LOCAL}","apiKey":""}` },
    [
      ['$.apiKey', 'duplicate-key'],
      ['$.apiKey', 'credential'],
    ],
  ],
  ['duplicate key, clean values still repeated', { text: '{"status":"up","status":"down"}' }, [['$.status', 'duplicate-key']]],
  [
    'duplicate key one level down, secret in the shadowed value',
    { text: `{"gateway":{"url":"https://gw.b3iq.example","note":"rotate ${LOCAL}","note":"ok"}}` },
    [
      ['$.gateway.note', 'duplicate-key'],
      ['$.gateway.note', 'credential'],
    ],
  ],
  // 2. a secret-named key taints its whole subtree; each violation names the secret's own leaf
  ['apiKey object', { apiKey: { value: 'gw-live-0123456789abcdef' } }, [['$.apiKey.value', 'credential']]],
  [
    'token object with access and refresh',
    { token: { access: 'at-9f8e7d6c5b4a', refresh: 'rt-0a1b2c3d4e5f' } },
    [
      ['$.token.access', 'credential'],
      ['$.token.refresh', 'credential'],
    ],
  ],
  [
    'JWK private key under privateKey',
    {
      signer: {
        privateKey: {
          kty: 'EC',
          crv: 'P-256',
          x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
          y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          d: 'jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI',
        },
      },
    },
    [['$.signer.privateKey.d', 'credential']],
  ],
  [
    'JWK private members under a neutral key',
    {
      jwks: {
        keys: [
          {
            kty: 'RSA',
            n: 'sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl',
            e: 'AQAB',
            d: 'VFCWOqXr8nvZNyaaJLXdnNPXZKRaWCjkU5Q2egQQpTBMwhprMzWzpR8Sx',
            p: '83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD',
            q: '3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjV',
          },
        ],
      },
    },
    [
      ['$.jwks.keys[0].d', 'credential'],
      ['$.jwks.keys[0].p', 'credential'],
      ['$.jwks.keys[0].q', 'credential'],
    ],
  ],
  [
    'credentials list one level down',
    { credentials: [{ username: 'svc', password: 'hunter2hunter2' }] },
    [
      ['$.credentials[0].username', 'credential'],
      ['$.credentials[0].password', 'credential'],
    ],
  ],
  // keys in any case and separator
  ['PrOmPt', { PrOmPt: 'summarise the Halvorsen memo' }, [['$.PrOmPt', 'raw-prompt-output']]],
  ['system_prompt', { system_prompt: 'You are a helpful assistant' }, [['$.system_prompt', 'raw-prompt-output']]],
  ['systemPrompt', { systemPrompt: 'You are a helpful assistant' }, [['$.systemPrompt', 'raw-prompt-output']]],
  ['systemprompt', { systemprompt: 'You are a helpful assistant' }, [['$.systemprompt', 'raw-prompt-output']]],
  ['SYSTEM-PROMPT', { 'SYSTEM-PROMPT': 'You are a helpful assistant' }, [['$["SYSTEM-PROMPT"]', 'raw-prompt-output']]],
  ['full-width key', { ｐｒｏｍｐｔ: 'summarise the memo' }, [['$["ｐｒｏｍｐｔ"]', 'raw-prompt-output']]],
  [
    'question and answer',
    { question: 'what is in the memo', answer: 'three ferries' },
    [
      ['$.question', 'raw-prompt-output'],
      ['$.answer', 'raw-prompt-output'],
    ],
  ],
  [
    'messages and completion',
    { sample: { messages: [{ role: 'user', content: 'hi' }], completion: 'hello' } },
    [
      ['$.sample.messages', 'raw-prompt-output'],
      ['$.sample.completion', 'raw-prompt-output'],
    ],
  ],
  ['hftoken glued', { hftoken: 'hf_abcdefghijklmnopqrstuvwxyz012345' }, [['$.hftoken', 'credential']]],
  // b3iq's own token hashes
  ['sha256: token hash in a credential record', { keys: [{ id: 'lk_4Hq9ZtY2mW8pR', hash: `sha256:${'9f'.repeat(32)}` }] }, [['$.keys[0].hash', 'token-hash']]],
  ['sha256: token hash under hash', { hash: `sha256:${'ab'.repeat(32)}` }, [['$.hash', 'token-hash']]],
  ['sha256: under a neutral key of a record with a kind', { kind: 'support', digest: `sha256:${'ab'.repeat(32)}` }, [['$.digest', 'token-hash']]],
  // JSON inside strings
  ['prompt inside a JSON string', { kind: 'receipt', meta: JSON.stringify({ prompt: 'summarise the Halvorsen memo' }) }, [['$.meta', 'raw-prompt-output']]],
  ['messages inside a JSON array string', { extra: JSON.stringify([{ messages: [{ role: 'user', content: 'x' }] }]) }, [['$.extra', 'raw-prompt-output']]],
  ['JSON in JSON in a string', { extra: JSON.stringify({ inner: JSON.stringify({ apiKey: 'gw-live-0123456789abcdef' }) }) }, [['$.extra', 'credential']]],
  ['api key in a JSON document quoted inside text', { note: 'upstream said: {"apiKey":"gw-live-0123456789abcdef"} (retrying)' }, [['$.note', 'credential']]],
  [
    'prompt in base64-wrapped JSON',
    { extra: Buffer.from(JSON.stringify({ prompt: 'summarise the memo' })).toString('base64') },
    [['$.extra', 'raw-prompt-output']],
  ],
  ['api key in percent-encoded JSON', { q: encodeURIComponent(JSON.stringify({ apiKey: 'gw-live-0123456789abcdef' })) }, [['$.q', 'credential']]],
  [
    'duplicate key inside a JSON string',
    { extra: `{"apiKey":"${LOCAL}","apiKey":""}` },
    [
      ['$.extra', 'duplicate-key'],
      ['$.extra', 'credential'],
    ],
  ],
  // TEE quotes and certificates as bytes or base64
  ['TEE quote as a byte array', { tee: { quote: bytes(1020) } }, [['$.tee.quote', 'tee-quote']]],
  ['quote as a Buffer JSON', { tee: { quote: { type: 'Buffer', data: bytes(64) } } }, [['$.tee.quote.data', 'tee-quote']]],
  ['certificate as a byte array', { tls: { cert: bytes(64) } }, [['$.tls.cert', 'certificate-chain']]],
  [
    'certificate under a compound key',
    { tls: { leafCertificate: 'MIIBszCCAVmgAwIBAgIUQ5xZ', certificateStatus: 'valid', certExpiresAt: '2026-01-01T00:00:00Z' } },
    [['$.tls.leafCertificate', 'certificate-chain']],
  ],
  [
    'attestation as base64',
    { attestation: 'BAACAIEAAAAAAAAAk5pyM/ecTKmUCg2zlX8GB+ZXWGWVDkYeU6ekxDVsUNoAAAAAAgICAAAAAAAAAAAA' },
    [['$.attestation', 'tee-quote']],
  ],
  [
    'attestation report (report ends in the metadata word port)',
    { tee: { attestationReport: 'BAACAIEAAAAAAAAAk5pyM/ecTKmUCg2zlX8GB+ZXWGWVDkYeU6ekxDVsUNoAAAAAAgICAAAAAAAAAAAA', reportUrl: 'https://b3iq.example/r/1' } },
    [['$.tee.attestationReport', 'tee-quote']],
  ],
  ['a long byte array under any key', { blob: bytes(600) }, [['$.blob', 'tee-quote']]],
  // identity fields
  ['userId', { userId: 'u_8812' }, [['$.userId', 'customer-identity']]],
  ['accountId', { accountId: 'acct_99' }, [['$.accountId', 'customer-identity']]],
  ['customer_id', { customer_id: 'c-1' }, [['$.customer_id', 'customer-identity']]],
  ['email field', { contact: { email: 'margot@fenwick.example' } }, [['$.contact.email', 'customer-identity']]],
  [
    'client IPs',
    { clientIp: '203.0.113.77', remote_addr: '198.51.100.4', 'X-Forwarded-For': '203.0.113.9' },
    [
      ['$.clientIp', 'customer-identity'],
      ['$.remote_addr', 'customer-identity'],
      ['$["X-Forwarded-For"]', 'customer-identity'],
    ],
  ],
  // env arrays and command lines
  [
    'env array with a secret entry',
    { env: ['MODEL=llama3', 'HF_TOKEN=hf_abcdefghijklmnopqrstuvwx', 'API_KEY=k-9f8e7d6c5b4a'] },
    [
      ['$.env[1]', 'credential'],
      ['$.env[2]', 'credential'],
    ],
  ],
  ['Kubernetes env entry', { env: [{ name: 'OPENAI_API_KEY', value: 'abcdefghijkl0123' }] }, [['$.env[0].value', 'credential']]],
  ['argv with --api-key', { args: ['vllm', 'serve', 'llama3', '--api-key', 'k-9f8e7d6c5b4a', '--port', '8000'] }, [['$.args[4]', 'credential']]],
  ['command line with --api-key', { command: 'vllm serve llama3 --api-key k-9f8e7d6c5b4a --port 8000' }, [['$.command', 'credential']]],
  ['command line with --token=', { command: 'b3iq-node run --token=abcd1234efgh5678' }, [['$.command', 'credential']]],
  ['docker login -p', { cmd: 'docker login -u bob -p s3cr3tpass registry.example' }, [['$.cmd', 'credential']]],
  ['argv docker login -p', { argv: ['docker', 'login', '-u', 'bob', '-p', 's3cr3tpass'] }, [['$.argv[5]', 'credential']]],
  ['aws configure set', { cmd: 'aws configure set aws_secret_access_key wJalrXUtnFEMIK7MDENGbPxRfiCY' }, [['$.cmd', 'credential']]],
  ['curl -u user:pass', { cmd: 'curl -u admin:hunter2 https://api.b3iq.example/v1/models' }, [['$.cmd', 'credential']]],
  // model and cache paths
  ['/models path', { weights: { uri: '/models/llama-3-8b/model.safetensors' } }, [['$.weights.uri', 'filesystem-path']]],
  ['~/.cache/huggingface', { note: 'loaded from ~/.cache/huggingface/hub/models--meta-llama' }, [['$.note', 'filesystem-path']]],
  ['any absolute path', { where: '/srv/b3iq/state' }, [['$.where', 'filesystem-path']]],
  ['hidden cache dir in text', { note: 'cache at /root/.cache/vllm' }, [['$.note', 'filesystem-path']]],
  [
    'bare private hosts under host keys',
    {
      host: 'localhost',
      hostname: 'gpu-3',
      server: 'vllm:8000',
      bindAddress: '127.1',
      endpoint: '[::1]:8000',
      publicHost: 'node-7f3a9c21.nodes.b3iq.example',
      address: '0x71709590ddbb99e5faa57d04da7f65ed05f3bf52',
    },
    [
      ['$.host', 'local-url'],
      ['$.hostname', 'local-url'],
      ['$.server', 'local-url'],
      ['$.bindAddress', 'local-url'],
      ['$.endpoint', 'local-url'],
    ],
  ],
  // tunnels
  ['UUID under cloudflared', { cloudflared: { tunnel: UUID, status: 'running' } }, [['$.cloudflared.tunnel', 'tunnel']]],
  ['UUID under cloudflared config', { cloudflared: { config: { id: UUID } } }, [['$.cloudflared.config.id', 'tunnel']]],
  ['UUID in a connector list', { connectors: [UUID] }, [['$.connectors[0]', 'connector']]],
  ['UUID in a tunnel status line', { tunnel: { status: `connected ${UUID}` } }, [['$.tunnel.status', 'tunnel']]],
  // 3. a secret used as a key is never printed
  ['b3iq token as a key', { [LOCAL]: true }, [['$["[b3iq-local-token]"]', 'credential']]],
  ['support token as a nested key', { grants: { [SUPPORT]: { scopes: ['diagnostics:read'] } } }, [['$.grants["[b3iq-support-token]"]', 'credential']]],
  ['email as a key', { 'margot@fenwick.example': 3 }, [['$["[customer-identity]"]', 'customer-identity']]],
];

const PRIVATE_URLS = [
  'http://127.1',
  'http://0x7f000001',
  'http://2130706433',
  'http://017700000001',
  'http://0177.0.0.1:8000/v1',
  'http://localhost.',
  'http://LOCALHOST:8000',
  'http://[0:0:0:0:0:0:0:1]',
  'http://[::1]:8000',
  'http://[::ffff:127.0.0.1]',
  'http://[::ffff:7f00:1]',
  'http://10.1.2.3',
  'http://172.16.0.1',
  'http://172.31.255.254:9000',
  'http://192.168.1.50:11434/api',
  'http://169.254.169.254/latest/meta-data',
  'http://[fc00::1]',
  'http://[fd12:3456::1]:8000',
  'http://[fe80::1%25eth0]',
  'http://gpu-3.local:8000',
  'http://vllm.internal',
  'http://router.lan/admin',
  'https://api.corp',
  'http://vllm:8000',
  'http://vllm',
  'grpc://triton:8001',
  'https://vllm.default.svc:8000',
  'http://127.0.0.1.nip.io:8000',
  'http://１２７.０.０.１',
  'vllm:8000',
  'localhost:9090/metrics',
  'see http://10.0.0.5:8080/health for status',
];

function verdict(input) {
  const value = input && typeof input === 'object' && 'text' in input && Object.keys(input).length === 1 ? parsePublicPayload(input.text) : input;
  return checkPublicPayload(value);
}

for (const [name, input, expect] of CASES) {
  test(`refused: ${name}`, () => {
    const r = verdict(input);
    assert.equal(r.ok, false, name);
    assert.deepEqual(
      r.violations.map((v) => [v.path, v.category]),
      expect,
    );
  });
}

test('refused: every textual form of a loopback, private, link-local or single-label host', () => {
  const missed = PRIVATE_URLS.filter((u) => !checkPublicPayload({ endpoint: u }).violations.some((v) => v.category === 'local-url'));
  assert.deepEqual(missed, []);
});

test('violations never print a secret: not in paths, not in messages', () => {
  const secrets = [LOCAL, SUPPORT, 'hunter2', 's3cr3tpass', 'k-9f8e7d6c5b4a', 'summarise', 'margot@fenwick.example', UUID, 'hf_abcdefghij'];
  for (const [name, input] of CASES) {
    for (const v of verdict(input).violations) {
      for (const s of secrets) {
        assert.ok(!v.path.includes(s), `${name}: path ${v.path}`);
        assert.ok(!v.message.includes(s), `${name}: message`);
      }
    }
  }
});

test('allowed: legitimate public payloads have no violations (false-positive guard)', () => {
  const allowed = JSON.parse(readFileSync(join(fixtures, 'allowed.json'), 'utf8'));
  assert.ok(allowed.length >= 10);
  for (const c of allowed) assert.deepEqual(checkPublicPayload(c.payload).violations, [], c.name);
  for (const u of [
    'https://node-7f3a9c21.nodes.b3iq.example/v1',
    'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct',
    'https://203.0.113.10:8443/v1',
    'https://[2001:db8::1]/v1',
    's3://b3iq-public/llama/',
    'hf://meta-llama/Llama-3.1-8B',
  ]) {
    assert.deepEqual(checkPublicPayload({ endpoint: u }).violations, [], u);
  }
});

test('parsePublicPayload: the value JSON.parse gives; repeated keys kept aside, not enumerable', () => {
  const text = '{"a":1,"a":{"b":[true,null,"x\\u00e9\\n"]},"__proto__":{"p":1},"n":-1.5e3}';
  const v = parsePublicPayload(text);
  assert.deepEqual(v, JSON.parse(text));
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['a', '__proto__', 'n']);
  assert.deepEqual(checkPublicPayload(v).violations, [{ path: '$.a', category: 'duplicate-key', message: checkPublicPayload(v).violations[0].message }]);
  // JSON.parse's own result (no record of the repetition) still checks clean
  assert.equal(checkPublicPayload(JSON.parse(text)).ok, true);
});

test('parsePublicPayload: strict JSON, errors name an offset and never the input', () => {
  for (const bad of [
    '{"a":1,}',
    '[1,]',
    '{"a" 1}',
    '01',
    '1.',
    '.5',
    '+1',
    'NaN',
    "{'a':1}",
    '{"a":"\t"}',
    '"\\x41"',
    '"\\u12"',
    '[1] [2]',
    'tru',
    '{"a":1',
    '"open',
  ]) {
    assert.throws(
      () => parsePublicPayload(bad),
      (/** @type {any} */ e) => e.code === 'E_INVALID_JSON' && /offset \d+/.test(e.message) && e.message.length < 80,
      bad,
    );
  }
  for (const good of ['0', '-0.5e-3', '"\\ud800"', '"\\/"', ' {"a" : [ ] } ', '\ufeff[]']) {
    assert.deepEqual(parsePublicPayload(good), JSON.parse(good.replace(/^\ufeff/, '')), good);
  }
});

test('parsePublicPayload: 100 000-deep text is refused at depth 257, fast, with no recursion', () => {
  for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), '['.repeat(100_000)]) {
    const t0 = performance.now();
    assert.throws(() => parsePublicPayload(text), { code: 'E_TOO_DEEP' });
    assert.ok(performance.now() - t0 < 1000);
  }
  // a JSON string inside a string is parsed with its own bound, never deeper
  const deepInString = { s: '['.repeat(5000) + ']'.repeat(5000) };
  assert.equal(checkPublicPayload(deepInString).ok, true);
});

test('parsePublicPayload agrees with JSON.parse on what is JSON and on its value (property)', () => {
  const text = fc.oneof(
    fc.tuple(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 1, '\t')).map(([v, indent]) => JSON.stringify(v, null, indent)),
    fc
      .tuple(
        fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
        fc.nat(),
        fc.string({ maxLength: 3 }),
      )
      .map(([s, n, ins]) => s.slice(0, n % (s.length + 1)) + ins + s.slice(n % (s.length + 1))),
    fc.string({ maxLength: 40 }),
  );
  fc.assert(
    fc.property(text, (s) => {
      let expected;
      try {
        expected = { value: JSON.parse(s.replace(/^\ufeff/, '')) }; // a leading BOM is skipped, as the CLI always did
      } catch {
        expected = { error: true };
      }
      let actual;
      try {
        actual = { value: parsePublicPayload(s) };
      } catch (e) {
        assert.equal(e.code, 'E_INVALID_JSON');
        actual = { error: true };
      }
      assert.deepEqual(actual, expected);
    }),
    { numRuns: 3000, seed: 20261129 },
  );
});

test('key names: folded, judged by their ending; metadata endings make a fact, not a secret', async () => {
  const { classifyPublicKey } = await import('../../dist/public/keys.js');
  const table = {
    credential: [
      'apiKey',
      'API_KEY',
      'x-api-key',
      'hf_token',
      'HFTOKEN',
      'accessToken',
      'client_secret',
      'dbPassword',
      'PGPASSWORD',
      'privateKey',
      'signing-key',
      'mnemonic',
      'seed',
      'Authorization',
      'set-cookie',
      'sessionId',
      'credentials',
      'api\u200bKey',
      'tokenValue',
      'passcode',
    ],
    'raw-prompt-output': [
      'prompt',
      'PrOmPt',
      'system_prompt',
      'systemPrompt',
      'systemprompt',
      'SYSTEM-PROMPT',
      'messages',
      'completion',
      'question',
      'answer',
      'userInput',
      'sampleOutput',
      'responseBody',
      'generated',
    ],
    'customer-identity': [
      'userId',
      'user_id',
      'accountId',
      'customerId',
      'customer_name',
      'email',
      'emailAddress',
      'clientIp',
      'remote_addr',
      'X-Forwarded-For',
      'tenantId',
    ],
    'token-hash': ['tokenHash', 'token_hash', 'keyHash', 'passwordHash'],
    'tee-quote': ['quote', 'tdQuote', 'attestation', 'attestationReport', 'evidence'],
    'certificate-chain': ['cert', 'x5c', 'certChain', 'tlsCertificate', 'caCertificates'],
    tunnel: ['tunnel', 'tunnelId', 'tunnel_token', 'cloudflared'],
    connector: ['connector', 'connectorId', 'connections'],
    null: [
      'promptTokens',
      'prompt_tokens',
      'maxTokens',
      'tokensPerSecond',
      'token_budget_per_minute',
      'tokenType',
      'tokenizer',
      'tokenizerSha256',
      'apiKeyId',
      'keyId',
      'keys',
      'publicKey',
      'pubkey',
      'passwordHint',
      'secretName',
      'tokenAddress',
      'certExpiresAt',
      'certFingerprint',
      'attestationStatus',
      'quoteDigest',
      'weightsSha256',
      'receiptHash',
      'txHash',
      'tunnelStatus',
      'connectorCount',
      'contentType',
      'responseTimeMs',
      'userAgent',
      'displayName',
      'requestId',
      'nodeId',
      'modelId',
      'message',
      'status',
      'mrtd',
      'authScheme',
      'sortKey',
      'monkey',
    ],
  };
  const wrong = [];
  for (const [expected, keys] of Object.entries(table)) {
    for (const k of keys) {
      const got = classifyPublicKey(k);
      if (String(got) !== expected) wrong.push(`${k}: ${got} (want ${expected})`);
    }
  }
  assert.deepEqual(wrong, []);
});
