// Red team 5: B3IQ node-log material in framings the earlier generators do not write
// (journalctl short-iso and -o json, logfmt, Python logging, Go log, Rust tracing, docker
// compose, kubectl --prefix, CSV exports), with auditd EXECVE records, sudo lines, argv arrays,
// curl -v dumps, struct dumps and config files inside (test/helpers/redact-redteam5*.js).
// Each class is bounded by what still leaks (docs/redaction.md, "Fifth red-team classes"), so a
// change cannot silently widen it; the kept-diagnostics corpus must lose nothing.
// `node test/eval/tools/redteam5.mjs --show 3` lists every leak by class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import * as generator from '../helpers/redact-redteam5.js';
import { redTeamSuite } from '../helpers/redteam-suite.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;
const SEED = process.env.B3IQ_FC_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : 20261130;
const PER = 4; // cases per layout: 40 a class

/** Cases a class may still leak, of 40 (measured at seed 20261130; see docs/redaction.md). */
const OPEN = {
  'hex-key-commands': 1, // `cast wallet address HEX` behind an escaped JSON framing
  'system-paths-people': 2, // a customer's name as a file name under a well-known folder (`/var/backups/<name>-db.sql.gz`)
  'customer-fields-nested': 3, // a YAML `customer:` block or a CSV header inside JSON, logfmt and CSV framings
  'token-wrapped-80': 2, // a wrapped token's digit-free tail
};

redTeamSuite('red team 5', generator, { seed: SEED, per: PER, open: OPEN, streamEvery: 4, opts: OPTS });

const gone = (text, ...secrets) => {
  const out = r(text);
  for (const s of secrets) assert.ok(!out.includes(s), `leaked ${s}: ${out}`);
};
const kept = (text) => assert.equal(r(text), text);

