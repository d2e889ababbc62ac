// Red team 5's identity, route and encoding classes: private hosts in curl -v and HTTP dumps,
// capability tokens in URL paths, system paths that name a user or customer, people in e-mail
// headers and struct dumps, customer fields nested and in other formats, credentials in
// URL-encoded query strings and bodies, wrapped base64 blocks whose lines carry log prefixes,
// and tokens a terminal or `fold` wrapped (test/helpers/redact-redteam5.js).
import { b3iq, bodyOf, tok } from './redact-redteam2-classes.js';
import { wrapAt } from './redact-redteam5-secrets.js';

const USERS = ['margot.lee', 'dana', 'pkowalski', 'seanoneill', 'ingrid.l'];
const CUSTOMERS = ['acme-corp', 'fenwick_dairy', 'globex', 'initech', 'umbrella-health', 'wayne-ent'];
const COMPANIES = ['Fenwick Dairy Ltd', 'Acme Widgets GmbH', 'Globex Corporation', 'Umbrella Health Inc', 'Initrode Systems', 'Stark Logistics'];
const FIRST = ['Dana', 'Priya', 'Marek', 'Ingrid', 'Tomasz', 'Aoife'];
const LAST = ['Whitcombe', 'Raghunathan', 'Novak', 'Lindqvist', 'Kowalczyk', 'Fitzgerald'];

const privateIp = (g) =>
  g.pick([
    `10.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(2, 250)}`,
    `192.168.${g.int(0, 255)}.${g.int(2, 250)}`,
    `172.${g.int(16, 31)}.${g.int(0, 255)}.${g.int(2, 250)}`,
  ]);

