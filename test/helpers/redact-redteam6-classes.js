// Red team 6's secret classes: database statements and consoles, Windows administration,
// package publishing, error messages, cookie jars, JSON inside CSV fields, HTML and backslash
// escapes, signed-URL parameters, keys pasted into chat turns. Each class: (g) => { lines,
// secrets, keep? } (test/helpers/redact-redteam6.js applies the collector layouts).
const secretOf = (g) => (g.r() < 0.5 ? g.password() : g.token());
const MODELS = ['llama-3.1-8b-instruct', 'Qwen2.5-7B-Instruct', 'mistral-7b-v0.3', 'Meta-Llama-3.1-70B-Instruct'];

export const SQL_CLASSES = {
  'sql-statements': (g) => {
    const s = secretOf(g);
    const u = g.pick(['app', 'b3iq', 'reporting', 'svc_gateway', 'readonly']);
    const l = g.pick([
      `CREATE LOGIN ${u} WITH PASSWORD = N'${s}', CHECK_POLICY = OFF;`,
      `ALTER LOGIN ${u} WITH PASSWORD = N'${s}' OLD_PASSWORD = N'${g.password()}';`,
      `CREATE USER '${u}'@'%' IDENTIFIED WITH mysql_native_password BY '${s}';`,
      `CREATE USER ${u} IDENTIFIED WITH caching_sha2_password BY '${s}' REQUIRE SSL;`,
      `ALTER USER '${u}'@'localhost' IDENTIFIED BY "${s}";`,
      `CREATE USER ${u} IDENTIFIED BY ${s} DEFAULT TABLESPACE users;`,
      `ALTER USER ${u} IDENTIFIED BY ${s} ACCOUNT UNLOCK;`,
      `ALTER ROLE ${u} WITH ENCRYPTED PASSWORD "${s}";`,
      `INSERT INTO users (id, name, password, created_at) VALUES (${g.int(1, 999)}, '${u}', '${s}', now());`,
      `INSERT INTO api_keys (owner, token, scope) VALUES ('${u}', '${s}', 'read');`,
      `2026-11-30T06:12:0${g.int(0, 9)}.123456Z\t   ${g.int(10, 99)} Query\tALTER USER '${u}'@'%' IDENTIFIED BY "${s}"`,
      `LOG:  statement: ALTER ROLE "${u}" WITH ENCRYPTED PASSWORD "${s}"`,
    ]);
    return { lines: [l], secrets: [s], keep: [u] };
  },
  'datastore-consoles': (g) => {
    const s = secretOf(g);
    const l = g.pick([
      `127.0.0.1:6379> AUTH ${s}`,
      `127.0.0.1:6379> AUTH default ${s}`,
      `redis-cache:6379> AUTH gateway ${s}`,
      `${g.int(1700000000, 1800000000)}.${g.int(100000, 999999)} [0 10.0.${g.int(0, 9)}.${g.int(2, 250)}:${g.int(30000, 60000)}] "AUTH" "${s}"`,
      `${g.int(1700000000, 1800000000)}.${g.int(100000, 999999)} [0 unix:/run/redis.sock] "AUTH" "default" "${s}"`,
      `CONFIG SET requirepass "${s}"`,
      `CONFIG SET masterauth ${s}`,
      `ACL SETUSER gateway on >${s} ~cache:* +get +set`,
      `user worker on >${s} ~jobs:* &* +@all`,
      `rs0 [direct: primary] admin> db.auth("admin", "${s}")`,
      `test> db.changeUserPassword("reporting", "${s}")`,
      `neo4j@system> ALTER CURRENT USER SET PASSWORD FROM '${g.password()}' TO '${s}';`,
    ]);
    return { lines: [l], secrets: [s] };
  },
  'windows-admin': (g) => {
    const s = secretOf(g);
    const cmd = g.pick([
      `schtasks /create /tn "B3IQ Backup" /tr C:\\b3iq\\backup.cmd /sc daily /ru CORP\\svc-b3iq /rp ${s}`,
      `schtasks /create /s node-${g.int(1, 9)} /u CORP\\admin /p ${s} /tn update /tr x.exe`,
      `psexec \\\\node-${g.int(1, 9)} -u CORP\\admin -p ${s} -s cmd.exe /c ipconfig`,
      `PsExec64.exe \\\\10.0.0.${g.int(2, 250)} -u admin -p "${s}" -s powershell`,
      `wmic /node:node-${g.int(1, 9)} /user:CORP\\admin /password:${s} process call create "cmd.exe"`,
      `winrs -r:node-${g.int(1, 9)} -u:admin -p:${s} ipconfig /all`,
      `"C:\\Windows\\system32\\net.exe" user svc-b3iq ${s} /add`,
      `C:\\Windows\\system32\\net1 user administrator ${s}`,
      `net.exe user /add svc-backup ${s}`,
      `dsadd user "cn=svc-b3iq,ou=svc,dc=corp,dc=local" -pwd ${s} -disabled no`,
      `netdom join node-${g.int(1, 9)} /domain:corp /userd:CORP\\admin /passwordd:${s}`,
      `reg add "HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon" /v DefaultPassword /t REG_SZ /d ${s} /f`,
      `Set-ADAccountPassword -Identity svc-b3iq -Reset -NewPassword (ConvertTo-SecureString -AsPlainText "${s}" -Force)`,
      `$cred = New-Object PSCredential('svc', ('${s}' | ConvertTo-SecureString -AsPlainText -Force))`,
    ]);
    const lines = g.pick([
      () => [cmd],
      () => [`Process Command Line:\t${cmd}`],
      () => [`CommandLine: ${cmd}`],
      () => [`<Data Name="CommandLine">${cmd.replace(/"/g, '&quot;')}</Data>`],
      () => [`HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon`, `    DefaultPassword    REG_SZ    ${s}`],
    ])();
    return { lines, secrets: [s] };
  },
  'package-publish': (g) => {
    const s = secretOf(g);
    const host = g.pick(['pypi.example.com', 'repo.packagist.com', 'nexus.example.io', 'rubygems.pkg.github.com']);
    const l = g.pick([
      `poetry config http-basic.${g.pick(['private', 'nexus', 'gitlab'])} ${g.user()} ${s}`,
      `poetry config pypi-token.${g.pick(['pypi', 'testpypi'])} ${s}`,
      `twine upload -u __token__ -p ${s} dist/*`,
      `twine upload --repository-url https://${host}/ -u ${g.user()} --password ${s} dist/*`,
      `composer config http-basic.${host} ${g.user()} ${s}`,
      `composer config --global github-oauth.github.com ${s}`,
      `composer config -g gitlab-token.gitlab.com ${s}`,
      `cargo login ${s}`,
      `cargo publish --token ${s}`,
      `nuget setapikey ${s} -Source https://api.nuget.org/v3/index.json`,
      `vsce publish -p ${s}`,
      `ovsx publish b3iq-0.4.2.vsix -p ${s}`,
      `snyk auth ${s}`,
      `bundle config set --global ${host} ${g.user()}:${s}`,
      `codecov -t ${s} -f coverage.xml`,
    ]);
    const lines = g.pick([() => [l], () => [`+ ${l}`], () => [`##[group]Run ${l}`], () => [`Step 4/9 : RUN ${l}`]])();
    return { lines, secrets: [s] };
  },
};

