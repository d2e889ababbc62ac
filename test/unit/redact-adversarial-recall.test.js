// Adversarial recall: secrets and identities in the layouts real logs give them, generated
// with random values from a fixed seed (test/helpers/redact-adversarial-gen.js: tool command
// lines, shell history and set -x traces, PowerShell, mnemonics in any list layout,
// cloudflared's own formats, system paths, e-mail headers, org fields, URL-encoded queries,
// wrapped base64, terminal-wrapped tokens), each behind journald/syslog/RFC 5424/CRI/JSON/
// logfmt prefixes; and counters under token-ish keys, which must survive. Then the classes
// as table-driven cases, and the cost of the new rules on 1 MiB lines.
// `node test/eval/tools/adversarial.mjs` lists every leak by class (B3IQ_FC_SEED=random here explores).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { CLASSES, generate, leaksOf } from '../helpers/redact-adversarial-gen.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;
const SEED = process.env.B3IQ_FC_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : 20261130;

for (const name of Object.keys(CLASSES)) {
  test(`generated ${name}: nothing leaks, counters stay (seed ${SEED})`, () => {
    const fails = [];
    for (const c of generate(SEED, 60, [name])) {
      const out = r(c.text);
      const { leaked, lost } = leaksOf(c, out);
      if (leaked.length > 0 || lost.length > 0) fails.push(`${JSON.stringify(c.text)}\n  -> ${JSON.stringify(out)}\n  leaked ${leaked} lost ${lost}`);
    }
    assert.deepEqual(fails.slice(0, 3), [], `${fails.length} of 60 cases failed`);
  });
}

