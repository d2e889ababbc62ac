// A second red-team generator: classes the first (redact-adversarial-gen.js) and the dump
// tables do not cover, each with random secrets from a fixed seed, in six log layouts (plain,
// journald/syslog prefix, a JSON log record per line, kubectl --timestamps, docker -t / CRI,
// CRLF). Each case: { text, secrets, keep, words }. Used by test/unit/redact-redteam2.test.js
// and `node test/eval/tools/adversarial.mjs --redteam2`.
import { createHash } from 'node:crypto';
import { Gen } from './redact-adversarial-gen.js';
import { generateToken } from '../../dist/core/tokens.js';

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEXA = '0123456789abcdef';

/** Every line of a case through one collector layout. */
export const LAYOUTS = {
  plain: (g, ls) => ls,
  journald: (g, ls) => {
    const p = `Nov ${g.int(10, 29)} 0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)} node-${g.int(1, 9)} ${g.pick(['app', 'api', 'worker'])}[${g.int(100, 9999)}]: `;
    return ls.map((l) => p + l);
  },
  json: (g, ls) => ls.map((l) => JSON.stringify({ ts: g.ts(), level: 'info', msg: l })),
  kubectl: (g, ls) => ls.map((l) => `2026-11-30T0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)}.${g.int(100000000, 999999999)}Z ${l}`),
  docker: (g, ls) => ls.map((l) => `${g.ts()} stdout F ${l}`),
  crlf: (g, ls) => ls.map((l) => l + '\r'),
};

const tok = (g, n = g.int(28, 40)) => g.pick('ABCDEFGHJKLMNPQRSTUVWXYZ') + g.pick('23456789') + g.str(B62, n - 2);
const q = (g, v) => {
  const c = g.pick(['"', "'"]);
  return c + v + c;
};
const b3iq = (g) => generateToken(g.pick(['local', 'support', 'gateway', 'setup']), (n) => Buffer.from(Array.from({ length: n }, () => g.int(0, 255))));
const bodyOf = (t) => t.slice(t.indexOf('_', 5) + 1);
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (b) => createHash('sha256').update(b).digest();
/** A checksum-valid WIF private key (Base58Check of version + key [+ 0x01 compressed]). */
function wif(version, key, compressed) {
  const payload = Buffer.concat([Buffer.from([version]), key, compressed ? Buffer.from([1]) : Buffer.alloc(0)]);
  const full = Buffer.concat([payload, sha256(sha256(payload)).subarray(0, 4)]);
  let n = BigInt('0x' + full.toString('hex'));
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of full) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

