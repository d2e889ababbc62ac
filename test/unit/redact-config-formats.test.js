// Recall on the credential files and logs that operators' support bundles hold: each sample
// carries a made-up secret, which must be gone (no 8-character piece of it left) while the
// diagnostics around it (hosts, ports, users, key names) stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';

const TOKEN = 'hWghE4g3843mRmfynYhyGvVf';
const PASS = 'ZqoxwcXcdnRcJfBH!x';
const AWS_SECRET = 'k2QCNFhvgesDkZrVQVXB89kC3ZHbZfWXaf5MyVWB';
const COOKIE = 'E8hSyY9Jj4VooZTDNZj3PYTbjeDbLFpd';
const KEY_ID = 'fac936684d40b976487d84f81ff51d4d4279fc7c';
const BODY1 = '8ETJTdrAXSQ88u8Y73oCjq2v4zCnWvPd5bXa6dTQPMq94RoiskDvfVpkwGxhPT5e';
const BODY2 = 'gmbWsBFFKToemyzFJYxqjo7coBF4woUNGkNnFDBtoprGoyWz2HmQJAdzt5fqwsaQ';
const b64 = (s) => Buffer.from(s).toString('base64');

/** Fails if any 8-character piece of `secret` survived in `out`. */
function assertGone(out, secret, name) {
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8);
    assert.ok(!out.includes(piece), `${name}: "${piece}" of the secret survived in:\n${out}`);
  }
}