export const TEXT_CLASSES = {
  'error-messages': (g) => {
    const s = secretOf(g);
    const l = g.pick([
      `ValueError: invalid token '${s}'`,
      `openai.AuthenticationError: Error code: 401 - Incorrect API key provided: ${s}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      `java.lang.IllegalStateException: Bad credentials for api key ${s}`,
      `WARN  using fallback key ${s} for signing`,
      `botocore.exceptions.ClientError: An error occurred (UnrecognizedClientException): The security token included in the request is invalid: ${s}`,
      `RuntimeError: failed to login as admin:${s}`,
      `ERROR: login failed: credentials admin/${s} rejected`,
      `psycopg2.OperationalError: FATAL: password authentication failed for user "app" with password "${s}"`,
      `error: unknown api key "${s}" (key not found)`,
      `Error: Invalid API Key: ${s}`,
      `AuthError: rejected token ${s} (revoked 2026-11-29)`,
      `HTTP 403: expired access token '${s}'`,
    ]);
    return { lines: [l], secrets: [s] };
  },
  'cookie-jars': (g) => {
    const s = g.token();
    const dom = g.pick(['.example.com', 'app.example.com', '.b3iq.example.net', 'console.example.io']);
    const name = g.pick(['sessionid', '_gh_sess', 'sid', 'AWSALB', 'connect.sid', '__Secure-next-auth.session-token', '_myapp_session', 'remember_user_token']);
    const l = g.pick([
      () => [`# Netscape HTTP Cookie File`, `${dom}\tTRUE\t/\tTRUE\t${g.int(1700000000, 1800000000)}\t${name}\t${s}`],
      () => [`#HttpOnly_${dom}\tFALSE\t/\tTRUE\t0\t${name}\t${s}`],
      () => [`${name}\t${s}\t${dom}\t/\t2026-12-${g.int(10, 28)}T0${g.int(0, 9)}:12:01.000Z\t${g.int(20, 300)}\t✓\t✓\tLax`],
      () => [`${name}\t${s}\t${dom}\t/\tSession\t${g.int(20, 300)}\t✓\t\tStrict`],
    ])();
    return { lines: l, secrets: [s] };
  },
  'csv-quoted-json': (g) => {
    const s = secretOf(g);
    const rec = g.pick([
      { password: s, user: g.user() },
      { api_key: s, model: g.pick(MODELS) },
      { headers: [{ name: 'X-Api-Key', value: s }] },
      { cookies: [{ name: 'sid', value: s, httpOnly: true }] },
      { messages: [{ role: 'user', content: `why does ${s} give 401` }] },
      { env: { DB_PASSWORD: s, PORT: '8080' } },
      { name: 'api_token', value: s },
      { auth: { token: s }, url: '/v1/chat/completions' },
    ]);
    const field = `"${JSON.stringify(rec).replace(/"/g, '""')}"`;
    const lines = g.pick([
      () => [`"_time","host","_raw"`, `"2026-11-30T06:12:01Z","node-${g.int(1, 9)}",${field}`],
      () => [`2026-11-${g.int(10, 29)},b3iq-gateway,INFO,${field}`],
      () => [`timestamp;level;message`, `2026-11-30 06:12:01;INFO;${field}`],
    ])();
    return { lines, secrets: [s] };
  },
  'escaped-markup': (g) => {
    const s = secretOf(g);
    const ent = (t) => t.replace(/"/g, '&quot;');
    const l = g.pick([
      `<div data-config="${ent(JSON.stringify({ token: s, region: 'eu' }))}"></div>`,
      `<script id="state" type="application/json">${ent(JSON.stringify({ apiKey: s }))}</script>`,
      `&lt;password&gt;${s}&lt;/password&gt;`,
      `token&#61;${s}&amp;region&#61;eu`,
      `{&#34;password&#34;:&#34;${s}&#34;}`,
      `{&#x22;secret&#x22;:&#x22;${s}&#x22;}`,
      `password\\x3d${s}`,
      `api_key\\u003d${s}`,
      `{"body":"\\u003capi_key\\u003e${s}\\u003c/api_key\\u003e"}`,
      `\\u0022client_secret\\u0022:\\u0022${s}\\u0022`,
    ]);
    return { lines: [l], secrets: [s] };
  },
  'signed-url-params': (g) => {
    const sig = g.b64(g.int(40, 120)).replace(/\+/g, '-').replace(/\//g, '~');
    const tok = g.token();
    const oss = encodeURIComponent(g.b64(27) + '=');
    const v = g.pick([
      [`GET /models/llama.gguf?Expires=${g.int(1700000000, 1800000000)}&Signature=${sig}&Key-Pair-Id=K${g.str('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 13)}`, sig],
      [
        `GET /b3iq/bundle.tgz?OSSAccessKeyId=LTAI${g.str('abcdefghijkmnopqrstuvwxyz23456789', 16)}&Expires=${g.int(1700000000, 1800000000)}&Signature=${oss}`,
        oss,
      ],
      [`POST /upload?policy=${g.b64(60)}&signature=${sig}`, sig],
      [`GET /oauth/token?grant_type=client_credentials&client_assertion_type=jwt-bearer&client_assertion=${tok}`, tok],
      [`GET /reset?t=${tok}`, tok],
      [`GET /download/${g.int(100, 999)}?k=${tok}`, tok],
      [`GET /unsubscribe?tk=${tok}&list=4`, tok],
    ]);
    const line = `10.0.${g.int(0, 9)}.${g.int(2, 250)} - - [30/Nov/2026:06:12:01 +0000] "${v[0]} HTTP/1.1" 200 ${g.int(100, 99999)} "-" "curl/8.5.0"`;
    return { lines: [line], secrets: [v[1].slice(0, 24)] };
  },
  'chat-turns': (g) => {
    const s = g.token();
    const l = g.pick([
      () => [`user> my key is ${s} but I still get 401`],
      () => [`>>> why does ${s} fail on /v1/models`],
      () => [`[user]: please rotate ${s}, it leaked in a screenshot`],
      () => [`[INST] here is the token ${s} what scope does it have [/INST]`],
      () => [`Human: can you check this key ${s}`],
      () => [`USER: ${s} is what the dashboard shows`],
      () => [`<|im_start|>user I pasted ${s} into the config<|im_end|>`],
      () => [`[prompt] what does this key do: ${s}`],
      () => [`<|user|> is ${s} a valid gateway key?`],
    ])();
    return { lines: l, secrets: [s], keep: [] };
  },
};
