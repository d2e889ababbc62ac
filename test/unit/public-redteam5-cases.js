// public check, red team 5: probes in classes the earlier red teams did not use (secrets
// split in order, values that are documents of another format, credentials in URLs of every
// scheme, odd address notations, private names, Windows/UNC/home paths, obfuscated e-mails,
// prompts under renamed keys, cookies, hardware identifiers, char-code lists) as raw JSON
// text, and a clean corpus of realistic public payloads that must pass.
// Each probe: [class, label, text, category or categories any of which is right, exact path?].
// Decisions the contract leaves open are written beside the probe.
// Shared by test/unit/public-redteam5.test.js and test/e2e/public-redteam5.test.js.

const j = (v) => JSON.stringify(v);
const b64 = (s) => Buffer.from(s).toString('base64');

export const SECRET = 'x9Q2w8E4r7T1y6U3pL5m';
export const LOCAL = 'b3iq_local_4Rt7kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
const GHP = 'ghp_' + 'R8kLmN2pQrStUvWxYz0123456789AbCdEf';
const OPENAI = 'sk-proj-' + 'Zb3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5m';
const AWS_SIG = 'a3f9'.repeat(16);
const GPU_UUID = 'GPU-6ff42ae2-765d-4adf-8112-31c55c1551ef';
const MACHINE_ID = '4c3f9a2be81d4f07a6c5d2e1b0f9a8c7';

/** Every probe's planted secrets: no path or message may print one. */
export const PLANTED = [SECRET, LOCAL, GHP, OPENAI, AWS_SIG, GPU_UUID, MACHINE_ID];

