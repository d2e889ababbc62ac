// Redaction by context: what real logs carry around a secret must survive (ports, component
// names, Unix logins, counters, the message after a marker), and secrets given on command
// lines, in query strings and in wrapped output must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;

function gone(text, secret) {
  const out = r(text);
  assert.ok(!out.includes(secret), `leaked in: ${out}`);
  return out;
}

test('host:port keeps its port; a component name after it survives', () => {
  assert.match(
    r('081109 204005 35 INFO dfs.FSNamesystem: blockMap updated: 10.251.73.220:50010 is added to blk_7128370237687728475 size 67108864'),
    /\[ip-1\]:50010 is added to blk_7128370237687728475 size 67108864$/,
  );
  const zk = r('2015-07-29 19:04:12,394 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.11:45307');
  assert.equal(zk, '2015-07-29 19:04:12,394 - INFO  [/[ip-1]:3888:QuorumCnxManager$Listener@493] - Received connection request /[ip-1]:45307');
});

test('the message around a mid-line key survives (Windows CBS, sshd)', () => {
  assert.equal(
    r('2016-09-28 04:30:31, Info                  CBS    Session: 30546173_4261722401 initialized by client WindowsUpdateAgent.'),
    '2016-09-28 04:30:31, Info                  CBS    Session: 30546173_4261722401 initialized by client WindowsUpdateAgent.',
  );
  assert.equal(
    r('Dec 10 06:55:46 LabSZ sshd[24200]: input_userauth_request: invalid user webmaster [preauth]'),
    'Dec 10 06:55:46 LabSZ sshd[24200]: input_userauth_request: invalid user webmaster [preauth]',
  );
  const out = r('2026-05-01 12:00:00 WARN token: Zq8vN2pLmK4rT7wXyB3cQ9 rejected by upstream, retrying in 5s');
  assert.equal(out, '2026-05-01 12:00:00 WARN token: [REDACTED:secret] rejected by upstream, retrying in 5s');
});

test('a Unix login in sshd/PAM lines is not customer identity', () => {
  const line =
    'Dec 10 07:48:00 LabSZ sshd[24321]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=5.36.59.76  user=root';
  assert.match(r(line), /user=root$/);
  assert.match(r('{"user":"Dana Whitcombe","plan":"pro"}'), /"user":"\[REDACTED:customer-identity\]"/);
});

test('class names and long user parts that are names are kept', () => {
  assert.equal(
    r('17/06/09 20:10:57 INFO output.FileOutputCommitter: Saved output of task'),
    '17/06/09 20:10:57 INFO output.FileOutputCommitter: Saved output of task',
  );
  assert.doesNotMatch(r('listening on addresses :[akka.tcp://sparkExecutorActorSystem@mesos-slave-07:55904]'), /REDACTED/);
  assert.equal(r('Processed session termination for sessionid: 0x14ed93111f20027'), 'Processed session termination for sessionid: 0x14ed93111f20027');
});

test('secrets given on command lines without a key name', () => {
  gone('docker login -p Zq8vN2pLmK4rT7wX registry.example.com', 'Zq8vN2pLmK4rT7wX');
  gone('aws configure set aws_secret_access_key wJalrXUtnFEMIzK7MDENGbPxRfiCYzq8vN2pLmK4', 'wJalrXUtnFEMIzK7MDENGbPxRfiCYzq8vN2pLmK4');
  gone('helm repo add internal https://charts.example.com --username ci --password Zq8vN2pLmK4rT7wX', 'Zq8vN2pLmK4rT7wX');
  gone('mytool --api-key Zq8vN2pLmK4rT7wX --verbose', 'Zq8vN2pLmK4rT7wX');
});

test('cloudflared tunnel and connector ids in its own log lines and config', () => {
  const id = '3f2b8a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
  for (const line of [
    `2024-05-01T12:00:00Z INF Generated Connector ID: ${id}`,
    `2024-05-01T12:00:00Z INF Starting tunnel tunnelID=${id}`,
    `2024-05-01T12:00:00Z INF Registered tunnel connection connIndex=0 connection=${id} event=0 location=ams01`,
    `tunnel: ${id}`,
    `credentials-file: /etc/cloudflared/${id}.json`,
  ])
    gone(line, id);
  // a request id is a UUID too, and is kept
  assert.equal(r(`request_id=${id} status=200`), `request_id=${id} status=200`);
});

test('customer identity in e-mail headers and organisation fields', () => {
  const out = gone('From: Dana Whitcombe <dana@acme.example>', 'Dana Whitcombe');
  assert.match(out, /^From: \[REDACTED:customer-identity\] <\[email-1\]>$/);
  gone('To: "Kessler, Margot" <margot@fenwick.example>', 'Kessler');
  gone('{"company":"Fenwick Dairy","plan":"pro"}', 'Fenwick Dairy');
  gone('organization: Fenwick Dairy Ltd', 'Fenwick');
  assert.equal(r('org.apache.hadoop.mapreduce.Job: map 100%'), 'org.apache.hadoop.mapreduce.Job: map 100%');
});

test('a token wrapped by a terminal: its second half on the next line is redacted too', () => {
  const k = 'sk-proj-' + 'aZ3kQ9xW2mR7tY5uP1oL8nB4vC6'.repeat(3);
  const out = r(`export OPENAI_API_KEY=${k.slice(0, 60)}\n${k.slice(60)}\n2024-05-01 INFO next`);
  assert.ok(!out.includes(k.slice(60)), out);
  assert.match(out, /\n2024-05-01 INFO next$/);
  // a next line that starts with a key=value pair is not a continuation
  assert.match(r(`export AWS_SECRET_ACCESS_KEY=GefL8KwFg8vNaP7zD400iVSRgGDPukwrKAV7J92Y\nAWS_REGION=eu-central-1`), /\nAWS_REGION=eu-central-1$/);
});
