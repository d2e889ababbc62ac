// Recall rules from the peer scanners' suites (issue: redaction against inputs nobody here
// wrote): provider token formats the first round missed, glued prefixes, and the
// assignment and comparison forms of detect-secrets' keyword tests. Every case here leaked
// before these rules; the guards beside them keep the look-alikes clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const rep = (c, n) => c.repeat(Math.ceil(n / c.length)).slice(0, n);
const B62 = 'aZ3kQ9xW2mR7tY5uP1oL8nB4vC6';
const HEX = '9f2c4e6a8b1d3f5e7c9a0b2d4f6e8a1c';
const red = (text) => redact(text, OPTS).text;

/** Asserts that `secret` is gone from the redaction of `text` (and a marker is there). */
function gone(text, secret, label = text) {
  const out = red(text);
  assert.ok(!out.includes(secret), `${label}\n  leaked in: ${out}`);
  assert.match(out, /\[REDACTED:[a-z0-9-]+\]/, label);
  return out;
}
function kept(text) {
  assert.equal(red(text), text, 'no marker expected');
}

const TOKENS = {
  'artifactory api key (short form)': 'AKC' + rep(B62, 14),
  'artifactory encrypted password': 'AP6' + rep(B62, 12),
  'artifactory encrypted password, letter digit': 'APB' + rep(B62, 11),
  'discord bot (MZ…)': 'MZ1yGvKTjE0rY0cV8i47CjAa.uRHQPq.' + rep(B62, 27),
  'discord bot (OT…)': 'OTUyNED5MDk2MTMxNzc2MkEz.GSroKE.' + rep(B62, 38),
  'databricks upper-case hex': 'dapi' + rep(HEX.toUpperCase(), 32),
  'github app installation token with a JWT': `ghs_12345_eyJhbGciOiJSUzI1NiJ9.eyJpYXQiOjE3NDU1NjgwMDB9.${rep(B62, 43)}`,
  'linear, longer body': 'lin_api_' + rep(B62, 42),
  'vercel vca_': 'vca_' + rep(B62, 56),
  'sendgrid, = and . in the body': 'SG.' + rep('k0lwv=aj8s_' + B62, 66),
  'vault legacy service token': 's.' + rep('9LmUcsQfFEnHJjtIlputc87D', 24),
  'intra42 client secret': 's-s4t2ud-' + rep(HEX, 64),
  'airtable personal access token': 'patokqca814o9zity.' + rep(HEX, 64),
  'bedrock short-lived key': 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg==',
  'facebook app access token': '911602140448729|AY-lRJZq9BoDLobvAiP25L7RcMg',
  'jwt whose header is not {"': 'ey2XKgdrQYpu6BeUXAAa0.eygMmAbmjY8rscNjJzr.cOpqnG6U2YjgS',
};

test('provider tokens the first round missed are redacted standing alone in a log line', () => {
  for (const [name, tok] of Object.entries(TOKENS)) {
    for (const line of [tok, `Nov 29 19:22:19 node-7 gatewayd[811]: retrying with ${tok} (attempt 2/5)`, `"${tok}"`, `x=${tok}`]) {
      gone(line, tok, `${name}: ${line}`);
    }
  }
});

test('softlayer: the API key in the SOAP endpoint path', () => {
  const key = rep(HEX, 64);
  gone(`GET http://api.softlayer.com/soap/v3.1/${key} 200`, key);
  gone(`https://api.softlayer.com/soap/v3/${key}`, key);
});

test('glued prefixes: tokens with a distinctive structure inside a longer word', () => {
  const ts = 'tskey-api-' + rep(B62, 12) + '-' + rep(B62, 24);
  gone(`MY_${ts}`, ts);
  gone(`0${ts}`, ts);
  const sg = 'SG.' + rep(B62, 22) + '.' + rep('H7Sgbba3afgKSDyB442aDK', 43);
  const out = gone(`som${sg}ewhere lost in staging files`, sg);
  assert.match(out, /where lost in staging files$/);
});

test('look-alikes of the new shapes stay clean', () => {
  for (const line of [
    'APACHE2CONFIGURATION loaded',
    'testAKCwithinsomeirrelevantstring',
    'xtskey-api-AAAAAAAAAAAA-BBBBBBBBBBBBBBBBBBBBBBBB',
    'notSG.APhb3zgjtx3hajdas1TjBB.H7Sgbba3afgKSDyB442aDK0kpGO3SD332313_L55',
    'dapiABCDEF1234567890ABCDEF1234567890AB',
    'MTAyOTQ4MTN5OTU5MTDwMEcxNg0.GSwJyi.sbaw8msOR3Wi6vPUzeIWy_P0vJbB0UuRVjH8l8',
    'Monday November Octopus: the usual words starting with M, N and O',
    'result = s.Configuration.Value',
    'err := s.ProcessIncomingRequest2(ctx)',
    'path patterns patched',
    'a | b | c 1234567890123456|short',
  ]) {
    kept(line);
  }
});

