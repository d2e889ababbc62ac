// Red team 6's kept-diagnostics corpus: what must survive the sixth red team's rules in the
// same framings — ports, components, request ids, token counts, model names, commit and image
// hashes, durations — and the near misses of each new rule family (`AUTH OK`, `net user NAME
// /delete`, a registry value that names no secret, error text without a value, a CSV or HTML
// record without a secret, a chat turn naming models, a reset link's timestamp). Each case:
// { lines, keep }: every `keep` string must survive and no `[REDACTED:` marker may appear.
const MODELS = ['llama-3.1-8b-instruct', 'Qwen2.5-7B-Instruct', 'mistral-7b-v0.3', 'Meta-Llama-3.1-70B-Instruct', 'DeepSeek-R1-Distill-Qwen-7B'];

export const KEPT_CLASSES = {
  'inference-diagnostics': (g) => {
    const n = String(g.int(1, 250000));
    const m = g.pick(MODELS);
    const id = `chatcmpl-${g.hex(24)}`;
    const ms = `${g.int(1, 9999)}ms`;
    const l = g.pick([
      [`{"id":"${id}","model":"${m}","usage":{"prompt_tokens":${n},"completion_tokens":87}}`, [id, m, n]],
      [`"_time","model","prompt_tokens"\n"2026-11-30T06:12:01Z","${m}",${n}`, [m, n]],
      [`2026-11-30,b3iq-gateway,INFO,"{""model"":""${m}"",""prompt_tokens"":${n},""latency"":""${ms}""}"`, [m, n, ms]],
      [`INFO 11-30 06:12:01 metrics.py:351] Avg prompt throughput: ${n}.0 tokens/s, model=${m}, took ${ms}`, [n, m, ms]],
      [`user> compare ${m} with mistral-7b-v0.3 on ${n} tokens`, [m, n]],
      [`>>> import b3iq; b3iq.load("${m}")`, [m]],
      [`[user]: request ${id} took ${ms}`, [id, ms]],
      [`&lt;model&gt;${m}&lt;/model&gt; tokens=${n}`, [m, n]],
      [`{"url":"/v1/models?limit=20\\u0026model=${m}","duration":"${ms}"}`, [m, ms]],
    ]);
    return { lines: l[0].split('\n'), keep: l[1] };
  },
  'ops-near-misses': (g) => {
    const port = String(g.int(1025, 65000));
    const h40 = g.hex(40);
    const h64 = g.hex(64);
    const u = g.pick(['svc-b3iq', 'backup', 'deploy']);
    const l = g.pick([
      [`127.0.0.1:${port}> AUTH OK`, [`:${port}`]],
      [`postfix/smtpd[${g.int(100, 9999)}]: AUTH PLAIN accepted on port ${port}`, ['AUTH PLAIN', port]],
      [`net user ${u} /delete`, [u]],
      [`schtasks /run /tn "B3IQ Backup"`, ['B3IQ Backup']],
      [`    Version    REG_SZ    1.4.${g.int(0, 9)}`, ['REG_SZ']],
      [`ALTER USER ${u} PASSWORD EXPIRE;`, [u, 'PASSWORD EXPIRE']],
      [`INSERT INTO audit (actor, action, commit) VALUES ('${u}', 'deploy', '${h40}');`, [u, h40]],
      [`error: invalid token format (expected b3iq_local_…) on port ${port}`, ['invalid token format', port]],
      [`error: token expired at 2026-11-30T06:00:00Z`, ['token expired at 2026-11-30T06:00:00Z']],
      [`login as ${u} from 10.0.0.${g.int(2, 250)} port ${port} took ${g.int(1, 900)}ms`, [u, port]],
      [`GET /reset?t=${g.int(1700000000, 1800000000)} HTTP/1.1" 200`, ['/reset?t=']],
      [`GET /v1/models?k=${g.int(1, 50)}&sort=asc HTTP/1.1`, ['/v1/models']],
      [`Digest: sha256:${h64}`, [h64]],
      [`image=ghcr.io/b3iq/node@sha256:${h64} commit=${h40}`, [h64, h40]],
      [`"C:\\Program Files\\b3iq\\node.exe" --port ${port}`, [port]],
    ]);
    return { lines: [l[0]], keep: l[1] };
  },
};
