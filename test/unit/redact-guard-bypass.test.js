// Red team of the false-positive guards: every guard that keeps a value unredacted is a way
// through for a real secret that happens to look like what the guard keeps. Each property
// draws real secrets (random bodies in the alphabet and length people and generators use)
// placed where a guard looked at them, with the guard's trigger (a word, a bracket, a
// default) put in by chance's place; all of them leaked before the guards were tightened.
// The peer strings each guard was built for stay kept (the last tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from '../helpers/fc.js';
import { redacted } from '../helpers/redact-assert.js';
import { redact } from '../../dist/redact/index.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const B62 = UPPER + LOWER + DIGITS;
const SYMBOLS = '!#$%&()*+,-./:;<=>?@[]^_{|}~';
// Characters drawn as an array, not with fc.string: fast-check's string arbitrary splices JS
// prototype names (`toLocaleString`, `propertyIsEnumerable`, `__lookupSetter__`) into any string
// whose alphabet can spell them. A value holding one is an identifier made of words, which the
// redactor keeps by policy (a name in code is not a secret), and no secret generator prints one:
// random-seed runs failed on exactly those (`W55Jaz_jproperty`, `…toLocaleStrin`, 6 of 40 runs).
const str = (chars, min, max) => fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
/** A random run of 8+ letters and digits, mixed (what a generator prints). */
const mixed = (min, max) => str(B62, min, max).filter((s) => /\d/.test(s) && /[A-Za-z]/.test(s));

const RUNS = { numRuns: 400 };

test('a shell default inside ${…} is a literal value: ${DB_PASS:-s3cr3t} is redacted', () => {
  fc.assert(
    fc.property(
      mixed(12, 32),
      fc.constantFrom('POSTGRES_PASSWORD=', 'password: ', '  db_password: ', 'API_TOKEN='),
      fc.constantFrom(':-', '-', ':=', '='),
      (s, lead, op) => {
        redacted(`${lead}\${DB_PASS${op}${s}}`, s);
      },
    ),
    RUNS,
  );
});

test("a random value in a template's brackets is a value: <…>, {{…}} with a generated run inside", () => {
  const body = fc.oneof(
    mixed(12, 32),
    // letters only, case flipping a few times, few vowels (`<WSxGSsklPugKWSTXoAPQ>`: 4 flips, no word in it)
    fc
      .noBias(str(UPPER + LOWER, 16, 32))
      .filter((s) => (s.match(/[a-z](?=[A-Z])/g) ?? []).length >= 3 && new Set(s).size >= 12 && (s.match(/[aeiou]/gi) ?? []).length * 4 < s.length),
  );
  fc.assert(
    fc.property(body, fc.constantFrom('<', '{{', '{{ '), fc.constantFrom('password: ', 'secret=', 'api_key: '), (s, open, lead) => {
      const close = open === '<' ? '>' : open === '{{ ' ? ' }}' : '}}';
      redacted(`${lead}${open}${s}${close}`, s);
    }),
    RUNS,
  );
});

test('a generated password that starts with a bracket or `=` is a value, not a structure or a comparison (1 in 30 of symbol passwords)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('{', '[', '='),
      str(B62 + SYMBOLS.replace(/[{}[\]]/g, ''), 12, 24),
      fc.constantFrom('password=', 'password: ', 'token: ', 'DB_PASSWORD='),
      (b, rest, lead) => {
        const pw = b + rest;
        redacted(`${lead}${pw}`, pw);
      },
    ),
    RUNS,
  );
});

test('random capitals holding KEY/PWD/PASS are no constant name (1 in 1 000 of 16 random capitals)', () => {
  fc.assert(
    fc.property(
      str(UPPER, 4, 10),
      fc.constantFrom('KEY', 'PWD', 'PASS', 'TOKEN', 'SECRET'),
      str(UPPER, 4, 10),
      fc.constantFrom('password=', 'token=', 'secret: '),
      (a, w, b, lead) => {
        const s = a + w + b;
        redacted(`${lead}${s}`, s);
      },
    ),
    RUNS,
  );
});

test('random small letters holding a filler word are no filler (fake…: 1 in 20 000 of 16 random small letters)', () => {
  fc.assert(
    fc.property(
      str(LOWER, 0, 6),
      fc.constantFrom('fake', 'dummy', 'sample', 'example', 'redacted'),
      str(LOWER, 8, 12),
      fc.constantFrom('secret: ', 'api_key=', 'token='),
      (a, w, b, lead) => {
        const s = a + w + b;
        redacted(`${lead}${s}`, s);
      },
    ),
    RUNS,
  );
});

