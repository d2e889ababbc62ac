// public check, red team 3: the probe table (class, label, payload, category) and a clean corpus.
// Shared by test/unit/public-redteam3.test.js and the before/after measurement.

const node = (extra) => ({ nodeId: 'node-7f3a', status: 'ready', models: ['meta-llama/Llama-3.1-8B-Instruct'], ...extra });
const model = (extra) => ({ id: 'meta-llama/Llama-3.1-8B-Instruct', readiness: { status: 'blocked', blockers: ['benchmark stale'] }, ...extra });
const receipt = (extra) => ({ receiptHash: '0x' + 'ab'.repeat(32), root: 'c3'.repeat(32), count: 412, totals: { tokens: 91234 }, ...extra });
const settlement = (extra) => ({ txHash: '0x' + '9f'.repeat(32), status: 'settled', settledAt: '2026-11-29T23:00:00Z', ...extra });
const deep = (leaf) => ({ node: { runtime: { details: [{ meta: { extra: leaf } }] } } });

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const PEM_CERT =
  '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\nRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYD\n-----END CERTIFICATE-----';
const DER_B64 =
  'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJRTESMBAGA1UEChMJQmFsdGltb3JlMRMwEQYDVQQLEwpDeWJlclRydXN0MSIwIAYDVQQDExlCYWx0aW1vcmUgQ3liZXJUcnVzdCBSb290';
const QUOTE_HEX = '0400020081000000' + '00000000939a7233f79c4ca9940a0db3957f0607'.repeat(12);
const QUOTE_B64 = Buffer.from(Buffer.from(QUOTE_HEX, 'hex')).toString('base64');
const GCP_SA = {
  type: 'service_account',
  project_id: 'b3iq-prod',
  private_key_id: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n',
  client_email: 'b3iq-node@b3iq-prod.iam.gserviceaccount.com',
};
const AWS_ID = 'AKIAIOSFODNN7EXAMPLQ';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEQ';
const OPENAI = 'sk-proj-' + 'Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5m';
const ANTHROPIC = 'sk-ant-api03-' + 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe9Dc8Ba7Zx9Yw8-AbCdEfAA';
const HF = 'hf_' + 'vKpRzWqTbNmLcXsDjHgFaYeUiOpZtQwRxM';
const GH = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const STRIPE = 'sk_live_' + '51H8f2eK3r9TqZx7Yw6Vu5Ts4Rq3Po2Nm1Lk';
const AZURE = 'DefaultEndpointsProtocol=https;AccountName=b3iqstore;AccountKey=' + 'Zm9vYmFyYmF6cXV4'.repeat(5) + 'AB==;EndpointSuffix=core.windows.net';
const TUNNEL_UUID = '6ff42ae2-765d-4adf-8112-31c55c1551ef';

