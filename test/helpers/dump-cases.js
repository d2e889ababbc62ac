// Credential-bearing file formats and dumps with random secrets (seeded), for redact-dumps.test.js.
// Each class: (g) => [text, secrets, keeps]; each layout: how the text reaches a log or a bundle.
import { mulberry32 } from './prng.js';

/** The seeded generator the dump suites draw from (re-exported under the name they use). */
export const rng = mulberry32;
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
export function make(r) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const str = (n, al = B62) => {
    let s = '';
    for (let i = 0; i < n; i++) s += al[Math.floor(r() * al.length)];
    return s;
  };
  // a mixed token that always has a digit, an upper and a lower letter
  const tok = (n = 24) => str(n - 3) + pick('ABCDEFGHJKMNPQRSTUVWXYZ') + pick('abcdefghjkmnpqrstuvwxyz') + pick('23456789');
  const pw = (n = 14) => tok(n - 2) + pick(['!', '#', '%', '^', '*', '-', '_', '+', '.']) + pick('23456789');
  const hex = (n) => str(n, HEX);
  const b64 = (s) => Buffer.from(s).toString('base64');
  const b64raw = (n) => str(n, B62 + '+/');
  const user = () => pick(['alice', 'deploy', 'svc_app', 'admin', 'ci-bot']);
  const host = () => pick(['db.example.com', 'registry.example.org', 'api.acme.io', 'mq.prod.example.net']);
  return { pick, str, tok, pw, hex, b64, b64raw, user, host };
}

