// The adversarial generator's log classes: secrets and identities in log, config and data
// lines (test/helpers/redact-adversarial-gen.js).
import { ALNUM, LO, PREFIXES } from './redact-adversarial-gen.js';

/** Each class: (g) => { line | lines, secrets, keep?, raw?, perLinePrefix? }. */
export const LOG_CLASSES = {
  'url-encoded': (g) => {
    const tok = g.token();
    const k = g.pick(['api_key', 'apikey', 'token', 'access_token', 'key', 'password', 'secret', 'auth', 'sig', 'client_secret']);
    const enc = (s) => encodeURIComponent(s);
    const inner = `https://api.example.com/cb?${k}=${tok}&x=1`;
    const l = g.pick([
      `GET /proxy?url=${enc(inner)} HTTP/1.1 200`,
      `GET /proxy?url=${enc(enc(inner))} HTTP/1.1 200`,
      `redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3F${k}%3D${tok}%26state%3Dabc`,
      `"GET /v1/data?${k}=${tok}&page=2 HTTP/1.1" 200 512`,
      `next=%2Flogin%3F${k}%3D${tok}`,
      `q=${enc(`${k}=${tok}`)}`,
      `location: /auth?${k}%3D${tok}%26a%3Db`,
      `url=https%253A%252F%252Fx.example.com%252F%253F${k}%253D${tok}`,
    ]);
    return { line: l, secrets: [tok] };
  },
  'wrapped-base64': (g) => {
    const w = g.pick([64, 76]);
    const n = g.int(3, 8);
    const body = g.pick(['MII', '/u3+7QAAAAIAAAAB', 'LS0tLS1CRUdJTi', 'AAAAB3NzaC1yc2E', '']) + g.b64(w * n);
    const lines = [];
    for (let i = 0; i < body.length; i += w) lines.push(body.slice(i, i + w));
    const head = g.pick([[], [], [`$ base64 -w${w} keystore.jks`], ['    client-key-data: |'], ['  "value": "']]);
    // every full line must be gone; the last (short) one too when 16+ characters
    return { lines: [...head, ...lines], secrets: lines.filter((x) => x.length >= 16), perLinePrefix: head.length === 0 };
  },
  mnemonic: (g) => {
    const ws = g.mnemonic();
    const cas = g.pick([(w) => w, (w) => w.toUpperCase(), (w) => w[0].toUpperCase() + w.slice(1)]);
    const w = ws.map(cas);
    const layout = g.pick([
      () => [`my backup words are ${w.join(' ')} keep safe`],
      () => [`"${w.join(' ')}"`],
      () => [`'${w.join(' ')}'`],
      () => [w.join(', ')],
      () => [w.join(',')],
      () => [w.map((x, i) => `${i + 1}. ${x}`).join(' ')],
      () => [w.map((x, i) => `${i + 1}) ${x}`).join('  ')],
      () => [w.map((x, i) => `${i + 1}.${x}`).join(' ')],
      () => [w.map((x, i) => `${i + 1}-${x}`).join(' ')],
      () => [JSON.stringify(w)],
      () => [JSON.stringify({ words: w })],
      () => w,
      () => w.map((x, i) => `${i + 1}. ${x}`),
      () => w.map((x, i) => `${i + 1}: ${x}`),
      () => w.map((x) => `- ${x}`),
      () => {
        const rows = [];
        for (let i = 0; i < w.length; i += 3)
          rows.push(
            w
              .slice(i, i + 3)
              .map((x, k) => `${i + k + 1}. ${x}`)
              .join('\t'),
          );
        return rows;
      },
      () => {
        const rows = [];
        for (let i = 0; i < w.length; i += 6) rows.push(w.slice(i, i + 6).join(' '));
        return rows;
      },
      () => [w.join(' - ')],
      () => [w.join(' | ')],
      () => [w.join('\t')],
    ])();
    return { lines: layout, secrets: w.filter((x) => x.length >= 5).map((x) => `${x}`), words: true, perLinePrefix: layout.length > 1 };
  },
  cloudflared: (g) => {
    const id = g.uuid();
    const ip = `198.41.${g.int(192, 200)}.${g.int(1, 250)}`;
    const loc = g.pick(['ams01', 'fra08', 'lhr13', 'sjc05']);
    const t = g.ts();
    const l = g.pick([
      `${t} INF Registered tunnel connection connIndex=${g.int(0, 3)} connection=${id} event=0 ip=${ip} location=${loc} protocol=quic`,
      `${t} INF Starting tunnel tunnelID=${id}`,
      `${t} INF Generated Connector ID: ${id}`,
      `${t} INF Connection ${id} registered with protocol: quic connIndex=0 ip=${ip} location=${loc}`,
      `${t} INF Unregistered tunnel connection connIndex=1 event=0 ip=${ip}`.replace('ip=', `connection=${id} ip=`),
      `${t} ERR Failed to serve tunnel connection error="control stream encountered a failure" connIndex=0 connection=${id} event=0 ip=${ip}`,
      `{"level":"info","connIndex":0,"connection":"${id}","event":0,"ip":"${ip}","location":"${loc}","protocol":"quic","time":"${t}","message":"Registered tunnel connection"}`,
      `{"level":"info","tunnelID":"${id}","time":"${t}","message":"Starting tunnel"}`,
      `tunnel: ${id}`,
      `credentials-file: /root/.cloudflared/${id}.json`,
      `credentials-file: /etc/cloudflared/${id}.json`,
      `{"AccountTag":"${g.hex(32)}","TunnelSecret":"${g.b64(43)}=","TunnelID":"${id}"}`,
      `Tunnel credentials written to /home/ops/.cloudflared/${id}.json. cloudflared chose this file based on where your origin certificate was found.`,
      `Created tunnel node-7 with id ${id}`,
      `cloudflared tunnel route dns ${id} app.example.com`,
      `cloudflared tunnel run ${id}`,
      `cloudflared tunnel info ${id}`,
      `${id} node-7 2026-11-20T10:11:12Z 2xams01, 2xfra08`,
      `${t} INF Updated to new configuration config="{\\"ingress\\":[{\\"service\\":\\"http://localhost:8000\\"}]}" version=3 tunnelID=${id}`,
      `${t} DBG tunnelID=${id} connectorID=${g.uuid()} msg="heartbeat"`,
      `ExecStart=/usr/bin/cloudflared --no-autoupdate tunnel run ${id}`,
    ]);
    const ids = [...new Set(l.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))];
    const extra = [
      ...(l.match(/"AccountTag":"([0-9a-f]+)"/) ? [l.match(/"AccountTag":"([0-9a-f]+)"/)[1]] : []),
      ...(l.match(/"TunnelSecret":"([^"]+)"/) ? [l.match(/"TunnelSecret":"([^"]+)"/)[1]] : []),
    ];
    return { line: l, secrets: [...ids, ...extra] };
  },
  'private-routes': (g) => {
    const seg = g.pick(['admin', 'internal', 'v1/models', 'metrics', 'owner/setup', 'debug/pprof']);
    const h = g.pick([
      `10.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(2, 250)}:${g.int(1024, 9999)}`,
      `192.168.${g.int(0, 255)}.${g.int(2, 250)}`,
      `172.${g.int(16, 31)}.${g.int(0, 255)}.${g.int(2, 250)}:8000`,
      `node-${g.int(1, 9)}.internal:${g.int(1024, 9999)}`,
      `[fd00::${g.int(1, 99)}]:8080`,
    ]);
    const l = g.pick([
      `proxying request to http://${h}/${seg}`,
      `upstream="http://${h}/${seg}" status=502`,
      `{"upstream":"http://${h}/${seg}","status":200}`,
      `GET http://${h}/${seg}?limit=10 -> 200`,
    ]);
    return { line: l, secrets: [h.replace(/:\d+$/, '')] };
  },
  'system-paths': (g) => {
    const n = g.pick(['acme-corp', 'fenwick_dairy', 'globex', 'initech']);
    const p = g.pick([
      `/etc/b3iq/customers/${n}/grant.json`,
      `/var/lib/b3iq/${n}/state.db`,
      `/opt/${n}/models/llama.gguf`,
      `/srv/${n}/data`,
      `/mnt/${n}-backup/2026-11-29.tar`,
      `C:\\Users\\${n}\\AppData\\Roaming\\b3iq\\config.json`,
      `C:\\ProgramData\\${n}\\b3iq\\node.key`,
      `C:\\\\ProgramData\\\\${n}\\\\logs`,
    ]);
    const l = g.pick([`loading ${p}`, `open ${p}: permission denied`, `{"path":"${p}"}`, `path=${p} size=4096`]);
    return { line: l, secrets: [n] };
  },
  'mail-headers': (g) => {
    const first = g.pick(['Dana', 'Priya', 'Olúwaseun', 'Marek', 'Ingrid', 'Seán']);
    const last = g.pick(['Whitcombe', 'Raghunathan', 'Adeyemi', 'Novák', "O'Neill", 'Lindqvist']);
    const name = `${first} ${last}`;
    const addr = `${first
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}@example.com`;
    const hdr = g.pick(['From', 'To', 'Cc', 'Reply-To', 'from', 'TO', 'Bcc', 'Sender']);
    const l = g.pick([
      `${hdr}: ${name} <${addr}>`,
      `${hdr}: "${name}" <${addr}>`,
      `${hdr}: "${last}, ${first}" <${addr}>`,
      `${hdr}: ops@example.com, ${name} <${addr}>`,
      `${hdr}: Support <support@example.net>, "${name}" <${addr}>`,
      `> ${hdr}: ${name} <${addr}>`,
      `smtp: ${hdr}: ${name} <${addr}>`,
      `{"${hdr.toLowerCase()}":"${name} <${addr}>"}`,
      `{"from":{"name":"${name}","address":"${addr}"}}`,
      `${hdr}: =?UTF-8?Q?${first}?= ${last} <${addr}>`,
    ]);
    return { line: l, secrets: [last, addr] };
  },
  'customer-json': (g) => {
    const v = g.pick(['Fenwick Dairy Ltd', 'Acme Widgets GmbH', 'Globex Corporation', 'Umbrella Health Inc', 'Initrode']);
    const k = g.pick([
      'customer',
      'customerName',
      'customer_name',
      'org',
      'organization',
      'company',
      'companyName',
      'account_name',
      'accountName',
      'billing_name',
      'billingName',
      'tenant',
      'client_name',
      'orgName',
      'legal_name',
      'business_name',
    ]);
    const l = g.pick([
      `{"${k}":"${v}","plan":"pro"}`,
      `{"event":"invoice.paid","data":{"${k}": "${v}"}}`,
      `${k}="${v}" plan=pro`,
      `${k}: ${v}`,
      `'${k}': '${v}',`,
      `<${k}>${v}</${k}>`,
    ]);
    return { line: l, secrets: [v.split(' ')[0]] };
  },
  'terminal-wrap': (g) => {
    const tok = g.pick([g.token() + g.token(), g.b64(60), `sk-proj-${g.str(ALNUM, 48)}`, `ghp_${g.str(ALNUM, 36)}`]);
    const l = g.pick([
      `Authorization: Bearer ${tok}`,
      `export API_TOKEN=${tok}`,
      `curl -H "X-Api-Key: ${tok}" https://api.example.com`,
      `token=${tok} user=ops`,
      `password=${tok}`,
      `{"api_key":"${tok}"}`,
    ]);
    const pre = g.pick(PREFIXES)(g);
    const full = pre + g.str(LO + ' ', g.int(0, 20)) + ' ' + l;
    const width = g.pick([80, 100, 120]);
    const at = full.indexOf(tok);
    // cut inside the token, at the terminal's width (pad the line so the cut lands in the token)
    const padded = at + 8 > width ? full : ' '.repeat(width - at - 8) + full;
    const cut = Math.max(padded.indexOf(tok) + 6, Math.min(width, padded.indexOf(tok) + tok.length - 6));
    const lines = [padded.slice(0, cut), padded.slice(cut)];
    const a = tok.slice(0, cut - padded.indexOf(tok));
    const b = tok.slice(cut - padded.indexOf(tok));
    return { lines, secrets: [a, b].filter((x) => x.length >= 6), raw: true };
  },
  counters: (g) => {
    const n = String(g.int(10, 250000));
    const l = g.pick([
      `{"prompt_tokens":${n},"completion_tokens":87,"total_tokens":300}`,
      `"usage": {"prompt_tokens": ${n}, "completion_tokens": 12}`,
      `token_budget_per_minute: ${n}`,
      `max_tokens=${n} temperature=0.7`,
      `tokens_per_second ${n}.2`,
      `max_new_tokens: ${n}`,
      `num_tokens=${n}`,
      `"maxTokens":${n}`,
      `x-ratelimit-remaining-tokens: ${n}`,
      `token_count ${n}`,
      `--max-tokens ${n}`,
      `secret_count=${n}`,
      `password_min_length: ${n}`,
      `key_count=${n} keys_rotated=2`,
      `token_limit=${n}`,
      `INFO tokens=${n} elapsed=1.2s`,
      `"cached_tokens":${n}`,
      `sessions_active=${n}`,
    ]);
    return { line: l, secrets: [], keep: [n] };
  },
};