/** @type {[name: string, text: string, secrets: string[], keeps: string[]][]} */
const CASES = [
  ['npmrc _authToken', `//registry.npmjs.org/:_authToken=${TOKEN}`, [TOKEN], ['registry.npmjs.org', '_authToken=']],
  ['npmrc _auth', `_auth=${b64(`alice:${PASS}`)}`, [b64(`alice:${PASS}`)], ['_auth=']],
  ['npmrc _password', `//npm.corp.example/:_password=${b64(PASS)}`, [b64(PASS)], ['_password=']],
  ['pypirc', `[pypi]\nusername = __token__\npassword = ${PASS}`, [PASS], ['[pypi]', 'password = ']],
  ['netrc on one line', `machine api.example.com login alice password ${PASS}`, [PASS], ['machine api.example.com', 'password ']],
  ['netrc on one line, default', `default login anonymous password ${PASS}`, [PASS], ['default login']],
  ['netrc across lines', `machine api.example.com\n  login alice\n  password ${PASS}`, [PASS], ['machine api.example.com', '  password ']],
  ['netrc passwd across lines', `machine ftp.example.org\n\tlogin bob\n\tpasswd ${PASS}\n`, [PASS], ['machine ftp.example.org', 'passwd']],
  ['git credential store', `https://alice:${TOKEN}@github.com`, [TOKEN], ['github.com']],
  [
    'docker config auth',
    `{\n  "auths": {\n    "registry.example.com": {\n      "auth": "${b64(`alice:${PASS}`)}"\n    }\n  }\n}`,
    [b64(`alice:${PASS}`)],
    ['"auths"', '"auth": "'],
  ],
  ['docker config identitytoken', `{"auths":{"x.azurecr.io":{"auth":"","identitytoken":"${TOKEN}"}}}`, [TOKEN], ['x.azurecr.io', '"identitytoken"']],
  [
    'aws credentials',
    `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${AWS_SECRET}\nregion = eu-west-1`,
    [AWS_SECRET],
    ['[default]', 'aws_secret_access_key = ', 'region = eu-west-1'],
  ],
  ['aws session token', `[profile ops]\naws_session_token = ${BODY1}${BODY2}`, [BODY1, BODY2], ['[profile ops]', 'aws_session_token = ']],
  [
    'gcp service account',
    JSON.stringify(
      {
        type: 'service_account',
        project_id: 'proj-1',
        private_key_id: KEY_ID,
        private_key: `-----BEGIN PRIVATE KEY-----\n${BODY1}\n${BODY2}\n-----END PRIVATE KEY-----\n`,
        client_email: 'sa@proj-1.iam.gserviceaccount.com',
      },
      null,
      2,
    ),
    [KEY_ID, BODY1, BODY2],
    ['"type": "service_account"', '"project_id": "proj-1"', '"private_key_id": "'],
  ],
  ['kubeconfig token', `users:\n- name: admin\n  user:\n    token: ${TOKEN}`, [TOKEN], ['users:', '    token: ']],
  [
    'kubeconfig key data',
    `users:\n- name: admin\n  user:\n    client-certificate-data: ${b64(BODY1 + BODY2)}\n    client-key-data: ${b64(BODY2 + BODY1)}`,
    [b64(BODY1 + BODY2), b64(BODY2 + BODY1)],
    ['client-key-data: '],
  ],
  ['kubeconfig password', `users:\n- name: admin\n  user:\n    username: admin\n    password: ${PASS}`, [PASS], ['    password: ']],
  ['ADO.NET connection string', `Server=db1;Database=app;User Id=sa;Password=${PASS};Encrypt=true`, [PASS], ['Server=db1;Database=app;', 'Encrypt=true']],
  ['ODBC connection string', `Driver={ODBC Driver 18};Server=db1;Uid=sa;Pwd=${PASS};`, [PASS], ['Server=db1;', 'Pwd=']],
  // (single-label hosts are internal service names: pseudonymised, their port and path kept)
  ['JDBC URL', `jdbc:postgresql://db1:5432/app?user=app&password=${PASS}&ssl=true`, [PASS], ['jdbc:postgresql://', ':5432/app', '&ssl=true']],
  ['Redis URL', `redis://:${PASS}@cache1:6379/0`, [PASS], [':6379/0']],
  ['AMQP URL', `amqp://guest:${PASS}@mq1:5672/vhost`, [PASS], [':5672/vhost']],
  ['Mongo URL', `mongodb+srv://app:${PASS}@cluster0.mongodb.net/db?retryWrites=true`, [PASS], ['cluster0.mongodb.net/db?retryWrites=true']],
  ['Authorization: Basic', `Authorization: Basic ${b64(`alice:${PASS}`)}`, [b64(`alice:${PASS}`)], ['Authorization: Basic ']],
  ['Proxy-Authorization', `Proxy-Authorization: Basic ${b64(`alice:${PASS}`)}`, [b64(`alice:${PASS}`)], ['Proxy-Authorization: ']],
  [
    'HAR Authorization header',
    `{"headers":[{"name":"Authorization","value":"Bearer ${TOKEN}"},{"name":"Accept","value":"application/json"}]}`,
    [TOKEN],
    ['"name":"Authorization"', '"value":"application/json"'],
  ],
  [
    'HAR Cookie header',
    `{"headers":[{"name":"Cookie","value":"sid=${COOKIE}; theme=dark"},{"name":"Host","value":"api.example.com"}]}`,
    [COOKIE],
    ['"name":"Cookie"', '"value":"api.example.com"'],
  ],
  [
    'HAR cookies array',
    `"cookies": [{"name": "session", "value": "${COOKIE}", "path": "/", "httpOnly": true}]`,
    [COOKIE],
    ['"name": "session"', '"path": "/"'],
  ],
  [
    'HAR cookies array, pretty',
    `        "cookies": [\n          {\n            "name": "JSESSIONID",\n            "value": "${COOKIE}"\n          }\n        ]`,
    [COOKIE],
    ['"name": "JSESSIONID"'],
  ],
  ['Set-Cookie', `Set-Cookie: session=${COOKIE}; Path=/; HttpOnly`, [COOKIE], ['Set-Cookie: ']],
  ['OpenSSH private key', `-----BEGIN OPENSSH PRIVATE KEY-----\n${BODY1}\n${BODY2}\n-----END OPENSSH PRIVATE KEY-----`, [BODY1, BODY2], []],
  [
    'PuTTY .ppk',
    `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20260101\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIHfL\nAAAAB3NzaC1yc2EAAAADAQAB\nPrivate-Lines: 2\n${BODY1}\n${BODY2.slice(0, 40)}\nPrivate-MAC: ${KEY_ID}${KEY_ID.slice(0, 24)}`,
    [BODY1, BODY2.slice(0, 40)],
    ['PuTTY-User-Key-File-3: ssh-ed25519', 'Encryption: none', 'Private-Lines: 2'],
  ],
  ['PGP private key', `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${BODY1}\n${BODY2}\n=Ab3d\n-----END PGP PRIVATE KEY BLOCK-----`, [BODY1, BODY2], []],
  ['.env with export', `export API_KEY=${TOKEN}\nexport DB_PASSWORD="${PASS}"\nexport PORT=8080`, [TOKEN, PASS], ['export API_KEY=', 'export PORT=8080']],
  ['systemd Environment', `Environment="API_KEY=${TOKEN}"`, [TOKEN], ['Environment="API_KEY=']],
  ['systemd Environment, several', `Environment="NODE_ENV=production" "SECRET_TOKEN=${TOKEN}"`, [TOKEN], ['NODE_ENV=production']],
  [
    'compose environment list',
    `services:\n  app:\n    environment:\n      - NODE_ENV=production\n      - API_KEY=${TOKEN}`,
    [TOKEN],
    ['- NODE_ENV=production', '- API_KEY='],
  ],
  ['compose environment map', `    environment:\n      API_KEY: ${TOKEN}\n      POSTGRES_PASSWORD: "${PASS}"`, [TOKEN, PASS], ['API_KEY: ']],
  ['Helm values', `postgresql:\n  auth:\n    username: app\n    password: ${PASS}`, [PASS], ['postgresql:', '    password: ']],
  [
    'Terraform state',
    JSON.stringify({ resources: [{ type: 'aws_db_instance', instances: [{ attributes: { username: 'admin', password: PASS, port: 5432 } }] }] }, null, 2),
    [PASS],
    ['"port": 5432', '"aws_db_instance"'],
  ],
  ['history: export', `  512  export TOKEN=${TOKEN}`, [TOKEN], ['  512  export TOKEN=']],
  ['history: curl header', `curl -H "X-Api-Key: ${TOKEN}" https://api.example.com/v1`, [TOKEN], ['https://api.example.com/v1']],
  ['history: mysql -p', `mysql -u root -p${PASS} -h db1 app`, [PASS], ['-h db1 app']],
  ['history: mysql -p quoted', `mysql -u root -p'${PASS}' app`, [PASS], ['mysql -u root -p', ' app']],
  ['history: sshpass -p quoted', `sshpass -p '${PASS}' ssh deploy@db1`, [PASS], ['sshpass -p ', 'ssh deploy@db1']],
  ['history: redis-cli -a', `redis-cli -a ${PASS} -h cache1 ping`, [PASS], ['-h cache1 ping']],
  ['history: ldapsearch -w', `ldapsearch -x -D "cn=admin,dc=example,dc=org" -w ${PASS} -H ldap://ldap1`, [PASS], ['-H ldap://']],
  [
    '/etc/shadow',
    `root:$6$rK8s2fQp$${BODY1}${BODY2.slice(0, 22)}:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::`,
    [BODY1, BODY2.slice(0, 22)],
    [':19000:0:99999:7:::', 'daemon:*:19000'],
  ],
  ['.htpasswd apr1', `alice:$apr1$Xy7kLm2P$${TOKEN}`, [TOKEN], ['alice:']],
  ['.htpasswd bcrypt', `bob:$2y$10$${BODY1.slice(0, 53)}`, [BODY1.slice(0, 53)], ['bob:']],
  ['.htpasswd SHA', `carol:{SHA}${b64(TOKEN).slice(0, 27)}=`, [b64(TOKEN).slice(0, 27)], ['carol:']],
  ['argon2 hash', `dave:$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$${BODY2.slice(0, 43)}`, [BODY2.slice(0, 43)], ['dave:']],
  ['cmdkey /pass:', `cmdkey /add:server1 /user:alice /pass:${PASS}`, [PASS], ['cmdkey /add:server1 /user:alice /pass:']],
  ['net use with a password', `net use \\\\server1\\share /user:corp\\alice ${PASS} /persistent:no`, [PASS], ['/user:corp\\alice ', ' /persistent:no']],
  ['net use prompting (*) stays', 'net use Z: \\\\server1\\share /user:corp\\alice *', [], ['/user:corp\\alice *']],
  ['history: psql URL', `psql "postgresql://app:${PASS}@db1/app"`, [PASS], ['/app']],
];

