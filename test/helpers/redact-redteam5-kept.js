// Red team 5's kept-diagnostics corpus: counters under token-ish keys, throughput figures,
// ports, component names, Unix users in sshd lines, error text, image digests, checksums,
// commit hashes, transaction hashes and request/trace ids — in the same collector layouts as
// the secret classes. Each case: { lines, keep } — every `keep` string must survive and no
// `[REDACTED:` marker may appear (pseudonyms of addresses are allowed).
const MODELS = ['llama-3.1-8b-instruct', 'qwen2.5-7b', 'mistral-7b-v0.3'];

export const KEPT_CLASSES = {
  'token-counters': (g) => {
    const n = String(g.int(1, 250000));
    const l = g.pick([
      `{"id":"chatcmpl-${g.hex(24)}","usage":{"prompt_tokens":${n},"completion_tokens":87,"total_tokens":${Number(n) + 87}}}`,
      `token_budget_per_minute: ${n}`,
      `max_tokens=${n} temperature=0.7 top_p=0.9`,
      `"max_completion_tokens": ${n}`,
      `tokens_per_minute_limit=${n}`,
      `rate_limit_tokens ${n}`,
      `TokenBudget { per_minute: ${n}, burst: 4096 }`,
      `{PromptTokens:${n} CompletionTokens:12}`,
      `usage(prompt_tokens=${n}, completion_tokens=12)`,
      `model,prompt_tokens,completion_tokens\n${g.pick(MODELS)},${n},87`,
      `secret_rotation_days: ${n}`,
      `password_min_length=${n}`,
      `api_keys_active=${n}`,
      `x-ratelimit-limit-tokens: ${n}`,
    ]);
    return { lines: l.split('\n'), keep: [n] };
  },
  throughput: (g) => {
    const x = `${g.int(1, 300)}.${g.int(0, 9)}`;
    const l = g.pick([
      `Avg prompt throughput: ${x} tokens/s, Avg generation throughput: 41.2 tokens/s, Running: 3 reqs, GPU KV cache usage: 12.4%`,
      `tokens/s ${x}`,
      `eval rate: ${x} tokens/s`,
      `generated 256 tokens in 6.21s (${x} tok/s)`,
      `throughput_tokens_per_s=${x}`,
    ]);
    return { lines: [l], keep: [x] };
  },
  'ports-components': (g) => {
    const port = String(g.int(1025, 65000));
    const l = g.pick([
      [`listening on 0.0.0.0:${port}`, [`:${port}`]],
      [`Listening on [::]:${port}`, [`:${port}`]],
      [`Uvicorn running on 0.0.0.0:${port} (Press CTRL+C to quit)`, [`:${port}`]],
      [`INFO vllm.engine.async_llm_engine: Started engine on port ${port}`, ['vllm.engine.async_llm_engine', port]],
      [`b3iq_node::gateway: bound 127.0.0.1:${port}`, ['b3iq_node::gateway', `:${port}`]],
      [`Error: connect ECONNREFUSED 127.0.0.1:${port}`, ['ECONNREFUSED', `:${port}`]],
      [`cloudflared: Starting metrics server on 127.0.0.1:${port}`, [`:${port}`]],
      [`context deadline exceeded while dialing port ${port}`, ['context deadline exceeded', port]],
    ]);
    return { lines: [l[0]], keep: l[1] };
  },
  'sshd-users': (g) => {
    const u = g.pick(['deploy', 'ubuntu', 'admin', 'git', 'backup', 'ops']);
    const port = String(g.int(1025, 65000));
    const l = g.pick([
      `sshd[${g.int(100, 9999)}]: Accepted publickey for ${u} from 203.0.113.${g.int(2, 250)} port ${port} ssh2`,
      `sshd[${g.int(100, 9999)}]: Failed password for invalid user ${u} from 198.51.100.${g.int(2, 250)} port ${port} ssh2`,
      `sshd[${g.int(100, 9999)}]: pam_unix(sshd:session): session opened for user ${u}(uid=1001) by (uid=0) port ${port}`,
      `sshd[${g.int(100, 9999)}]: Disconnected from user ${u} 203.0.113.7 port ${port}`,
    ]);
    return { lines: [l], keep: [u, port] };
  },
  'digests-hashes': (g) => {
    const h64 = g.hex(64);
    const h40 = g.hex(40);
    const l = g.pick([
      [`Digest: sha256:${h64}`, [h64]],
      [`image=ghcr.io/b3iq/node@sha256:${h64}`, [h64]],
      [`${h64}  ${g.pick(MODELS)}.Q4_K_M.gguf`, [h64]],
      [`"sha256": "${h64}"`, [h64]],
      [`checksum=${h64} file=model.safetensors`, [h64]],
      [`commit ${h40}`, [h40]],
      [`HEAD is now at ${h40.slice(0, 7)} gateway: retry on 502`, [h40.slice(0, 7)]],
      [`version=1.4.2 commit=${h40} built=2026-11-29`, [h40]],
      [`"git_sha":"${h40}"`, [h40]],
      [`transactionHash 0x${h64}`, [h64]],
      [`"blockHash":"0x${h64}"`, [h64]],
      [`Merge: ${h40.slice(0, 7)} ${h40.slice(7, 14)}`, [h40.slice(0, 7)]],
    ]);
    return { lines: [l[0]], keep: l[1] };
  },
  'request-ids': (g) => {
    const id = g.uuid();
    const t = g.hex(32);
    const l = g.pick([
      [`request_id=${id} status=200 duration_ms=41`, [id]],
      [`X-Request-Id: ${id}`, [id]],
      [`"trace_id":"${t}","span_id":"${t.slice(0, 16)}"`, [t]],
      [`traceparent: 00-${t}-${t.slice(0, 16)}-01`, [t]],
      [`{"level":"info","req_id":"${id}","msg":"completion done"}`, [id]],
      [`< x-request-id: ${id}`, [id]],
      [`job ${id} finished in 2.1s`, [id]],
    ]);
    return { lines: [l[0]], keep: l[1] };
  },
  'http-diagnostics': (g) => {
    const n = String(g.int(100, 99999));
    const l = g.pick([
      [`< HTTP/1.1 429 Too Many Requests`, ['429 Too Many Requests']],
      [`< content-length: ${n}`, [n]],
      [`> User-Agent: curl/8.5.0`, ['curl/8.5.0']],
      [`* Connected to api.example.com (93.184.216.34) port 443`, ['api.example.com', 'port 443']],
      [`GET /v1/models HTTP/1.1" 200 ${n}`, ['/v1/models', n]],
      [`error: token expired at 2026-11-30T06:00:00Z`, ['token expired at']],
      [`invalid api key format (expected b3iq_local_…)`, ['invalid api key format']],
    ]);
    return { lines: [l[0]], keep: l[1] };
  },
};
