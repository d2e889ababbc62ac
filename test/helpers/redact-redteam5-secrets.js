// Red team 5's secret classes: wallet mnemonics without a key name, 64-hex keys in command
// contexts, secrets given to tools framed as audit records, sudo lines, argv arrays and process
// lists, cloudflared's own output, and b3iq's tokens in every framing (test/helpers/redact-redteam5.js).
import { b3iq, bodyOf } from './redact-redteam2-classes.js';

const quoteAll = (ws, q) => ws.map((w) => q + w + q).join(', ');

/** Words of the phrase that count as a leak when they survive (short words also occur in prose). */
const phraseSecrets = (w) => w.filter((x) => x.length >= 5);

/** Cut a line at a terminal's width: the pieces as lines. */
export function wrapAt(line, width) {
  const out = [];
  for (let i = 0; i < line.length; i += width) out.push(line.slice(i, i + width));
  return out;
}

/** A tool invocation as argv; `env` is a variable set before it in a shell (not part of argv). */
function toolCommand(g) {
  const pw = g.password();
  const u = g.user();
  return g.pick([
    () => ({ argv: ['docker', 'login', '-u', u, '-p', pw, g.host()], pw }),
    () => ({ argv: ['docker', 'login', g.host(), '--username', u, '--password', pw], pw }),
    () => ({ argv: ['aws', 'configure', 'set', 'aws_secret_access_key', pw], pw }),
    () => ({ argv: ['aws', 'configure', 'set', 'aws_secret_access_key', pw, '--profile', 'node'], pw }),
    () => ({ argv: ['mysql', '-h', 'db', '-uroot', `-p${pw}`, 'b3iq'], pw }),
    () => ({ argv: ['mysqldump', '--user=backup', `-p${pw}`, '--all-databases'], pw }),
    () => ({ argv: ['psql', '-h', 'db', '-U', 'app', 'b3iq'], env: `PGPASSWORD=${pw}`, pw }),
    () => ({ argv: ['redis-cli', '-h', 'cache', '-p', '6379', '-a', pw, 'INFO'], pw }),
    () => ({ argv: ['htpasswd', '-b', '-c', '/etc/nginx/.htpasswd', u, pw], pw }),
    () => ({ argv: ['htpasswd', '-Bbn', u, pw], pw }),
    () => ({ argv: ['sshpass', '-p', pw, 'ssh', `${u}@node-4`], pw }),
    () => ({ argv: ['git', 'clone', `https://${u}:${pw}@git.example.org/b3iq/node.git`], pw }),
    () => ({ argv: ['skopeo', 'copy', '--dest-creds', `${u}:${pw}`, 'docker://a', 'docker://b'], pw }),
  ])();
}

