// Red team 6: leak classes the earlier red teams did not write — database statements and
// consoles, Windows administration and its event-log framings, package publishing, secrets
// quoted by error messages, cookie jars, JSON inside CSV fields, HTML and backslash escapes,
// signed-URL parameters, keys pasted into chat turns — in red team 5's collector layouts
// (test/helpers/redact-redteam6*.js). Each class is bounded by what still leaks (docs/redaction.md,
// "Red team 6"); the kept-diagnostics corpus must lose nothing.
// `node test/eval/tools/redteam6.mjs --show 3` lists every leak by class.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redact } from '../../dist/redact/index.js';
import * as generator from '../helpers/redact-redteam6.js';
import { redTeamSuite } from '../helpers/redteam-suite.js';

const OPTS = { homeDir: '/home/margot', configHome: '/home/margot/.config/b3iq' };
const r = (text) => redact(text, OPTS).text;
const SEED = process.env.B3IQ_FC_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : 20261130;
const PER = 4; // cases per layout: 40 a class

/** Cases a class may still leak, of 40 (0 at seed 20261130; a random seed may find the open forms below). */
const OPEN = {
  'windows-admin': 2, // a command whose quoted path (`\"C:\\…\\net.exe\"`) or PowerShell is escaped into a JSON string
};

redTeamSuite('red team 6', generator, { seed: SEED, per: PER, open: OPEN, streamEvery: 3, opts: OPTS });