// One plain case per fixed class: each leaked on the code before this suite.
test('red team 5: each fixed class, one plain case', () => {
  gone('type=EXECVE msg=audit(1733119040.516:1391): argc=4 a0="mysqldump" a1="--user=backup" a2="-pTuh8N6XNbbcC-P" a3="--all"', 'Tuh8N6XNbbcC-P');
  gone(`subprocess.run(['aws', 'configure', 'set', 'aws_secret_access_key', 'Kcm9a2t9GEWqJ'], check=True)`, 'Kcm9a2t9GEWqJ');
  gone('{"changed":true,"cmd":["sshpass","-p","Fc-5krZPoqnaZYX","ssh","admin@node-4"],"rc":0}', 'Fc-5krZPoqnaZYX');
  gone('/proc/9714/cmdline: htpasswd\\x00-Bbn\\x00jenkins\\x00Qix3NN6VtEq', 'Qix3NN6VtEq');
  gone("echo 'Hqd6i7SfeZ6ycAk3T' | sudo -S systemctl restart b3iq-node", 'Hqd6i7SfeZ6ycAk3T');
  gone('echo Upb9LGQN_PA | crane auth login ghcr.io -u ci --password-stdin', 'Upb9LGQN_PA');
  gone('"GET /reset-password/Y6eWcuXjUXEM5VPtAR664pZGM4tW6gBIP HTTP/1.1" 200 512', 'Y6eWcuXjUXEM5VPtAR664pZGM4tW6gBIP');
  gone('POST /v1/support/grants/R4rPPG0dOdAoV4cGuGkhrKG6/accept HTTP/1.1', 'R4rPPG0dOdAoV4cGuGkhrKG6');
  gone('Customer:{ID:42 Name:Globex Corporation Plan:pro}', 'Globex');
  gone('{"customer":{"id":"cus_a24a4d7dce39","name":"Initrode Systems"}}', 'Initrode');
  gone("INSERT INTO customers (id, name, plan) VALUES (42, 'Umbrella Health Inc', 'pro');", 'Umbrella');
  gone('main.Account{CompanyName:"Fenwick Dairy Ltd", Seats:5}', 'Fenwick');
  gone('Customer { name: "Fenwick Dairy Ltd", plan: Pro }', 'Fenwick');
  gone('"accountHolder": "Stark Logistics"', 'Stark');
  gone('customer,plan,seats\n"Fenwick Dairy Ltd",pro,5\nInitrode Systems,team,12', 'Fenwick', 'Initrode');
  gone('cloudflared-1  | id,company_name,plan\ncloudflared-1  | 7,Globex Corporation,pro', 'Globex');
  gone('X-Original-From: Marek Lindqvist <marek@example.com>', 'Lindqvist');
  gone('sent invoice to Dana Whitcombe <dana@example.com>', 'Whitcombe');
  gone('mail.Address{Name:"Marek Lindqvist", Address:"marek@example.com"}', 'Lindqvist');
  gone("Address(display_name='Dana Novak', username='dana', domain='example.com')", 'Novak');
  gone('{"email":"dana@example.com","name":"Dana Kowalczyk"}', 'Kowalczyk');
  gone('"Tomasz Kowalczyk",tomasz@example.com,pro,2026-11-30', 'Kowalczyk');
  gone('{"MESSAGE":"\\"Tomasz Kowalczyk\\",tomasz@example.com,pro"}', 'Kowalczyk');
  gone('node-6,INFO,"{""email"":""dana@example.com"",""name"":""Dana Kowalczyk""}"', 'Kowalczyk');
  gone('{"MESSAGE":"\\t\\"Raghunathan, Priya\\" <priya@example.com>"}', 'Raghunathan');
  gone('open /var/log/b3iq/globex/gateway.log: permission denied', 'globex');
  gone('rsync -a /media/dana/BACKUP/models backup:/srv/', 'dana');
  gone('open \\\\fileserver\\globex\\share: permission denied', 'globex');
  gone('open D:\\Customers\\initech\\config.json', 'initech');
  gone(
    'PK=b36694f03f80afe669db86221f7a8c4f6aa80d626c0a46fa05b5845fcb98647f node scripts/deploy.js',
    'b36694f03f80afe669db86221f7a8c4f6aa80d626c0a46fa05b5845fcb98647f',
  );
  const b64 = 'FKhPAqzcoCG2+b9L5mi8RwUqXW5bj7gE/2xWo7y5E9SudKK/o/oN+6pwcpRy457d';
  gone(`2026-11-14T09:13:11+0000 node-8 dockerd[99850]: ${b64}`, b64);
  gone(`2026-11-17 06:15:49,225 INFO [b3iq.wallet] ${b64}`, b64);
  gone(`gateway-1  | ${b64}`, b64);
  gone(`[pod/b3iq-node-aec21-c7857/tunnel] ${b64}`, b64);
  gone(`{"MESSAGE":"${b64}"}`, b64);
  gone(`ts=2026-11-30T06:12:01Z level=info msg="${b64}"`, b64);
  gone(
    'new ethers.Wallet("e6bb487732772b0289f00d4fd577c15712aa56420bfc2fb8e607c96c3bda9747", provider)',
    'e6bb487732772b0289f00d4fd577c15712aa56420bfc2fb8e607c96c3bda9747',
  );
  gone(
    'cast wallet address 0xd5273a43ffb6965220ef673fcdc653a8e493a5d2053892424de3d9326656e4be',
    'd5273a43ffb6965220ef673fcdc653a8e493a5d2053892424de3d9326656e4be',
  );
  gone('NAME:     node-4\nID:       98811cc3-cd79-4859-bcbb-199d1755edc9\nCREATED:  2026-11-30T00:56:15Z', '98811cc3-cd79-4859-bcbb-199d1755edc9');
  gone('msg="type=EXECVE argc=4 a0=\\"docker\\" a1=\\"login\\" a2=\\"-p\\" a3=\\"Urt9.fk4G3uaU\\""', 'Urt9.fk4G3uaU');
  gone('exec.Command("htpasswd", "-Bbn", "ops", "Pua8DoZ8VQN8ZdBub")', 'Pua8DoZ8VQN8ZdBub');
});