export const PROBES = [
  // secrets split in order across array elements, object values or object keys
  ['split', 'GitHub token split across array elements', j({ parts: [GHP.slice(0, 12), GHP.slice(12, 26), GHP.slice(26)] }), 'credential'],
  ['split', 'OpenAI key split across sibling values', j({ a: OPENAI.slice(0, 20), b: OPENAI.slice(20, 40), c: OPENAI.slice(40) }), 'credential'],
  [
    'split',
    'b3iq token split across object keys',
    j({ chunks: Object.fromEntries([LOCAL.slice(0, 11), LOCAL.slice(11, 35), LOCAL.slice(35)].map((k, i) => [k, i])) }),
    'credential',
  ],
  ['split', 'b3iq token split in nested arrays', j({ rows: [[LOCAL.slice(0, 15)], [LOCAL.slice(15, 40)], [LOCAL.slice(40)]] }), 'credential'],
  // values that are documents of another format
  ['nested', 'querystring with password', j({ form: `user=svc&password=${SECRET}&remember=1` }), 'credential'],
  ['nested', 'YAML text with api_key', j({ config: `model: llama\napi_key: ${SECRET}\nport: 8000` }), 'credential'],
  ['nested', 'dotenv text', j({ dotenv: `PORT=8000\nOPENAI_API_KEY=${OPENAI}\n` }), 'credential'],
  ['nested', 'JSON in a querystring value', j({ q: `state=${encodeURIComponent(j({ apiKey: SECRET }))}` }), 'credential'],
  ['nested', 'base64 of JSON holding a prompt', j({ ctx: b64(j({ messages: [{ role: 'user', content: 'my diagnosis is attached' }] })) }), 'raw-prompt-output'],
  ['nested', 'JSON string of JSON string', j({ m: j(j({ password: SECRET })) }), 'credential'],
  ['nested', 'INI text', j({ ini: `[default]\naws_access_key_id = AKIAZ7QW3ERT5YUI8OPL\naws_secret_access_key = ${SECRET}abcdEFGH1234567890` }), 'credential'],
  // data: URLs
  ['data-url', 'data: URL of base64 JSON', j({ logo: `data:application/json;base64,${b64(j({ token: SECRET }))}` }), 'credential'],
  ['data-url', 'data: URL plain text b3iq token', j({ icon: `data:text/plain,${LOCAL}` }), 'credential'],
  ['data-url', 'data: URL percent-encoded key', j({ x: `data:text/plain;charset=utf-8,api_key%3D${SECRET}` }), 'credential'],
  // credentials in URLs of every scheme
  ['url-cred', 'postgres user:pass@', j({ db: `postgres://svc:${SECRET}@db.example.com:5432/app` }), 'credential'],
  ['url-cred', 'redis :pass@', j({ cache: `redis://:${SECRET}@cache.example.com:6379/0` }), 'credential'],
  ['url-cred', 'rediss user:pass@', j({ cache: `rediss://default:${SECRET}@cache.example.com:6380` }), 'credential'],
  ['url-cred', 'amqp user:pass@', j({ queue: `amqp://guest:${SECRET}@mq.example.com:5672/vhost` }), 'credential'],
  ['url-cred', 'mongodb+srv user:pass@', j({ mongo: `mongodb+srv://app:${SECRET}@cluster0.ab1cd.mongodb.net/db` }), 'credential'],
  ['url-cred', 'mysql in prose', j({ note: `connect with mysql://root:${SECRET}@db.example.com/app then migrate` }), 'credential'],
  ['url-cred', 'ftp user:pass@', j({ mirror: `ftp://anon:${SECRET}@ftp.example.com/pub` }), 'credential'],
  [
    'url-cred',
    'S3 presigned URL',
    j({
      download: `https://bucket.s3.amazonaws.com/w.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAZ7QW3ERT5YUI8OPL%2F20261130%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261130T100000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&X-Amz-Signature=${AWS_SIG}`,
    }),
    'credential',
  ],
  [
    'url-cred',
    'Azure SAS sig=',
    j({ blob: `https://acct.blob.core.windows.net/c/w.bin?sv=2022-11-02&se=2026-12-01&sr=b&sp=r&sig=${encodeURIComponent(b64(SECRET + SECRET))}` }),
    'credential',
  ],
  [
    'url-cred',
    'GCS signed URL',
    j({ u: `https://storage.googleapis.com/b/w.bin?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=${AWS_SIG}` }),
    'credential',
  ],
  ['url-cred', 'wss with token query', j({ stream: `wss://node.example.com/v1/stream?access_token=${SECRET}` }), 'credential'],
  ['url-cred', 'git https token@', j({ repo: `https://oauth2:${GHP}@github.com/org/repo.git` }), 'credential'],
  // IPv6 and IPv4 notations
  ['addr', 'link-local fe80 bare', j({ peer: 'fe80::1ff:fe23:4567:890a' }), 'local-url'],
  ['addr', 'ULA fc00 bare', j({ bind: 'fc00:1234::7' }), 'local-url'],
  ['addr', 'mapped 192.168 bare', j({ addr: '::ffff:192.168.1.20' }), 'local-url'],
  ['addr', 'full-form loopback in URL', j({ url: 'http://[0:0:0:0:0:0:0:1]:8000/' }), 'local-url'],
  ['addr', 'decimal IPv4 in URL', j({ url: 'http://167772161:8000/v1' }), 'local-url'],
  ['addr', 'hex IPv4 in URL', j({ url: 'http://0x7f000001/' }), 'local-url'],
  ['addr', 'dotted hex IPv4', j({ url: 'http://0xc0.0xa8.0x01.0x14/' }), 'local-url'],
  ['addr', 'octal 10/8 in URL', j({ url: 'http://012.0.0.1:8080/' }), 'local-url'],
  ['addr', '192.168 in prose', j({ note: 'upstream moved to 192.168.1.20 last night' }), ['local-url', 'private-route']],
  ['addr', 'private host:port without scheme', j({ upstream: '10.2.3.4:8000' }), ['local-url', 'private-route']],
  // private-use names
  ['host', '.home.arpa', j({ url: 'http://gpu.home.arpa:8000/v1' }), 'local-url'],
  ['host', '.corp with a scheme', j({ url: 'https://inference.corp/v1' }), 'local-url'],
  ['host', '.internal without a scheme', j({ backend: 'vllm.svc.internal' }), 'local-url'],
  ['host', '.local in a grpc target', j({ grpc: 'grpc://triton.local:8001' }), 'local-url'],
  ['host', '.intranet with a port', j({ url: 'http://ml.intranet:8080' }), 'local-url'],
  // file paths in every form
  ['path', 'Windows user path', j({ weights: 'C:\\Users\\alice\\models\\llama.gguf' }), 'filesystem-path'],
  ['path', 'Windows forward slashes', j({ cache: 'D:/b3iq/cache/models' }), 'filesystem-path'],
  ['path', 'UNC share', j({ share: '\\\\fileserver\\models\\llama.gguf' }), 'filesystem-path'],
  ['path', 'tilde path', j({ cfg: '~/.b3iq/config.json' }), 'filesystem-path'],
  ['path', '$HOME path', j({ keys: '$HOME/.b3iq/keys' }), 'filesystem-path'],
  ['path', '${HOME} path', j({ keys: '${HOME}/.config/b3iq' }), 'filesystem-path'],
  ['path', '/home user path in prose', j({ note: 'loaded weights from /home/alice/models/llama.gguf ok' }), 'filesystem-path'],
  ['path', 'file: URL', j({ src: 'file:///var/lib/b3iq/keys.json' }), 'filesystem-path'],
  ['path', '/etc path', j({ tls: '/etc/b3iq/tls/node.key' }), ['filesystem-path', 'credential']],
  // obfuscated e-mail addresses
  ['email', 'name at domain dot com', j({ maintainer: 'alice at acme dot com' }), 'customer-identity'],
  ['email', '(at) (dot)', j({ contactInfo: 'alice(at)acme(dot)com' }), 'customer-identity'],
  ['email', 'percent-encoded @', j({ ref: 'mailto:alice%40acme.com' }), 'customer-identity'],
  ['email', 'e-mail in a URL query', j({ link: 'https://node.example.com/cb?email=alice@acme.com' }), 'customer-identity'],
  // prompts under renamed keys; a conversation kept as `history` or a `transcript` is also a
  // private request log, and either refusal is right
  ['prompt', 'history turns', j({ history: [{ role: 'user', content: 'what is my balance' }] }), ['raw-prompt-output', 'request-log']],
  ['prompt', 'chat_history strings', j({ chat_history: ['hi', 'hello, how can I help you today?'] }), ['raw-prompt-output', 'request-log']],
  ['prompt', 'TGI inputs', j({ last: { inputs: 'Translate to French: my address is 5 Main St' } }), 'raw-prompt-output'],
  ['prompt', 'generated_text', j({ sample: { generated_text: 'Dear Bob, your loan was approved.' } }), 'raw-prompt-output'],
  ['prompt', 'transcript', j({ transcript: 'caller said their account number is on the card' }), ['raw-prompt-output', 'request-log']],
  ['prompt', 'last_prompt', j({ debug: { last_prompt: 'write a resignation letter for me' } }), 'raw-prompt-output'],
  // cookies
  ['cookie', 'Cookie header', j({ headers: { Cookie: `sid=${SECRET}; theme=dark` } }), 'credential'],
  ['cookie', 'Set-Cookie list', j({ headers: { 'set-cookie': [`session=${SECRET}; Path=/; HttpOnly`] } }), 'credential'],
  ['cookie', 'cookie jar object', j({ jar: [{ name: 'b3iq_owner', value: SECRET, domain: 'node.example.com' }] }), 'credential'],
  // SSH keys with a user@host comment: the comment names a person and a machine
  [
    'ssh',
    'ssh-ed25519 with user@host',
    j({ authorized: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG8kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMn alice@alice-laptop' }),
    'customer-identity',
  ],
  // hardware identifiers: they pin the operator's machine across payloads
  ['hw', 'MAC address', j({ nic: { mac: '00:1a:2b:3c:4d:5e' } }), 'customer-identity'],
  ['hw', 'machine-id', j({ host: { machineId: MACHINE_ID } }), 'customer-identity'],
  ['hw', 'GPU UUID', j({ gpu: { name: 'NVIDIA H100', uuid: GPU_UUID } }), 'customer-identity'],
  ['hw', 'GPU UUID in prose', j({ note: `device ${GPU_UUID} ready` }), 'customer-identity'],
  ['hw', 'serial number', j({ board: { serialNumber: 'PHX2419A0123' } }), 'customer-identity'],
  // char codes
  ['codes', 'OpenAI key as char codes', j({ v: [...OPENAI].map((c) => c.charCodeAt(0)) }), 'credential'],
  ['codes', 'b3iq token as char codes under a list key', j({ meta: { bytes: [...LOCAL].map((c) => c.charCodeAt(0)) } }), 'credential'],
  // more forms of the same classes
  ['addr', 'link-local in a route line', j({ route: 'default via fe80::1ff:fe23:4567:890a dev eth0' }), ['local-url', 'private-route']],
  ['addr', 'ULA in a URL', j({ url: 'http://[fd12:3456:789a::1]:8000/v1' }), 'local-url'],
  ['addr', 'decimal IPv4 as a host string', j({ host: '3232235777' }), 'local-url'],
  ['addr', 'zero-padded 192.168', j({ url: 'http://192.168.001.020:8000/' }), 'local-url'],
  ['host', 'cluster service URL', j({ url: 'http://vllm.default.svc.cluster.local:8000/v1' }), 'local-url'],
  ['host', '.corp under a host key', j({ host: 'gpu01.corp' }), 'local-url'],
  ['host', '.home.arpa bare', j({ gateway: 'nas.home.arpa' }), 'local-url'],
  ['path', 'LOCALAPPDATA', j({ store: '%LOCALAPPDATA%\\b3iq\\keys.json' }), 'filesystem-path'],
  ['path', 'ProgramData', j({ store: 'C:\\ProgramData\\b3iq\\keys.json' }), 'filesystem-path'],
  ['path', 'UNC long form', j({ share: '\\\\?\\UNC\\fs01\\models\\llama.gguf' }), 'filesystem-path'],
  ['email', 'upper-case words', j({ reach: 'ALICE AT ACME DOT COM' }), 'customer-identity'],
  ['email', 'words with a subdomain', j({ reach: 'ops at mail dot acme dot co dot uk' }), 'customer-identity'],
  [
    'prompt',
    'messages with content parts',
    j({ last: { messages: [{ role: 'user', content: [{ type: 'text', text: 'draft my will' }] }] } }),
    'raw-prompt-output',
  ],
  ['prompt', 'Responses API input list', j({ req: { input: [{ role: 'user', content: 'refund order 1234' }] } }), 'raw-prompt-output'],
  ['cookie', 'Set-Cookie in a header pair list', j({ response: { headers: [['Set-Cookie', `owner_session=${SECRET}; Secure`]] } }), 'credential'],
  ['cookie', 'cookies map', j({ cookies: { sid: SECRET } }), 'credential'],
  ['hw', 'nvidia-smi -L line', j({ gpus: [`GPU 0: NVIDIA H100 80GB HBM3 (UUID: ${GPU_UUID})`] }), 'customer-identity'],
  ['hw', 'MIG device', j({ mig: `MIG-${GPU_UUID.slice(4)}` }), 'customer-identity'],
  ['hw', 'product_uuid', j({ dmi: { product_uuid: '4C4C4544-0042-3910-8057-B3C04F4B3732' } }), 'customer-identity'],
  ['hw', 'MAC with dashes in prose', j({ note: 'eth0 is 00-1A-2B-3C-4D-5E on the rack' }), 'customer-identity'],
  ['hw', 'hwaddr', j({ iface: { name: 'eth0', hwaddr: '001a.2b3c.4d5e' } }), 'customer-identity'],
  ['codes', 'OpenAI key as decimal strings', j({ v: [...OPENAI].map((c) => String(c.charCodeAt(0))) }), 'credential'],
  ['codes', 'OpenAI key as hex strings', j({ v: [...OPENAI].map((c) => `0x${c.charCodeAt(0).toString(16)}`) }), 'credential'],
  ['path', 'relative Windows path climbing out', j({ p: '..\\..\\secrets\\keys.json' }), 'filesystem-path'],
  ['email', 'login at a .lan host in prose', j({ motd: 'logged in as alice@gpu-box.lan' }), 'customer-identity'],
  ['prompt', 'text of a request object', j({ last: { request: { text: 'please summarise my medical record' } } }), 'raw-prompt-output', '$.last.request.text'],
  ['prompt', 'text of a sample', j({ sample: { text: 'translate this letter to my landlord' } }), 'raw-prompt-output', '$.sample.text'],
  ['hw', 'GPU uuid without its prefix', j({ gpus: [{ index: 0, uuid: GPU_UUID.slice(4) }] }), 'customer-identity', '$.gpus[0].uuid'],
  ['hw', 'machine-id as a host id', j({ host: { id: MACHINE_ID } }), 'customer-identity', '$.host.id'],
  ['hw', 'boot_id', j({ boot_id: 'a1b2c3d4-e5f6-0718-293a-4b5c6d7e8f90' }), 'customer-identity'],
  ['ssh', 'key fingerprint with user@host', j({ fingerprint: 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8 alice@laptop' }), 'customer-identity'],
  [
    'cert',
    "a certificate object's PEM member",
    j({
      tls: { cert: { issuer: "Let's Encrypt R11", pem: '-----BEGIN CERTIFICATE-----\nMIIFQzCCAvegAwIBAgIBADBBBgkqhkiG9w0BAQow\n-----END CERTIFICATE-----' } },
    }),
    'certificate-chain',
  ],
  ['cert', "a certificate object's DER member", j({ cert: { notAfter: '2027-02-28', der: 'MIIBszCCAVmgAwIBAgIUQ' } }), 'certificate-chain'],
  ['nested', 'base64 JSON in a URL state parameter', j({ cb: `https://node.example.com/cb?state=${b64(j({ apiKey: SECRET }))}` }), 'credential'],
  ['nested', 'twice percent-encoded key=value', j({ v: encodeURIComponent(encodeURIComponent(`api_key=${SECRET}`)) }), 'credential'],
  ['nested', 'TOML text', j({ toml: `[auth]\ntoken = "${SECRET}"` }), 'credential'],
  ['nested', 'XML text', j({ xml: `<config><password>${SECRET}</password></config>` }), 'credential'],
  ['url-cred', 'jsessionid matrix parameter', j({ url: `https://node.example.com/v1;jsessionid=${SECRET}` }), 'credential'],
  ['data-url', 'data: URL form-encoded password', j({ data: `data:application/x-www-form-urlencoded,password=${SECRET}` }), 'credential'],
  ['data-url', 'data: URL base64 without a type', j({ data: `data:;base64,${b64(OPENAI)}` }), 'credential'],
];

const SHA = (c) => c.repeat(64);
/** Realistic public payloads: must all pass. */
export const CLEAN = [
  { model: 'meta-llama/Llama-3.3-70B-Instruct', version: '1.0.0', license: 'llama3.3', params: '70B', context: 131072, quantization: 'AWQ-INT4' },
  { gpu: { model: 'NVIDIA RTX 4090', vramGiB: 24, count: 2, driver: '560.35.03', cudaVersion: '12.6', computeCapability: '8.9' } },
  { gpus: ['NVIDIA A100-SXM4-80GB', 'NVIDIA L40S', 'AMD Instinct MI300X'], rocm: '6.2.1' },
  {
    files: [
      {
        path: 'model.safetensors',
        sha256: SHA('ab'),
        size: 16060522496,
        url: 'https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/resolve/main/model.safetensors',
      },
    ],
  },
  { release: { tag: 'v2.1.0-rc.3+build.42', publishedAt: '2026-11-28T17:04:05.123Z', notes: 'https://github.com/b3iq/node/releases/tag/v2.1.0-rc.3' } },
  { usage24h: { requests: 18234, promptTokens: 91234567, completionTokens: 40211234, avgTokensPerRequest: 7210.4 } },
  { hosts: ['api.b3iq.network', 'node-7f3a.b3iq.network', 'huggingface.co', 'registry.ollama.ai'], dns: ['1.1.1.1', '8.8.8.8'] },
  { license: { spdx: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }, modelCard: 'https://huggingface.co/mistralai/Mistral-7B-v0.3' },
  { schedule: { window: '2026-12-01T00:00:00Z/2026-12-01T04:00:00Z', timezone: 'UTC', cron: '0 3 * * 0' } },
  { benchmark: { suite: 'mmlu-pro', score: 0.713, samples: 12032, date: '2026-11-29', harness: 'lm-eval 0.4.5' } },
  { runtime: { engine: 'sglang', version: '0.3.5.post2', python: '3.11.10', torch: '2.5.1+cu124', flashAttention: '2.6.3' } },
  { endpoints: [{ path: '/v1/embeddings', methods: ['POST'], model: 'BAAI/bge-m3', dims: 1024 }] },
  { ipfs: 'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', arweave: 'ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U' },
  { chain: { name: 'Base', chainId: 8453, explorer: 'https://basescan.org/tx/0x' + SHA('5') }, payout: { asset: 'USDC', amount: '312.40', period: '2026-11' } },
  { status: 'degraded', reasons: ['gpu temperature 84C above 83C threshold', 'queue depth 37'], since: '2026-11-30T09:12:00Z', eta: 'PT15M' },
  { tokenizer: { type: 'BPE', vocabSize: 128256, addedTokens: 256, chatTemplate: 'llama3' }, stopTokens: [128001, 128008, 128009] },
  // node, host and model facts that look like the new rules' targets
  {
    labels: {
      'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3',
      'nvidia.com/gpu.count': '8',
      'kubernetes.io/arch': 'amd64',
      'topology.kubernetes.io/zone': 'eu-central-1a',
    },
  },
  { dcgm: { DCGM_FI_DEV_GPU_UTIL: 87, DCGM_FI_DEV_FB_USED: 61234, DCGM_FI_DEV_GPU_TEMP: 71, DCGM_FI_DEV_POWER_USAGE: 612.4 } },
  {
    sbom: [
      { purl: 'pkg:pypi/vllm@0.6.3.post1', license: 'Apache-2.0' },
      { purl: 'pkg:npm/b3iq-operator@0.1.0', license: 'MIT' },
    ],
  },
  { image: 'vllm/vllm-openai:v0.6.3', source: 'https://github.com/vllm-project/vllm.git', ref: 'refs/tags/v0.6.3' },
  {
    checks: [
      { name: 'gpu', status: 'pass', output: 'ok', durationMs: 4 },
      { name: 'disk', status: 'warn', output: 'ok' },
    ],
  },
  { supported: { clientVersions: '>=0.4.0 <0.5.0', api: ['v1'], time: '10:16:57', tz: 'Europe/Berlin' } },
  { cpu: { model: 'AMD EPYC 9654 96-Core Processor', sockets: 2, threads: 384, flags: ['avx2', 'avx512f'] }, memGiB: 1536 },
  { model: { id: 'BAAI/bge-m3', task: 'embeddings', dims: 1024, maxTokens: 8192, example: { text: 'ok' } } },
  { chat_template: "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}", add_generation_prompt: true },
  { request: { id: '7c9e6679-7425-40de-944b-e07fc1f98a35', model: 'llama-3.1-8b', status: 'completed', latencyMs: 412 } },
  { host: { name: 'node-7f3a', region: 'fra1', os: 'Ubuntu 24.04.1 LTS', kernel: '6.8.0-49-generic' } },
  { gpus: [{ index: 0, name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81559, pcieGen: 5, mig: 'disabled' }] },
  {
    timeline: [
      { at: '2026-11-30T09:00:00Z', event: 'upgraded', to: '0.4.2' },
      { at: '2026-11-30T09:05:00Z', event: 'benchmark', tokensPerSecond: 1432 },
    ],
  },
  { cert: { issuer: "Let's Encrypt R11", notAfter: '2027-02-28T00:00:00Z', sha256Fingerprint: SHA('ab').slice(0, 95).match(/../g).join(':') } },
  {
    routes: [
      { path: '/v1/chat/completions', rpm: 600 },
      { path: '/v1/models', rpm: 6000 },
    ],
    openapi: 'https://node-7f3a.b3iq.network/openapi.json',
  },
  { example: { text: 'hello' }, samples: [{ text: 'Hi' }], turn: { text: 'ready' } },
];