/** Shell-quote one argument only when it needs it. */
const shq = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`);

export const SECRET_CLASSES = {
  'mnemonic-unnamed': (g) => {
    const w = g.mnemonic(g.pick([12, 15, 18, 21, 24]));
    const s = w.join(' ');
    const lines = g.pick([
      () => [`restored node wallet from ${s}, balance 0`],
      () => [`user pasted "${s}" into the support form`],
      () => [`[${quoteAll(w, "'")}]`],
      () => [`[]string{${quoteAll(w, '"')}}`],
      () => [`vec![${quoteAll(w, '"')}]`],
      () => [`words: [${w.join(', ')}]`.slice(7)],
      () => [`wallet-${g.int(1, 9)},"${s}",${g.int(1700000000, 1800000000)}`],
      () => [`echo "${s}" | b3iq-wallet restore --stdin`],
      () => [`b3iq-wallet restore "${s}"`],
      () => [`Mnemonic('english').to_seed("${s}")`],
      () => [s.toUpperCase()],
      () => [`${s}.`],
      () => [`${w.slice(0, 6).join(' ')}`, `${w.slice(6).join(' ')}`],
      () => {
        const cut = s.lastIndexOf(' ', 70);
        return [`imported: ${s.slice(0, cut)}`, s.slice(cut + 1)];
      },
      () => [`Phrase ${w.length} words ok: ${s}`],
      () => [`(${quoteAll(w, '"')})`],
    ])();
    return { lines, secrets: phraseSecrets(w), words: true };
  },
  'mnemonic-terminal-wrap': (g) => {
    const w = g.mnemonic(g.pick([12, 15, 18, 24]));
    const line = `${g.pick(['$ b3iq-wallet restore ', 'root@node-3:~# echo ', '> ', 'seed '])}${w.join(' ')}`;
    const pieces = wrapAt(line, 80);
    // a word cut in two by the wrap survives only as halves: count the whole words
    const whole = w.filter((x) => pieces.some((p) => new RegExp(`\\b${x}\\b`).test(p)));
    return { lines: pieces, secrets: phraseSecrets(whole), words: true, raw: true };
  },
  'hex-key-commands': (g) => {
    const v = g.hex(64);
    const x = g.pick(['', '0x']) + v;
    const l = g.pick([
      `echo ${x} > /var/lib/b3iq/signer.key`,
      `echo -n ${x} > deployer.key`,
      `echo "${x}" | tee /run/secrets/wallet_key`,
      `echo -n ${v} | xxd -r -p > key.bin`,
      `cast wallet address ${x}`,
      `cast wallet address --private-key ${x}`,
      `cast send 0x${g.hex(40)} "ping()" --private-key ${x} --rpc-url $RPC`,
      `cast wallet import deployer --private-key ${x} --unsafe-password ''`,
      `forge create src/Vault.sol:Vault --private-key=${x} --broadcast`,
      `export PRIVATE_KEY=${x}`,
      `export DEPLOYER_PK="${x}"`,
      `PK=${x} node scripts/deploy.js`,
      `geth account import <(echo ${v})`,
      `Environment=SIGNER_KEY=${x}`,
      `docker run -e WALLET_PRIVATE_KEY=${x} b3iq/node:1.4`,
      `Account.from_key('${x}')`,
      `new ethers.Wallet("${x}", provider)`,
      `PrivateKeySigner::from_str("${x}")`,
      `web3.eth.account.from_key("${x}")`,
      `b3iq-wallet import ${x}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'tool-secrets-framed': (g) => {
    const c = toolCommand(g);
    const str = (c.env ? c.env + ' ' : '') + c.argv.map(shq).join(' ');
    const lines = g.pick([
      () => [str],
      () => [
        `type=EXECVE msg=audit(${g.int(1700000000, 1800000000)}.${g.int(100, 999)}:${g.int(100, 9999)}): argc=${c.argv.length} ${c.argv.map((a, i) => `a${i}="${a}"`).join(' ')}`,
      ],
      () => [`sudo:      ops : TTY=pts/${g.int(0, 4)} ; PWD=/srv/b3iq ; USER=root ; COMMAND=/usr/bin/${c.argv.join(' ')}`],
      () => [`root      ${g.int(100, 99999)}  0.0  0.1  12345  6789 pts/0    S+   06:12   0:00 ${c.argv.join(' ')}`],
      () => [`##[group]Run ${str}`],
      () => [JSON.stringify({ changed: true, cmd: c.argv, rc: 0 })],
      () => [JSON.stringify({ cmd: str, rc: 0, stderr: '' })],
      () => ['args:', ...c.argv.map((a) => `  - ${JSON.stringify(a)}`)],
      () => [`subprocess.run([${quoteAll(c.argv, "'")}], check=True)`],
      () => [`exec.Command(${quoteAll(c.argv, '"')})`],
      () => [`/proc/${g.int(100, 99999)}/cmdline: ${c.argv.join('\\x00')}`],
      () => [`Command: [${quoteAll(c.argv, '"')}]`],
      () => [`${g.int(100, 999)}  ${str}`],
    ])();
    return { lines, secrets: [c.pw] };
  },
  'stdin-misuse': (g) => {
    const pw = g.password();
    const v = g.pick([pw, `"${pw}"`, `'${pw}'`]);
    const l = g.pick([
      `echo ${v} | docker login -u ${g.user()} --password-stdin ${g.host()}`,
      `echo ${v} | docker login --username ${g.user()} --password-stdin`,
      `printf %s ${v} | podman login -u ${g.user()} --password-stdin ${g.host()}`,
      `echo ${v} | helm registry login ${g.host()} --username ${g.user()} --password-stdin`,
      `echo ${v} | oras login ${g.host()} -u ${g.user()} --password-stdin`,
      `echo ${v} | crane auth login ${g.host()} -u ${g.user()} --password-stdin`,
      `echo -n ${v} | gh auth login --with-token`,
      `echo ${v} | sudo -S systemctl restart b3iq-node`,
    ]);
    return { lines: [l], secrets: [pw] };
  },
  'cloudflared-own': (g) => {
    const id = g.uuid();
    const conn = g.uuid();
    const acct = g.hex(32);
    const sec = g.b64(43) + '=';
    const ip = `198.41.${g.int(192, 200)}.${g.int(1, 250)}`;
    const loc = g.pick(['ams01', 'fra08', 'lhr13', 'sjc05', 'cdg02']);
    const idx = g.int(0, 3);
    const t = `2026-11-30T0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)}Z`;
    const pick = g.pick([
      () => [[`${t} INF Registered tunnel connection connIndex=${idx} connection=${conn} event=0 ip=${ip} location=${loc} protocol=quic`], [conn]],
      () => [[`INF Registered tunnel connection connIndex=${idx} connection=${conn} event=0 ip=${ip} location=${loc} protocol=http2`], [conn]],
      () => [[`${t} INF Starting tunnel tunnelID=${id}`], [id]],
      () => [[`${t} INF Version 2024.11.1 (Checksum ${g.hex(64)})`, `${t} INF Generated Connector ID: ${conn}`], [conn]],
      () => [
        [`{"level":"info","connIndex":${idx},"connection":"${conn}","event":0,"ip":"${ip}","location":"${loc}","message":"Registered tunnel connection"}`],
        [conn],
      ],
      () => [[`{"level":"info","tunnelID":"${id}","message":"Starting tunnel"}`], [id]],
      () => [[`${t} DBG Updated connection connectorID=${conn} tunnelID=${id}`], [conn, id]],
      () => [
        ['{', `  "AccountTag": "${acct}",`, `  "TunnelSecret": "${sec}",`, `  "TunnelID": "${id}"`, '}'],
        [acct, sec, id],
      ],
      () => [[`{"AccountTag":"${acct}","TunnelSecret":"${sec}","TunnelID":"${id}","Endpoint":""}`], [acct, sec, id]],
      () => [
        [
          `tunnel: ${id}`,
          `credentials-file: /etc/cloudflared/${id}.json`,
          'ingress:',
          '  - hostname: node.example.com',
          '    service: http://localhost:8000',
          '  - service: http_status:404',
        ],
        [id],
      ],
      () => [[`NAME:     node-${g.int(1, 9)}`, `ID:       ${id}`, `CREATED:  ${t}`], [id]],
      () => [
        [
          'CONNECTOR ID                         CREATED              ARCHITECTURE VERSION   ORIGIN IP     EDGE',
          `${conn} ${t} linux_amd64  2024.11.1 203.0.113.${g.int(2, 250)} 2x${loc}, 2xfra08`,
        ],
        [conn],
      ],
      () => [[`${t} ERR Serve tunnel error error="context canceled" connIndex=${idx} connection=${conn} event=0 ip=${ip}`], [conn]],
      () => [[`${t} INF Retrying connection in up to 2s connIndex=${idx} connection=${conn} event=0 ip=${ip}`], [conn]],
      () => [[`${t} INF Tunnel ${id} is running (connector ${conn})`], [id, conn]],
      () => [[`cloudflared_tunnel_server_locations{connection_id="${idx}",edge_location="${loc}"} 1`, `# tunnel ${id}`], [id]],
    ])();
    return { lines: pick[0], secrets: pick[1], keep: pick[0][0].includes('connIndex=') ? [`connIndex=${idx}`] : [] };
  },
  'b3iq-framings': (g) => {
    const t = b3iq(g);
    const b = bodyOf(t);
    const l = g.pick([
      `> Authorization: Bearer ${t}`,
      `{'Authorization': 'Bearer ${t}', 'Accept': 'application/json'}`,
      `GET /v1/models?api_key=${t} HTTP/1.1`,
      `b'${t}'`,
      `ApiKey("${t}")`,
      `Token { value: "${t}", scopes: ["chat"] }`,
      `{Key:${t} Scopes:[chat]}`,
      `key_${g.int(1, 99)},${t},2026-11-30`,
      `  - ${t}`,
      `B3IQ_API_KEY=${t}`,
      `Environment="B3IQ_TOKEN=${t}"`,
      `token%3D${t}%26scope%3Dchat`,
      `%22${t}%22`,
      `"{\\"token\\":\\"${t}\\"}"`,
      `https://node.example.com/setup/${t}`,
      `X-B3IQ-KEY: ${t}`,
      `key=${t.toUpperCase()}`,
      `Authorization: Basic ${Buffer.from(`gw:${t}`).toString('base64')}`,
      `payload=${Buffer.from(t).toString('base64')}`,
      `auth="${t}"`,
    ]);
    const enc =
      l.startsWith('Authorization: Basic') || l.startsWith('payload=')
        ? [
            l
              .slice(l.lastIndexOf(' ') + 1)
              .replace('payload=', '')
              .slice(-24),
          ]
        : [];
    return { lines: [l], secrets: enc.length ? enc : l.startsWith('key=') ? [b.toUpperCase().slice(0, 20)] : [b.slice(0, 20), b.slice(-20)] };
  },
};