test('red team 5: a mnemonic split over two prefixed lines (6 + 18, 12 + 12, after a label, in JSON and CSV)', () => {
  const m =
    'coconut another turn art example dice love army social nominee discover oval agree cross athlete chapter hood any sustain throw clog broken mesh mean'.split(
      ' ',
    );
  const pre = '2026-11-13T08:25:28+0000 node-4 sudo[98238]: ';
  gone(`${pre}${m.slice(0, 6).join(' ')}\n${pre}${m.slice(6).join(' ')}`, 'coconut', 'nominee', 'athlete', 'sustain');
  gone(
    `[pod/b3iq-node-edc12-3e8c1/tunnel] imported: ${m.slice(0, 12).join(' ')}\n[pod/b3iq-node-edc12-3e8c1/tunnel] ${m.slice(12).join(' ')}`,
    'coconut',
    'nominee',
    'athlete',
    'sustain',
  );
  gone(`${m.slice(0, 6).join(' ')}\n${m.slice(6).join(' ')}`, 'coconut', 'nominee', 'athlete', 'sustain');
  const json = (t) => `{"_HOSTNAME":"node-3","MESSAGE":"${t}"}`;
  gone(`${json(`imported: ${m.slice(0, 11).join(' ')}`)}\n${json(m.slice(11).join(' '))}`, 'coconut', 'nominee', 'athlete', 'sustain');
  const csv = (t) => `2026-11-14T09:47:38Z,node-8,INFO,"${t}"`;
  gone(`${csv(`imported: ${m.slice(0, 10).join(' ')}`)}\n${csv(m.slice(10).join(' '))}`, 'coconut', 'nominee', 'athlete', 'sustain');
  // the same words, the checksum broken (the last word swapped): kept
  const bad = [...m.slice(0, 23), 'abandon'];
  kept(`${pre}${bad.slice(0, 6).join(' ')}\n${pre}${bad.slice(6).join(' ')}`);
});

test('red team 5: a wrapped base64 block inside a quoted framing, to its short last line', () => {
  const lines = [
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCnAnPMuePjzA/hJ543ZdR5L8xAz+7oQW4',
    'GxpftMshTmuSMaiKeiNKdAdKw34TAgouCmWUr7uSathq76C5RqJNQjMaNHYdKC3A', // no `+` or `/`
    'CrHHQ9sKREXFo+kwe9mT7+bSJ6PH56K+mJuhSSMq7HFxMeYqLfHn6BN5durvkhWh',
    'fAYarbyt8G8KeiNK2K5DrA2ZHoyeKCCd84APYcCX3',
  ];
  const frame = [
    (t) => `{"_HOSTNAME":"node-3","MESSAGE":"${t}"}`,
    (t) => `ts=2026-11-13T07:37:14.609Z level=info msg="${t}"`,
    (t) => `2026-11-14T09:47:38Z,node-8,INFO,"${t}"`,
  ];
  for (const f of frame) gone(lines.map(f).join('\n'), ...lines);
  // a short quoted word after a block line is its own: kept
  const after = `${f0(lines[0])}\n${f0('status ok')}`;
  assert.ok(r(after).includes('status ok'));
  function f0(t) {
    return frame[0](t);
  }
});