const PW = 'Zq8xW1mN4kP7vR';
const TOK = 'T7kq2Lm9Xw4Rb8Nc3Vd6Hf1Jg5Ps0Qa';
/** [label, text, what must go, what must stay] */
const CASES = [
  ['htpasswd -b', `htpasswd -b /etc/nginx/.htpasswd admin ${PW}`, [PW], ['htpasswd -b', 'admin']],
  ['htpasswd -nb', `htpasswd -nb admin ${PW}`, [PW], ['admin']],
  ['htpasswd -bB', `htpasswd -bB auth admin '${PW}'`, [PW], []],
  ['htpasswd -bc', `htpasswd -bc .htpasswd admin ${PW}`, [PW], []],
  ['echo | docker login --password-stdin', `echo ${PW} | docker login -u ci --password-stdin ghcr.io`, [PW], ['--password-stdin']],
  ['echo "…" | docker login', `echo "${PW}" | docker login -u ci --password-stdin ghcr.io`, [PW], []],
  ["printf '%s' | …", `printf '%s' ${PW} | podman login --password-stdin quay.io`, [PW], ["printf '%s'"]],
  ['echo user:pass | chpasswd', `echo "root:${PW}" | chpasswd`, [PW], ['root:']],
  ['curl -u', `curl -u ci:${PW} https://nexus.example.com/`, [PW], []],
  ['curl --user', `curl --user ci:${PW} https://nexus.example.com/`, [PW], []],
  ['git clone https://user:token@', `git clone https://ci:${TOK}@github.com/acme/app.git`, [TOK], ['github.com/acme/app.git']],
  ['wget --password=', `wget --user=ci --password=${PW} https://x.example.com/f`, [PW], []],
  ['psql URL', `psql postgresql://app:${PW}@db.example.com/app`, [PW], []],
  ['PGPASSWORD=', `PGPASSWORD=${PW} psql -h db -U app`, [PW], []],
  ['mysql -uroot -pPASS', `mysql -uroot -p${PW} app`, [PW], ['-uroot']],
  ['openssl -passin pass:', `openssl rsa -in k.pem -passin pass:${PW}`, [PW], ['-passin pass:']],
  ['openssl -passout pass:', `openssl pkcs12 -export -passout pass:${PW} -out a.p12`, [PW], ['-out a.p12']],
  ['openssl -k', `openssl enc -aes-256-cbc -k ${PW} -in a -out b`, [PW], ['-in a -out b']],
  ['openssl -passin env: is kept', 'openssl rsa -in k.pem -passin env:KEY_PASS', [], ['env:KEY_PASS']],
  ['gpg --passphrase', `gpg --batch --passphrase ${PW} -d s.gpg`, [PW], ['-d s.gpg']],
  ['7z -pPASS', `7z a -p${PW} b.7z data`, [PW], ['b.7z data']],
  ['zip -P', `zip -P ${PW} -r b.zip data`, [PW], ['-r b.zip data']],
  ['unzip -P', `unzip -P ${PW} b.zip`, [PW], ['b.zip']],
  ['rar -hp', `rar a -hp${PW} b.rar data`, [PW], ['b.rar data']],
  ['keytool -storepass/-keypass', `keytool -genkeypair -keystore a.jks -storepass ${PW} -keypass ${TOK}`, [PW, TOK], ['-keystore a.jks']],
  ['az login -p', `az login -u ops@example.com -p ${PW}`, [PW], []],
  ['gcloud --password', `gcloud sql users set-password root --instance=db --password=${PW}`, [PW], ['--instance=db']],
  ['kubectl --from-literal', `kubectl create secret generic app --from-literal=foo=${PW}`, [PW], ['--from-literal=foo=']],
  ['helm --set password=', `helm upgrade app ./chart --set db.password=${PW},db.user=app`, [PW], ['db.user=app']],
  ['docker run -e', `docker run -e POSTGRES_PASSWORD=${PW} postgres`, [PW], ['postgres']],
  ['vault login TOKEN', `vault login ${TOK}`, [TOK], ['vault login']],
  ['vault kv put password=', `vault kv put secret/app password=${PW}`, [PW], ['secret/app']],
  ['vault secret_id=', `vault write auth/approle/login role_id=r1 secret_id=${PW}`, [PW], ['role_id=r1']],
  ['npm _authToken', `npm config set //registry.npmjs.org/:_authToken ${TOK}`, [TOK], []],
  ['pip --index-url', `pip install --index-url https://ci:${PW}@pypi.example.com/simple pkg`, [PW], []],
  ['sshpass -p', `sshpass -p ${PW} ssh host`, [PW], []],
  ['SSHPASS=', `SSHPASS=${PW} sshpass -e ssh host`, [PW], []],
  ['--token', `kubectl --token ${TOK} get pods`, [TOK], ['get pods']],
  ['-t TOKEN', `doctl auth init -t ${TOK}`, [TOK], []],
  ['export', `export API_KEY=${TOK}`, [TOK], []],
  ['set -x trace', `+ curl -H 'Authorization: Bearer ${TOK}' https://api.example.com`, [TOK], []],
  ['zsh history', `: 1700000000:0;mysql -uroot -p${PW}`, [PW], [': 1700000000:0;']],
  ['ConvertTo-SecureString', `$pw = ConvertTo-SecureString 'P@ss${PW}' -AsPlainText -Force`, [PW], ['-AsPlainText']],
  ['$env:', `$env:GITHUB_TOKEN = '${TOK}'`, [TOK], []],
  ['Windows set', `set API_TOKEN=${TOK}`, [TOK], []],
  ['setx', `setx API_TOKEN ${TOK}`, [TOK], []],
  ['aws configure set … --profile', `aws --profile prod configure set aws_session_token ${TOK}`, [TOK], []],
  ['echo HEX > file', `echo ${'a1b2c3d4'.repeat(4)} > /etc/app/node.key`, ['a1b2c3d4'.repeat(4)], []],
  ['echo hello > file is kept', 'echo hello > /tmp/out.txt', [], ['echo hello']],
  ['mail: From behind a log prefix', 'Nov 30 01:02:03 mx postfix[9]: From: Dana Whitcombe <dana@example.com>', ['Whitcombe'], ['postfix[9]']],
  ['mail: a list of names', 'To: ops@example.com, "Whitcombe, Dana" <dana@example.com>, Bo Lind <bo@example.com>', ['Whitcombe', 'Lind'], ['To: ']],
  ['mail: JSON address object', '{"from":{"name":"Dana Whitcombe","address":"dana@example.com"}}', ['Whitcombe'], ['"address"']],
  ['org fields', '{"org":"Fenwick Dairy","account_name":"Globex","billingName":"Initech"}', ['Fenwick', 'Globex', 'Initech'], ['"org"']],
  ['Azure SAS sig=', 'GET /c/blob?sv=2022-11-02&sig=Xk9mQ2vL8wR4tN7pZ3bH6jF1cD5sA0eG%3D&se=2026', ['Xk9mQ2vL8wR4tN7pZ3bH6jF1cD5sA0eG'], ['sv=2022-11-02']],
  ['cloudflared tunnel run <uuid>', 'cloudflared tunnel run 6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', ['6f1b2c3d-4e5f'], ['tunnel run']],
  ['cloudflared list row', '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d node-7 2026-11-20T10:11:12Z 2xams01, 2xfra08', ['6f1b2c3d-4e5f'], ['2xams01']],
  [
    'cloudflared AccountTag',
    '{"AccountTag":"0123456789abcdef0123456789abcdef","TunnelID":"6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}',
    ['0123456789abcdef0123456789abcdef', '6f1b2c3d'],
    [],
  ],
  ['system path naming a customer', 'open /srv/acme-corp/data/state.db: permission denied', ['acme-corp'], ['permission denied']],
  ['C:\\ProgramData', 'loading C:\\ProgramData\\acme-corp\\b3iq\\node.key', ['acme-corp'], ['loading ']],
  [
    'well-known system paths stay',
    'no network config found in /etc/cni/net.d and /var/lib/nova/instances/_base',
    [],
    ['/etc/cni/net.d', '/var/lib/nova/instances/_base'],
  ],
  ['here-string into a login', `docker login -u ci --password-stdin ghcr.io <<< "${PW}"`, [PW], ['--password-stdin']],
  ['here-string into smbpasswd', `smbpasswd -a ops <<< ${PW}`, [PW], ['smbpasswd -a ops']],
  ['<<<< in prose stays', '[22:32:34.846] <<<< Boss >>>> figPlaybackBossPrerollCompleted', [], ['<<<< Boss >>>>']],
  ['ssh-keygen -N', `ssh-keygen -t ed25519 -N '${PW}' -f key`, [PW], ['-f key']],
  ['rabbitmqctl add_user', `rabbitmqctl add_user admin ${PW}`, [PW], ['add_user admin']],
  ['openssl passwd', `useradd -p $(openssl passwd -1 ${PW}) ops`, [PW], ['ops']],
  ['key file by process substitution', `cryptsetup luksOpen /dev/sda1 x --key-file <(echo ${PW})`, [PW], ['--key-file']],
  ['SQL WITH PASSWORD', `psql -c "ALTER USER app WITH PASSWORD '${PW}'"`, [PW], ['ALTER USER app']],
  ['SQL IDENTIFIED BY', `CREATE USER 'app'@'%' IDENTIFIED BY '${PW}';`, [PW], ['CREATE USER']],
  ['az keyvault --value', `az keyvault secret set --vault-name v --name db --value ${PW}`, [PW], ['--name db']],
  ['aws ssm --value', `aws ssm put-parameter --name /db --value ${PW} --type SecureString`, [PW], ['--type SecureString']],
  ['gh secret set --body', `gh secret set API_KEY --body ${TOK}`, [TOK], ['API_KEY']],
  ['rclone secret_access_key', `rclone config create s3 s3 secret_access_key ${TOK}`, [TOK], []],
  ['net use with a drive letter', `net use Z: \\\\srv\\share ${PW} /user:CORP\\ops`, [PW], []],
  [
    'counters survive',
    '{"prompt_tokens":213,"completion_tokens":87} token_budget_per_minute: 250000 max_tokens=512 tokens_per_second 41.2',
    [],
    ['213', '250000', '512', '41.2'],
  ],
];

