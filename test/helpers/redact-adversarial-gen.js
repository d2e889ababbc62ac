// A generator of realistic log lines that carry a secret, by class, in varied layouts (journald,
// syslog, kubectl/docker timestamps, JSON logs, logfmt, set -x traces, shell history, tabs,
// CRLF), with random secrets from a seeded generator. Each case names what must be gone
// (`secrets`) and what must stay (`keep`). Used by test/unit/redact-adversarial-*.test.js and
// by test/eval/tools/adversarial.mjs (which lists every leak).
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';

export function rngFrom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UP = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LO = 'abcdefghijkmnopqrstuvwxyz';
const DIG = '23456789';
const ALNUM = UP + LO + DIG;
const B64 = ALNUM + '+/';
const HEX = '0123456789abcdef';

export class Gen {
  constructor(seed) {
    this.r = rngFrom(seed);
  }
  int(lo, hi) {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick(a) {
    return a[Math.floor(this.r() * a.length)];
  }
  str(alpha, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alpha[Math.floor(this.r() * alpha.length)];
    return s;
  }
  /** A password people choose: mixed case, digits, maybe one symbol inside. */
  password(sym = true) {
    const n = this.int(10, 18);
    let s = this.pick(UP) + this.str(LO, 2) + this.pick(DIG) + this.str(ALNUM, n - 4);
    if (sym && this.r() < 0.5) {
      const at = this.int(2, s.length - 2);
      s = s.slice(0, at) + this.pick(['!', '_', '.', '-', '+', '#']) + s.slice(at + 1);
    }
    return s;
  }
  /** An opaque API token with no provider prefix. */
  token() {
    return this.pick(UP) + this.pick(DIG) + this.str(ALNUM, this.int(24, 40));
  }
  hex(n) {
    return this.str(HEX, n);
  }
  b64(n) {
    return this.str(B64, n);
  }
  uuid() {
    const h = (n) => this.hex(n);
    return `${h(8)}-${h(4)}-4${h(3)}-${this.pick('89ab')}${h(3)}-${h(12)}`;
  }
  mnemonic(words = this.pick([12, 15, 18, 24])) {
    const bytes = new Uint8Array((words / 3) * 4);
    for (let i = 0; i < bytes.length; i++) bytes[i] = this.int(0, 255);
    return entropyToMnemonic(bytes, wordlist).split(' ');
  }
  user() {
    return this.pick(['admin', 'deploy', 'ci', 'root', 'ops', 'svc-backup', 'jenkins', 'app']);
  }
  host() {
    return this.pick(['registry.example.com', 'git.example.org', 'ghcr.io', 'db.example.net', 'nexus.example.io']);
  }
  ts() {
    return `2026-11-${String(this.int(10, 29))}T0${this.int(0, 9)}:${this.int(10, 59)}:${this.int(10, 59)}.${this.int(100, 999)}Z`;
  }
}

/** Line prefixes of real log collectors. */
const PREFIXES = [
  () => '',
  () => '',
  (g) =>
    `Nov ${g.int(10, 29)} 0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)} node-${g.int(1, 9)} ${g.pick(['bash', 'deploy.sh', 'cron', 'sudo'])}[${g.int(100, 9999)}]: `,
  (g) => `${g.ts()} `, // kubectl logs --timestamps, docker logs -t
  (g) => `${g.ts()} stdout F `, // containerd CRI
  (g) => `<${g.int(10, 190)}>1 ${g.ts()} node-${g.int(1, 9)} app ${g.int(100, 999)} - - `, // RFC 5424
  () => '\t',
  () => '    ',
];

/** Layouts that change a whole line. */
const LAYOUTS = [
  (g, l) => g.pick(PREFIXES)(g) + l,
  (g, l) => g.pick(PREFIXES)(g) + l,
  (g, l) => g.pick(PREFIXES)(g) + l + '\r',
  (g, l) => JSON.stringify({ ts: g.ts(), level: 'info', msg: l }),
  (g, l) => `time="${g.ts()}" level=info msg=${JSON.stringify(l)}`,
  (g, l) => `${g.ts()}\tINFO\trunner\t${l}`,
];

/** A shell command line in the forms it gets logged in. */
const SHELL = [
  (g, c) => c,
  (g, c) => c,
  (g, c) => `+ ${c}`, // set -x
  (g, c) => `++ ${c}`,
  (g, c) => `: ${g.int(1600000000, 1800000000)}:0;${c}`, // zsh extended history
  (g, c) => `  ${g.int(100, 999)}  2026-11-${g.int(10, 29)} 0${g.int(0, 9)}:${g.int(10, 59)}:${g.int(10, 59)} ${c}`, // bash HISTTIMEFORMAT
  (g, c) => `$ ${c}`,
  (g, c) => `root@node-${g.int(1, 9)}:~# ${c}`,
  (g, c) => `RUN ${c}`, // Dockerfile
  (g, c) => `sudo ${c}`,
];

const q = (g, v) => {
  const s = g.pick(['', '', "'", '"']);
  return s + v + s;
};

/** Each class: (g) => { lines: string[], secrets: string[], keep?: string[], shell?: boolean }. */
export const CLASSES = {
  htpasswd: (g) => {
    const pw = g.password();
    const c = g.pick([
      `htpasswd -b /etc/nginx/.htpasswd ${g.user()} ${pw}`,
      `htpasswd -nb ${g.user()} ${pw}`,
      `htpasswd -bB /etc/apache2/.htpasswd ${g.user()} ${pw}`,
      `htpasswd -bc .htpasswd ${g.user()} ${pw}`,
      `htpasswd -cb /srv/auth/htpasswd ${g.user()} '${pw}'`,
      `htpasswd -Bbn ${g.user()} "${pw}" > auth/htpasswd`,
      `htpasswd -bBC 10 /etc/registry/htpasswd ${g.user()} ${pw}`,
      `docker run --rm --entrypoint htpasswd httpd:2 -Bbn ${g.user()} ${pw} > auth/htpasswd`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'echo-pipe': (g) => {
    const pw = g.password();
    const v = q(g, pw);
    const sink = g.pick([
      `docker login -u ${g.user()} --password-stdin ${g.host()}`,
      `podman login --username ${g.user()} --password-stdin ${g.host()}`,
      `helm registry login ${g.host()} -u ${g.user()} --password-stdin`,
      `chpasswd`,
      `passwd --stdin ${g.user()}`,
      `kubectl create secret generic db --from-file=password=/dev/stdin`,
      `gh auth login --with-token`,
      `vault login -`,
      `openssl enc -d -aes-256-cbc -pass stdin`,
    ]);
    const c = g.pick([
      `echo ${v} | ${sink}`,
      `echo -n ${v} | ${sink}`,
      `printf '%s' ${v} | ${sink}`,
      `printf "%s\\n" ${v} | ${sink}`,
      `echo "${g.user()}:${pw}" | chpasswd`,
      `cat <<< ${v} | ${sink}`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'curl-user': (g) => {
    const pw = g.password();
    const u = g.user();
    const c = g.pick([
      `curl -u ${u}:${pw} https://${g.host()}/api/v1/status`,
      `curl -fsSL --user ${u}:${pw} https://${g.host()}/artifact.tgz`,
      `curl --user=${u}:${pw} -X POST https://${g.host()}/hooks`,
      `curl -s -u "${u}:${pw}" https://${g.host()}/`,
      `curl -u '${u}:${pw}' -T file.tgz https://${g.host()}/upload/`,
      `wget --user=${u} --password=${pw} https://${g.host()}/file`,
      `wget --http-user ${u} --http-password ${pw} https://${g.host()}/file`,
      `wget --ftp-password='${pw}' ftp://${g.host()}/pub/x`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'url-userinfo': (g) => {
    const pw = g.password(false);
    const u = g.user();
    const c = g.pick([
      `git clone https://${u}:${pw}@github.com/acme/app.git`,
      `git clone https://oauth2:${pw}@gitlab.example.com/group/proj.git`,
      `git remote set-url origin https://${u}:${pw}@${g.host()}/r.git`,
      `pip install --index-url https://${u}:${pw}@pypi.example.com/simple/ mypkg`,
      `pip install --extra-index-url=https://__token__:${pw}@pkgs.example.com/pypi/simple pkg`,
      `psql postgresql://${u}:${pw}@db.example.com:5432/app`,
      `psql "postgres://${u}:${pw}@10.0.3.4/app?sslmode=require"`,
      `mongosh "mongodb+srv://${u}:${pw}@cluster0.example.mongodb.net/test"`,
      `redis-cli -u redis://default:${pw}@cache.example.com:6379`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'db-clients': (g) => {
    const pw = g.password();
    const c = g.pick([
      `PGPASSWORD=${pw} psql -h db.example.com -U app app`,
      `PGPASSWORD='${pw}' pg_dump -h db -U postgres app > app.sql`,
      `MYSQL_PWD=${pw} mysql -h db -u root`,
      `mysql -uroot -p${pw} -e 'show databases'`,
      `mysql -u root -p'${pw}' app < dump.sql`,
      `mysqldump -h db -uapp -p"${pw}" app > app.sql`,
      `mysql --user=root --password=${pw} app`,
      `mongo admin -u root -p ${pw} --eval 'db.stats()'`,
      `sqlcmd -S db -U sa -P '${pw}' -Q "select 1"`,
      `redis-cli -h cache -a ${pw} ping`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'openssl-gpg': (g) => {
    const pw = g.password();
    const c = g.pick([
      `openssl pkcs12 -export -in c.crt -inkey c.key -out c.p12 -passout pass:${pw}`,
      `openssl rsa -in key.pem -passin pass:${pw} -out plain.pem`,
      `openssl pkcs12 -in c.p12 -nodes -passin 'pass:${pw}'`,
      `openssl enc -aes-256-cbc -salt -in a.tar -out a.enc -k ${pw}`,
      `openssl enc -d -aes-256-cbc -in a.enc -out a.tar -pass pass:${pw}`,
      `gpg --batch --yes --passphrase ${pw} -d secrets.gpg`,
      `gpg --batch --passphrase='${pw}' --pinentry-mode loopback -c backup.tar`,
      `gpg --passphrase "${pw}" --symmetric file`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  archives: (g) => {
    const pw = g.password(false);
    const c = g.pick([
      `7z a -p${pw} -mhe=on backup.7z data/`,
      `7z x -p'${pw}' backup.7z`,
      `7za x backup.7z -p"${pw}" -o/tmp/out`,
      `zip -P ${pw} -r backup.zip data`,
      `zip -r -P '${pw}' out.zip dir`,
      `unzip -P ${pw} backup.zip -d /tmp/x`,
      `rar a -hp${pw} backup.rar data`,
      `unrar x -p${pw} backup.rar`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  keytool: (g) => {
    const pw = g.password();
    const pw2 = g.password();
    const c = g.pick([
      `keytool -genkeypair -alias app -keystore app.jks -storepass ${pw} -keypass ${pw2} -dname "CN=app"`,
      `keytool -importcert -file ca.crt -keystore truststore.jks -storepass '${pw}' -noprompt`,
      `keytool -importkeystore -srckeystore a.p12 -srcstorepass ${pw} -destkeystore b.jks -deststorepass ${pw2}`,
      `keytool -list -keystore cacerts -storepass:file /tmp/p -keypass ${pw}`,
    ]);
    return { cmd: c, secrets: [pw, ...(c.includes(pw2) ? [pw2] : [])] };
  },
  'cloud-cli': (g) => {
    const pw = g.password();
    const c = g.pick([
      `az login -u ops@example.com -p ${pw}`,
      `az login --service-principal -u ${g.uuid()} -p ${pw} --tenant ${g.uuid()}`,
      `az login --service-principal --username app --password '${pw}' --tenant example.onmicrosoft.com`,
      `gcloud sql users set-password root --host=% --instance=db --password=${pw}`,
      `gcloud sql users create app --instance=db --password ${pw}`,
      `aws configure set aws_secret_access_key ${pw}`,
      `aws configure set default.aws_secret_access_key ${pw}`,
      `aws configure set aws_secret_access_key ${pw} --profile prod`,
      `aws --profile prod configure set aws_session_token ${pw}`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'docker-login': (g) => {
    const pw = g.password();
    const c = g.pick([
      `docker login -u ${g.user()} -p ${pw} ${g.host()}`,
      `docker login -p ${pw} -u ${g.user()} ${g.host()}`,
      `docker login --username ${g.user()} --password ${pw} ${g.host()}`,
      `docker login --username=${g.user()} --password=${pw}`,
      `podman login -u ${g.user()} -p '${pw}' ${g.host()}`,
      `nerdctl login -u ${g.user()} -p "${pw}" ${g.host()}`,
      `helm registry login ${g.host()} --username ${g.user()} --password ${pw}`,
      `skopeo login -u ${g.user()} -p ${pw} ${g.host()}`,
      `docker -H tcp://10.0.0.2:2376 login -u ${g.user()} -p ${pw}`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'kubectl-helm': (g) => {
    const pw = g.password(false);
    const key = g.pick(['password', 'DB_PASS', 'api-key', 'token', 'foo', 'value', 'redis-url', 'license']);
    const c = g.pick([
      `kubectl create secret generic app --from-literal=${key}=${pw}`,
      `kubectl create secret generic app --from-literal=user=admin --from-literal=${key}='${pw}' -n prod`,
      `kubectl -n prod create secret generic db --from-literal ${key}=${pw}`,
      `kubectl create secret docker-registry regcred --docker-server=${g.host()} --docker-username=${g.user()} --docker-password=${pw}`,
      `helm upgrade --install app ./chart --set password=${pw}`,
      `helm install db bitnami/postgresql --set auth.postgresPassword=${pw},auth.database=app`,
      `helm upgrade app ./chart --set-string secrets.apiKey=${pw} -n prod`,
      `helm install redis bitnami/redis --set global.redis.password='${pw}'`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'docker-env': (g) => {
    const pw = g.password(false);
    const name = g.pick(['PASSWORD', 'DB_PASSWORD', 'POSTGRES_PASSWORD', 'API_TOKEN', 'SECRET_KEY', 'MYSQL_ROOT_PASSWORD', 'OPENAI_API_KEY', 'HF_TOKEN']);
    const c = g.pick([
      `docker run -d -e ${name}=${pw} postgres:16`,
      `docker run --rm -e "${name}=${pw}" app:latest`,
      `docker run --env ${name}=${pw} -p 8000:8000 app`,
      `docker run --env=${name}=${pw} app`,
      `podman run -e ${name}='${pw}' app`,
      `docker exec -e ${name}=${pw} app ./migrate`,
      `docker service create --env ${name}=${pw} app`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  vault: (g) => {
    const tok = g.pick([`s.${g.str(ALNUM, 24)}`, g.token()]);
    const pw = g.password(false);
    const c = g.pick([
      `vault login ${tok}`,
      `vault login -address=https://vault.example.com ${tok}`,
      `vault login -method=userpass username=${g.user()} password=${pw}`,
      `vault kv put secret/app password=${pw} user=app`,
      `vault kv put -mount=secret app api_key=${pw}`,
      `vault write auth/approle/login role_id=${g.uuid()} secret_id=${pw}`,
      `VAULT_TOKEN=${tok} vault kv get secret/app`,
    ]);
    return { cmd: c, secrets: [c.includes(tok) ? tok : pw] };
  },
  'npm-pip': (g) => {
    const tok = g.pick([g.uuid(), g.token(), g.b64(40) + '=']);
    const c = g.pick([
      `npm config set //registry.npmjs.org/:_authToken ${tok}`,
      `npm config set //npm.example.com/:_authToken=${tok}`,
      `npm config set "//npm.pkg.github.com/:_authToken" "${tok}"`,
      `//registry.example.com/:_authToken=${tok}`,
      `//nexus.example.com/repository/npm/:_password=${tok}`,
      `yarn config set npmAuthToken ${tok}`,
      `pnpm config set //registry.npmjs.org/:_authToken=${tok}`,
    ]);
    return { cmd: c, secrets: [tok] };
  },
  sshpass: (g) => {
    const pw = g.password();
    const c = g.pick([
      `sshpass -p ${pw} ssh ${g.user()}@10.0.0.5`,
      `sshpass -p'${pw}' scp a.tgz ${g.user()}@host:/tmp`,
      `sshpass -p"${pw}" rsync -a src/ host:dst/`,
      `SSHPASS=${pw} sshpass -e ssh host`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'token-flags': (g) => {
    const tok = g.token();
    const c = g.pick([
      `kubectl --token=${tok} get pods -A`,
      `kubectl --server https://10.0.0.1:6443 --token ${tok} get nodes`,
      `cloudflared tunnel run --token ${tok}`,
      `doctl auth init -t ${tok}`,
      `doctl auth init --access-token ${tok}`,
      `glab auth login --hostname gitlab.example.com --token ${tok}`,
      `gitlab-runner register --url https://gitlab.example.com --registration-token ${tok}`,
      `vercel deploy --prod --token ${tok}`,
      `netlify deploy --auth ${tok} --prod`,
      `consul kv get -token=${tok} app/config`,
      `nomad job run -token ${tok} job.nomad`,
      `hcloud context create prod --token ${tok}`,
      `terraform login -token=${tok}`,
      `argocd login argocd.example.com --auth-token ${tok}`,
      `flyctl deploy -t ${tok}`,
      `linode-cli --token ${tok} linodes list`,
      `gh auth login --with-token ${tok}`,
      `influx setup -t ${tok} -o org -b bucket`,
    ]);
    return { cmd: c, secrets: [tok] };
  },
  'export-set': (g) => {
    const v = g.pick([g.password(false), g.token()]);
    const name = g.pick([
      'DB_PASSWORD',
      'GITHUB_TOKEN',
      'API_KEY',
      'OPENAI_API_KEY',
      'SECRET_KEY_BASE',
      'AWS_SECRET_ACCESS_KEY',
      'REDIS_PASS',
      'SLACK_WEBHOOK_SECRET',
      'NPM_TOKEN',
      'HF_TOKEN',
      'JWT_SECRET',
      'ACCESS_KEY',
    ]);
    const c = g.pick([
      `export ${name}=${v}`,
      `export ${name}="${v}"`,
      `export ${name}='${v}'`,
      `declare -x ${name}="${v}"`,
      `set ${name}=${v}`,
      `set "${name}=${v}"`,
      `setx ${name} ${v}`,
      `setx ${name} "${v}" /M`,
      `$env:${name} = '${v}'`,
      `$env:${name}="${v}"`,
      `[Environment]::SetEnvironmentVariable("${name}", "${v}", "User")`,
      `set -gx ${name} ${v}`, // fish
      `setenv ${name} ${v}`, // csh
      `env ${name}=${v} ./run.sh`,
    ]);
    return { cmd: c, secrets: [v] };
  },
  powershell: (g) => {
    const pw = g.password();
    const c = g.pick([
      `$pw = ConvertTo-SecureString '${pw}' -AsPlainText -Force`,
      `$secure = ConvertTo-SecureString -String "${pw}" -AsPlainText -Force`,
      `ConvertTo-SecureString -AsPlainText -Force -String '${pw}'`,
      `$cred = New-Object System.Management.Automation.PSCredential('admin', (ConvertTo-SecureString '${pw}' -AsPlainText -Force))`,
      `net user ${g.user()} ${pw} /add`,
      `net use \\\\fileserver\\share /user:CORP\\${g.user()} ${pw}`,
      `cmdkey /add:server01 /user:${g.user()} /pass:${pw}`,
      `Set-LocalUser -Name admin -Password (ConvertTo-SecureString "${pw}" -AsPlainText -Force)`,
    ]);
    return { cmd: c, secrets: [pw] };
  },
  'set-x-headers': (g) => {
    const tok = g.token();
    const c = g.pick([
      `curl -s -H 'Authorization: Bearer ${tok}' https://api.example.com/v1/models`,
      `curl -H "Authorization: token ${tok}" https://api.github.com/user`,
      `curl -H 'X-Api-Key: ${tok}' https://api.example.com/`,
      `curl --header "PRIVATE-TOKEN: ${tok}" https://gitlab.example.com/api/v4/projects`,
      `curl -H 'X-Auth-Token: ${tok}' https://api.example.com/`,
      `curl -H "apikey: ${tok}" https://api.example.com/`,
      `http GET api.example.com/me Authorization:"Bearer ${tok}"`,
      `wget --header="Authorization: Bearer ${tok}" https://api.example.com/dl`,
    ]);
    return { cmd: c, secrets: [tok] };
  },
  'echo-key-file': (g) => {
    const v = g.pick([g.hex(64), g.hex(32), g.hex(40), g.b64(44), g.token()]);
    const c = g.pick([
      `echo ${v} > /etc/b3iq/node.key`,
      `echo -n ${v} > wallet.key`,
      `echo "${v}" > ~/.config/app/secret`,
      `echo '${v}' >> /run/secrets/api_token`,
      `printf '%s' ${v} > key.hex`,
      `printf "${v}" > /tmp/k`,
      `echo ${v} | tee /etc/app/jwt.secret`,
      `echo ${v} | sudo tee -a /etc/secret.key > /dev/null`,
      `echo ${v} | base64 -d > id.key`,
    ]);
    return { cmd: c, secrets: [v] };
  },
  'url-encoded': (g) => {
    const tok = g.token();
    const k = g.pick(['api_key', 'apikey', 'token', 'access_token', 'key', 'password', 'secret', 'auth', 'sig', 'client_secret']);
    const enc = (s) => encodeURIComponent(s);
    const inner = `https://api.example.com/cb?${k}=${tok}&x=1`;
    const l = g.pick([
      `GET /proxy?url=${enc(inner)} HTTP/1.1 200`,
      `GET /proxy?url=${enc(enc(inner))} HTTP/1.1 200`,
      `redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3F${k}%3D${tok}%26state%3Dabc`,
      `"GET /v1/data?${k}=${tok}&page=2 HTTP/1.1" 200 512`,
      `next=%2Flogin%3F${k}%3D${tok}`,
      `q=${enc(`${k}=${tok}`)}`,
      `location: /auth?${k}%3D${tok}%26a%3Db`,
      `url=https%253A%252F%252Fx.example.com%252F%253F${k}%253D${tok}`,
    ]);
    return { line: l, secrets: [tok] };
  },
  'wrapped-base64': (g) => {
    const w = g.pick([64, 76]);
    const n = g.int(3, 8);
    const body = g.pick(['MII', '/u3+7QAAAAIAAAAB', 'LS0tLS1CRUdJTi', 'AAAAB3NzaC1yc2E', '']) + g.b64(w * n);
    const lines = [];
    for (let i = 0; i < body.length; i += w) lines.push(body.slice(i, i + w));
    const head = g.pick([[], [], [`$ base64 -w${w} keystore.jks`], ['    client-key-data: |'], ['  "value": "']]);
    // every full line must be gone; the last (short) one too when 16+ characters
    return { lines: [...head, ...lines], secrets: lines.filter((x) => x.length >= 16), perLinePrefix: head.length === 0 };
  },
  mnemonic: (g) => {
    const ws = g.mnemonic();
    const cas = g.pick([(w) => w, (w) => w.toUpperCase(), (w) => w[0].toUpperCase() + w.slice(1)]);
    const w = ws.map(cas);
    const layout = g.pick([
      () => [`my backup words are ${w.join(' ')} keep safe`],
      () => [`"${w.join(' ')}"`],
      () => [`'${w.join(' ')}'`],
      () => [w.join(', ')],
      () => [w.join(',')],
      () => [w.map((x, i) => `${i + 1}. ${x}`).join(' ')],
      () => [w.map((x, i) => `${i + 1}) ${x}`).join('  ')],
      () => [w.map((x, i) => `${i + 1}.${x}`).join(' ')],
      () => [w.map((x, i) => `${i + 1}-${x}`).join(' ')],
      () => [JSON.stringify(w)],
      () => [JSON.stringify({ words: w })],
      () => w,
      () => w.map((x, i) => `${i + 1}. ${x}`),
      () => w.map((x, i) => `${i + 1}: ${x}`),
      () => w.map((x) => `- ${x}`),
      () => {
        const rows = [];
        for (let i = 0; i < w.length; i += 3)
          rows.push(
            w
              .slice(i, i + 3)
              .map((x, k) => `${i + k + 1}. ${x}`)
              .join('\t'),
          );
        return rows;
      },
      () => {
        const rows = [];
        for (let i = 0; i < w.length; i += 6) rows.push(w.slice(i, i + 6).join(' '));
        return rows;
      },
      () => [w.join(' - ')],
      () => [w.join(' | ')],
      () => [w.join('\t')],
    ])();
    return { lines: layout, secrets: w.filter((x) => x.length >= 5).map((x) => `${x}`), words: true, perLinePrefix: layout.length > 1 };
  },
  cloudflared: (g) => {
    const id = g.uuid();
    const ip = `198.41.${g.int(192, 200)}.${g.int(1, 250)}`;
    const loc = g.pick(['ams01', 'fra08', 'lhr13', 'sjc05']);
    const t = g.ts();
    const l = g.pick([
      `${t} INF Registered tunnel connection connIndex=${g.int(0, 3)} connection=${id} event=0 ip=${ip} location=${loc} protocol=quic`,
      `${t} INF Starting tunnel tunnelID=${id}`,
      `${t} INF Generated Connector ID: ${id}`,
      `${t} INF Connection ${id} registered with protocol: quic connIndex=0 ip=${ip} location=${loc}`,
      `${t} INF Unregistered tunnel connection connIndex=1 event=0 ip=${ip}`.replace('ip=', `connection=${id} ip=`),
      `${t} ERR Failed to serve tunnel connection error="control stream encountered a failure" connIndex=0 connection=${id} event=0 ip=${ip}`,
      `{"level":"info","connIndex":0,"connection":"${id}","event":0,"ip":"${ip}","location":"${loc}","protocol":"quic","time":"${t}","message":"Registered tunnel connection"}`,
      `{"level":"info","tunnelID":"${id}","time":"${t}","message":"Starting tunnel"}`,
      `tunnel: ${id}`,
      `credentials-file: /root/.cloudflared/${id}.json`,
      `credentials-file: /etc/cloudflared/${id}.json`,
      `{"AccountTag":"${g.hex(32)}","TunnelSecret":"${g.b64(43)}=","TunnelID":"${id}"}`,
      `Tunnel credentials written to /home/ops/.cloudflared/${id}.json. cloudflared chose this file based on where your origin certificate was found.`,
      `Created tunnel node-7 with id ${id}`,
      `cloudflared tunnel route dns ${id} app.example.com`,
      `cloudflared tunnel run ${id}`,
      `cloudflared tunnel info ${id}`,
      `${id} node-7 2026-11-20T10:11:12Z 2xams01, 2xfra08`,
      `${t} INF Updated to new configuration config="{\\"ingress\\":[{\\"service\\":\\"http://localhost:8000\\"}]}" version=3 tunnelID=${id}`,
      `${t} DBG tunnelID=${id} connectorID=${g.uuid()} msg="heartbeat"`,
      `ExecStart=/usr/bin/cloudflared --no-autoupdate tunnel run ${id}`,
    ]);
    const ids = [...new Set(l.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g))];
    const extra = [
      ...(l.match(/"AccountTag":"([0-9a-f]+)"/) ? [l.match(/"AccountTag":"([0-9a-f]+)"/)[1]] : []),
      ...(l.match(/"TunnelSecret":"([^"]+)"/) ? [l.match(/"TunnelSecret":"([^"]+)"/)[1]] : []),
    ];
    return { line: l, secrets: [...ids, ...extra] };
  },
  'private-routes': (g) => {
    const seg = g.pick(['admin', 'internal', 'v1/models', 'metrics', 'owner/setup', 'debug/pprof']);
    const h = g.pick([
      `10.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(2, 250)}:${g.int(1024, 9999)}`,
      `192.168.${g.int(0, 255)}.${g.int(2, 250)}`,
      `172.${g.int(16, 31)}.${g.int(0, 255)}.${g.int(2, 250)}:8000`,
      `node-${g.int(1, 9)}.internal:${g.int(1024, 9999)}`,
      `[fd00::${g.int(1, 99)}]:8080`,
    ]);
    const l = g.pick([
      `proxying request to http://${h}/${seg}`,
      `upstream="http://${h}/${seg}" status=502`,
      `{"upstream":"http://${h}/${seg}","status":200}`,
      `GET http://${h}/${seg}?limit=10 -> 200`,
    ]);
    return { line: l, secrets: [h.replace(/:\d+$/, '')] };
  },
  'system-paths': (g) => {
    const n = g.pick(['acme-corp', 'fenwick_dairy', 'globex', 'initech']);
    const p = g.pick([
      `/etc/b3iq/customers/${n}/grant.json`,
      `/var/lib/b3iq/${n}/state.db`,
      `/opt/${n}/models/llama.gguf`,
      `/srv/${n}/data`,
      `/mnt/${n}-backup/2026-11-29.tar`,
      `C:\\Users\\${n}\\AppData\\Roaming\\b3iq\\config.json`,
      `C:\\ProgramData\\${n}\\b3iq\\node.key`,
      `C:\\\\ProgramData\\\\${n}\\\\logs`,
    ]);
    const l = g.pick([`loading ${p}`, `open ${p}: permission denied`, `{"path":"${p}"}`, `path=${p} size=4096`]);
    return { line: l, secrets: [n] };
  },
  'mail-headers': (g) => {
    const first = g.pick(['Dana', 'Priya', 'Olúwaseun', 'Marek', 'Ingrid', 'Seán']);
    const last = g.pick(['Whitcombe', 'Raghunathan', 'Adeyemi', 'Novák', "O'Neill", 'Lindqvist']);
    const name = `${first} ${last}`;
    const addr = `${first
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}@example.com`;
    const hdr = g.pick(['From', 'To', 'Cc', 'Reply-To', 'from', 'TO', 'Bcc', 'Sender']);
    const l = g.pick([
      `${hdr}: ${name} <${addr}>`,
      `${hdr}: "${name}" <${addr}>`,
      `${hdr}: "${last}, ${first}" <${addr}>`,
      `${hdr}: ops@example.com, ${name} <${addr}>`,
      `${hdr}: Support <support@example.net>, "${name}" <${addr}>`,
      `> ${hdr}: ${name} <${addr}>`,
      `smtp: ${hdr}: ${name} <${addr}>`,
      `{"${hdr.toLowerCase()}":"${name} <${addr}>"}`,
      `{"from":{"name":"${name}","address":"${addr}"}}`,
      `${hdr}: =?UTF-8?Q?${first}?= ${last} <${addr}>`,
    ]);
    return { line: l, secrets: [last, addr] };
  },
  'customer-json': (g) => {
    const v = g.pick(['Fenwick Dairy Ltd', 'Acme Widgets GmbH', 'Globex Corporation', 'Umbrella Health Inc', 'Initrode']);
    const k = g.pick([
      'customer',
      'customerName',
      'customer_name',
      'org',
      'organization',
      'company',
      'companyName',
      'account_name',
      'accountName',
      'billing_name',
      'billingName',
      'tenant',
      'client_name',
      'orgName',
      'legal_name',
      'business_name',
    ]);
    const l = g.pick([
      `{"${k}":"${v}","plan":"pro"}`,
      `{"event":"invoice.paid","data":{"${k}": "${v}"}}`,
      `${k}="${v}" plan=pro`,
      `${k}: ${v}`,
      `'${k}': '${v}',`,
      `<${k}>${v}</${k}>`,
    ]);
    return { line: l, secrets: [v.split(' ')[0]] };
  },
  'terminal-wrap': (g) => {
    const tok = g.pick([g.token() + g.token(), g.b64(60), `sk-proj-${g.str(ALNUM, 48)}`, `ghp_${g.str(ALNUM, 36)}`]);
    const l = g.pick([
      `Authorization: Bearer ${tok}`,
      `export API_TOKEN=${tok}`,
      `curl -H "X-Api-Key: ${tok}" https://api.example.com`,
      `token=${tok} user=ops`,
      `password=${tok}`,
      `{"api_key":"${tok}"}`,
    ]);
    const pre = g.pick(PREFIXES)(g);
    const full = pre + g.str(LO + ' ', g.int(0, 20)) + ' ' + l;
    const width = g.pick([80, 100, 120]);
    const at = full.indexOf(tok);
    // cut inside the token, at the terminal's width (pad the line so the cut lands in the token)
    const padded = at + 8 > width ? full : ' '.repeat(width - at - 8) + full;
    const cut = Math.max(padded.indexOf(tok) + 6, Math.min(width, padded.indexOf(tok) + tok.length - 6));
    const lines = [padded.slice(0, cut), padded.slice(cut)];
    const a = tok.slice(0, cut - padded.indexOf(tok));
    const b = tok.slice(cut - padded.indexOf(tok));
    return { lines, secrets: [a, b].filter((x) => x.length >= 6), raw: true };
  },
  counters: (g) => {
    const n = String(g.int(10, 250000));
    const l = g.pick([
      `{"prompt_tokens":${n},"completion_tokens":87,"total_tokens":300}`,
      `"usage": {"prompt_tokens": ${n}, "completion_tokens": 12}`,
      `token_budget_per_minute: ${n}`,
      `max_tokens=${n} temperature=0.7`,
      `tokens_per_second ${n}.2`,
      `max_new_tokens: ${n}`,
      `num_tokens=${n}`,
      `"maxTokens":${n}`,
      `x-ratelimit-remaining-tokens: ${n}`,
      `token_count ${n}`,
      `--max-tokens ${n}`,
      `secret_count=${n}`,
      `password_min_length: ${n}`,
      `key_count=${n} keys_rotated=2`,
      `token_limit=${n}`,
      `INFO tokens=${n} elapsed=1.2s`,
      `"cached_tokens":${n}`,
      `sessions_active=${n}`,
    ]);
    return { line: l, secrets: [], keep: [n] };
  },
};

const WORDY = new Set(['mnemonic']);

/** One case of a class in a random layout: { text, secrets, keep }. */
export function makeCase(g, name) {
  const c = CLASSES[name](g);
  let lines;
  if (c.cmd !== undefined) lines = [g.pick(SHELL)(g, c.cmd)];
  else lines = c.lines ?? [c.line];
  if (!c.raw) {
    if (lines.length === 1) lines = [g.pick(LAYOUTS)(g, lines[0])];
    else if (c.perLinePrefix && g.r() < 0.5) {
      const pre = g.pick(PREFIXES);
      const p = pre(g);
      lines = lines.map((l) => p + l);
    }
  }
  return { text: lines.join('\n'), secrets: c.secrets, keep: c.keep ?? [], words: WORDY.has(name) };
}

/** Every case of every class, `per` cases each, from one seed. */
export function generate(seed, per, names = Object.keys(CLASSES)) {
  const out = [];
  for (const name of names) {
    const g = new Gen(seed ^ hash(name));
    for (let i = 0; i < per; i++) out.push({ cls: name, ...makeCase(g, name) });
  }
  return out;
}

function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What leaked from one case's redacted output: secrets still there, kept values gone. */
export function leaksOf(c, out) {
  const leaked = [];
  for (const s of c.secrets) {
    if (c.words ? new RegExp(`\\b${s}\\b`).test(out) : out.includes(s)) leaked.push(s);
  }
  const lost = c.keep.filter((k) => !out.includes(k));
  return { leaked, lost };
}
