// public check, red team 4: probes by structure, as raw JSON text (duplicate and escaped keys
// only exist in the text), and a clean corpus of realistic public payloads.
// Each probe: [class, label, text, category or categories any of which is right, exact path?].
// With an exact path, a violation of one of the categories must be reported at that path.
// Shared by test/unit/public-redteam4.test.js and test/e2e/public-redteam4.test.js.

const j = (v) => JSON.stringify(v);
const node = (extra) => ({ nodeId: 'node-7f3a', status: 'ready', models: ['meta-llama/Llama-3.1-8B-Instruct'], ...extra });

export const SECRET = 'x9Q2w8E4r7T1y6U3pL5m';
export const LOCAL = 'b3iq_local_9Zq4kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUv';
export const SUPPORT = 'b3iq_support_7Hq2kLmN2pQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQr';
export const TOKEN_HASH = 'sha256:' + '3f9a'.repeat(16);
const OPENAI = 'sk-proj-' + 'Ab3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5m';
const QUOTE_HEX = '0400020081000000' + '00000000939a7233f79c4ca9940a0db3957f0607'.repeat(12);
const QUOTE_BYTES = [...Buffer.from(QUOTE_HEX, 'hex')];
const QUOTE_B64 = Buffer.from(QUOTE_HEX, 'hex').toString('base64');
const TUNNEL_UUID = '6ff42ae2-765d-4adf-8112-31c55c1551ef';
const b64 = (s) => Buffer.from(s).toString('base64');

/** Every probe's planted secrets: no path or message may print one. */
export const PLANTED = [SECRET, LOCAL, SUPPORT, TOKEN_HASH.slice(7), OPENAI, TUNNEL_UUID];