export const IDENTITY_CLASSES = {
  'private-hosts-dumps': (g) => {
    const ip = privateIp(g);
    const port = String(g.int(1025, 9999));
    const path = g.pick(['/v1/owner/grants', '/internal/metrics', '/admin/keys', '/v1/chat/completions', '/debug/pprof/heap']);
    const lines = g.pick([
      () => [`*   Trying ${ip}:${port}...`, `* Connected to ${ip} (${ip}) port ${port} (#0)`, `> GET ${path} HTTP/1.1`, `> Host: ${ip}:${port}`],
      () => [
        `2026/11/30 06:12:01 [error] 811#811: *42 connect() failed (111: Connection refused) while connecting to upstream, upstream: "http://${ip}:${port}${path}"`,
      ],
      () => [`&http.Request{Method:"GET", Host:"${ip}:${port}", RequestURI:"${path}"}`],
      () => [`requests.exceptions.ConnectionError: HTTPConnectionPool(host='${ip}', port=${port}): Max retries exceeded with url: ${path}`],
      () => [`Get "http://${ip}:${port}${path}": dial tcp ${ip}:${port}: connect: connection refused`],
      () => [`proxy_pass http://${ip}:${port}${path};`],
      () => [`Host: ${ip}`],
      () => [`forwarding to ${ip} port ${port}`],
    ])();
    return { lines, secrets: [ip] };
  },
  'capability-paths': (g) => {
    const v = tok(g, g.int(24, 40));
    const l = g.pick([
      `"GET /reset-password/${v} HTTP/1.1" 200 512`,
      `POST /v1/support/grants/${v}/accept HTTP/1.1`,
      `GET /invite/${v} 302`,
      `redirect to https://node.example.com/owner/pair/${v}`,
      `GET /share/${v}/download HTTP/2.0`,
      `POST /api/webhooks/${g.int(100000000, 999999999)}/${v}`,
      `magic link https://app.example.com/auth/magic/${v} sent`,
      `GET /unsubscribe/${v}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'system-paths-people': (g) => {
    const u = g.pick(USERS);
    const c = g.pick(CUSTOMERS);
    const [name, p] = g.pick([
      [u, `/media/${u}/BACKUP/models`],
      [u, `/run/media/${u}/usb0`],
      [u, `/var/lib/AccountsService/users/${u}`],
      [u, `/var/tmp/${u}/scratch`],
      [c, `/var/log/b3iq/${c}/gateway.log`],
      [c, `/var/www/${c}/current`],
      [c, `/data/${c}/models/llama.gguf`],
      [c, `/backup/${c}/2026-11-29.tar.zst`],
      [c, `/var/backups/${c}-db.sql.gz`],
      [c, `/var/lib/docker/volumes/${c}_models/_data`],
      [c, `/nfs/${c}/share`],
      [c, `/usr/local/${c}/bin/sync`],
      [c, `/tmp/${c}-export.csv`],
      [c, `/var/cache/b3iq/${c}/kv`],
      [c, `D:\\Customers\\${c}\\config.json`],
      [c, `\\\\fileserver\\${c}\\share`],
    ]);
    const l = g.pick([
      `open ${p}: permission denied`,
      `rsync -a ${p} backup:/srv/`,
      `WorkingDirectory=${p}`,
      `  - ${p}:/models:ro`,
      `panic: read ${p}: input/output error`,
      `File "${p}", line 12, in <module>`,
      `path=${p} size=4096`,
    ]);
    return { lines: [l], secrets: [name] };
  },
  'mail-people': (g) => {
    const f = g.pick(FIRST);
    const last = g.pick(LAST);
    const name = `${f} ${last}`;
    const addr = `${f.toLowerCase()}.${last.toLowerCase()}@example.com`;
    const lines = g.pick([
      () => ['To: ops@example.com,', ` ${name} <${addr}>`],
      () => ['Cc: "Support" <support@example.net>,', `\t"${last}, ${f}" <${addr}>`],
      () => [`mail.Address{Name:"${name}", Address:"${addr}"}`],
      () => [`&mail.Address{Name:"${name}", Address:"${addr}"}`],
      () => [`Address(display_name='${name}', username='${addr.split('@')[0]}', domain='example.com')`],
      () => [`formataddr(('${name}', '${addr}'))`],
      () => [`{'From': '${name} <${addr}>', 'Subject': 'Invoice'}`],
      () => [`{"email":"${addr}","name":"${name}"}`],
      () => [`{"to":[{"email":"${addr}","name":"${name}"}]}`],
      () => [`"${name}",${addr},pro,2026-11-30`],
      () => [`X-Original-From: ${name} <${addr}>`],
      () => [`Disposition-Notification-To: ${name} <${addr}>`],
      () => [`sent invoice to ${name} <${addr}>`],
    ])();
    return { lines, secrets: [last, addr] };
  },
  'customer-fields-nested': (g) => {
    const v = g.pick(COMPANIES);
    const lines = g.pick([
      () => [`{"customer":{"id":"cus_${g.hex(12)}","name":"${v}"}}`],
      () => [`{"organization":{"name":"${v}","plan":"pro"}}`],
      () => [`{"org":{"display_name":"${v}","seats":5}}`],
      () => ['customer:', `  name: ${v}`, '  plan: pro'],
      () => [`Customer:{ID:42 Name:${v} Plan:pro}`],
      () => [`main.Account{CompanyName:"${v}", Seats:5}`],
      () => [`{'company': '${v}', 'seats': 5}`],
      () => ['customer,plan,seats', `"${v}",pro,5`],
      () => [`INSERT INTO customers (id, name, plan) VALUES (42, '${v}', 'pro');`],
      () => [`company=${v.replace(/ /g, '+')}&plan=pro`],
      () => [`GET /v1/usage?org=${encodeURIComponent(v)}&month=11 HTTP/1.1`],
      () => [`"tenantName":"${v}"`],
      () => [`"accountHolder": "${v}"`],
      () => [`customer_display_name="${v}" seats=5`],
      () => [`Customer { name: "${v}", plan: Pro }`],
    ])();
    return { lines, secrets: [v.split(' ')[0]] };
  },
  'url-encoded-bodies': (g) => {
    const pw = g.password(false);
    const k = g.pick(['password', 'client_secret', 'api_key', 'token', 'pwd', 'key', 'auth', 'refresh_token', 'passwd', 'secret']);
    const enc = encodeURIComponent;
    const l = g.pick([
      `> grant_type=password&username=ops&${k}=${pw}`,
      `curl -d 'client_id=node&${k}=${pw}' https://auth.example.com/token`,
      `GET /cb?q=${enc(JSON.stringify({ [k]: pw }))} HTTP/1.1`,
      `GET /cb?q=${enc(enc(JSON.stringify({ [k]: pw })))} HTTP/1.1`,
      `Referer: https://app.example.com/login?next=%2Fapi%3F${k}%3d${pw}`,
      `redirect=%2Fcb%23${k}%3D${pw}%26expires_in%3D3600`,
      `url=https%253A%252F%252Fapi.example.com%252Fv1%253F${k}%253D${pw}%2526x%253D1`,
      `body=${enc(`${k}=${pw}&x=1`)}`,
      `data=${enc(`{"${k}": "${pw}"}`)}`,
      `next=/login%3Fuser%3Dops%26${k}%3D${pw}`,
    ]);
    return { lines: [l], secrets: [pw] };
  },
  'wrapped-base64-prefixed': (g) => {
    const w = g.pick([64, 76]);
    const body = g.pick(['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'MHcCAQEEI', 'b3BlbnNzaC1rZXktdjEAAAAA', '']) + g.b64(w * g.int(3, 6) + g.int(0, w - 20));
    const rows = wrapAt(body, w);
    const head = g.pick([
      [],
      ['Content-Type: application/octet-stream; name="node.key"', 'Content-Transfer-Encoding: base64', ''],
      ['$ openssl base64 -in node.der'],
      ['-----BEGIN PRIVATE KEY-----'],
      ['  tls.key: |'],
    ]);
    const indent = head[0] === '  tls.key: |' ? '    ' : '';
    return { lines: [...head, ...rows.map((r) => indent + r)], secrets: rows.filter((r) => r.length >= 16) };
  },
  'token-wrapped-80': (g) => {
    const kind = g.pick(['b3iq', 'ghp', 'plain']);
    const t = kind === 'b3iq' ? b3iq(g) : kind === 'ghp' ? `ghp_${g.str('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 36)}` : tok(g, 48);
    const lead = g.pick([
      ...(kind === 'plain' ? [] : [`2026-11-30T06:${g.int(10, 59)}:${g.int(10, 59)}Z INFO b3iq_node::gateway: issued key `]),
      `ts=2026-11-30T06:12:01Z level=info msg="support grant" token=`,
      `{"level":"info","msg":"setup link","url":"https://node.example.com/setup#token=`,
      `export B3IQ_API_KEY=`,
      `Authorization: Bearer `,
    ]);
    // pad so that the terminal's cut falls inside the token, 8+ characters from either end
    const width = g.pick([80, 80, 100, 120]);
    const k = g.int(8, t.length - 8);
    const pad = g.str('abcdefghijklmnop ', (width * 2 - ((lead.length + k) % width)) % width);
    const line = pad + lead + t + g.pick(['', ' scope=chat', '"}']);
    const pieces = wrapAt(line, width);
    const at = line.indexOf(t);
    const cut = Math.ceil((at + 1) / width) * width;
    const tail = t.slice(cut - at);
    const head = t.slice(t.length - (t.startsWith('b3iq_') ? bodyOf(t) : t).length, cut - at);
    const secrets = [tail.slice(0, 40), head.slice(-12)].filter((x) => x.length >= 8);
    // the second half given its own log prefix (a program wrapped it before the collector)
    const prefixed = g.r() < 0.4;
    const lines = prefixed ? pieces.map((p, i) => (i === 0 ? p : `2026-11-30T06:12:0${i}Z ${p}`)) : pieces;
    return { lines, secrets, raw: true };
  },
};