const gone = (text, ...secrets) => {
  const out = r(text);
  for (const s of secrets) assert.ok(!out.includes(s), `leaked ${s}: ${out}`);
  assert.match(out, /\[REDACTED:/);
};
const kept = (text) => assert.equal(r(text), text);

// One plain case per fixed class: each leaked on the code before this suite.
test('red team 6: database statements and consoles', () => {
  gone("CREATE LOGIN app WITH PASSWORD = N'Y2wzK8DKsMmakMU4', CHECK_POLICY = OFF;", 'Y2wzK8DKsMmakMU4');
  gone("CREATE USER app IDENTIFIED WITH mysql_native_password BY 'Tur59m.FFHm8p3';", 'Tur59m.FFHm8p3');
  gone("ALTER USER 'app'@'localhost' IDENTIFIED BY \"Yqb6jmqMQFgH\";", 'Yqb6jmqMQFgH');
  gone('ALTER USER app IDENTIFIED BY Hx7kQm2pLr ACCOUNT UNLOCK;', 'Hx7kQm2pLr');
  gone("INSERT INTO users (id, name, password, created_at) VALUES (7, 'bob', 'Ahj9obBJv9G', now());", 'Ahj9obBJv9G');
  gone('db.changeUserPassword("app", "Wok7aMkyVvyYZDJ")', 'Wok7aMkyVvyYZDJ');
  gone('127.0.0.1:6379> AUTH default Roy4VQqtYs-zmMs', 'Roy4VQqtYs-zmMs');
  gone('1754641850.339587 [0 10.0.0.9:58909] "AUTH" "Wqj8r5fALLc2Fo8p"', 'Wqj8r5fALLc2Fo8p');
  gone('ACL SETUSER gateway on >Pq7xLm2Vn8 ~cache:* +get', 'Pq7xLm2Vn8');
  gone("neo4j> ALTER CURRENT USER SET PASSWORD FROM 'old' TO 'Gpz2BsJSRF4-nmF'", 'Gpz2BsJSRF4-nmF');
});

test('red team 6: Windows administration and package publishing', () => {
  gone('schtasks /create /tn x /tr y /ru CORP\\svc /rp Szy2XMsaXJcFVxVev', 'Szy2XMsaXJcFVxVev');
  gone('psexec \\\\host -u admin -p Kjh7i2mhyxeLHHQW cmd', 'Kjh7i2mhyxeLHHQW');
  gone('wmic /node:host /user:admin /password:Dxu58vrZLdk process list', 'Dxu58vrZLdk');
  gone('winrs -r:host -u:admin -p:Cqn8qxqnWk_Ngb ipconfig', 'Cqn8qxqnWk_Ngb');
  gone('CommandLine: "C:\\Windows\\system32\\net.exe" user bob Dzm29mm3o4!De6nghL /add', 'Dzm29mm3o4!De6nghL');
  gone('net.exe user /add bob Fq8mXk2LpW', 'Fq8mXk2LpW');
  gone('Set-ADAccountPassword -Identity bob -NewPassword (ConvertTo-SecureString -AsPlainText "Byr3DQd-XtG" -Force)', 'Byr3DQd-XtG');
  gone("$c = ('Kzs7K+Ziu7NANgeYYA' | ConvertTo-SecureString -AsPlainText -Force)", 'Kzs7K+Ziu7NANgeYYA');
  gone('    DefaultPassword    REG_SZ    Abq335Jd6fHXdnEK', 'Abq335Jd6fHXdnEK');
  gone('msg="Process Command Line:\\twinrs -r:node-5 -u:admin -p:B2vC7xncqsaSmN ipconfig"', 'B2vC7xncqsaSmN');
  gone('poetry config http-basic.private bob Vgc5mA2Lijg', 'Vgc5mA2Lijg');
  gone('poetry config pypi-token.pypi Tks33cZvV69', 'Tks33cZvV69');
  gone('twine upload -u __token__ -p Szx9oQpXuusYYTQVD dist/*', 'Szx9oQpXuusYYTQVD');
  gone('composer config http-basic.repo.example.com bob Gca9P67V9re!JNQ', 'Gca9P67V9re!JNQ');
  gone('cargo login Hn3kXv8QmLp2RtW9', 'Hn3kXv8QmLp2RtW9');
  gone('nuget setapikey Srh37yemyFDQ3y8v', 'Srh37yemyFDQ3y8v');
  gone('bundle config set --global rubygems.pkg.github.com bob:Wm4kLp9XqR2', 'Wm4kLp9XqR2');
  // a flag that reads its value from stdin: the here-string's word is the value, not `<<<`
  gone('gh auth login --with-token <<< E5oEryodNchGX4w3ncUjCqJRAq', 'E5oEryodNchGX4w3ncUjCqJRAq');
});

test('red team 6: error messages, cookie jars, signed URLs, chat turns', () => {
  gone("ValueError: invalid token 'Kuj4vth!bLzc'", 'Kuj4vth!bLzc');
  gone('AuthenticationError: Incorrect API key provided: Q8wmXjUbrBdHTWPq. You can find your API key at https://x', 'Q8wmXjUbrBdHTWPq');
  gone('IllegalStateException: Bad credentials for api key Xtf6!pqD57ihSq', 'Xtf6!pqD57ihSq');
  gone('RuntimeError: failed to login as admin:Kkx55qR7+Xixk', 'Kkx55qR7+Xixk');
  gone('FATAL: password authentication failed for user "app" with password "Fky6t4YKiKpDxE"', 'Fky6t4YKiKpDxE');
  gone('.example.com\tTRUE\t/\tTRUE\t1767225600\tsessionid\tGv7XetumVFEbxQ2', 'Gv7XetumVFEbxQ2');
  gone('#HttpOnly_.example.com\tTRUE\t/\tTRUE\t0\tsid\tQ8wmXjUbrBdHTWPq', 'Q8wmXjUbrBdHTWPq');
  gone('sessionid\tBaa6azhmoo6YcqgEg\t.example.com\t/\t2026-12-30T00:00:00.000Z\t42\t✓\t✓\tLax', 'Baa6azhmoo6YcqgEg');
  gone('"GET /x?Expires=1733&Signature=Fbr3Uerhsb-x~Qm2LpW9&Key-Pair-Id=APKA HTTP/1.1" 200', 'Fbr3Uerhsb-x~Qm2LpW9');
  gone('"GET /reset?t=A24dbqhnPRc7PprVUC8j5RURDp HTTP/1.1" 200', 'A24dbqhnPRc7PprVUC8j5RURDp');
  gone('user> my key is U94M3BmewuBdnxW2Aqos4aBkHwwQ6ij4A6Hv5T', 'U94M3BmewuBdnxW2Aqos4aBkHwwQ6ij4A6Hv5T');
  gone('[prompt] what does this key do: Y2z89un4MHzFWFGpPBmjr4bZTyYFNTWB', 'Y2z89un4MHzFWFGpPBmjr4bZTyYFNTWB');
});

test('red team 6: escaped framings are decoded and read again', () => {
  gone('2026-11-30,node-4,INFO,"{""password"":""Srh37yemyFDQ3y8v""}"', 'Srh37yemyFDQ3y8v');
  gone('2026-11-30,node,INFO,"{""name"": ""api_key"", ""value"": ""Srh37yemyFDQ3y8v""}"', 'Srh37yemyFDQ3y8v');
  gone('{"MESSAGE":"2026-11-24,gw,INFO,\\"{\\"\\"api_key\\"\\":\\"\\"J7kVmzfftzZMdq7F\\"\\"}\\""}', 'J7kVmzfftzZMdq7F');
  gone('{&quot;api_key&quot;: &quot;Qas3wchSj9wLYcQtr&quot;}', 'Qas3wchSj9wLYcQtr');
  gone('token&#61;Xoq2asXPrb9DLN7Pa', 'Xoq2asXPrb9DLN7Pa');
  gone('&lt;password&gt;Hq7mXk2LpWr&lt;/password&gt;', 'Hq7mXk2LpWr');
  gone('password\\x3dEbg8!2gnmWui3QjSgv', 'Ebg8!2gnmWui3QjSgv');
  gone('{"msg":"\\u003cpassword\\u003eSrh37yemyFDQ3y8v\\u003c/password\\u003e"}', 'Srh37yemyFDQ3y8v');
  // the framing's quoting stays as it was written
  assert.equal(r('a,"{""password"":""Srh37yemyFDQ3y8v""}"'), 'a,"{""password"":""[REDACTED:password]""}"');
  assert.equal(r('{&quot;token&quot;:&quot;Srh37yemyFDQ3y8v&quot;}'), '{&quot;token&quot;:&quot;[REDACTED:secret]&quot;}');
});

test('red team 6: a decoded run that finds nothing leaves the line and its counts as they were', () => {
  const line = '2026,"{""ip"":""10.0.0.1"",""user"":""bob@example.com""}"';
  const { text, counts } = redact(line, OPTS);
  assert.equal(text, '2026,"{""ip"":""[ip-1]"",""user"":""[email-1]""}"');
  assert.deepEqual({ ...counts }, { email: 1, ip: 1 });
  kept('id,"say ""hello"" to the model",200');
  kept('&lt;b&gt;bold&lt;/b&gt; and &quot;quoted&quot; text');
});

test('red team 6: near misses of the new rules stay', () => {
  kept('127.0.0.1:6379> AUTH OK');
  kept('ALTER USER app PASSWORD EXPIRE;');
  kept('net user deploy /delete');
  kept('schtasks /run /tn "B3IQ Backup"');
  kept('    Version    REG_SZ    1.4.2');
  kept('error: invalid token format (expected b3iq_local_…)');
  kept('error: token expired at 2026-11-30T06:00:00Z');
  kept('GET /reset?t=1733119040 HTTP/1.1');
  kept('user> compare Qwen2.5-7B-Instruct with Meta-Llama-3.1-70B-Instruct');
  kept('Jul  7 21:23:11 host app[1]: <<<< MediaValidator >>>> mv_ValidateRFC4281CodecId: Unrecognized codec');
});

// Each escaped run starts at a boundary and a rejected URL value is passed over whole: a run
// found anywhere rescanned a long line from every position (17 s for the first line below).
test("red team 6: long lines with the new rules' literals stay linear", () => {
  const lines = [
    `a&#${'x'.repeat(200000)}`,
    `a\\x${'y'.repeat(200000)}`,
    `\\x3d${'\\"y'.repeat(100000)}`,
    '?t='.repeat(60000) + 'a'.repeat(1000),
    `"${'a""'.repeat(60000)}`,
    'invalid token key '.repeat(12000),
  ];
  for (const line of lines) {
    const t0 = process.hrtime.bigint();
    r(line);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms < 5000, `${ms.toFixed(0)} ms for ${JSON.stringify(line.slice(0, 40))}…`);
  }
});