const LIT = 'm{{h}o)p${e]nob(ody[finds>-_$#thisone}}';

test('a quoted literal compared with a secret key, written before the key', () => {
  for (const op of ['==', '!=', '===', '!==']) {
    for (const key of ['password', 'my_super_password', 'passwd', 'private_key', 'secret', 'api_key']) {
      const out = gone(`if ("${LIT}" ${op} ${key}) {`, LIT);
      assert.ok(out.endsWith(`" ${op} ${key}) {`), out);
    }
  }
  gone(`if ('Zq8f3kLm2Pq9xR' == token) return`, 'Zq8f3kLm2Pq9xR');
  // an assignment the other way round, or a comparison with no literal, is not one
  kept('if (name == password) {');
  kept('x = "abc" = password');
});

test('C array declarations, secret words of other languages, `key "value";` statements', () => {
  gone(`secrete[] = "${LIT}";`, LIT);
  gone(`char secrete[25] = "${LIT}";`, LIT);
  gone(`static const char api_key[] = "Zq8f3kLm2Pq9xRw";`, 'Zq8f3kLm2Pq9xRw');
  for (const key of ['secrete', 'secreto', 'passwort', 'Kennwort', 'contrasena', 'senha', 'wachtwoord', 'mot_de_passe']) {
    gone(`${key} = "Zq8f3kLm2Pq9xRw"`, 'Zq8f3kLm2Pq9xRw', key);
    gone(`${key}: Zq8f3kLm2Pq9xRw`, 'Zq8f3kLm2Pq9xRw', key);
  }
  gone('secrete = A,.:-¨@*¿?!', 'A,.:-¨@*¿?!');
  gone(`password "${LIT}";`, LIT);
  gone(`    private_key "Zq8f3kLm2Pq9xRw"`, 'Zq8f3kLm2Pq9xRw');
  gone(`db_pass_secure := ${LIT}`, LIT);
  // a single-quoted C char array, an unquoted one, an unclosed quote, prose, `pass` first
  kept(`db_pass[] = 'x';`);
  kept(`private_key "hopenobodyfindsthisone';`);
  kept('the password "reset" link was sent to the user');
  kept('pass_through = enabled');
  kept('secretary: Jane Doe');
});

test('a string literal that is one long random base64 run, standing alone, is a secret', () => {
  for (const lit of [
    'c3VwZXIgbG9uZyBzdHJpbmcgc2hvdWxkIGNhdXNlIGVub3VnaCBlbnRyb3B5',
    'I6FwzQZFL9l-44nviI1F04OTmorMaVQf9GS4Oe07qxL_vNkW6CRas4Lo42vqJMT0M6riJfma_f-pTAuoX2U=',
  ]) {
    gone(`"${lit}"`, lit);
    gone(`keys = ['${lit}', 'other']`, lit);
    gone(`client.login("${lit}")`, lit);
  }
  // hashes, UUIDs, integrity strings, identifiers, short or wordy strings, and a literal whose key says what it is
  kept('"8b1118b376c313ed420e5133ba91307817ed52c28b1118b376c313ed420e"');
  kept('"203db13e-70c7-462b-9a3d-bf32640cb0be-203db13e-70c7-462b-9a3d"');
  kept('"sha512-Zk3qXc9RmB2T8yW4vN7pL1sD6fH0jK5gA3eU9iO2wQ4rT7yU1iP3aS5dF8gH0jK2lZ4xC6vB8nM0qW2eR4tY6u=="');
  kept('"com_example_ServiceRegistryHandlerFactory_V2_Primary_Instance_01"');
  kept('"Zrm-ySTAq7D2sHk="');
  kept('public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"');
});

test('the line right after a private key BEGIN is body, whatever it holds', () => {
  const out = red('-----BEGIN RSA PRIVATE KEY-----\nsuper secret private key here\n-----END RSA PRIVATE KEY-----');
  assert.ok(!out.includes('super secret'), out);
  const cut = red('some text here\n-----BEGIN PRIVATE KEY-----\nyabba dabba doo');
  assert.ok(!cut.includes('yabba'), cut);
  assert.ok(cut.startsWith('some text here\n'), cut);
  // a certificate's block is public: its lines are judged as before
  const cert = red('-----BEGIN CERTIFICATE-----\nnot base64 at all\n');
  assert.ok(cert.includes('not base64 at all'), cert);
});