test('red team 5: an argv written as a YAML list, one element a line, behind log prefixes', () => {
  const list = (p, ...items) => [`${p}args:`, ...items.map((v) => `${p}  - "${v}"`)].join('\n');
  gone(list('2026-11-14 09:54:43,655 INFO [b3iq.support] ', 'mysql', '-h', 'db', '-uroot', '-pMwt2fwybk4JQncso', 'b3iq'), 'Mwt2fwybk4JQncso');
  gone(
    list('2026-11-21T02:32:13.403850Z  INFO b3iq_node::gateway: ', 'htpasswd', '-b', '-c', '/etc/nginx/.htpasswd', 'ops', 'Vic6nFnXUbAbx4Ev7G'),
    'Vic6nFnXUbAbx4Ev7G',
  );
  gone(list('', 'docker', 'login', '--password', 'Urt9fk4G3uaUx', 'ghcr.io'), 'Urt9fk4G3uaUx');
  const logfmt = ['args:', ...['htpasswd', '-Bbn', 'ops', 'Kgn78WNCxT_bx'].map((v) => `  - \\"${v}\\"`)];
  gone(logfmt.map((m) => `ts=2026-11-22T02:22:15.483Z level=info msg="${m}"`).join('\n'), 'Kgn78WNCxT_bx');
  // a list that names no login tool, or a flag that takes no secret: kept
  kept(list('', 'curl', '-p', 'Urt9fk4G3uaUx'));
  kept(list('', 'docker', 'run', '--rm', 'nginx'));
});

test('red team 5: a mnemonic a terminal cut at 80 columns, mid-word, over two and three lines', () => {
  const two = '> undo increase warm winter swear few cluster curtain type excess explain semina\nr';
  assert.equal(r(two), '> [REDACTED:mnemonic]\n[REDACTED:mnemonic]');
  const three =
    '$ b3iq-wallet restore inherit nephew welcome subject prosper duck attract shuffl\ne club convince shoulder master visual coil predict pill peasant will penalty co\npper garden rare venture ankle';
  gone(three, 'inherit', 'convince', 'garden', 'venture', 'ankle');
  const space = 'root@node-3:~# echo differ tank scatter rely genuine team nephew frost list old \nspider spice buffalo rescue talk chase retreat hammer';
  gone(space, 'genuine', 'spider', 'buffalo', 'hammer');
  // not a terminal's width, or no listed words after it: kept
  kept('the quick brown fox jumps over the lazy dog while the cats sleep on warm mats ok\nnext line'); // 80 columns of prose: `the`, `on`, `a`, `ok` are not listed
  kept('abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon');
});

test('red team 5: look-alikes beside the new rules stay', () => {
  kept('2026-11-12T02:45:22.758600Z  INFO b3iq_node::tunnel: "max_completion_tokens": 77612');
  kept('2026-11-16T02:20:19.830375Z  INFO b3iq_node::token: eval rate: 94.7 tokens/s');
  kept('cloudflared[91868]: request_id=4d7fdac0-54f7-4f98-b707-2a043a7eef5b status=200');
  kept('cloudflared-3  | job d911afd8-dccc-498a-8ec3-497b97a6df05 finished in 2.1s');
  kept('[b3iq.support] image=ghcr.io/b3iq/node@sha256:74edede62af0d002e767ca121aec5d92de7750a6abff9bb1e9f641baeb6aba9c');
  kept('GET /share/llama-3.1-8B-Instruct-Q4/download HTTP/1.1');
  kept('GET /download/3f2a9c0d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f HTTP/1.1');
  kept('source path:/var/log/CoreCapture/com.apple.iokit.IO80211Family/OneStats/x.xml');
  kept('to folder:/tmp/KSOutOfProcessFetcher.YH2CjY1tnx/download');
  // a temporary folder of well-known words and a random suffix (mkdtemp), whatever the suffix's letters
  kept('left out /tmp/b3iq-test-abcdef/logs/.bash_history');
  kept('left out /tmp/b3iq-bundle-Xy12Ab/logs/app.log');
  gone('open /tmp/globex-abcdef/export.csv', 'globex');
  kept('open /var/log/nginx/error.log: permission denied');
  kept('redis-cli -h cache -p 6379 INFO');
  kept('["docker", "login", "--password-stdin", "ghcr.io"]');
});
