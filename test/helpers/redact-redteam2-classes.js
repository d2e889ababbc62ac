// Red team 2's shared pieces (random tokens, b3iq tokens, WIF keys) and its second half of
// classes: wallet keys, b3iq token spellings, mnemonic layouts, URL sessions, XML, wrappers,
// provider tokens, key names, announced next lines (test/helpers/redact-redteam2.js).
import { createHash } from 'node:crypto';
import { generateToken } from '../../dist/core/tokens.js';

export const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEXA = '0123456789abcdef';

export const tok = (g, n = g.int(28, 40)) => g.pick('ABCDEFGHJKLMNPQRSTUVWXYZ') + g.pick('23456789') + g.str(B62, n - 2);
export const q = (g, v) => {
  const c = g.pick(['"', "'"]);
  return c + v + c;
};
export const b3iq = (g) => generateToken(g.pick(['local', 'support', 'gateway', 'setup']), (n) => Buffer.from(Array.from({ length: n }, () => g.int(0, 255))));
export const bodyOf = (t) => t.slice(t.indexOf('_', 5) + 1);
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const sha256 = (b) => createHash('sha256').update(b).digest();
/** A checksum-valid WIF private key (Base58Check of version + key [+ 0x01 compressed]). */
export function wif(version, key, compressed) {
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
/** The classes of the second half: (g) => { lines, secrets, keep?, words? }. */
export const CLASSES_B = {
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