for (const [label, text, gone, kept] of CASES) {
  test(`recall: ${label}`, () => {
    const layouts = [text, `2026-11-30T01:02:03.123Z stdout F ${text}`, JSON.stringify({ level: 'info', msg: text })];
    layouts.forEach((layout, i) => {
      const out = r(layout);
      for (const g of gone) assert.ok(!out.includes(g), `${label}: ${g} survived in ${out}`);
      // inside a JSON log's string the kept text is escaped as JSON escapes it
      for (const k of kept) assert.ok(out.includes(i === 2 ? JSON.stringify(k).slice(1, -1) : k), `${label}: ${k} lost in ${out}`);
    });
  });
}

test('recall: a mnemonic over several lines (rows, a numbered grid, behind a log prefix)', () => {
  const words = 'legal winner thank year wave sausage worth useful legal winner thank yellow'.split(' ');
  const rows = [words.slice(0, 6).join(' '), words.slice(6).join(' ')];
  const grid = [0, 3, 6, 9].map((i) =>
    words
      .slice(i, i + 3)
      .map((w, k) => `${i + k + 1}. ${w}`)
      .join('\t'),
  );
  for (const lines of [rows, grid, grid.map((l) => `Nov 30 01:02:03 node-1 app[7]: ${l}`)]) {
    const out = r(lines.join('\n'));
    for (const w of ['sausage', 'worth', 'useful', 'yellow']) assert.ok(!out.includes(w), `${w} survived:\n${out}`);
  }
});

test('recall: a base64 block with no key, each line behind a log prefix, its last line too', () => {
  const body = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256)).toString('base64');
  const lines = body.match(/.{1,76}/g).map((l) => `2026-11-30T01:02:03.123Z stdout F ${l}`);
  const out = r(lines.join('\n'));
  for (const l of body.match(/.{1,76}/g)) assert.ok(!out.includes(l), `${l} survived:\n${out}`);
});

test('cost: each new rule on a 1 MiB adversarial line (generous bound for a loaded machine)', () => {
  const MB = 1 << 20;
  const fill = (u) => u.repeat(Math.ceil(MB / u.length)).slice(0, MB - 16);
  for (const unit of [
    'echo Abc123xyz999 | ',
    'htpasswd -b f u p ',
    'kubectl --from-literal=a=b,',
    'abandon - 1. ',
    'abandon\\"',
    'From: a b <c>, ',
    '/etc/a/b/c/d',
    'cloudflared 0123abcd-0123-0123-0123-',
    '"x" -AsPlainText ',
  ]) {
    const t = performance.now();
    redact(fill(unit), OPTS);
    const ms = performance.now() - t;
    assert.ok(ms < 3000, `${JSON.stringify(unit)} x 1 MiB took ${ms.toFixed(0)} ms`);
  }
});
