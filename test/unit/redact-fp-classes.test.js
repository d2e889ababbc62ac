// False-positive classes of the fourth round, each in two halves: the class is left alone, and
// a real secret of the same shape (random body, same prefix, same key, same framing) is still
// redacted. The properties draw with the suite's fixed seed (test/helpers/fc.js); explore with
// B3IQ_FC_SEED=random.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import { isMadeUpProviderToken } from '../../dist/redact/made-up.js';
import { outrunsIssuedForm } from '../../dist/redact/issued-forms.js';
import { encodesPlaceholder } from '../../dist/redact/stand-ins.js';
import fc from '../helpers/fc.js';
import { kept, redacted } from '../helpers/redact-assert.js';

const r = (text) => redact(text).text;
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
const str = (chars, min, max) => fc.string({ unit: fc.constantFrom(...chars), minLength: min, maxLength: max });
/** A random run of letters and digits, mixed (what a generator prints). */
const mixed = (min, max) => str(B62, min, max).filter((s) => /\d/.test(s) && /[A-Za-z]/.test(s));
/** A generated body: random characters, no one repeated run (fast-check's bias draws `4AAAAAAAAAA`). */
const random = (min, max) => fc.noBias(mixed(min, max)).filter((s) => new Set(s).size * 2 >= s.length && !/(.)\1\1/.test(s));
const RUNS = { numRuns: 300 };

// --- a provider's prefix on a hand-made body that fits none of its forms -------------------

test("a provider's prefix on a hand-made body no token form fits is a test string", () => {
  kept('"token1": "xoxp-1234567890"');
  kept('DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5');
  kept('api_token: ghp_abcdefghijklmnop');
  assert.equal(isMadeUpProviderToken('xoxp-1234567890'), true);
  // a hand-made body of the form's own length is what the peers list as the token
  redacted('DATABRICKS_TOKEN=dapi0123456789abcdef0123456789abcdef', 'dapi0123456789abcdef0123456789abcdef');
  // a random body of a wrong length: cut short or mistyped, still the token's material
  redacted('DATABRICKS_TOKEN=dapi7f3a9c2e1b4d8f6a0c5e', 'dapi7f3a9c2e1b4d8f6a0c5e');
  // a mask over part of a real token is judged by the mask rules: its clear part stays secret
  redacted('api_key = "hf_xxxxxxxxxxxxxxQJPYADbNZNW"', 'QJPYADbNZNW');
  // a password is a person's choice, whatever it starts with
  redacted('password = xoxp-1234567890', 'xoxp-1234567890');
  // a short prefix starts a person's value by chance (`ey`, `SK`): not judged (random seed exploration)
  redacted('secret_access_key=eyAfeyAfeyAfeyAf', 'eyAfeyAfeyAfeyAf');
  redacted('api_key=SKabcdefghijklmnop', 'SKabcdefghijklmnop');
  // a provider's prefix on a random body that happens to read as words is a token (random seed exploration)
  redacted('api_key = "xoxp-0Abjy0Ayag"', 'xoxp-0Abjy0Ayag');
  redacted('api_key = "xoxp-AiqxcAiecf3AA"', 'xoxp-AiqxcAiecf3AA');
});

test('property: a provider prefix on a random body is redacted under a key, whatever its length', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('xoxp-', 'dapi', 'ghp_', 'glpat-', 'npm_', 'hf_', 'pplx-', 'fo1_', 'sk-ant-api03-'),
      random(10, 60),
      fc.constantFrom('"token1": "', 'DATABRICKS_TOKEN=', 'api_key = "', '--token='),
      (prefix, body, lead) => {
        redacted(`${lead}${prefix}${body}`, body);
      },
    ),
    RUNS,
  );
});

// --- lowercase x masks after a prefix ------------------------------------------------------

test('property: a mask with a random run in clear beside it is redacted (the run is what leaks)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('hf_', 'fo1_', 'pplx-', 'sha256~', 'npm_'),
      fc.integer({ min: 12, max: 40 }),
      random(8, 24),
      fc.boolean(),
      (prefix, n, run, before) => {
        const body = before ? `${run}${'x'.repeat(n)}` : `${'x'.repeat(n)}${run}`;
        redacted(`API_TOKEN=${prefix}${body}`, run);
      },
    ),
    RUNS,
  );
});

// --- Kubernetes Secret data that decodes to a placeholder ---------------------------------

const SECRET_DOC = (value) => `apiVersion: v1\nkind: Secret\ndata:\n  extra: ${value}\nmetadata:\n  name: s\n`;

test('a Secret data value that decodes to foo/bar/baz or two characters is a placeholder; real ones stay secret', () => {
  kept(SECRET_DOC('YmFyCg=='));
  kept(SECRET_DOC('Zm9v'));
  assert.equal(encodesPlaceholder('YWI='), true);
  // `mypassword`, `admin:password`: values the peers list as Secrets' contents
  redacted(SECRET_DOC('bXlwYXNzd29yZA=='), 'bXlwYXNzd29yZA==');
  redacted(SECRET_DOC('YWRtaW46cGFzc3dvcmQ='), 'YWRtaW46cGFzc3dvcmQ=');
  redacted(SECRET_DOC('YmFyYmF6cXV4'), 'YmFyYmF6cXV4');
});