// words of the BIP-39 list (diceware-style passphrases draw from lists like it)
const WORDS = ['river', 'tiger', 'cloud', 'lamp', 'staple', 'horse', 'battery', 'orbit', 'velvet', 'copper', 'maple', 'canyon'];
const PLACEHOLDER_WORDS = ['example', 'sample', 'dummy', 'fake', 'here', 'your', 'value'];
test('a passphrase holding a placeholder word (example, here, your-) is a password', () => {
  const passphrase = fc
    .tuple(
      fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 5 }),
      fc.constantFrom(...PLACEHOLDER_WORDS),
      fc.nat(5),
      fc.constantFrom('-', '_', '.'),
    )
    .map(([ws, p, at, sep]) => {
      const all = [...ws];
      all.splice(at % (ws.length + 1), 0, p);
      return all.join(sep);
    });
  fc.assert(
    fc.property(passphrase, fc.constantFrom('password: ', 'PASSWORD=', 'secret: '), (s, lead) => redacted(`${lead}${s}`, s)),
    RUNS,
  );
});

test('a password with a colon and a short tail is no user:password placeholder pair', () => {
  fc.assert(
    fc.property(
      mixed(10, 20).filter((s) => /[A-Z]/.test(s) && /\d/.test(s)),
      fc.constantFrom('123', '1234', 'abc', 'xxx', '000'),
      (a, tail) => {
        const pw = `${a}:${tail}`;
        redacted(`password=${pw}`, pw);
      },
    ),
    RUNS,
  );
});

test('EXAMPLE inside a random value (not at its end, as AWS writes it) is no documentation example', () => {
  fc.assert(
    fc.property(mixed(8, 16), mixed(8, 16), fc.constantFrom('client_secret=', 'api_key: ', 'token='), (a, b, lead) => {
      const s = `${a}EXAMPLE${b}`;
      redacted(`${lead}${s}`, s);
    }),
    RUNS,
  );
});

test('curl form bodies: a prompt or content value with spaces is redacted whole inside its quotes', () => {
  const words = fc.array(str(LOWER, 3, 9), { minLength: 2, maxLength: 6 }).map((w) => w.join(' '));
  fc.assert(
    fc.property(words, fc.constantFrom('content', 'prompt', 'input'), fc.constantFrom('"', "'"), fc.boolean(), (text, key, q, more) => {
      const body = more ? `a=1&${key}=${text}&b=2` : `${key}=${text}`;
      const out = r(`curl -d ${q}${body}${q} https://api.example.com/v1`);
      // (a drawn word that is the frame's own, `curl` or the key, is in the output anyway: random-seed run)
      for (const w of text.split(' ').filter((x) => x.length >= 3 && x !== 'curl' && x !== key))
        assert.ok(!new RegExp(`\\b${w}\\b`).test(out.replace(/https:\/\/\S+/, '')), `leaked ${w}: ${out}`);
      if (more) assert.match(out, /&b=2/, out);
    }),
    RUNS,
  );
});

test('a symbol password whose first or last characters look like code is a password ({{, [[, {}x, f(), label:, Name{)', () => {
  const body = mixed(10, 16).filter((x) => /[a-z][A-Z]|[A-Z]{2}/.test(x) && new Set(x).size >= 7);
  fc.assert(
    fc.property(
      fc.constantFrom(['{{', ''], ['[[', ''], ['{}', ''], ['[]', ''], ['', '()'], ['', ':'], ['', '{']),
      body,
      fc.constantFrom('DB_PASSWORD=', '  password: ', 'connect password='),
      ([pre, post], b, lead) => {
        const pw = pre + b + post;
        redacted(`${lead}${pw}${lead.startsWith('connect') ? ' host=db' : ''}`, b);
      },
    ),
    RUNS,
  );
});

test('a random Google API key holding short filler words in mixed case (boT, aPp) is a key', () => {
  const word = fc.constantFrom('boT', 'aPp', 'BoT', 'bOt', 'APp', 'lOng', 'HeRe');
  fc.assert(
    fc.property(str(B62 + '_-', 8, 8), word, str(B62 + '_-', 8, 8), word, (a, w1, b, w2) => {
      const key = `AIza${(a + w1 + b + w2 + 'Q9x7K2m4P8r3T6w1Z5y0').slice(0, 35)}`;
      redacted(`maps key ${key}`, key.slice(4));
    }),
    RUNS,
  );
});

test("a password with an escaped / or @ in a URL's user part is redacted whole", () => {
  fc.assert(
    fc.property(mixed(8, 12), fc.constantFrom('%2F', '%40', '%3B', '%3A'), mixed(8, 12), (a, esc, b) => {
      redacted(`git clone https://bob:${a}${esc}${b}@git.prod.example.net/org/repo.git`, a + b);
      const out = r(`git clone https://bob:${a}${esc}${b}@git.prod.example.net/org/repo.git`);
      assert.ok(!out.includes(b) && !out.includes(a), out);
    }),
    RUNS,
  );
});