/** Each class: (g) => [text, secrets, keeps?] */
export const CLASSES = {
  // ---- environment dumps
  'env dump': (g) => {
    const a = g.tok(32),
      b = g.pw(),
      c = g.tok(40);
    return [
      `HOME=/srv/app\nPATH=/usr/bin:/bin\nDATABASE_PASSWORD=${b}\nSTRIPE_API_KEY=${a}\nGITHUB_TOKEN=${c}\nLANG=C.UTF-8`,
      [a, b, c],
      ['PATH=/usr/bin:/bin', 'LANG=C.UTF-8'],
    ];
  },
  'proc environ NUL': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [`HOME=/srv/app\0DB_PASSWORD=${b}\0API_TOKEN=${a}\0LANG=C\0`, [a, b], ['LANG=C']];
  },
  'docker inspect Env': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [
      `        "Env": [\n            "POSTGRES_PASSWORD=${b}",\n            "SENTRY_DSN_SECRET=${a}",\n            "PATH=/usr/local/sbin:/usr/local/bin"\n        ],`,
      [a, b],
      ['"Env": [', 'PATH='],
    ];
  },
  'docker inspect Env one line': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [`"Env":["POSTGRES_PASSWORD=${b}","REDIS_AUTH=${a}","TZ=UTC"]`, [a, b], ['TZ=UTC']];
  },
  'k8s pod env': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [
      `    env:\n    - name: DB_PASSWORD\n      value: ${b}\n    - name: API_TOKEN\n      value: "${a}"\n    - name: LOG_LEVEL\n      value: info\n    - name: SMTP_PASSWORD\n      valueFrom:\n        secretKeyRef:\n          name: smtp\n          key: password`,
      [a, b],
      ['value: info', 'secretKeyRef:', 'name: smtp', 'key: password'],
    ];
  },
  'k8s pod env flow': (g) => {
    const a = g.tok(32);
    return [`env: [{name: OPENAI_API_KEY, value: "${a}"}, {name: MODE, value: prod}]`, [a], ['MODE']];
  },
  'compose env list': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [
      `services:\n  web:\n    environment:\n      - MYSQL_ROOT_PASSWORD=${b}\n      - SECRET_KEY_BASE=${a}\n      - RAILS_ENV=production`,
      [a, b],
      ['RAILS_ENV=production'],
    ];
  },
  'compose env map': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [`    environment:\n      MYSQL_PASSWORD: ${b}\n      APP_SECRET: "${a}"\n      TZ: UTC`, [a, b], ['TZ: UTC']];
  },
  'systemd Environment': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [
      `[Service]\nEnvironment=DB_PASSWORD=${b}\nEnvironment="API_TOKEN=${a}" "MODE=prod"\nEnvironmentFile=/etc/app/env`,
      [a, b],
      ['EnvironmentFile=/etc/app/env', 'MODE=prod'],
    ];
  },
  'gha env': (g) => {
    const a = g.tok(32),
      b = g.pw();
    return [
      `env:\n  NPM_TOKEN: ${a}\n  DEPLOY_PASSWORD: '${b}'\n  NODE_ENV: production\n  GH_TOKEN: \${{ secrets.GH_TOKEN }}`,
      [a, b],
      ['NODE_ENV: production', '${{ secrets.GH_TOKEN }}'],
    ];
  },
  'gha add-mask': (g) => {
    const a = g.tok(32);
    return [`::add-mask::${a}`, [a], ['::add-mask::']];
  },
  // ---- tool credential files
  npmrc: (g) => {
    const a = g.tok(36),
      b = g.b64(`${g.user()}:${g.pw()}`),
      c = g.b64(g.pw());
    return [
      `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${a}\n_auth=${b}\n//npm.example.com/:_password=${c}\nalways-auth=true`,
      [a, b, c],
      ['always-auth=true'],
    ];
  },
  'npmrc quoted': (g) => {
    const a = g.tok(36);
    return [`//npm.pkg.github.com/:_authToken="${a}"`, [a], ['npm.pkg.github.com']];
  },
  pypirc: (g) => {
    const a = g.pw(),
      b = 'pypi-' + g.str(60);
    return [
      `[distutils]\nindex-servers = pypi private\n\n[pypi]\nusername = __token__\npassword = ${b}\n\n[private]\nrepository = https://pypi.example.com\nusername = deploy\npassword: ${a}`,
      [a, b],
      ['index-servers = pypi private'],
    ];
  },
  'docker config.json': (g) => {
    const a = g.b64(`${g.user()}:${g.pw()}`),
      b = g.tok(40);
    return [
      `{\n\t"auths": {\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "${a}"\n\t\t},\n\t\t"x.azurecr.io": {\n\t\t\t"identitytoken": "${b}"\n\t\t}\n\t}\n}`,
      [a, b],
      ['"auths"'],
    ];
  },
  'git-credentials': (g) => {
    const a = g.tok(30),
      b = g.pw();
    return [`https://${g.user()}:${a}@github.com\nhttps://oauth2:${b}@gitlab.example.com`, [a, b], ['github.com']];
  },
  netrc: (g) => {
    const a = g.pw();
    return [`machine api.heroku.com\n  login me@example.com\n  password ${a}`, [a], ['machine api.heroku.com']];
  },
  'aws credentials': (g) => {
    const a = g.str(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      b = g.b64raw(300);
    return [
      `[default]\naws_access_key_id=AKIA${g.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}\naws_secret_access_key=${a}\naws_session_token=${b}\nregion=us-east-1`,
      [a, b],
      ['region=us-east-1'],
    ];
  },
  'aws config': (g) => {
    const a = g.str(40);
    return [`[profile dev]\nregion = eu-west-1\noutput = json\naws_secret_access_key = ${a}\ncredential_process = /usr/bin/creds`, [a], ['region = eu-west-1']];
  },
  'gcp sa json': (g) => {
    const kid = g.hex(40),
      body = g.b64raw(64),
      body2 = g.b64raw(64);
    const text = JSON.stringify({
      type: 'service_account',
      project_id: 'p-1',
      private_key_id: kid,
      private_key: `-----BEGIN PRIVATE KEY-----\n${body}\n${body2}\n-----END PRIVATE KEY-----\n`,
      client_email: 'a@p-1.iam.gserviceaccount.com',
    });
    return [text, [kid, body, body2], ['service_account']];
  },
  'azure storage conn': (g) => {
    const a = g.b64raw(86) + '==';
    return [`DefaultEndpointsProtocol=https;AccountName=acmestore;AccountKey=${a};EndpointSuffix=core.windows.net`, [a], ['EndpointSuffix=core.windows.net']];
  },
  'azure servicebus conn': (g) => {
    const a = g.b64raw(43) + '=';
    return [
      `Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${a}`,
      [a],
      ['SharedAccessKeyName=RootManageSharedAccessKey'],
    ];
  },
  'ado.net conn': (g) => {
    const a = g.pw();
    return [`Server=tcp:acme.database.windows.net,1433;Initial Catalog=app;User ID=sa;Password=${a};Encrypt=True;`, [a], ['Initial Catalog=app']];
  },
  'ado.net conn pwd braces': (g) => {
    const a = g.pw();
    return [`Driver={ODBC Driver 18 for SQL Server};Server=db;Database=app;Uid=sa;Pwd={${a}};`, [a], ['Database=app']];
  },
  'jdbc url': (g) => {
    const a = g.pw();
    return [`jdbc:postgresql://db.example.com:5432/app?user=app&password=${a}&ssl=true`, [a], ['ssl=true']];
  },
  'jdbc sqlserver': (g) => {
    const a = g.pw();
    return [`jdbc:sqlserver://db.example.com:1433;databaseName=app;user=sa;password=${a};encrypt=true`, [a], ['databaseName=app']];
  },
  'jdbc oracle thin': (g) => {
    const a = g.pw();
    return [`jdbc:oracle:thin:scott/${a}@db.example.com:1521:ORCL`, [a], ['1521']];
  },
  pgpass: (g) => {
    const a = g.pw();
    return [`db.example.com:5432:appdb:appuser:${a}\n*:*:*:postgres:${g.pw()}`, [a], ['db.example.com:5432:appdb:appuser:']];
  },
  'my.cnf': (g) => {
    const a = g.pw();
    return [`[client]\nuser=root\npassword=${a}\nhost=localhost`, [a], ['[client]']];
  },
  'redis uri': (g) => {
    const a = g.pw();
    return [`REDIS_URL=redis://:${a}@cache.example.com:6379/0`, [a], [':6379/0']];
  },
  'mongo uri': (g) => {
    const a = g.pw();
    return [`mongodb+srv://app:${a}@cluster0.abcde.mongodb.net/db?retryWrites=true`, [a], ['retryWrites=true']];
  },
  'amqp smtp uri': (g) => {
    const a = g.pw(),
      b = g.pw();
    return [`amqp://guest:${a}@mq.example.com:5672/vhost smtp://mailer:${b}@smtp.example.com:587`, [a, b], [':5672/vhost']];
  },
  'wp-config': (g) => {
    const a = g.pw(),
      b = g.str(64, B62 + '!@#$%^&*()-_[]{}<>~+=,.;:/?|');
    return [
      `define( 'DB_PASSWORD', '${a}' );\ndefine('AUTH_KEY',         '${b.replace(/'/g, 'x')}');\ndefine( 'DB_HOST', 'localhost' );`,
      [a, b.replace(/'/g, 'x')],
      ["'DB_HOST'"],
    ];
  },
  'rails secrets.yml': (g) => {
    const a = g.hex(128);
    return [`production:\n  secret_key_base: ${a}\n  stripe_publishable_key: pk_live_x`, [a], ['production:']];
  },
  'rails master.key': (g) => {
    const a = g.hex(32);
    return [`$ cat config/master.key\n${a}`, [a], ['config/master.key']];
  },
  'django SECRET_KEY': (g) => {
    const a = 'django-insecure-' + g.str(50, 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)');
    return [`SECRET_KEY = '${a}'\nDEBUG = False`, [a.slice(16)], ['DEBUG = False']];
  },
  htpasswd: (g) => {
    const a = `$apr1$${g.str(8)}$${g.str(22, B62 + './')}`;
    const b = `$2y$05$${g.str(53, B62 + './')}`;
    return [`alice:${a}\nbob:${b}\ncarol:{SHA}${g.b64raw(27)}=`, [a.slice(6), b.slice(7)], ['alice:', 'bob:']];
  },
  shadow: (g) => {
    const a = `$6$${g.str(16, B62 + './')}$${g.str(86, B62 + './')}`;
    return [`root:${a}:19700:0:99999:7:::\ndaemon:*:19700:0:99999:7:::`, [a.slice(3)], ['daemon:*:19700']];
  },
  'openssh private key': (g) => {
    const lines = Array.from({ length: 5 }, () => g.b64raw(70));
    return [`-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----`, lines, []];
  },
  'pkcs12 base64': (g) => {
    const a = 'MII' + g.b64raw(300);
    return [`keystore.p12.b64: ${a}`, [a], []];
  },
  'java properties': (g) => {
    const a = g.pw(),
      b = g.tok(20),
      c = g.tok(20);
    return [`db.url=jdbc\\:mysql\\://db\\:3306/app\ndb.password=${a}\napi.secret=${b}\\\n    ${c}\napp.name=demo`, [a, b, c], ['app.name=demo']];
  },
  'properties colon': (g) => {
    const a = g.pw();
    return [`spring.datasource.password : ${a}\nspring.datasource.username : app`, [a], ['spring.datasource.username']];
  },
  'ini section': (g) => {
    const a = g.pw();
    return [`[database]\nhost = db\npassword = ${a}\n; comment`, [a], ['[database]']];
  },
  'toml multiline': (g) => {
    const a = g.tok(30),
      b = g.tok(30);
    return [`[auth]\napi_token = """\n${a}\n${b}\n"""\nmode = "x"`, [a, b], ['[auth]']];
  },
  'hcl terraform': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [
      `resource "aws_db_instance" "db" {\n  password = "${a}"\n  username = "admin"\n}\nvariable "token" {\n  default = "${b}"\n}`,
      [a, b],
      ['resource "aws_db_instance"'],
    ];
  },
  'hcl heredoc': (g) => {
    const a = g.tok(30),
      b = g.tok(30);
    return [`  secret_value = <<EOT\n${a}\n${b}\nEOT\n  name = "x"`, [a, b], ['name = "x"']];
  },
  'ansible vault': (g) => {
    const lines = Array.from({ length: 4 }, () => g.hex(80));
    return [`$ANSIBLE_VAULT;1.1;AES256\n${lines.join('\n')}`, lines, []];
  },
  'ansible vault inline': (g) => {
    const lines = Array.from({ length: 3 }, () => g.hex(80));
    return [`db_password: !vault |\n          $ANSIBLE_VAULT;1.1;AES256\n          ${lines.join('\n          ')}\nother: x`, lines, ['other: x']];
  },
  'helm values': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [`postgresql:\n  auth:\n    postgresPassword: ${a}\n    username: app\nredis:\n  auth:\n    password: "${b}"`, [a, b], ['postgresql:']];
  },
  kubeconfig: (g) => {
    const a = g.tok(40),
      key = 'LS0tLS1CRUdJTi' + g.b64raw(200),
      cert = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t' + g.b64raw(100);
    return [
      `users:\n- name: admin\n  user:\n    token: ${a}\n    client-key-data: ${key}\n    client-certificate-data: ${cert}`,
      [a, key.slice(14)],
      ['name: admin'],
    ];
  },
  wireguard: (g) => {
    const a = g.b64raw(43) + '=',
      b = g.b64raw(43) + '=',
      pub = g.b64raw(43) + '=';
    return [
      `[Interface]\nPrivateKey = ${a}\nAddress = 10.0.0.2/32\n\n[Peer]\nPublicKey = ${pub}\nPresharedKey = ${b}\nEndpoint = vpn.example.com:51820`,
      [a, b],
      [`PublicKey = ${pub}`],
    ];
  },
  'openvpn inline key': (g) => {
    const lines = Array.from({ length: 3 }, () => g.b64raw(64));
    const ta = Array.from({ length: 4 }, () => g.hex(32));
    return [
      `<key>\n-----BEGIN PRIVATE KEY-----\n${lines.join('\n')}\n-----END PRIVATE KEY-----\n</key>\n<tls-auth>\n#\n# 2048 bit OpenVPN static key\n#\n-----BEGIN OpenVPN Static key V1-----\n${ta.join('\n')}\n-----END OpenVPN Static key V1-----\n</tls-auth>`,
      [...lines, ...ta],
      [],
    ];
  },
  'openvpn tls-crypt no pem': (g) => {
    const ta = Array.from({ length: 4 }, () => g.hex(32));
    return [`<tls-crypt>\n${ta.join('\n')}\n</tls-crypt>`, ta, []];
  },
  'tor hs key': (g) => {
    const a = g.b64raw(86);
    return [`== ed25519v1-secret: type0 ==${a}`, [a], []];
  },
  'age identity': (g) => {
    const a = 'AGE-SECRET-KEY-1' + g.str(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L');
    return [
      `# created: 2024-01-01T00:00:00Z\n# public key: age1${g.str(58, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l')}\n${a}`,
      [a.slice(16)],
      ['# created: 2024-01-01T00:00:00Z'],
    ];
  },
  'gpg secret armor': (g) => {
    const lines = Array.from({ length: 4 }, () => g.b64raw(64));
    return [`-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQVYBGX${lines.join('\n')}\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----`, lines, []];
  },
  'sops value': (g) => {
    const a = g.b64raw(40);
    // ciphertext readable only with the KMS/age/PGP key: it stays (an Ansible vault, whose key is a typed password, does not)
    return [`password: ENC[AES256_GCM,data:${a},iv:${g.b64raw(43)}=,tag:${g.b64raw(22)}==,type:str]`, [], ['ENC[AES256_GCM,data:' + a]];
  },
};

/** Layouts: how the text appears in the wild. */
export const LAYOUTS = {
  raw: (t) => t,
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  journald: (t) =>
    t
      .split('\n')
      .map((l) => `May 01 12:00:00 node1 app[811]: ${l}`)
      .join('\n'),
  kubectl: (t) =>
    t
      .split('\n')
      .map((l) => `2024-05-01T12:00:00.123456789Z ${l}`)
      .join('\n'),
  'json log': (t) => JSON.stringify({ level: 'info', ts: 1714564800, msg: t }),
  'yaml indented': (t) =>
    'notes:\n  file: |\n' +
    t
      .split('\n')
      .map((l) => '    ' + l)
      .join('\n'),
  fence: (t) => '```\n' + t + '\n```',
};