/** Each class: (g) => { lines: string[], secrets: string[], keep?: string[], words?: true }. */
export const CLASSES = {
  'yaml-block-scalar': (g) => {
    const v = g.pick([g.password(), tok(g)]);
    const k = g.pick(['password', 'secret', 'api_key', 'token', 'client_secret', 'db_password', 'privateKey']);
    const ind = g.pick(['', '  ', '    ']);
    const ind2 = ind + g.pick(['  ', '    ']);
    const ind3 = g.pick(['|', '|-', '>', '>-', '|+', '']);
    return { lines: [`${ind}${k}: ${ind3}`, `${ind2}${v}`, `${ind}port: 5432`], secrets: [v], keep: ['port: 5432'] };
  },
  'toml-multiline': (g) => {
    const v = g.password();
    const k = g.pick(['password', 'secret', 'token', 'api_key']);
    return g.pick([
      () => ({ lines: ['[database]', `${k} = '''${v}'''`], secrets: [v] }),
      () => ({ lines: ['[database]', `${k} = """${v}"""`], secrets: [v] }),
      () => ({ lines: [`${k} = """`, v, '"""'], secrets: [v] }),
      () => ({ lines: [`${k} = '''`, v, "'''"], secrets: [v] }),
    ])();
  },
  'setter-calls': (g) => {
    const v = g.password();
    const f = g.pick([
      'setPassword',
      'password',
      'withPassword',
      'setSecret',
      'apiKey',
      'setApiKey',
      'withToken',
      'setAccessToken',
      'clientSecret',
      'set_password',
    ]);
    const l = g.pick([`ds.${f}(${q(g, v)});`, `builder.${f}(${q(g, v)})`, `.${f}(${q(g, v)})`, `cfg.${f}(${q(g, v)}).build()`]);
    return { lines: [l], secrets: [v] };
  },
  'credential-constructors': (g) => {
    const v = g.password();
    const u = g.user();
    const l = g.pick([
      `new UsernamePasswordCredentials("${u}", "${v}")`,
      `new PasswordAuthentication("${u}", "${v}".toCharArray())`,
      `new NetworkCredential("${u}", "${v}")`,
      `HTTPBasicAuth('${u}', '${v}')`,
      `auth=('${u}', '${v}')`,
      `requests.get(url, auth=("${u}", "${v}"))`,
      `new Credentials("${u}", "${v}")`,
      `BasicAuth("${u}", "${v}")`,
      `aiohttp.BasicAuth(login="${u}", password="${v}")`,
      `smtp.login("${u}", "${v}")`,
      `server.login('${u}', '${v}')`,
      `ftp.login("${u}", "${v}")`,
      `mysql.connector.connect(user="${u}", passwd="${v}")`,
      `DriverManager.getConnection(url, "${u}", "${v}")`,
      `psycopg2.connect(host="db", user="${u}", password="${v}")`,
      `redis.Redis(host="cache", password="${v}")`,
      `ssh.connect("host", username="${u}", password="${v}")`,
      `createClient({ url, password: '${v}' })`,
      `new Client({ user: '${u}', password: '${v}' })`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'index-assignment': (g) => {
    const v = tok(g);
    const k = g.pick(['API_KEY', 'SECRET_TOKEN', 'password', 'DB_PASSWORD', 'apiKey', 'GITHUB_TOKEN', 'client_secret']);
    const l = g.pick([
      `os.environ["${k}"] = "${v}"`,
      `os.environ['${k}'] = '${v}'`,
      `ENV['${k}'] = "${v}"`,
      `ENV["${k}"]="${v}"`,
      `config["${k}"] = "${v}"`,
      `settings['${k}'] = '${v}'`,
      `$config['${k}'] = '${v}';`,
      `$_ENV['${k}'] = "${v}";`,
      `process.env.${k} = '${v}';`,
      `process.env["${k}"] = "${v}";`,
      `headers["Authorization"] = "Bearer ${v}"`,
      `System.setProperty("${k}", "${v}");`,
      `os.Setenv("${k}", "${v}")`,
      `std::env::set_var("${k}", "${v}");`,
      `putenv("${k}=${v}");`,
      `Environment.SetEnvironmentVariable("${k}", "${v}");`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'name-value-pairs': (g) => {
    const v = tok(g);
    const n = g.pick(['Authorization', 'X-Api-Key', 'access_token', 'password', 'Cookie', 'X-Auth-Token', 'api_key', 'client_secret', 'private-token']);
    const val = n === 'Authorization' ? `Bearer ${v}` : n === 'Cookie' ? `session=${v}` : v;
    const kn = g.pick(['name', 'key', 'Name', 'header', 'field']);
    const l = g.pick([
      `{"${kn}":"${n}","value":"${val}"}`,
      `{"${kn}": "${n}", "value": "${val}"}`,
      `{ ${kn}: '${n}', value: '${val}' }`,
      `[{"${kn}":"Accept","value":"*/*"},{"${kn}":"${n}","value":"${val}"}]`,
      `{"value":"${val}","${kn}":"${n}"}`,
      `- ${kn}: ${n}\n  value: ${val}`,
      `{"${kn}":"${n}","values":["${val}"]}`,
    ]);
    return { lines: l.split('\n'), secrets: [v] };
  },
  'base64-wrapped-config': (g) => {
    const pw = g.password();
    const inner = g.pick([
      JSON.stringify({ password: pw }),
      JSON.stringify({ user: g.user(), password: pw, host: 'db' }),
      JSON.stringify({ api_key: pw }),
      `password=${pw}`,
      `${g.user()}:${pw}`,
      `DB_PASSWORD=${pw}\nDB_USER=app`,
      `token: ${pw}`,
    ]);
    const b = Buffer.from(inner).toString(g.pick(['base64', 'base64', 'base64url']));
    const l = g.pick([b, `data=${b}`, `config: ${b}`, `"payload":"${b}"`, `X-Config: ${b}`, `decoded from ${b}`]);
    return { lines: [l], secrets: [b.slice(0, 20), b.slice(-16)].filter((s) => s.length >= 8) };
  },
  'hidden-key-chars': (g) => {
    const v = g.password();
    const k = g.pick([
      'pass\u200bword',
      'pa\u200dssword',
      'pass\u00adword',
      'p\u0430ssword', // Cyrillic а
      'passw\u043erd', // Cyrillic о
      '\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44', // full-width
      'api\u200b_key',
      't\u043eken', // Cyrillic о
      'secr\u0435t', // Cyrillic е
      'PASS\u200cWORD',
      '\u200bpassword',
    ]);
    const sep = g.pick(['=', ': ', '\uff1d', '\uff1a', ' = ', '\u00a0=\u00a0']);
    return { lines: [`${k}${sep}${v}`], secrets: [v] };
  },
  'arrow-prose-separators': (g) => {
    const v = g.pick([g.password(), tok(g)]);
    const k = g.pick(['password', 'token', 'api key', 'secret', 'passphrase', 'access token', 'API token']);
    const l = g.pick([
      `${k} -> ${v}`,
      `${k} => ${v}`,
      `${k} \u2192 ${v}`,
      `the ${k} is ${v}`,
      `Your ${k} is: ${v}`,
      `${k} set to ${v}`,
      `${k} was changed to ${v}`,
      `new ${k} ${v}`,
      `generated ${k} ${v}`,
      `${k}\t${v}`,
      `${k.toUpperCase()}\t${v}`,
      `${k} -- ${v}`,
      `${k} | ${v}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'foreign-key-names': (g) => {
    const v = g.password();
    const k = g.pick([
      'contraseña',
      'contrasena',
      'clave',
      'passwort',
      'Kennwort',
      'mot_de_passe',
      'motdepasse',
      'пароль',
      'Пароль',
      '密码',
      '密碼',
      'パスワード',
      '비밀번호',
      'senha',
      'wachtwoord',
      'parola',
      'hasło',
      'haslo',
      'lösenord',
      'salasana',
      'şifre',
      'sifre',
      'heslo',
      'jelszó',
      'κωδικός',
      'סיסמה',
      'كلمة_المرور',
      'पासवर्ड',
      'mật_khẩu',
      'kata_sandi',
      'adgangskode',
      'passord',
      'токен',
      'ключ_api',
    ]);
    const l = g.pick([`${k}=${v}`, `${k}: ${v}`, `"${k}": "${v}"`, `${k} = "${v}"`, `${k}：${v}`]);
    return { lines: [l], secrets: [v] };
  },
  'terraform-output': (g) => {
    const v = g.password();
    const k = g.pick(['db_password', 'admin_password', 'api_token', 'root_secret', 'client_secret', 'connection_string', 'kubeconfig', 'private_key']);
    return g.pick([
      () => ({ lines: [`{"${k}":{"sensitive":true,"type":"string","value":"${v}"}}`], secrets: [v] }),
      () => ({ lines: [`  "${k}": {`, '    "sensitive": true,', '    "type": "string",', `    "value": "${v}"`, '  },'], secrets: [v] }),
      () => ({ lines: [`{"outputs":{"${k}":{"value":"${v}","type":"string","sensitive":true}}}`], secrets: [v] }),
      () => ({ lines: [`{"name":"${k}","sensitive":true,"value":"${v}"}`], secrets: [v] }),
      () => ({ lines: [`{"${k}":{"value":"${v}"}}`], secrets: [v] }),
    ])();
  },
  'wif-keys': (g) => {
    // WIF: base58check of 0x80 + key (+0x01): 51 characters from 5, or 52 from K/L
    const key = Buffer.from(Array.from({ length: 32 }, () => g.int(0, 255)));
    const v = wif(g.pick([0x80, 0x80, 0xef]), key, g.r() < 0.6);
    const l = g.pick([
      v,
      `WIF: ${v}`,
      `importprivkey ${v}`,
      `bitcoin-cli importprivkey ${v} "label" false`,
      `dumpprivkey -> ${v}`,
      `"wif":"${v}"`,
      `private key (WIF) ${v}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'eth-keystore': (g) => {
    const ct = g.hex(64);
    const mac = g.hex(64);
    const salt = g.hex(64);
    return g.pick([
      () => ({
        lines: [
          `{"address":"${g.hex(40)}","crypto":{"cipher":"aes-128-ctr","ciphertext":"${ct}","cipherparams":{"iv":"${g.hex(32)}"},"kdf":"scrypt","kdfparams":{"dklen":32,"n":262144,"p":1,"r":8,"salt":"${salt}"},"mac":"${mac}"},"id":"${g.uuid()}","version":3}`,
        ],
        secrets: [ct, mac],
      }),
      () => ({ lines: ['  "crypto": {', '    "cipher": "aes-128-ctr",', `    "ciphertext": "${ct}",`, `    "mac": "${mac}"`, '  }'], secrets: [ct, mac] }),
      () => ({ lines: [`{"Crypto":{"cipher":"aes-128-ctr","ciphertext":"${ct}","mac":"${mac}"}}`], secrets: [ct, mac] }),
    ])();
  },
  'bare-hex-wallet-context': (g) => {
    const v = g.hex(64);
    const l = g.pick([
      `wallet import ${v}`,
      `sk: ${v}`,
      `signer key ${v}`,
      `secret key: ${v}`,
      `priv=${v}`,
      `Private Key: ${v}`,
      `privkey ${v}`,
      `cast wallet address --private-key ${v}`,
      `forge script Deploy --private-key ${v} --broadcast`,
      `solana-keygen recover ${v}`,
      `"secret_key": "${v}"`,
      `validator_key = ${v}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'b3iq-token-recased': (g) => {
    const t = b3iq(g);
    const b = bodyOf(t);
    const kind = t.split('_')[1];
    const l = g.pick([
      t.toUpperCase(),
      `B3IQ_${kind.toUpperCase()}_${b}`,
      `B3IQ_${kind}_${b}`,
      `b3iq-${kind}-${b}`,
      `b3iq.${kind}.${b}`,
      `b3iq ${kind} ${b}`,
      `b3iq_${kind.toUpperCase()}_${b}`,
    ]);
    return { lines: [`key: ${l}`.slice(g.pick([0, 5]))], secrets: [b.slice(0, 16), b.slice(-16), b.toUpperCase().slice(0, 16)] };
  },
  'b3iq-token-encoded': (g) => {
    const t = b3iq(g);
    const b = bodyOf(t);
    const hex = Buffer.from(t).toString('hex');
    const l = g.pick([
      [t.replace(/_/g, '\\u005f'), [b]],
      [t.replace(/_/g, '\\x5f'), [b]],
      [t.replace(/_/g, '%5f'), [b]],
      [hex, [hex.slice(0, 24), hex.slice(-24)]],
      [t.replace('_', '_\u200b'), [b]],
      [t.slice(0, 16) + '\u200b' + t.slice(16), [t.slice(16, 40)]],
      [Buffer.from(t).toString('base64url'), [Buffer.from(t).toString('base64url').slice(-20)]],
      [
        Buffer.from(JSON.stringify({ token: t })).toString('base64'),
        [
          Buffer.from(JSON.stringify({ token: t }))
            .toString('base64')
            .slice(-24),
        ],
      ],
      [t.replace(/_/g, '&#95;'), [b]],
      [[...t].map((c) => '\\u00' + c.charCodeAt(0).toString(16)).join(''), [b.slice(0, 3)]],
    ]);
    return { lines: [`credential ${l[0]}`], secrets: l[1].map((s) => (s.length > 24 ? s.slice(0, 24) : s)) };
  },
  'b3iq-token-split': (g) => {
    const t = b3iq(g);
    const at = g.int(14, t.length - 10);
    const [a, b] = [t.slice(0, at), t.slice(at)];
    return g.pick([
      () => ({ lines: [`token=${a}`, `${b} (continued)`], secrets: [b] }),
      () => ({ lines: [`export B3IQ_KEY=${a}\\`, `${b}`], secrets: [b] }),
      () => ({ lines: [`key: "${a}`, `  ${b}"`], secrets: [b] }),
      () => ({ lines: [`"${a}" +`, `  "${b}"`], secrets: [b] }),
      () => ({ lines: [`${a}" + "${b}`], secrets: [b] }),
      () => ({ lines: [`"${a}"`, `"${b}"`], secrets: [b] }),
      () => ({ lines: [`${a}-`, `${b}`], secrets: [b] }),
    ])();
  },
  'mnemonic-separators': (g) => {
    const w = g.mnemonic(g.pick([12, 24]));
    const sep = g.pick(['-', '.', '/', ';', '+', '%20', '_', ' / ', ' · ', '~', ' ; ']);
    return { lines: [w.join(sep)], secrets: w.filter((x) => x.length >= 5), words: true };
  },
  'mnemonic-numbered': (g) => {
    const w = g.mnemonic(g.pick([12, 24]));
    const f = g.pick([
      (x, i) => `#${i + 1} ${x}`,
      (x, i) => `[${i + 1}] ${x}`,
      (x, i) => `${String(i + 1).padStart(2, '0')} ${x}`,
      (x, i) => `word${i + 1}=${x}`,
      (x, i) => `${i + 1}:${x}`,
      (x, i) => `(${i + 1}) ${x}`,
      (x, i) => `${i + 1}/ ${x}`,
      (x, i) => `w${i + 1}: ${x}`,
      (x, i) => `${i + 1}=${x}`,
    ]);
    const j = g.pick([' ', ', ', ',', '  ', '\t']);
    return { lines: [w.map(f).join(j)], secrets: w.filter((x) => x.length >= 5), words: true };
  },
  'mnemonic-markup': (g) => {
    const w = g.mnemonic(12);
    const l = g.pick([
      () => [`<li>${w.join('</li><li>')}</li>`],
      () => [`| ${w.join(' | ')} |`],
      () => [`<span>${w.join('</span> <span>')}</span>`],
      () =>
        ['['].concat(
          w.map((x, i) => `  "${x}"${i < w.length - 1 ? ',' : ''}`),
          [']'],
        ),
      () => w.map((x) => `  - ${x}`),
      () => w.map((x) => `* ${x}`),
      () => [w.map((x) => `'${x}'`).join(', ')],
      () => [`${w.map((x) => `"${x}"`).join(' ')}`],
      () => [`\`${w.join(' ')}\``],
      () => [w.map((x) => `**${x}**`).join(' ')],
      () => [`seed: [${w.join(', ')}]`],
      () => [`(${w.join(' ')})`],
    ])();
    return { lines: l, secrets: w.filter((x) => x.length >= 5), words: true };
  },
  'access-log-sessions': (g) => {
    const v = tok(g);
    const k = g.pick([
      'jsessionid',
      'JSESSIONID',
      'PHPSESSID',
      'sid',
      'ticket',
      'code',
      'session',
      'auth',
      'sig',
      'hash',
      'ASPSESSIONID',
      'sessid',
      'oauth_token',
      'oauth_verifier',
      'magic',
      'invite',
    ]);
    const path = g.pick(['/app', '/login/cb', '/wp-admin/', '/api/v2/items', '/']);
    const sep = g.pick(['?', ';', '?a=1&']);
    const l = g.pick([
      `GET ${path}${sep}${k}=${v} HTTP/1.1`,
      `10.0.0.${g.int(2, 250)} - - [30/Nov/2026:01:02:03 +0000] "GET ${path}${sep}${k}=${v} HTTP/1.1" 200 512`,
      `redirecting to https://app.example.com${path}${sep}${k}=${v}`,
      `Location: ${path}${sep}${k}=${v}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'xml-entries': (g) => {
    const v = g.password();
    const k = g.pick(['db.password', 'spring.datasource.password', 'mail.smtp.password', 'api.key', 'jwt.secret', 'password', 'oauth.client.secret']);
    const l = g.pick([
      `<entry key="${k}">${v}</entry>`,
      `<prop key="${k}">${v}</prop>`,
      `<void property="${k}"><string>${v}</string></void>`,
      `<setting name="${k}" serializeAs="String"><value>${v}</value></setting>`,
      `<property><name>${k}</name><value>${v}</value></property>`,
      `<item name="${k}">${v}</item>`,
      `<env name="${k}" value="${v}"/>`,
      `<Parameter name="${k}" value="${v}" override="false"/>`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'secret-wrappers': (g) => {
    const v = tok(g);
    const l = g.pick([
      `Settings(api_key=SecretStr('${v}'))`,
      `api_key=SecretStr("${v}")`,
      `password=Secret("${v}")`,
      `token: Sensitive("${v}")`,
      `password=Some("${v}")`,
      `password: Some(${q(g, v)})`,
      `secret=SecretString("${v}")`,
      `client_secret=Secret::new(${q(g, v)})`,
      `api_key=Optional["${v}"]`,
      `password=b'${v}'`,
      `password=r"${v}"`,
      `token=u'${v}'`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'go-struct-syntax': (g) => {
    const v = tok(g);
    const k = g.pick(['Token', 'Password', 'APIKey', 'Secret', 'AccessToken', 'ClientSecret']);
    const l = g.pick([
      `main.Config{${k}:"${v}"}`,
      `&config.Auth{User:"app", ${k}:"${v}"}`,
      `config.DB{Host:"db", Port:5432, ${k}:"${v}"}`,
      `[]main.Cred{main.Cred{${k}:"${v}"}}`,
      `map[string]string{"${k.toLowerCase()}":"${v}"}`,
    ]);
    return { lines: [l], secrets: [v] };
  },
  'provider-tokens-in-errors': (g) => {
    const al = B62;
    const v = g.pick([
      `hf_${g.str('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 34)}`,
      `nvapi-${g.str(al + '-_', 64)}`,
      `figd_${g.str(al + '-_', 40)}`,
      `ntn_${g.str('0123456789', 11)}${g.str(al, 35)}`,
      `rk_live_${g.str(al, 24)}`,
      `dckr_pat_${g.str(al + '-_', 27)}`,
      `ops_eyJ${g.str(al, 260)}`,
      `sntrys_eyJ${g.str(al, 60)}_${g.str(al, 43)}`,
      `r8_${g.str(al, 37)}`,
      `gsk_${g.str(al, 52)}`,
      `npm_${g.str(al, 36)}`,
      `sk-ant-api03-${g.str(al + '-_', 93)}AA`,
      `xai-${g.str(al, 80)}`,
      `sk-or-v1-${g.str(HEXA, 64)}`,
    ]);
    const l = g.pick([
      `Error: 401 Unauthorized (token ${v})`,
      `AuthenticationError: Incorrect API key provided: ${v}.`,
      `  File "app.py", line 12, in <module>\n    client = Client(${q(g, v)})`,
      `HTTPError: 401 for url https://api.example.com/v1?key=x (auth=${v})`,
      `panic: invalid credential "${v}"`,
      `WARN using fallback ${v} from cache`,
    ]);
    return { lines: l.split('\n'), secrets: [v] };
  },
  'unlisted-env-names': (g) => {
    const v = g.pick([g.password(false), tok(g)]);
    const k = g.pick([
      'PGPASS',
      'SALT',
      'HMAC',
      'SIGNING',
      'HASH_SALT',
      'PEPPER',
      'CIPHER_KEY',
      'AES',
      'SEED',
      'NONCE_KEY',
      'LICENSE',
      'BOT',
      'WEBHOOK',
      'DSN_AUTH',
      'PASSCODE_SEED',
      'CRYPT_KEY',
    ]);
    const l = g.pick([`${k}=${v}`, `export ${k}="${v}"`, `${k}: ${v}`, `"${k}": "${v}"`]);
    return { lines: [l], secrets: [v] };
  },
  'netrc-multiline': (g) => {
    const v = g.password();
    return { lines: [`machine ${g.host()}`, `  login ${g.user()}`, `  password ${v}`], secrets: [v] };
  },
  'cli-output-bare-token': (g) => {
    const v = g.pick([`ya29.${g.str(B62 + '-_', 120)}`, `hvs.${g.str(B62, 90)}`, tok(g, 48)]);
    const cmd = g.pick([
      '$ gcloud auth print-access-token',
      '$ gcloud auth application-default print-access-token',
      '$ vault print token',
      '$ az account get-access-token --query accessToken -o tsv',
      '$ gh auth token',
      '$ doctl auth token',
      '$ aws ecr get-login-password --region eu-west-1',
    ]);
    return { lines: [cmd, v], secrets: [v.slice(0, 20), v.slice(-20)] };
  },
};

/** One case of a class in one layout. */
export function makeCase(g, name, layout = g.pick(Object.keys(LAYOUTS))) {
  const c = CLASSES[name](g);
  const lines = LAYOUTS[layout](g, c.lines);
  return { cls: name, layout, text: lines.join('\n'), secrets: c.secrets, keep: c.keep ?? [], words: c.words === true };
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `per` cases of each class in each layout, from one seed. */
export function generate(seed, per, names = Object.keys(CLASSES)) {
  const out = [];
  for (const name of names) {
    const g = new Gen(seed ^ hash(name));
    for (const layout of Object.keys(LAYOUTS)) for (let i = 0; i < per; i++) out.push(makeCase(g, name, layout));
  }
  return out;
}
