// More credential-bearing formats for redact-dumps.test.js: directives, DSNs, object and map dumps, list-form flags.
// Each class: (g) => [text, secrets, keeps] with g from dump-cases.js's make().
export const CLASSES2 = {
  'compose default': (g) => {
    const a = g.pw();
    return [`      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:-${a}}`, [a], ['POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-']];
  },
  'wpa psk': (g) => {
    const a = g.pw(),
      b = g.hex(64);
    return [`network={\n\tssid="home"\n\tpsk="${a}"\n}\n[wifi-security]\nkey-mgmt=wpa-psk\npsk=${b}`, [a, b], ['ssid="home"']];
  },
  'redis.conf': (g) => {
    const a = g.pw(),
      b = g.pw();
    return [`port 6379\nrequirepass ${a}\nmasterauth ${b}\nmaxmemory 2gb`, [a, b], ['maxmemory 2gb']];
  },
  'ldap bindpw': (g) => {
    const a = g.pw();
    return [`binddn cn=admin,dc=example,dc=com\nbindpw ${a}\nbase dc=example,dc=com`, [a], ['base dc=example']];
  },
  'sssd authtok': (g) => {
    const a = g.pw();
    return [`[domain/default]\nldap_default_bind_dn = cn=svc\nldap_default_authtok = ${a}`, [a], ['[domain/default]']];
  },
  'postfix sasl_passwd': (g) => {
    const a = g.pw();
    return [`[smtp.gmail.com]:587 alerts@example.com:${a}`, [a], ['[smtp.gmail.com]:587']];
  },
  'go mysql dsn': (g) => {
    const a = g.pw();
    return [`dsn=root:${a}@tcp(db.example.com:3306)/app?parseTime=true`, [a], ['parseTime=true']];
  },
  'go mysql dsn log': (g) => {
    const a = g.pw();
    return [`level=error msg="open db" dsn="app:${a}@tcp(10.1.2.3:3306)/prod"`, [a], ['level=error']];
  },
  'go map headers': (g) => {
    const a = g.tok(40),
      b = g.tok(32);
    return [`request headers: map[Accept:[application/json] Authorization:[Bearer ${a}] X-Api-Key:[${b}]]`, [a, b], ['Accept:[application/json]']];
  },
  'lowercase curl': (g) => {
    const a = g.tok(40),
      b = g.tok(32);
    return [`> authorization: bearer ${a}\n< set-cookie: session=${b}; path=/`, [a, b], []];
  },
  'git extraheader': (g) => {
    const a = g.b64(`x-access-token:${g.tok(36)}`);
    return [`[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${a}`, [a], ['[http "https://github.com/"]']];
  },
  'kubectl describe env': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [
      `    Environment:\n      DB_PASSWORD:       ${a}\n      API_KEY:           ${b}\n      SMTP_PASSWORD:     <set to the key 'password' in secret 'smtp'>  Optional: false`,
      [a, b],
      ['    Environment:'],
    ];
  },
  'docker Cmd array': (g) => {
    const a = g.pw();
    return [`"Cmd": ["server","--db-password","${a}","--port","8080"]`, [a], ['"--port","8080"']];
  },
  'haproxy userlist': (g) => {
    const a = g.pw();
    return [`userlist admins\n    user admin insecure-password ${a}`, [a], ['userlist admins']];
  },
  'cisco username': (g) => {
    const a = g.pw();
    return [`username admin privilege 15 password 0 ${a}`, [a], ['username admin privilege 15']];
  },
  'env quoted spaces': (g) => {
    const a = g.tok(10),
      b = g.tok(10);
    return [`DB_PASSWORD="${a} ${b}"`, [a, b], []];
  },
  'sqlalchemy url': (g) => {
    const a = g.pw();
    return [`sqlalchemy.url = postgresql+psycopg2://app:${a}@db.example.com/app`, [a], []];
  },
  'node inspect': (g) => {
    const a = g.pw();
    return [`{ user: 'x', password: '${a}', port: 5432 }`, [a], ['port: 5432']];
  },
  'csharp anon': (g) => {
    const a = g.pw();
    return [`{ UserName = bob, Password = ${a}, Port = 5432 }`, [a], ['Port = 5432']];
  },
  'elixir map': (g) => {
    const a = g.pw();
    return [`%{password: "${a}", username: "x"}`, [a], []];
  },
  'kotlin data class': (g) => {
    const a = g.pw();
    return [`DbConfig(host=db, password=${a}, port=5432)`, [a], ['port=5432']];
  },
  'x-amz-security-token header': (g) => {
    const a = g.b64raw(200);
    return [`x-amz-security-token: ${a}`, [a], []];
  },
  spnego: (g) => {
    const a = 'YII' + g.b64raw(120);
    return [`Authorization: Negotiate ${a}`, [a], ['Negotiate']];
  },
  'gradle properties': (g) => {
    const a = g.pw();
    return [`signing.password=${a}\nossrhPassword=${a}`, [a], []];
  },
  rclone: (g) => {
    const a = g.str(40, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_');
    return [`[remote]\ntype = sftp\npass = ${a}`, [a], ['type = sftp']];
  },
  s3cfg: (g) => {
    const a = g.str(40);
    return [`[default]\naccess_key = AKIAIOSFODNN7EXAMPLE\nsecret_key = ${a}`, [a], []];
  },
  'pip.conf': (g) => {
    const a = g.pw();
    return [`[global]\nextra-index-url = https://__token__:${a}@pypi.example.com/simple`, [a], []];
  },
  'chap-secrets': (g) => {
    const a = g.pw();
    return [`# client server secret IP addresses\nalice * ${a} *`, [a], ['# client server secret']];
  },
  'openvpn auth-user-pass file': (g) => {
    const a = g.pw();
    return [`$ cat /etc/openvpn/auth.txt\nalice\n${a}`, [a], []];
  },
  'mosquitto / vsftpd like': (g) => {
    const a = g.pw();
    return [`auth_pass ${a}`, [a], []];
  },
  keepalived: (g) => {
    const a = g.pw();
    return [`    authentication {\n        auth_type PASS\n        auth_pass ${a}\n    }`, [a], ['auth_type PASS']];
  },
};