export const PROBES = [
  // duplicate keys at any depth, escaped spellings
  ['dup', 'escaped duplicate at depth', `{"node":{"upstreams":[{"apiKey":"${SECRET}","api\\u004bey":""}]}}`, 'duplicate-key', '$.node.upstreams[0].apiKey'],
  ['dup', 'escaped duplicate of a plain key', `{"status":"ready","st\\u0061tus":"blocked"}`, 'duplicate-key'],
  ['dup', 'duplicate in a third-level array', `{"a":[[{"b":{"url":"https://x.example","url":"https://y.example"}}]]}`, 'duplicate-key'],
  ['dup', 'case-only duplicate (case-insensitive readers merge them)', `{"apiKey":"","APIKEY":"","status":"ok"}`, 'duplicate-key'],
  ['dup', 'Kelvin-sign K duplicate (Go folds it to k)', `{"apiKey":"","api\\u212aey":""}`, 'duplicate-key'],
  ['dup', 'long-s duplicate (Go folds it to s)', `{"status":"ok","\\u017ftatus":"blocked"}`, 'duplicate-key'],
  ['dup', 'zero-width duplicate', `{"apiKey":"","api\\u200bKey":"${SECRET}"}`, ['duplicate-key', 'credential']],
  ['dup', 'Cyrillic homoglyph duplicate', `{"nodeId":"n1","n\\u043edeId":"n2"}`, 'duplicate-key'],
  ['dup', 'full-width duplicate', `{"url":"https://a.example","\\uff55\\uff52\\uff4c":"https://b.example"}`, 'duplicate-key'],
  ['dup', 'apiKey vs api_key vs API-KEY, live in the last', `{"apiKey":"","api_key":"","API-KEY":"${SECRET}"}`, 'credential', '$["API-KEY"]'],
  ['dup', 'escaped secret key name, live value', `{"p\\u0061ssword":"${SECRET}"}`, 'credential', '$.password'],
  ['dup', 'soft hyphen duplicate', `{"password":"","pass\\u00adword":"${SECRET}"}`, ['duplicate-key', 'credential']],
  ['dup', 'combining-mark duplicate', `{"token":"","to\\u0301ken":"${SECRET}"}`, ['duplicate-key', 'credential']],
  // secrets under secret-named keys, levels down: reported at the leaf
  [
    'subtree',
    'credential in an upstream object',
    j(node({ upstream: { url: 'https://api.openai.com/v1', apiKey: OPENAI } })),
    'credential',
    '$.upstream.apiKey',
  ],
  ['subtree', 'secret two levels under secrets', j({ secrets: { prod: { db: SECRET } } }), 'credential', '$.secrets.prod.db'],
  ['subtree', 'array of objects under credentials', j({ credentials: [{ name: 'prod', value: SECRET }] }), 'credential', '$.credentials[0].value'],
  ['subtree', 'token object access/refresh', j({ token: { access: SECRET, refresh: SECRET + 'x' } }), 'credential', '$.token.access'],
  ['subtree', 'nested JSON-in-string-in-JSON', j({ config: j({ auth: j({ token: SECRET }) }) }), 'credential', '$.config'],
  ['subtree', 'base64-encoded JSON in a string', j({ blob: b64(j({ apiKey: SECRET })) }), 'credential', '$.blob'],
  ['subtree', 'base64 JSON under a secret key', j({ auth: b64(j({ user: 'svc', pass: SECRET })) }), 'credential'],
  ['subtree', 'secret in an array in an array', j({ passwords: [[SECRET]] }), 'credential', '$.passwords[0][0]'],
  [
    'subtree',
    'bearer in an upstream list',
    j({ upstreams: [{ name: 'a', headers: { Authorization: `Bearer ${SECRET}` } }] }),
    'credential',
    '$.upstreams[0].headers.Authorization',
  ],
  ['subtree', 'password inside a backend object', j({ backend: { host: 'db.example.com', password: SECRET } }), 'credential', '$.backend.password'],
  // b3iq tokens and token hashes in any framing
  ['b3iq', 'token as a key', j({ grants: { [LOCAL]: { scopes: ['read'] } } }), 'credential'],
  ['b3iq', 'token in a URL query', j(node({ link: `https://node.example/v1/models?key=${LOCAL}` })), 'credential'],
  ['b3iq', 'token URL-encoded', j(node({ link: `https://node.example/cb?next=%2Fsetup%3Ftoken%3D${LOCAL.replace(/_/g, '%5F')}` })), 'credential'],
  ['b3iq', 'token fully percent-encoded', j({ v: [...LOCAL].map((c) => '%' + c.charCodeAt(0).toString(16)).join('') }), 'credential'],
  ['b3iq', 'support token in a URL fragment', j({ url: `https://node.example/#${SUPPORT}` }), 'credential'],
  ['b3iq', 'token hash under sha256', j({ keys: [{ id: 'lk_9f3a21c0', sha256: TOKEN_HASH }] }), 'token-hash'],
  ['b3iq', 'token hash as a key', j({ revoked: { [TOKEN_HASH]: '2026-11-29' } }), 'token-hash'],
  ['b3iq', 'token hash under tokenDigest', j({ tokenDigest: TOKEN_HASH }), 'token-hash'],
  ['b3iq', 'token hash in a list of hashes', j({ hashes: [TOKEN_HASH] }), 'token-hash'],
  ['b3iq', 'bare hex token hash under keyHash', j({ keyHash: TOKEN_HASH.slice(7) }), 'token-hash'],
  ['b3iq', 'token hash under sha256 in a key list', j({ localKeys: [{ name: 'ci', sha256: TOKEN_HASH }] }), 'token-hash', '$.localKeys[0].sha256'],
  // prompts and completions under synonym keys
  ['prompt', 'messages[].content', j({ last: { messages: [{ role: 'user', content: 'summarise my contract' }] } }), 'raw-prompt-output'],
  ['prompt', 'input string', j({ sample: { input: 'What is the capital of France?' } }), 'raw-prompt-output'],
  ['prompt', 'instructions', j({ instructions: 'Answer as a pirate would.' }), 'raw-prompt-output'],
  ['prompt', 'system prose', j({ system: 'You are a helpful assistant for Acme support.' }), 'raw-prompt-output'],
  ['prompt', 'user_message', j({ user_message: 'please reset my account password now' }), 'raw-prompt-output'],
  ['prompt', 'conversation', j({ conversation: [{ from: 'human', value: 'hi there' }] }), ['raw-prompt-output', 'request-log']],
  ['prompt', 'ShareGPT conversations', j({ conversations: [{ from: 'human', value: 'write me a poem about cats' }] }), ['raw-prompt-output', 'request-log']],
  ['prompt', 'Gemini contents parts', j({ req: { contents: [{ role: 'user', parts: [{ text: 'hello there' }] }] } }), 'raw-prompt-output'],
  [
    'prompt',
    'chosen/rejected pair',
    j({ pair: { chosen: 'The answer is 42 because of math.', rejected: 'I do not know the answer here.' } }),
    'raw-prompt-output',
  ],
  ['prompt', 'user_input', j({ user_input: 'book a flight to Paris for tomorrow' }), 'raw-prompt-output'],
  ['prompt', 'reply', j({ reply: 'Sure, here is the summary you asked for.' }), 'raw-prompt-output'],
  ['prompt', 'llm_output', j({ llm_output: 'Here is the code you requested.' }), 'raw-prompt-output'],
  ['prompt', 'systemInstruction object', j({ systemInstruction: { parts: [{ text: 'You are a careful assistant who never lies.' }] } }), 'raw-prompt-output'],
  ['prompt', 'text of a human turn', j({ turns: [{ speaker: 'human', text: 'my ssn is on the form' }] }), 'raw-prompt-output'],
  ['prompt', 'short user_message', j({ user_message: 'reset my password' }), 'raw-prompt-output'],
  // TEE quotes and attestation as bytes or base64 under evidence/report keys
  ['tee', 'evidence.quote byte array', j({ evidence: { quote: QUOTE_BYTES } }), 'tee-quote'],
  ['tee', 'report as a Buffer', j({ report: { type: 'Buffer', data: QUOTE_BYTES } }), 'tee-quote'],
  ['tee', 'quote as Uint8Array JSON (numeric keys)', j({ quote: Object.fromEntries(QUOTE_BYTES.map((b, i) => [String(i), b])) }), 'tee-quote'],
  ['tee', 'attestation_report base64', j({ attestation_report: QUOTE_B64 }), 'tee-quote'],
  ['tee', 'evidence payload raw', j({ evidence: { payload: { raw: QUOTE_B64 } } }), 'tee-quote'],
  ['tee', 'quote as hex byte strings', j({ quote: QUOTE_BYTES.map((b) => b.toString(16).padStart(2, '0')) }), 'tee-quote'],
  ['tee', 'quote chunks', j({ quote: [QUOTE_B64.slice(0, 60), QUOTE_B64.slice(60)] }), 'tee-quote'],
  ['tee', 'attestationDoc base64url', j({ nitro: { attestationDoc: QUOTE_B64.replace(/\+/g, '-').replace(/\//g, '_') } }), 'tee-quote'],
  // identity fields
  ['identity', 'email under contact', j({ contact: 'alice@acme.com' }), 'customer-identity'],
  ['identity', 'phone under phone_number', j({ phone_number: '(415) 555-0199' }), 'customer-identity'],
  ['identity', 'user wallet', j({ userWallet: '0x' + '7a'.repeat(20) }), 'customer-identity'],
  ['identity', 'user_id', j({ last: { user_id: 'u_8f2a91' } }), 'customer-identity'],
  ['identity', 'uid', j({ uid: 'u_8f2a91' }), 'customer-identity'],
  ['identity', 'member/subscriber id', j({ subscriberId: 'sub_8f2a91' }), 'customer-identity'],
  ['identity', 'acct_id', j({ acct_id: 'acct_8f2a91' }), 'customer-identity'],
  ['identity', 'customer_no', j({ customer_no: 'C-102934' }), 'customer-identity'],
  ['identity', 'workspace/team id', j({ workspace_id: 'ws_8f2a91' }), 'customer-identity'],
  ['identity', 'client.ip', j({ request: { client: { ip: '203.0.113.9' } } }), 'customer-identity'],
  ['identity', 'True-Client-IP', j({ headers: { 'True-Client-IP': '203.0.113.9' } }), 'customer-identity'],
  ['identity', 'X-Client-IP', j({ headers: { 'X-Client-IP': '203.0.113.9' } }), 'customer-identity'],
  ['identity', 'src_ip', j({ src_ip: '198.51.100.7' }), 'customer-identity'],
  ['identity', 'lastLoginIp', j({ lastLoginIp: '198.51.100.7' }), 'customer-identity'],
  ['identity', 'requester_ip', j({ requester_ip: '198.51.100.7' }), 'customer-identity'],
  ['identity', 'remote with port', j({ conn: { remote: '198.51.100.7:51234' } }), 'customer-identity'],
  ['identity', 'IPv6 client', j({ clientAddr: '2001:db8::7' }), 'customer-identity'],
  ['identity', 'contact name', j({ contact: { name: 'Alice Johnson' } }), 'customer-identity'],
  ['identity', 'client IP as a number', j({ client_ip: 3325256711 }), 'customer-identity'],
  // every textual form of a loopback, private, link-local, CGNAT or ULA address
  ['addr', 'IPv4-mapped IPv6 bare', j({ peer_addr: '::ffff:10.0.0.1' }), 'local-url'],
  ['addr', 'IPv4-mapped IPv6 in a URL', j({ url: 'http://[::ffff:10.0.0.1]:8000/v1' }), 'local-url'],
  ['addr', 'IPv4-mapped IPv6 hex', j({ url: 'http://[::ffff:a00:1]/' }), 'local-url'],
  ['addr', 'octal 0177.0.0.1', j({ url: 'http://0177.0.0.1/' }), 'local-url'],
  ['addr', 'short 10.1', j({ url: 'http://10.1:8000/' }), 'local-url'],
  ['addr', 'scoped fe80 in brackets', j({ url: 'http://[fe80::1%25eth0]:8000/' }), 'local-url'],
  ['addr', 'cloud metadata', j({ url: 'http://169.254.169.254/latest/meta-data/' }), 'local-url'],
  ['addr', 'CGNAT bare', j({ relay: '100.64.12.7' }), ['local-url', 'private-route']],
  ['addr', 'ULA fd00::/8 bare', j({ bind: 'fd00::1' }), 'local-url'],
  ['addr', 'ULA in text', j({ note: 'route via fd00:ab::5 then out' }), 'local-url'],
  ['addr', '*.local', j({ url: 'http://gpu-box.local/' }), 'local-url'],
  ['addr', '*.internal', j({ url: 'https://vllm.internal/' }), 'local-url'],
  ['addr', '*.lan', j({ url: 'http://nas.lan/' }), 'local-url'],
  ['addr', 'host.docker.internal', j({ url: 'http://host.docker.internal:11434' }), 'local-url'],
  ['addr', 'trailing dot IPv4', j({ url: 'http://10.0.0.1./v1' }), 'local-url'],
  ['addr', 'trailing dot .internal', j({ url: 'http://vllm.internal.:8000' }), 'local-url'],
  ['addr', 'uppercase LOCALHOST', j({ url: 'HTTP://LOCALHOST:8000' }), 'local-url'],
  ['addr', 'uppercase .LOCAL', j({ url: 'http://GPU-BOX.LOCAL:8000' }), 'local-url'],
  ['addr', 'IDN full-width localhost', j({ url: 'http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54:8000' }), 'local-url'],
  ['addr', 'ideographic full stops', j({ url: 'http://10\u30020\u30020\u30021/' }), 'local-url'],
  ['addr', 'circled digits', j({ url: 'http://\u2460\u2461\u2466.0.0.1/' }), 'local-url'],
  ['addr', '*.localhost (RFC 6761)', j({ url: 'http://api.localhost:3000' }), 'local-url'],
  ['addr', '0.0.0.0 with port', j({ url: 'http://0.0.0.0:8000' }), 'local-url'],
  ['addr', 'unspecified ::', j({ url: 'http://[::]:8000/' }), 'local-url'],
  ['addr', 'percent-encoded host', j({ url: 'http://%31%30.0.0.1/' }), 'local-url'],
  ['addr', 'metadata.google.internal', j({ url: 'http://metadata.google.internal/computeMetadata/v1/' }), 'local-url'],
  ['addr', 'AWS IPv6 metadata', j({ url: 'http://[fd00:ec2::254]/latest/' }), 'local-url'],
  ['addr', 'mapped metadata', j({ url: 'http://[::ffff:169.254.169.254]/' }), 'local-url'],
  ['addr', 'localhost.localdomain', j({ url: 'http://localhost.localdomain:8000' }), 'local-url'],
  ['addr', 'localtest.me', j({ url: 'http://api.localtest.me:8000' }), 'local-url'],
  ['addr', 'docker bridge tcp', j({ docker: 'tcp://172.17.0.1:2375' }), 'local-url'],
  ['addr', 'private host under a key with a userinfo', j({ url: 'http://svc@10.0.0.1/' }), 'local-url'],
  ['addr', 'IPv4-compatible IPv6', j({ url: 'http://[::10.0.0.1]/' }), 'local-url'],
  ['addr', 'bare metadata address', j({ x: '169.254.169.254' }), 'local-url'],
  ['addr', 'bare .lan name under a non-host key', j({ gateway: 'router.lan' }), 'local-url'],
  // command lines and env arrays/objects
  ['cmd', 'env object HF_TOKEN', j({ env: { HF_TOKEN: 'hf_' + 'vKpRzWqTbNmLcXsDjHgFaYeUiOpZtQwRxM' } }), 'credential', '$.env.HF_TOKEN'],
  ['cmd', 'env object POSTGRES_PASSWORD', j({ environment: { POSTGRES_PASSWORD: SECRET } }), 'credential'],
  ['cmd', 'Docker Env array', j({ Config: { Env: [`OPENAI_API_KEY=${SECRET}`, 'PATH=/usr/bin'] } }), 'credential', '$.Config.Env[0]'],
  ['cmd', 'argv --api-key', j({ argv: ['vllm', 'serve', 'm', '--api-key', SECRET] }), 'credential', '$.argv[4]'],
  ['cmd', 'cmdline string --api-key=', j({ cmdline: `python -m vllm.entrypoints.openai.api_server --api-key=${SECRET}` }), 'credential'],
  ['cmd', '/proc cmdline NUL-separated', j({ cmdline: `vllm\u0000serve\u0000--api-key\u0000${SECRET}` }), 'credential'],
  ['cmd', 'sh -c with inline env', j({ command: ['sh', '-c', `HF_TOKEN=${SECRET} python serve.py`] }), 'credential'],
  ['cmd', 'docker run -e', j({ entrypoint: `docker run -e HUGGING_FACE_HUB_TOKEN=${SECRET} vllm/vllm-openai` }), 'credential'],
  ['cmd', 'redis-cli -a', j({ args: ['redis-cli', '-a', SECRET, 'ping'] }), 'credential'],
  ['cmd', 'sshpass -p', j({ run: `sshpass -p ${SECRET} ssh gpu@203.0.113.9` }), 'credential'],
  ['cmd', 'openssl pass:', j({ run: `openssl pkcs12 -export -passout pass:${SECRET} -out node.p12` }), 'credential'],
  ['cmd', 'PGPASSWORD prefix', j({ run: `PGPASSWORD=${SECRET} psql -h db.example.com` }), 'credential'],
  ['cmd', 'export line', j({ setup: [`export OPENAI_API_KEY=${SECRET}`] }), 'credential'],
  // model and cache file paths
  ['path', 'HF cache absolute', j({ weights: '/root/.cache/huggingface/hub/models--meta-llama--Llama-3.1-8B/snapshots/0e9e39f2' }), 'filesystem-path'],
  ['path', 'ollama blob', j({ blob: '~/.ollama/models/blobs/sha256-6a0746a1ec1aef3e7ec53868f220ff6e389f6f8ef87a01d77c96807de94ca2aa' }), 'filesystem-path'],
  ['path', 'relative models/ gguf', j({ model: { file: 'models/llama-3.1-8b-instruct.Q4_K_M.gguf' } }), 'filesystem-path'],
  ['path', 'macOS home', j({ note: 'cache at /Users/alice/Library/Caches/b3iq' }), 'filesystem-path'],
  ['path', 'APPDATA', j({ store: '%APPDATA%\\b3iq\\keys' }), 'filesystem-path'],
  ['path', 'Windows long path', j({ weights: '\\\\?\\C:\\models\\llama.gguf' }), 'filesystem-path'],
  ['path', 'mount device', j({ disk: '/dev/nvme0n1p1' }), 'filesystem-path'],
  ['path', 'HF_HOME', j({ HF_HOME: '/data/hf' }), 'filesystem-path'],
  // tunnel ids
  ['tunnel', 'UUID as a key under tunnels', j({ tunnels: { [TUNNEL_UUID]: { status: 'healthy' } } }), 'tunnel'],
  [
    'tunnel',
    'cloudflared credentials file',
    j({ creds: { AccountTag: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', TunnelSecret: b64(SECRET + SECRET), TunnelID: TUNNEL_UUID } }),
    ['credential', 'tunnel'],
  ],
  ['tunnel', 'TunnelID alone', j({ TunnelID: TUNNEL_UUID }), 'tunnel'],
  ['tunnel', 'argo id', j({ argo: { id: TUNNEL_UUID } }), 'tunnel'],
  ['tunnel', 'connections of a tunnel', j({ tunnel: { connections: [{ colo_name: 'FRA', id: TUNNEL_UUID }] } }), ['tunnel', 'connector']],
  ['tunnel', 'cfargotunnel host upper case', j({ cname: `${TUNNEL_UUID.toUpperCase()}.CFARGOTUNNEL.COM` }), 'tunnel'],
  [
    'tunnel',
    'tunnel token base64 JSON',
    j({ run: { t: b64(j({ a: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', t: TUNNEL_UUID, s: b64(SECRET + SECRET) })) } }),
    ['tunnel', 'credential'],
  ],
];

const SHA = (c) => c.repeat(64);
/** Realistic public payloads: must all pass. */
export const CLEAN = [
  {
    nodeId: 'node-7f3a',
    status: 'ready',
    version: '0.4.2',
    capabilities: { chat: true, completion: true, embeddings: false, tools: true, vision: false, streaming: true },
    endpoints: ['/v1/chat/completions', '/v1/completions', '/v1/models'],
    url: 'https://node-7f3a.b3iq.network/v1',
    publicIp: '203.0.113.9',
    region: 'eu-central-1',
    gpu: { name: 'NVIDIA H100 80GB HBM3', count: 8, memoryMiB: 81559, driver: '550.54.15', cuda: '12.4' },
    runtime: { engine: 'vllm', version: '0.6.3.post1', kernel: '6.8.0-1015-aws', os: 'Ubuntu 22.04.4 LTS' },
    tee: { type: 'tdx', verdict: 'verified', tcbStatus: 'UpToDate', quoteSha256: SHA('a'), measuredAt: '2026-11-29T10:00:00Z' },
    tunnel: { provider: 'cloudflare', status: 'healthy', connected: true },
  },
  {
    object: 'list',
    data: [
      { id: 'meta-llama/Llama-3.1-8B-Instruct', object: 'model', created: 1721692800, owned_by: 'meta-llama' },
      { id: 'mistralai/Mistral-7B-Instruct-v0.3', object: 'model', created: 1716336000, owned_by: 'mistralai' },
    ],
  },
  {
    id: 'meta-llama/llama-3.1-8b-instruct',
    name: 'Meta: Llama 3.1 8B Instruct',
    context_length: 131072,
    architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Llama3', instruct_type: 'llama3' },
    pricing: { prompt: '0.00000002', completion: '0.00000005', request: '0', image: '0', input_cache_read: '0' },
    top_provider: { context_length: 131072, max_completion_tokens: 8192, is_moderated: false },
    supported_parameters: ['temperature', 'top_p', 'tools', 'response_format', 'stop', 'max_tokens'],
    per_request_limits: null,
  },
  { model: 'llama-3.1-8b', price: { input: '0.15', output: '0.60', unit: 'USD per 1M tokens' }, currency: 'USD' },
  { prices: [{ model: 'llama-3.1-8b', input: 0.15, output: 0.6 }], input_cost_per_token: 1.5e-7, output_cost_per_token: 6e-7 },
  {
    tokenizer: 'meta-llama/Llama-3.1-8B-Instruct',
    bos_token: '<|begin_of_text|>',
    eos_token: '<|eot_id|>',
    pad_token: '<|finetune_right_pad_id|>',
    unk_token: null,
    stop: ['<|eot_id|>', '<|eom_id|>'],
    max_input_tokens: 131072,
  },
  { usage: { prompt_tokens: 213, completion_tokens: 87, total_tokens: 300 }, tokens: { prompt: 213, completion: 87 } },
  { rate_limits: { tokens_per_minute: '250000', requests_per_minute: '600' }, token_budget_per_minute: 250000, tokens: '1,234' },
  { prompt_eval_count: 26, eval_count: 298, eval_duration: 4799921000, load_duration: 1019000 },
  {
    artifacts: [
      { filename: 'model-00001-of-00004.safetensors', size: 4976698672, hash: 'sha256:' + SHA('b') },
      { name: 'tokenizer.json', url: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/resolve/main/tokenizer.json', hash: 'sha256:' + SHA('c') },
    ],
    image: 'ghcr.io/b3iq/node@sha256:' + SHA('d'),
    digest: 'sha256:' + SHA('e'),
  },
  { build: { version: 'v0.4.2', commit: 'a1b2c3d4e5f6', date: '2026-11-28', go: '1.23.3', node: '22.11.0' }, firmwareVersion: '10.0.1.6' },
  { receipt: { id: 'rcpt_01JD', hash: 'sha256:' + SHA('f'), root: '0x' + SHA('1'), count: 412, totals: { prompt_tokens: 91234, completion_tokens: 40211 } } },
  {
    settlement: {
      txHash: '0x' + SHA('9'),
      status: 'settled',
      payoutAddress: '0x' + '7a'.repeat(20),
      amount: '12.50',
      currency: 'USDC',
      token: 'USDC',
      chainId: 8453,
    },
  },
  {
    readiness: { status: 'blocked', blockers: ['benchmark stale', 'attestation expired'], checkedAt: '2026-11-29T10:00:00Z' },
    benchmark: { tokensPerSecond: 1432.5, p50LatencyMs: 180, p99LatencyMs: 910, observedAt: '2026-11-29T09:00:00Z', freshness: 'fresh' },
  },
  { system: { os: 'linux', arch: 'x86_64', cpus: 64 }, input: 'text', output: 'text', query: 'status', user_agent: 'b3iq-node/0.4.2' },
  { links: { docs: 'https://docs.b3iq.network/node', status: 'https://status.b3iq.network', ws: 'wss://node-7f3a.b3iq.network/v1/realtime' } },
  { signing: { publicKey: '0x04' + SHA('ab').slice(0, 128), keyId: 'k1', algorithm: 'secp256k1' }, signature: '0x' + SHA('c1').slice(0, 130) },
  { stats: { users: 5, activeUsers: 12, requests: 91234, errors: 3 }, uptimeSeconds: 86400, cache: { hitRate: 0.83, sizeBytes: 1073741824 } },
  { attestation: { verdict: 'verified', quoteDigest: 'sha256:' + SHA('2'), evidenceUrl: 'https://attest.b3iq.network/q/7f3a.json', reportDataHex: null } },
  {
    model: {
      id: 'Qwen/Qwen2.5-7B-Instruct',
      revision: 'a09a35458c702b33eeacc393d103063234e8bc28',
      quantization: 'fp8',
      kvCacheDtype: 'fp8',
      maxModelLen: 32768,
    },
  },
  { network: { peers: 42, protocol: 'b3iq/1', port: 443, publicUrl: 'https://node-7f3a.b3iq.network' } },
  { license: 'llama3.1', author: 'meta-llama', tags: ['text-generation', 'conversational'], downloads: 5123456, likes: 3421 },
  { chat_template_sha256: SHA('7'), supports: { system_prompt: true, instructions: true, json_mode: true }, default_system_prompt: null },
  { versions: ['0.4.0', '0.4.1', '0.4.2'], min_client_version: '0.3.0', libVersion: '172.16.0.4' },

  // Ollama /api/tags
  {
    models: [
      {
        name: 'llama3.1:8b',
        model: 'llama3.1:8b',
        modified_at: '2026-11-20T10:00:00Z',
        size: 4920753328,
        digest: SHA('4'),
        details: { parent_model: '', format: 'gguf', family: 'llama', families: ['llama'], parameter_size: '8.0B', quantization_level: 'Q4_K_M' },
      },
    ],
  },
  // TGI /info
  {
    model_id: 'meta-llama/Llama-3.1-8B-Instruct',
    model_sha: '0e9e39f249a16976918f6564b8830bc894c89659',
    model_dtype: 'torch.bfloat16',
    model_device_type: 'cuda',
    model_pipeline_tag: 'text-generation',
    max_concurrent_requests: 128,
    max_best_of: 2,
    max_stop_sequences: 4,
    max_input_tokens: 4095,
    max_total_tokens: 4096,
    validation_workers: 2,
    max_client_batch_size: 4,
    router: 'text-generation-router',
    version: '2.4.0',
    sha: 'a1b2c3d4',
    docker_label: 'sha-a1b2c3d',
  },
  // HF model info
  {
    _id: '66969b5e8b3f1a5d2c3e4f50',
    id: 'meta-llama/Llama-3.1-8B-Instruct',
    author: 'meta-llama',
    sha: '0e9e39f249a16976918f6564b8830bc894c89659',
    lastModified: '2024-09-25T17:00:57.000Z',
    private: false,
    gated: 'manual',
    disabled: false,
    downloads: 5123456,
    likes: 3421,
    library_name: 'transformers',
    tags: ['transformers', 'safetensors', 'llama', 'text-generation', 'conversational', 'en', 'arxiv:2204.05149', 'license:llama3.1'],
    pipeline_tag: 'text-generation',
    siblings: [
      { rfilename: '.gitattributes' },
      { rfilename: 'config.json' },
      { rfilename: 'original/params.json' },
      { rfilename: 'original/tokenizer.model' },
      { rfilename: 'model-00001-of-00004.safetensors' },
    ],
    config: {
      architectures: ['LlamaForCausalLM'],
      model_type: 'llama',
      tokenizer_config: { bos_token: '<|begin_of_text|>', eos_token: '<|eot_id|>', pad_token: null },
    },
    cardData: { language: ['en', 'de', 'fr'], license: 'llama3.1', pipeline_tag: 'text-generation' },
    createdAt: '2024-07-18T08:56:00.000Z',
    usedStorage: 96561657888,
  },
  // llama.cpp /props
  {
    default_generation_settings: {
      n_ctx: 8192,
      n_predict: -1,
      model: 'llama-3.1-8b-instruct',
      seed: 4294967295,
      temperature: 0.8,
      top_k: 40,
      top_p: 0.95,
      min_p: 0.05,
      stop: [],
      n_keep: 0,
      stream: true,
      samplers: ['top_k', 'tfs_z', 'typical_p', 'top_p', 'min_p', 'temperature'],
    },
    total_slots: 4,
    chat_template:
      "{% for message in messages %}{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' + message['content'] | trim + '<|eot_id|>' }}{% endfor %}",
  },
  // vLLM-ish metrics summary
  {
    metrics: {
      'vllm:num_requests_running': 3,
      'vllm:num_requests_waiting': 0,
      'vllm:gpu_cache_usage_perc': 0.42,
      'vllm:prompt_tokens_total': 9123456,
      'vllm:generation_tokens_total': 4123456,
      'vllm:time_to_first_token_seconds': { p50: 0.12, p99: 0.8 },
    },
  },
  // node advertisement
  {
    schema: 'b3iq.node/v1',
    node: {
      id: 'node-7f3a',
      name: 'Frankfurt H100 #3',
      operatorName: null,
      region: 'eu-central',
      country: 'DE',
      asn: 'AS24940',
      publicIp: '203.0.113.9',
      endpoints: [{ url: 'https://node-7f3a.b3iq.network/v1', protocol: 'openai-compatible', auth: 'bearer' }],
      attestation: { type: 'tdx', status: 'verified', quoteDigest: SHA('3'), verifiedAt: '2026-11-29T10:00:00Z', verifier: 'https://attest.b3iq.network' },
      hardware: { gpus: [{ model: 'H100 SXM5 80GB', count: 8, nvlink: true }], cpu: 'AMD EPYC 9654', ramGiB: 1536 },
      limits: { maxConcurrentRequests: 256, maxContextTokens: 131072, rateLimitRpm: 6000, tokenBudgetPerMinute: 2000000 },
    },
  },
  // model list with prices
  {
    data: [
      {
        id: 'llama-3.1-70b',
        pricing: { input: '0.59', output: '0.79', currency: 'USD', per: '1M tokens' },
        context_window: 131072,
        max_output_tokens: 8192,
        capabilities: ['chat', 'tools', 'json'],
        modalities: { input: ['text'], output: ['text'] },
      },
    ],
  },
  // receipts and settlement
  {
    batch: {
      id: 'batch-2026-11-29-17',
      merkleRoot: '0x' + SHA('e'),
      receiptCount: 41233,
      tokens: { input: 91234567, output: 40211234 },
      amountUsd: '1234.56',
      settlement: { chain: 'base', txHash: '0x' + SHA('a'), blockNumber: 23456789, status: 'confirmed', confirmations: 12 },
    },
  },
  // readiness
  {
    route: 'llama-3.1-8b',
    ready: false,
    blockers: [
      { code: 'BENCHMARK_STALE', message: 'benchmark older than 24h', since: '2026-11-28T09:00:00Z' },
      { code: 'TEE_UNVERIFIED', message: 'attestation expired' },
    ],
    lastBenchmark: { at: '2026-11-28T09:00:00Z', tokensPerSecond: 2210.4, ttftMsP50: 140 },
  },
  // software versions
  {
    software: {
      b3iq: '0.4.2',
      vllm: '0.6.3.post1',
      torch: '2.5.1+cu124',
      cuda: '12.4',
      driver: '550.54.15',
      nccl: '2.21.5',
      python: '3.11.10',
      os: 'Ubuntu 22.04.5 LTS',
      kernel: '5.15.0-125-generic',
    },
    image: { ref: 'ghcr.io/b3iq/node:0.4.2', digest: 'sha256:' + SHA('5') },
  },
  // status with a public key and signature
  {
    signer: {
      publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE' + 'A'.repeat(60) + '\n-----END PUBLIC KEY-----',
      keyId: 'node-7f3a-2026-11',
      alg: 'ES256',
    },
    signature: 'MEUCIQ' + 'B'.repeat(60),
    signedAt: '2026-11-29T10:00:00Z',
  },
  // network stats
  { network: { nodes: 1234, onlineNodes: 1102, models: 48, requests24h: 91234567, tokens24h: 123456789012, regions: ['eu-central', 'us-east', 'ap-south'] } },
  // feature flags / booleans
  {
    features: {
      streaming: true,
      toolCalls: true,
      jsonMode: true,
      logprobs: false,
      prompt_caching: true,
      system_prompt: true,
      vision: false,
      userIdentification: false,
    },
  },
  // benchmark results
  {
    benchmark: {
      suite: 'b3iq-bench/1.2',
      model: 'llama-3.1-8b',
      inputTokens: 512,
      outputTokens: 128,
      concurrency: 32,
      results: { throughputTokS: 4210.5, latencyMs: { p50: 180, p90: 420, p99: 910 } },
      hardware: 'H100',
      freshness: 'fresh',
      observedAt: '2026-11-29T09:00:00Z',
    },
  },
  // license/docs links
  {
    links: [
      { rel: 'license', href: 'https://www.llama.com/llama3_1/license/' },
      { rel: 'docs', href: 'https://docs.b3iq.network/models/llama-3.1' },
      { rel: 'source', href: 'hf://meta-llama/Llama-3.1-8B-Instruct' },
    ],
  },
  // error budget and key rotation metadata (no secrets)
  {
    security: {
      apiKeyRequired: true,
      keyRotationDays: 90,
      tokenTtlSeconds: 3600,
      passwordPolicy: 'min12',
      mfa: 'totp',
      authScheme: 'bearer',
      lastRotatedAt: '2026-11-01T00:00:00Z',
    },
  },
  // tunnel readiness
  { tunnel: { provider: 'cloudflare', status: 'healthy', connections: 4, protocol: 'quic', version: '2024.11.1', since: '2026-11-29T08:00:00Z' } },
  // usage counters per model
  { usage: [{ model: 'llama-3.1-8b', requests: 9123, prompt_tokens: 1234567, completion_tokens: 234567, cached_tokens: 34567 }] },
  // input/output examples of shape not content
  { schema: { input: { type: 'object', properties: { messages: { type: 'array' } } }, output: { type: 'object' } } },
  // chat completion response shape without content
  {
    id: 'chatcmpl-abc123',
    object: 'chat.completion',
    created: 1732870800,
    model: 'llama-3.1-8b',
    system_fingerprint: 'fp_44709d6fcb',
    usage: { prompt_tokens: 9, completion_tokens: 12, total_tokens: 21 },
  },
];