test('property: a Secret data value of random bytes, or of any 3+ character word but foo/bar/baz, is redacted', () => {
  // (bytes that are only blanks decode to no value at all: nothing to keep secret)
  const bytes = fc
    .uint8Array({ minLength: 3, maxLength: 48 })
    .filter((b) => Buffer.from(b).toString('latin1').trim().length >= 3)
    .map((b) => Buffer.from(b).toString('base64'));
  const word = str('abcdefghijklmnopqrstuvwxyz0123456789!?', 3, 24)
    .filter((w) => !/^(?:foo|bar|baz|qux|quux|foobar|hoge|fuga)$/.test(w))
    .map((w) => Buffer.from(`${w}\n`).toString('base64'));
  fc.assert(
    fc.property(fc.oneof(bytes, word), (b64) => {
      const out = r(SECRET_DOC(b64));
      assert.ok(!out.includes(b64), out);
    }),
    RUNS,
  );
});

// --- a hand-made value longer than the issued credential its key names -------------------

test('a hand-made value longer than any credential of the kind its key names is a test string', () => {
  kept('"secret_access_key": "1234567890abcdef1234567890abcdef1234567890abcdefextra"');
  kept('ibm_iam_key:= "abcd1234abcd1234abcd1234ABCD1234ABCD1234--__extra"');
  // the kinds' own lengths, hand-made: what the peers list as the keys
  redacted('ibm_cos_secret_key = "1234567890abcdef1234567890abcdef1234567890abcdef"', '1234567890abcdef1234567890abcdef1234567890abcdef');
  redacted('ibm_iam_key:= "abcd1234abcd1234abcd1234ABCD1234ABCD1234--__"', 'abcd1234abcd1234abcd1234ABCD1234ABCD1234--__');
  // a password is a person's choice; a key that names no such kind is not judged
  redacted('ibm-cloud-pwd = abcd1234abcd1234abcd1234ABCD1234ABCD1234--__extra', 'abcd1234abcd1234abcd1234ABCD1234ABCD1234--__extra');
  redacted('api_key = abcd1234abcd1234abcd1234ABCD1234ABCD1234--__extra', 'abcd1234abcd1234abcd1234ABCD1234ABCD1234--__extra');
  assert.equal(outrunsIssuedForm('secret_access_key', 'Zq8f3kLm2Pq9xR7vT1wY5bN0cJ4hG6dSa8Ke3Lr0Mt5uVw9'), false);
});

test('property: under a secret access key or IAM key, a random value of any length and a hand-made one of a real length are redacted', () => {
  const key = fc.constantFrom('secret_access_key=', '"secret_access_key": "', 'aws_secret_access_key = ', 'ibm_iam_key:= "', 'COS_HMAC_SECRET_ACCESS_KEY = "');
  // a repeated unit of distinct characters, cut to a length no longer than the kind's (40-44)
  const handMade = fc
    .tuple(fc.uniqueArray(fc.constantFrom(...B62), { minLength: 4, maxLength: 8 }), fc.integer({ min: 16, max: 40 }))
    .map(([unit, n]) => unit.join('').repeat(12).slice(0, n));
  fc.assert(
    fc.property(key, fc.oneof(random(16, 90), handMade), (lead, value) => {
      redacted(`${lead}${value}`, value);
    }),
    RUNS,
  );
});

// --- prompts are never judged by their words -----------------------------------------------

// A prompt is a customer's words whatever they are: even the API references' greetings stay
// redacted (whitelisting sample prompts would be fitting the peers' examples, not a class).
test("prompts are redacted whatever their words, the API references' examples too", () => {
  redacted('curl https://example.com/micropub -d h=entry -d "content=Hello World" -H "Authorization: Bearer XXXXXXXXXXXX"', 'Hello World');
  redacted('        "messages": [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "Hello!"}]', 'helpful assistant');
  redacted('"messages": [{"role": "user", "content": "Hello!"}, {"role": "user", "content": "my account is 4471"}]', 'my account is 4471');
});

// --- code that names where the secret is kept ----------------------------------------------

test('code that names where a secret is kept is no secret: receivers, quoted subscripts, config tags, a null', () => {
  for (const line of [
    'api_key = os.environ["API_KEY"]',
    "password = ENV['DB_PASSWORD']",
    'secret = self.secret_key',
    'let password = this.password;',
    'password = args.password',
    "password = request.form['password']",
    'password = cfg["db"]["password"]',
    'api_key = st.secrets["OPENAI_API_KEY"]',
    'token = @config[:token]',
    "password = vault.read('secret/db')['password']",
    'secret = Rails.application.credentials.secret_key_base',
    'password: !Ref DbPassword',
    'api_key: !secret openai_key',
    'password = $env:DB_PASSWORD',
    'Config(host=db, password=None)',
  ])
    kept(line);
  // a person's dotted words are a password: one plain step at most, and the name must name a secret
  for (const [line, value] of [
    ['password = Summer.Password1', 'Summer.Password1'],
    ['password = this.is.password', 'this.is.password'],
    ['password: app.le2024', 'app.le2024'],
    ['password = ENV["DB_HOST"]', 'ENV["DB_HOST"]'],
  ]) {
    const out = r(line);
    assert.ok(!out.includes(value) && /\[REDACTED:password\]/.test(out), out);
  }
});