test('numbered and qualified key names, tenant and cloud account ids, AWS example secret', () => {
  gone('keyB = 456789123a', '456789123a');
  gone('API_KEY_2=Zq8f3kLm2Pq9xRw', 'Zq8f3kLm2Pq9xRw');
  gone('if ("Zq8f3kLm2Pq9xRw" !== my_password_sec) {', 'Zq8f3kLm2Pq9xRw');
  gone('"AWS_ACCOUNT_ID"=>0000-0000-0000', '0000-0000-0000');
  gone('AZURE_CLIENT_ID=dac6fb3d-713c-4555-8a97-4089aa3849be', 'dac6fb3d-713c-4555-8a97-4089aa3849be');
  gone('ad_tenant_id: "dac6fb3d-713c-4555-8a97-4089aa3849be"', 'dac6fb3d-713c-4555-8a97-4089aa3849be');
  gone("aws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'", 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  kept('keyN: valueN');
  kept('key1: value1');
  kept('keyA = 678912345');
  kept('token_ttl_sec: 3600s');
  kept('AWS_REGION=us-east-1');
  kept('aws_secret_access_key = "EXAMPLE"');
});

test('an INI value continued on indented lines is one secret', () => {
  const out = red('[key with multiple values]\nkeyB = 456789123a\n    567891234b\n\nname = plain');
  assert.ok(!out.includes('456789123a') && !out.includes('567891234b'), out);
  assert.ok(out.endsWith('\n\nname = plain'), out);
  // a line at column 0 is the next key, not a continuation; a short indented word is no token
  assert.ok(red('password = Zq8f3kLm2Pq9\nhostname1234 = x').includes('hostname1234 = x'));
  assert.ok(red('password = Zq8f3kLm2Pq9\n    retries').endsWith('\n    retries'));
});

test('provider-named credential keys: Bundler host credentials, sonar.login, Sumo Logic access ids, creds', () => {
  gone('export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=cafebabe:deadbeef && echo hi', 'cafebabe:deadbeef');
  gone('BUNDLE_GEMS__CONTRIBSYS__COM: "cafebabe:deadbeef"', 'deadbeef');
  gone('SONAR.LOGIN ::= "12345678ABCDEFH1234567890ABCDEFH12345678"', '12345678ABCDEFH1234567890ABCDEFH12345678');
  gone('token sqp_12345678ABCDEFH1234567890ABCDEFH12345678 set', 'sqp_12345678ABCDEFH1234567890ABCDEFH12345678');
  gone('sumologic.accessId = "su9OL59biWiJu7"', 'su9OL59biWiJu7');
  gone('export SUMOLOGIC_ACCESSID="suDbJw97o9WVo0"', 'suDbJw97o9WVo0');
  gone('creds = oMncPuE5ogLX0aEu3sxDor5D1ksSsJ', 'oMncPuE5ogLX0aEu3sxDor5D1ksSsJ');
  kept('BUNDLE_PATH=vendor/bundle');
  kept('report_access_id: e8e4df51-2054-49b0-ab1c-516ac95c691d');
  kept('sonar.host.url=https://sonar.example.org');
});

test('curl -u / --user: the credential word as the shell reads it', () => {
  gone('curl -u ":d2LkV78zLx!t" https://localhost:9200', 'd2LkV78zLx!t');
  gone('curl -u "d2LkV78zLx!t:" https://example.org', 'd2LkV78zLx!t');
  gone('curl -u "admin:hunter22" https://example.org', 'hunter22');
  gone('curl -X POST --user "{acd3c08b-74e8-4f44}":"{ZqL5kVrX1n8tA2}" https://example.org', 'ZqL5kVrX1n8tA2');
  gone('curl -u sk_test_4eC39HqLyjWDarjtT1zdp7dc: https://api.stripe.com/v1/charges', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc');
  kept("curl -i -u 'test:test'");
  kept('curl -XGET -i -u "${{ env.ELK_ID }}:${{ build.env.ELK_PASS }}"');
  kept('curl -u user:password https://example.org');
  kept('sudo -u postgres psql');
  kept('curl -u <user:password> https://test.com/endpoint');
  kept('curl -u "admin:" https://example.org');
});

test('BIP-32 extended private keys (xprv, tprv, zprv, …) are private keys wherever they stand; an xpub is public', () => {
  const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const body = rep(B58.split('').reverse().join('') + B58, 107);
  for (const p of ['xprv', 'tprv', 'zprv', 'Yprv']) {
    const k = p + body;
    gone(k, k);
    gone(`wallet exported ${k} ok`, k);
    gone(`{"extendedKey":"${k}"}`, k);
  }
  kept(`xpub${body}`);
});
