// The adversarial generator's classes for internal service URLs, secrets said twice in a stream,
// passphrases under key-named settings and credential files whose secret stands by position
// (chap/pap-secrets, OpenVPN auth-user-pass files, recovery-code lists). See redact-adversarial-gen.js.
import { ALNUM, LO } from './redact-adversarial-gen.js';

const SERVICES = ['vllm', 'ollama', 'tgi', 'qdrant', 'redis', 'db-primary', 'open-webui', 'triton', 'minio', 'postgres'];
const SCHEMES = ['http', 'https', 'redis', 'postgres', 'grpc', 'ws', 'amqp', 'mysql'];
/** Short common words (a passphrase people pick). */
const WORDS = ['orbit', 'lantern', 'velvet', 'cobalt', 'meadow', 'harbor', 'tundra', 'saffron', 'quartz', 'willow', 'ember', 'falcon'];

const phrase = (g, n) => Array.from({ length: n }, () => g.pick(WORDS) + g.str(LO, 2)).join(' ');

export const FILE_CLASSES = {
  'service-hosts': (g) => {
    // (a random suffix may spell a key word: `qdrant-pxpwd:24356` reads as `pwd: value`, another class)
    const host = `${g.pick(SERVICES)}-${g.int(10, 99)}${g.str('abcdef', 2)}`;
    const port = String(g.int(1025, 65000));
    const url = `${g.pick(SCHEMES)}://${host}:${port}${g.pick(['', '/v1', '/api/generate', '/0'])}`;
    const l = g.pick([
      `connecting to ${url}`,
      `upstream=${url} status=ok`,
      `"base_url": "${url}"`,
      `dial ${url}: connection refused`,
      `OPENAI_BASE_URL=${url}`,
    ]);
    return { line: l, secrets: [host], keep: [`:${port}`] };
  },
  'recurring-secret': (g) => {
    const pw = g.password(false);
    const first = g.pick([`password=${pw}`, `export API_TOKEN=${pw}`, `"secret": "${pw}"`, `DB_PASSWORD: ${pw}`]);
    const later = g.pick([`connecting with ${pw}`, `retry auth ${pw} (2/3)`, `header x-debug: ${pw}`, `"${pw}"`]);
    const filler = Array.from({ length: g.int(0, 4) }, () => `step ${g.int(1, 99)} ok`);
    return { lines: [first, ...filler, later], secrets: [pw], perLinePrefix: true };
  },
  'passphrase-setting': (g) => {
    const words = phrase(g, g.int(3, 6));
    const name = g.pick(['ENCRYPTION_KEY', 'SIGNING_KEY', 'MASTER_KEY', 'BACKUP_PASSPHRASE', 'APP_SECRET']);
    const l = g.pick([
      `${name}=${words}`,
      `${name}: "${words}"`,
      `set ${name}=${words}`,
      `Environment="${name}=${words}"`,
      `ENV ${name} ${words}`,
      `${name}\t${words}`,
      `Encryption key = ${words}`,
    ]);
    // every word after the first must be gone too (a value cut at its first blank leaks the rest)
    return { line: l, secrets: [words, words.slice(words.indexOf(' ') + 1)], raw: true };
  },
  'ppp-secrets': (g) => {
    const pw = g.password(true);
    const user = g.pick(['alice', 'bob', 'vpnuser', 'carol']);
    const server = g.pick(['*', 'pptpd', 'myserver', 'vpn-gw', '"l2tpd"']);
    const q = g.r() < 0.5 ? '"' : '';
    const addr = g.pick(['*', `10.0.${g.int(0, 9)}.${g.int(2, 250)}`, '-']);
    const sep = g.pick([' ', '  ', '\t']);
    return { lines: ['# Secrets for authentication using CHAP', [user, server, q + pw + q, addr].join(sep)], secrets: [pw], raw: true };
  },
  'openvpn-auth': (g) => {
    const pw = g.password(true);
    const file = g.pick(['/etc/openvpn/auth.txt', '/etc/openvpn/client/creds.txt', '/etc/openvpn/login.conf', 'vpn.auth']);
    const head = g.pick([[`$ cat ${file}`], [`==> ${file} <==`], [`auth-user-pass ${file}`, `# cat ${file}`], ['<auth-user-pass>']]);
    return { lines: [...head, g.pick(['alice', 'ops@example.com', 'vpn-user']), pw], secrets: [pw], raw: true };
  },
  'recovery-codes': (g) => {
    const codes = Array.from({ length: g.int(2, 8) }, () =>
      g.pick([`${g.str(LO, 4)}-${g.str(LO, 4)}`, g.str('0123456789', 8), g.str('0123456789', 6), g.str(ALNUM, 10)]),
    );
    const key = g.pick(['recovery_codes', 'backupCodes', 'otp_backup_codes', 'mfa_recovery_codes']);
    const lines = g.pick([
      () => [`{"${key}": [${codes.map((c) => `"${c}"`).join(', ')}]}`],
      () => [`"${key}": [`, ...codes.map((c, i) => `  "${c}"${i < codes.length - 1 ? ',' : ''}`), ']'],
      () => [`${key} = [${codes.map((c) => `"${c}"`).join(', ')}]`],
      () => [`${key}:`, ...codes.map((c) => `  - ${c}`), 'enabled: true'],
    ])();
    return { lines, secrets: codes, raw: true };
  },
};
