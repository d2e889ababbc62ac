// The adversarial generator's command-line classes: a secret given to a tool on its command
// line, in a shell trace or history, in PowerShell (test/helpers/redact-adversarial-gen.js).
import { ALNUM } from './redact-adversarial-gen.js';

const q = (g, v) => {
  const s = g.pick(['', '', "'", '"']);
  return s + v + s;
};

/** Each class: (g) => { cmd: string, secrets: string[] } (the command is then given a shell layout). */
export const COMMAND_CLASSES = {
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
};
