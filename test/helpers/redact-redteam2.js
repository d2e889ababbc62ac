// A second red-team generator: classes the first (redact-adversarial-gen.js) and the dump
// tables do not cover, each with random secrets from a fixed seed, in six log layouts (plain,
// journald/syslog prefix, a JSON log record per line, kubectl --timestamps, docker -t / CRI,
// CRLF). Each case: { text, secrets, keep, words }. Used by test/unit/redact-redteam2.test.js
// and `node test/eval/tools/redteam2.mjs` (the second half of the classes: redact-redteam2-classes.js).
import { Gen } from './redact-adversarial-gen.js';
import { casesByClass, fnv1a } from './prng.js';
import { CLASSES_B, q, tok } from './redact-redteam2-classes.js';

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
  ...CLASSES_B,
};

/** One case of a class in one layout. */
export function makeCase(g, name, layout = g.pick(Object.keys(LAYOUTS))) {
  const c = CLASSES[name](g);
  const lines = LAYOUTS[layout](g, c.lines);
  return { cls: name, layout, text: lines.join('\n'), secrets: c.secrets, keep: c.keep ?? [], words: c.words === true };
}

/** `per` cases of each class in each layout, from one seed. */
export function generate(seed, per, names = Object.keys(CLASSES)) {
  return casesByClass(names, Object.keys(LAYOUTS), per, (name) => new Gen(seed ^ fnv1a(name)), makeCase);
}