test('property: a receiver or subscript around a generated run, and dotted words, stay redacted', () => {
  const receiver = fc.constantFrom('self', 'this', 'args', 'os.environ', 'ENV', 'cfg', 'config', 'request');
  const word = fc.constantFrom('Summer', 'river', 'Lamp', 'orbit', 'Velvet', 'this', 'is', 'my', 'Password', 'secret', 'key');
  const dotted = fc
    .tuple(fc.array(word, { minLength: 2, maxLength: 4 }), fc.integer({ min: 0, max: 9999 }))
    .map(([ws, n]) => `${ws.join('.')}${n}`)
    .filter((v) => !/^(?:this|config)\.[A-Za-z]+\d*$/.test(v) || !/pass|secret|key/i.test(v));
  const code = fc
    .tuple(receiver, random(12, 32), fc.constantFrom('dot', 'dq', 'sq'))
    // (`os.environ.X`, `config.X` are lookups by their root alone: an older rule, not judged here)
    .filter(([r, , form]) => form !== 'dot' || (r !== 'os.environ' && r !== 'config'))
    .map(([r, run, form]) => (form === 'dot' ? `${r}.${run}` : form === 'dq' ? `${r}["${run}"]` : `${r}['${run}']`))
    .filter((v) => !/pass|pwd|secret|token|key|credential|auth|pin/i.test(v.replace(/^\w+/, '')));
  // (word-like values under a `*_key`/`*_token` name read as a name, as a bucket's does: a known
  // limit of an older rule, found again here by random-seed exploration; not this class's)
  const cases = fc.tuple(fc.oneof(dotted, code), fc.constantFrom('password = ', 'secret = ', 'DB_PASSWORD=', '"password": "'));
  fc.assert(
    fc.property(cases, ([value, lead]) => {
      const out = r(`${lead}${value}`);
      assert.ok(!out.includes(value) && /\[REDACTED:[a-z-]+\]/.test(out), out);
    }),
    RUNS,
  );
});

// --- a request hash beside a name that holds "Private" -------------------------------------

// macOS logs: `-[KSOutOfProcessFetcher(PrivateMethods) helperDidTerminate:] … cup2hreq=<sha256>`:
// `priv` inside a name made the line a key context and the request hash went as a private key.
test('a 64-hex hash is kept when "private" is only part of a name; a private key label still redacts it', () => {
  const hex = '53f725cf03f511fab16f19e789ce64aa1eed72395fc246e9f1100748325002f4';
  kept(`-[KSOutOfProcessFetcher(PrivateMethods) helperDidTerminate:] fetch ended for URL: "https://tools.google.com/service/update2?cup2hreq=${hex}"`);
  kept(`privileged helper started, request ${hex}`);
  for (const lead of ['private key ', 'privkey: ', 'eth_private_key ', 'walletPrivateKey ', 'importing priv ', 'PRIVATE ']) redacted(`${lead}${hex}`, hex);
});

// --- a number under a bare "key" --------------------------------------------------------------

// macOS logs: `…/service/update2?cup2hreq=<sha256>&cup2key=7:2567183950` (a key version and a
// nonce): nine loghub lines lost it as a secret. A number under a key named only `key` (cache,
// sort, partition, foreign keys) names a record; under a credential's key it is the credential.
test('a number under a bare "key" is kept; under a credential\'s key name it is redacted', () => {
  for (const line of ['cup2key=7:2567183950', 'partition_key=10245', 'key=88412931', '"cacheKey": 1700000123']) kept(line);
  for (const [line, secret] of [
    ['api_key=2567183950', '2567183950'],
    ['license_key=1234-5678-9012', '1234-5678-9012'],
    ['wep_key=1234567890', '1234567890'],
    ['access_key: 73519264', '73519264'],
    ['secret=2567183950', '2567183950'],
    ['token=2567183950', '2567183950'],
  ])
    redacted(line, secret);
});

test('property: a random number of 6-20 digits under a credential key name is redacted', () => {
  const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 20 });
  const key = fc.constantFrom('api_key', 'apiKey', 'ACCESS_KEY', 'license_key', 'private_key', 'client_secret', 'auth_token', 'password', 'signing_key');
  fc.assert(
    fc.property(key, digits, fc.constantFrom('=', ': ', '="'), (k, d, sep) => {
      redacted(`${k}${sep}${d}${sep.endsWith('"') ? '"' : ''}`, d);
    }),
    RUNS,
  );
});