test('curl -u with a single-quoted password that starts with $ is a password, not a shell variable', () => {
  fc.assert(
    fc.property(mixed(10, 16), (b) => {
      redacted(`curl -u 'admin:$${b}' https://api.example.net`, b);
    }),
    RUNS,
  );
});

test("plain random secrets in the guards' contexts stay redacted (a broad sweep)", () => {
  const value = fc
    .oneof(
      mixed(16, 40),
      str(LOWER, 16, 24),
      str(UPPER, 16, 24),
      str(B62 + SYMBOLS, 12, 24).filter((s) => /[A-Za-z0-9]{4}/.test(s)),
    )
    .filter((s) => new Set(s).size >= 8); // a generator's output, not filler (`AAAA…` is kept on purpose)
  const ctx = fc.constantFrom('password=', 'password: ', 'secret: ', 'token=', 'API_KEY=', '"password": "', 'client_secret: ');
  fc.assert(
    fc.property(value, ctx, (s, lead) => {
      const text = lead.endsWith('"') ? `${lead}${s.replace(/["\\]/g, 'q')}"` : `${lead}${s}`;
      const secret = lead.endsWith('"') ? s.replace(/["\\]/g, 'q') : s;
      // only the secret's own 8-character runs of letters and digits count as a leak
      const out = r(text);
      for (const run of secret.match(/[A-Za-z0-9]{8,}/g) ?? []) assert.ok(!out.includes(run), `leaked ${secret}: ${out}`);
    }),
    { numRuns: 3000 },
  );
});

test("the peers' strings the tightened guards were built for stay kept", () => {
  for (const text of [
    'password: ${POSTGRES_PASSWORD}',
    'password: ${POSTGRES_PASSWORD:-}',
    'password: ${DB_PASS:-$FALLBACK}',
    'password: <your-password>',
    'token: <token>',
    'password: {{ .Values.db.password }}',
    'api_key: {{ api_key_v2 }}',
    'token: {}',
    'password: []',
    'config: {"a": 1}',
    'ACCESS_TOKEN=ACCESS_TOKEN',
    'token = GITHUB_TOKEN',
    'secret: somefakekey',
    'password: notapassword',
    'api_key: your-api-key',
    'api_key: insert_key_here',
    'token: my-example-token',
    'cloudant_password = "a-fake-tooshort-key"',
    'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEYa',
    "curl -sw '%{http_code}' -X POST --user '$USERNAME:$PASSWORD' https://api.example.com",
    'curl --silent --insecure --user ${f5user}:${f5pass} \\',
    'password: get_secret()',
    'token: getToken()',
    'token: Token{df0798e',
    'key AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
  ]) {
    assert.doesNotMatch(r(text), /\[REDACTED:/, text);
  }
  // a curl -u placeholder pair still reads as one
  assert.doesNotMatch(r('curl -u admin:123 https://api.example.com'), /\[REDACTED:password\]/);
});

test('a random base64 literal alone in a line is a secret however its letters fall (word-like runs, few digits, separators)', () => {
  // before: 2.3 % of random 40-character keys were kept (three Capitalised runs, a 10-letter small
  // run, fewer than two digits, or more than a tenth + and /); now under 1 in 10^5
  const B64 = B62 + '+/';
  const wordy = fc.tuple(
    str(B64, 6, 10),
    fc.constantFrom('Qxvtr', 'Hjkwp', 'Zmbqf'),
    str(B64, 6, 10),
    fc.constantFrom('Wrtkl', 'Npqzx'),
    str(B64, 6, 10),
    fc.constantFrom('Fjdkv', 'Bvcxz'),
    str(B64, 4, 8),
  );
  const lowRun = fc.tuple(str(B64, 10, 16), str(LOWER, 10, 12), str(B64, 14, 20));
  const fewDigits = str(UPPER + LOWER, 40, 48);
  const slashy = fc.tuple(str(B62, 30, 34), str('+/', 5, 7)).map(([a, b]) => a.slice(0, 10) + b + a.slice(10));
  const key = fc
    .oneof(
      wordy.map((p) => p.join('')),
      lowRun.map((p) => p.join('')),
      fewDigits,
      slashy,
    )
    .filter((k) => k.length >= 40 && /[A-Z].*[A-Z].*[A-Z].*[A-Z]/.test(k) && (k.match(/[a-z](?=[A-Z])/g) ?? []).length >= 2);
  fc.assert(
    fc.property(key, fc.constantFrom('"', "'"), (k, q) => {
      redacted(`  client.connect(${q}${k}${q});`, k);
    }),
    RUNS,
  );
});