/** [class, label, payload, category or categories any of which is a right answer] */
export const PROBES = [
  // name/value pairs
  ['name-value', 'env pair OPENAI_API_KEY', node({ env: [{ name: 'OPENAI_API_KEY', value: OPENAI }] }), 'credential'],
  ['name-value', 'pair name=password, opaque value', node({ settings: [{ name: 'db_password', value: 'hunter2-Correct-Horse' }] }), 'credential'],
  ['name-value', 'key/val pair', model({ params: [{ key: 'api_key', val: 'q8F3kLm29Xz7Pw4R' }] }), 'credential'],
  ['name-value', 'label/secret pair', receipt({ fields: [{ label: 'support secret', data: 'x9Q2w8E4r7T1y6U3' }] }), 'credential'],
  ['name-value', 'Name/Value upper pair', node({ Environment: [{ Name: 'HF_TOKEN', Value: 'q8F3kLm29Xz7Pw4Rq8F3kLm29Xz7' }] }), 'credential'],
  ['name-value', 'pair naming a local url', node({ env: [{ name: 'VLLM_URL', value: 'http://127.0.0.1:8000/v1' }] }), 'local-url'],
  // header maps
  ['headers', 'Authorization Bearer', node({ probe: { headers: { Authorization: 'Bearer q8F3kLm29Xz7Pw4Rq8F3kLm29' } } }), 'credential'],
  ['headers', 'x-api-key', model({ upstream: { headers: { 'x-api-key': 'q8F3kLm29Xz7Pw4Rq8F3' } } }), ['credential', 'private-route']],
  ['headers', 'X-Auth-Token upper', node({ HEADERS: { 'X-AUTH-TOKEN': 'q8F3kLm29Xz7Pw4Rq8F3' } }), 'credential'],
  ['headers', 'Proxy-Authorization Basic', node({ headers: { 'Proxy-Authorization': 'Basic dXNlcjpwYXNzd29yZA==' } }), 'credential'],
  [
    'headers',
    'cf-access-client-secret',
    node({ headers: { 'CF-Access-Client-Secret': '3b1f0c9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c' } }),
    'credential',
  ],
  ['headers', 'header line string', node({ sample: 'Authorization: Bearer q8F3kLm29Xz7Pw4Rq8F3kLm29' }), 'credential'],
  // curl
  ['curl', 'curl -H bearer', model({ example: "curl -H 'Authorization: Bearer q8F3kLm29Xz7Pw4Rq8F3kLm29' https://b3iq.example/v1" }), 'credential'],
  ['curl', 'curl -H x-api-key', model({ howto: 'curl https://b3iq.example/v1 -H "x-api-key: q8F3kLm29Xz7Pw4Rq8F3"' }), 'credential'],
  ['curl', 'curl to localhost', model({ howto: 'curl -s http://localhost:8000/v1/models' }), 'local-url'],
  ['curl', 'curl --user', model({ howto: 'curl --user admin:Sup3rS3cret! https://b3iq.example' }), 'credential'],
  // connection strings
  ['connstr', 'postgres url', node({ store: { dsn: 'postgres://b3iq:Xk29fLq8@db.example.com:5432/b3iq' } }), 'credential'],
  ['connstr', 'redis url in array', node({ backends: ['redis://:Xk29fLq8pW@cache.example.com:6379/0'] }), ['credential', 'private-route']],
  ['connstr', 'mongodb+srv', node({ meta: { uri: 'mongodb+srv://app:Xk29fLq8pW@cluster0.abcde.mongodb.net/db' } }), 'credential'],
  ['connstr', 'ADO.NET Password=', node({ db: 'Server=tcp:b3iq.database.windows.net,1433;User ID=app;Password=Xk29fLq8pW!;' }), 'credential'],
  ['connstr', 'amqp', deep('amqp://guest:Xk29fLq8pW@mq.example.com:5672/'), 'credential'],
  // cloud keys
  ['cloud', 'AWS access key id', deep(AWS_ID), 'credential'],
  ['cloud', 'AWS secret key under innocuous key', node({ aws: { id: AWS_ID, s: AWS_SECRET } }), 'credential'],
  ['cloud', 'GCP service account object', node({ gcp: GCP_SA }), 'credential'],
  ['cloud', 'GCP SA as JSON string', node({ config: JSON.stringify(GCP_SA) }), 'credential'],
  ['cloud', 'Azure storage conn string', node({ storage: AZURE }), 'credential'],
  [
    'cloud',
    'Azure SAS url',
    node({ blob: 'https://b3iq.blob.core.windows.net/c/x?sv=2022-11-02&sig=Zm9vYmFyYmF6cXV4Zm9vYmFy%3D&se=2026-12-01' }),
    'credential',
  ],
  ['cloud', 'Stripe live', settlement({ processor: { ref: STRIPE } }), 'credential'],
  ['cloud', 'OpenAI sk-proj', model({ upstreams: [{ provider: 'openai', ref: OPENAI }] }), ['credential', 'private-route']],
  ['cloud', 'Anthropic', model({ upstreams: [{ provider: 'anthropic', ref: ANTHROPIC }] }), ['credential', 'private-route']],
  ['cloud', 'HF token', model({ source: { hub: 'huggingface', ref: HF } }), 'credential'],
  ['cloud', 'GitHub PAT', node({ build: { ref: GH } }), 'credential'],
  [
    'cloud',
    'GitHub fine-grained',
    node({ build: { ref: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456' } }),
    'credential',
  ],
  ['cloud', 'Slack bot token', node({ notify: 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx' }), 'credential'],
  ['cloud', 'Google API key', node({ maps: 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY' }), 'credential'],
  // JWT
  ['jwt', 'JWT under ref', receipt({ ref: JWT }), 'credential'],
  ['jwt', 'JWT in array of objects', receipt({ items: [{ id: 1, t: JWT }] }), 'credential'],
  ['jwt', 'JWT in text', settlement({ note: `signed with ${JWT} today` }), 'credential'],
  // certificates
  ['cert', 'PEM cert under innocuous key', node({ tls: { bundle: PEM_CERT } }), 'certificate-chain'],
  ['cert', 'PEM chain in array', node({ chain: [PEM_CERT, PEM_CERT] }), 'certificate-chain'],
  ['cert', 'base64 DER MII under any key', node({ data: DER_B64 }), 'certificate-chain'],
  ['cert', 'DER under x5c', node({ jwk: { kty: 'RSA', x5c: [DER_B64] } }), 'certificate-chain'],
  // TEE quotes
  ['tee', 'attestation hex', node({ attestation: QUOTE_HEX }), 'tee-quote'],
  ['tee', 'report base64', node({ tee: { report: QUOTE_B64 } }), 'tee-quote'],
  ['tee', 'evidence base64', node({ evidence: QUOTE_B64 }), 'tee-quote'],
  ['tee', 'sgx quote', node({ sgx: QUOTE_B64 }), 'tee-quote'],
  ['tee', 'tdx hex', node({ tdx: QUOTE_HEX }), 'tee-quote'],
  ['tee', 'snp report', node({ snp: { report: QUOTE_B64 } }), 'tee-quote'],
  ['tee', 'nested attestation array', node({ attestations: [{ kind: 'tdx', blob: QUOTE_B64 }] }), 'tee-quote'],
  // filesystem paths
  ['path', 'Windows path', node({ weights: 'C:\\Users\\alice\\models\\llama.gguf' }), 'filesystem-path'],
  ['path', 'Windows path forward slashes', node({ weights: 'C:/Users/alice/models/llama.gguf' }), 'filesystem-path'],
  ['path', 'UNC path', node({ share: '\\\\nas01\\models\\llama' }), 'filesystem-path'],
  ['path', '~/.cache/huggingface', model({ cache: '~/.cache/huggingface/hub' }), 'filesystem-path'],
  ['path', 'file: URL', model({ source: 'file:///home/alice/models/llama' }), 'filesystem-path'],
  ['path', 'unix path in text', model({ note: 'loaded from /home/alice/models/llama.gguf in 3s' }), 'filesystem-path'],
  ['path', '%USERPROFILE%', model({ note: '%USERPROFILE%\\.b3iq\\keys' }), 'filesystem-path'],
  // private addresses
  ['addr', 'upstream 10.x:port', model({ upstream: '10.0.3.7:8000' }), ['local-url', 'private-route']],
  ['addr', '192.168 in text', node({ note: 'served from 192.168.1.20 via nginx' }), ['local-url', 'private-route']],
  ['addr', '172.16 in array', node({ peers: ['172.16.4.2:9000'] }), 'local-url'],
  ['addr', 'IPv6 link-local zone id', node({ bind: 'fe80::1ff:fe23:4567:890a%eth0' }), 'local-url'],
  ['addr', 'IPv6 ULA in url', node({ url: 'http://[fd12:3456:789a::1]:8000/v1' }), 'local-url'],
  ['addr', 'CGNAT 100.64 (tailscale)', node({ via: '100.101.102.103' }), ['local-url', 'private-route']],
  // private hostnames
  ['host', '.internal', model({ backend: 'http://vllm.internal:8000' }), ['local-url', 'private-route']],
  ['host', '.svc', model({ backend: 'vllm.b3iq.svc:8000' }), ['local-url', 'private-route']],
  ['host', '.cluster.local', model({ backend: 'http://vllm.b3iq.svc.cluster.local/v1' }), ['local-url', 'private-route']],
  ['host', '.ts.net', node({ url: 'https://gpu-box.tail1234.ts.net' }), 'local-url'],
  ['host', '.local mdns', node({ url: 'http://gpu-box.local:8000' }), 'local-url'],
  ['host', '.lan', node({ url: 'http://gpu-box.lan:8000' }), 'local-url'],
  // tunnels
  ['tunnel', 'trycloudflare quick tunnel', node({ url: 'https://chef-quiet-river-gentle.trycloudflare.com' }), 'tunnel'],
  ['tunnel', 'cloudflared tunnel UUID in text', node({ note: `cloudflared tunnel run ${TUNNEL_UUID}` }), 'tunnel'],
  ['tunnel', 'cfargotunnel host', node({ cname: `${TUNNEL_UUID}.cfargotunnel.com` }), 'tunnel'],
  [
    'tunnel',
    'cloudflared token',
    node({
      run: 'cloudflared tunnel run --token eyJhIjoiYWJjZGVmMDEyMzQ1Njc4OSIsInQiOiI2ZmY0MmFlMi03NjVkLTRhZGYtODExMi0zMWM1NWMxNTUxZWYiLCJzIjoiWm1Wa1kyRmlZV0k9In0=',
    }),
    'credential',
  ],
  ['tunnel', 'connector id under conns', node({ conns: [{ colo_name: 'ams01', id: TUNNEL_UUID }] }), 'connector'],
  ['tunnel', 'ngrok url', node({ url: 'https://3f2a-81-2-69-142.ngrok-free.app' }), 'tunnel'],
  // identity
  ['identity', 'email in text', receipt({ note: 'billed to alice@acme-corp.com' }), 'customer-identity'],
  ['identity', 'phone in text', receipt({ note: 'support line +1 415 555 0199' }), 'customer-identity'],
  ['identity', 'customer name', receipt({ customer: 'Alice Johnson' }), 'customer-identity'],
  ['identity', 'owner name', node({ owner: { name: 'Alice Johnson' } }), 'customer-identity'],
  ['identity', 'billing address', settlement({ billing: { name: 'Acme Corp', street: '1 Main St' } }), 'customer-identity'],
  ['identity', 'user under camel', receipt({ requestedBy: { userName: 'alice' } }), 'customer-identity'],
  ['identity', 'kebab customer-id', receipt({ 'customer-id': 'cus_9Qx2' }), 'customer-identity'],
  ['identity', 'UPPER USER_EMAIL', receipt({ USER_EMAIL: 'alice@acme-corp.com' }), 'customer-identity'],
  // prompts / outputs
  ['prompt', 'messages[].content', receipt({ sample: { messages: [{ role: 'user', content: 'What is my balance?' }] } }), 'raw-prompt-output'],
  ['prompt', 'input', receipt({ input: 'Translate this contract to German' }), 'raw-prompt-output'],
  ['prompt', 'choices[].text', receipt({ choices: [{ index: 0, text: 'Sure, here is the summary.' }] }), 'raw-prompt-output'],
  ['prompt', 'completion', receipt({ completion: 'The answer is 42.' }), 'raw-prompt-output'],
  ['prompt', 'prompt in array of requests', receipt({ requests: [{ id: 'r1', prompt: 'hello there' }] }), ['raw-prompt-output', 'request-log']],
  ['prompt', 'output_text', receipt({ output_text: 'Here is your poem about the sea.' }), 'raw-prompt-output'],
  ['prompt', 'kebab user-prompt', receipt({ 'user-prompt': 'write me a poem' }), 'raw-prompt-output'],
  // logs
  ['logs', 'logs array', node({ logs: ['GET /v1/chat 200 12ms', 'POST /v1/chat 200 40ms'] }), 'request-log'],
  ['logs', 'requestLog', node({ requestLog: [{ ts: '2026-11-29T10:00:00Z', path: '/v1/chat', status: 200 }] }), 'request-log'],
  ['logs', 'trace', node({ trace: [{ span: 'infer', ms: 40 }] }), 'request-log'],
  [
    'logs',
    'access log line in text',
    node({ last: '203.0.113.9 - - [29/Nov/2026:10:00:00 +0000] "POST /v1/chat/completions HTTP/1.1" 200 512' }),
    'request-log',
  ],
  ['logs', 'REQUEST_LOG upper', node({ REQUEST_LOG: 'a.log' }), 'request-log'],
  // encodings
  ['encoded', 'url-encoded bearer', node({ q: 'Authorization%3A%20Bearer%20q8F3kLm29Xz7Pw4Rq8F3kLm29' }), 'credential'],
  ['encoded', 'base64 of private url', node({ blob: Buffer.from('http://10.0.3.7:8000/v1').toString('base64') }), 'local-url'],
  ['encoded', 'JSON-in-string headers', node({ cfg: JSON.stringify({ headers: { 'x-api-key': 'q8F3kLm29Xz7Pw4Rq8F3' } }) }), 'credential'],
  ['encoded', 'zero-width inside OpenAI key', model({ ref: OPENAI.slice(0, 10) + '\u200b' + OPENAI.slice(10) }), 'credential'],
  ['encoded', 'zero-width in email', receipt({ note: 'alice\u200b@acme-corp.com' }), 'customer-identity'],
  ['encoded', 'zero-width in key name', node({ ['api\u200bKey']: 'q8F3kLm29Xz7Pw4Rq8F3' }), 'credential'],
  ['encoded', 'base64 of GCP SA JSON', node({ blob: Buffer.from(JSON.stringify(GCP_SA)).toString('base64') }), 'credential'],
  // key-casing variants
  ['keycase', 'kebab local-api-key', node({ 'local-api-key': 'q8F3kLm29Xz7Pw4Rq8F3' }), 'credential'],
  ['keycase', 'UPPER SETUP_TOKEN', node({ SETUP_TOKEN: 'q8F3kLm29Xz7Pw4Rq8F3' }), 'credential'],
  ['keycase', 'camel supportSecret', node({ supportSecret: 'q8F3kLm29Xz7Pw4Rq8F3' }), 'credential'],
  ['keycase', 'snake tunnel_token', node({ tunnel_token: 'q8F3kLm29Xz7Pw4Rq8F3' }), ['credential', 'tunnel']],
  ['keycase', 'Pascal TunnelId', node({ TunnelId: TUNNEL_UUID }), 'tunnel'],
  ['keycase', 'camel connectorId', node({ connectorId: TUNNEL_UUID }), 'connector'],
  ['keycase', 'private route', node({ privateRoute: '/v1/internal/route-7' }), 'private-route'],
];

const H = (n) => n.toString(16).padStart(2, '0').repeat(32);
/** Realistic public payloads that must pass. */
export const CLEAN = [
  node({}),
  model({}),
  receipt({}),
  settlement({}),
  { nodeId: 'node-7f3a', version: '1.4.2', uptimeSeconds: 86400, region: 'eu-west', publicUrl: 'https://b3iq.example/nodes/node-7f3a' },
  {
    models: [
      { id: 'meta-llama/Llama-3.1-8B-Instruct', ctx: 131072 },
      { id: 'mistralai/Mistral-7B-Instruct-v0.3', ctx: 32768 },
      { id: 'Qwen/Qwen2.5-72B-Instruct' },
    ],
  },
  { model: 'google/gemma-2-9b-it', benchmark: { tokensPerSecond: 87.4, p50Ms: 212, p95Ms: 640, measuredAt: '2026-11-29T12:00:00Z', fresh: true } },
  { readiness: { ready: false, blockers: ['benchmark stale', 'model not loaded', 'attestation missing'], checkedAt: '2026-11-30T01:02:03Z' } },
  { readiness: { status: 'ready', blockers: [], reasons: ['benchmark fresh (2h old)'] } },
  { route: { model: 'meta-llama/Llama-3.1-70B-Instruct', ready: true, nodes: 3, updatedAt: '2026-11-30T00:00:00.000Z' } },
  { receipts: [1, 2, 3].map((i) => ({ hash: '0x' + H(i), count: i * 10, totalTokens: i * 1000 })) },
  { merkleRoot: H(7), leafCount: 1024, proof: [H(1), H(2), H(3)] },
  { batch: { id: 'batch-2026-11-29', root: '0x' + H(9), receipts: 812, totalUsd: '12.48' } },
  { settlement: { chain: 'base', txHash: '0x' + H(11), block: 23120455, status: 'confirmed', amount: '1.250000' } },
  {
    settlements: [
      { tx: '0x' + H(12), status: 'pending' },
      { tx: '0x' + H(13), status: 'failed', reason: 'nonce too low' },
    ],
  },
  { links: { docs: 'https://b3iq.example/docs', models: 'https://b3iq.example/models', status: 'https://status.b3iq.example' } },
  { software: { name: 'b3iq-operator', version: '0.1.0', commit: 'f63e2f1a9c0b7d3e4f5a6b7c8d9e0f1a2b3c4d5e' } },
  { hardware: { gpu: 'NVIDIA H100 80GB HBM3', gpus: 8, vramGb: 640, driver: '550.54.15', cuda: '12.4' } },
  { tee: { type: 'tdx', verified: true, verdict: 'pass', measurementDigest: 'sha384:' + 'ab'.repeat(48), verifiedAt: '2026-11-29T00:00:00Z' } },
  { pricing: { currency: 'USD', inputPerMTok: '0.20', outputPerMTok: '0.60', effectiveFrom: '2026-12-01' } },
  { limits: { maxTokens: 8192, maxConcurrent: 64, rateLimitPerMinute: 600 } },
  { changelog: ['1.4.2: faster benchmark refresh', '1.4.1: fix readiness blocker text'] },
  { status: 'degraded', message: 'benchmark older than 24 hours; rerun scheduled', since: '2026-11-29T18:00:00Z' },
  { model: { id: 'BAAI/bge-large-en-v1.5', task: 'embeddings', dims: 1024, license: 'MIT' } },
  { model: { id: 'openai/whisper-large-v3', task: 'speech-to-text', license: 'apache-2.0', quantization: 'fp16' } },
  { stats: { requests24h: 18234, errors24h: 12, successRate: 0.9993, avgLatencyMs: 233.5 } },
  { network: { name: 'b3iq-mainnet', chainId: 8453, contract: '0x' + '4e'.repeat(20) } },
  { operatorAddress: '0x' + '7a'.repeat(20), stakeWei: '1000000000000000000', slashed: false },
  { epoch: 412, startedAt: '2026-11-29T00:00:00Z', endedAt: '2026-11-30T00:00:00Z', receiptsRoot: '0x' + H(21), count: 99123 },
  { benchmark: { suite: 'b3iq-bench', suiteVersion: '2.1.0', score: 71.3, datasetId: 'mmlu', freshness: 'PT2H', stale: false } },
  {
    receipt: {
      id: 'rcpt_000123',
      hash: 'sha256:' + H(31),
      inputTokens: 512,
      outputTokens: 128,
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      finishedAt: '2026-11-29T10:00:00Z',
    },
  },
  { regions: ['us-east', 'eu-west', 'ap-south'], supportedApis: ['/v1/chat/completions', '/v1/embeddings', '/v1/models'] },
  { description: 'Public inference node serving Llama 3.1 8B with a weekly benchmark refresh.' },
  { uptime: { last30d: '99.95%', incidents: 1, lastIncident: '2026-11-12' } },
  { signature: { alg: 'ed25519', publicKey: '0x' + '3c'.repeat(32), sig: '0x' + '5d'.repeat(64) } },
  { node: { id: 'node-7f3a', publicUrl: 'https://node-7f3a.b3iq.example', ip: '203.0.113.10', port: 443 } },
  { attestation: { verified: true, verdict: 'pass', tcbStatus: 'UpToDate', checkedAt: '2026-11-29T00:00:00Z' } },
  { headers: ['Content-Type', 'Authorization', 'X-Request-Id'] },
  {
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'MAX_BATCH', value: '32' },
    ],
  },
  { tunnel: { status: 'healthy', provider: 'cloudflare' } },
];