for (const [name, text, secrets, keeps] of CASES) {
  test(`config formats: ${name}`, () => {
    const out = redact(text).text;
    for (const s of secrets) assertGone(out, s, name);
    for (const k of keeps) assert.ok(out.includes(k), `${name}: lost "${k}" in:\n${out}`);
  });
}

test('config formats: sshd and sudo lines keep users, ports and PIDs', () => {
  const lines = [
    'Nov 29 10:01:02 node1 sshd[12345]: Accepted publickey for deploy from 10.0.0.5 port 52234 ssh2',
    'Nov 29 10:01:05 node1 sudo[2222]:  deploy : TTY=pts/0 ; USER=root ; COMMAND=/usr/bin/systemctl restart b3iq',
    'Nov 29 10:02:00 node1 sshd[12346]: Failed password for invalid user admin from 203.0.113.9 port 40022 ssh2',
    'Nov 29 10:02:01 node1 sshd[12346]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root',
  ];
  const out = redact(lines.join('\n')).text;
  for (const keep of [
    'sshd[12345]',
    'for deploy',
    'port 52234',
    'sudo[2222]',
    'USER=root',
    'Failed password for invalid user admin',
    'port 40022',
    'user=root',
  ]) {
    assert.ok(out.includes(keep), `lost "${keep}" in:\n${out}`);
  }
  assert.ok(!out.includes('REDACTED'), out);
});

test('config formats: prose about a password and harmless HAR pairs stay', () => {
  const text = [
    'Choose a strong',
    'password combination.',
    '{"name":"User-Agent","value":"curl/8.5.0"},{"name":"page","value":"2"}',
    '            "name": "Accept",',
    '            "value": "application/json"',
  ].join('\n');
  assert.equal(redact(text).text, text);
});

test('config formats: a .ppk public part and MAC line framing stay, the private lines go', () => {
  const out = redact(`Private-Lines: 1\n${BODY1}\nPrivate-MAC: 00`).text;
  assert.equal(out.split('\n')[0], 'Private-Lines: 1');
  assertGone(out, BODY1, 'ppk');
});
