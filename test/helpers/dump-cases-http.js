// Request, response and object dumps for redact-dumps.test.js: curl -v, HTTP/2, signed URLs,
// OAuth responses, stack traces, and the debug output of Python, Go, Java, Rust, PHP and Ruby.
// Each class: (g) => [text, secrets, keeps] with g from dump-cases.js's make().
export const CLASSES_HTTP = {
  // ---- request / response dumps
  'curl -v': (g) => {
    const a = g.tok(40),
      b = g.tok(32),
      c = g.tok(32);
    return [
      `> GET /v1/models HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer ${a}\n> Cookie: session=${b}\n>\n< HTTP/1.1 200 OK\n< Set-Cookie: sid=${c}; Path=/; HttpOnly`,
      [a, b, c],
      ['> Host: api.example.com', 'HTTP/1.1 200 OK'],
    ];
  },
  'http2 headers': (g) => {
    const a = g.tok(40);
    return [`[HTTP/2] [1] [:method: GET]\n[HTTP/2] [1] [:path: /v1]\n[HTTP/2] [1] [authorization: Bearer ${a}]`, [a], [':method: GET']];
  },
  'curl http2 header': (g) => {
    const a = g.tok(40);
    return [`* [HTTP/2] [1] [x-api-key: ${a}]`, [a], ['[HTTP/2]']];
  },
  'proxy-authorization': (g) => {
    const a = g.b64(`${g.user()}:${g.pw()}`);
    return [`Proxy-Authorization: Basic ${a}`, [a], ['Proxy-Authorization: Basic']];
  },
  'x- token headers': (g) => {
    const a = g.tok(32),
      b = g.tok(32),
      c = g.tok(32),
      d = g.tok(32);
    return [`X-Api-Key: ${a}\nX-Auth-Token: ${b}\nX-Vault-Token: ${c}\nPrivate-Token: ${d}\nX-Request-Id: 42`, [a, b, c, d], ['X-Request-Id: 42']];
  },
  'authorization schemes': (g) => {
    const a = g.tok(40),
      b = g.hex(32),
      c = g.hex(64);
    return [
      `Authorization: Token ${a}\nAuthorization: Digest username="alice", realm="x", nonce="abc", uri="/", response="${b}"\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${c}`,
      [a, b, c],
      [],
    ];
  },
  'presigned s3': (g) => {
    const sig = g.hex(64),
      st = g.b64raw(200);
    return [
      `https://bucket.s3.amazonaws.com/obj?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA${g.str(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600&X-Amz-Security-Token=${encodeURIComponent(st)}&X-Amz-Signature=${sig}`,
      [sig, encodeURIComponent(st).slice(0, 40)],
      ['X-Amz-Expires=3600'],
    ];
  },
  'azure sas': (g) => {
    const sig = encodeURIComponent(g.b64raw(43) + '=');
    return [
      `https://acme.blob.core.windows.net/c/b.bin?sv=2022-11-02&ss=b&srt=o&sp=r&se=2024-01-01T00:00:00Z&st=2023-12-31T00:00:00Z&spr=https&sig=${sig}`,
      [sig],
      ['sv=2022-11-02'],
    ];
  },
  'gcs signed url': (g) => {
    const sig = g.hex(256);
    return [
      `https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam.gserviceaccount.com%2F20240101%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20240101T000000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=${sig}`,
      [sig],
      ['X-Goog-Expires=900'],
    ];
  },
  'oauth json': (g) => {
    const a = g.tok(40),
      b = g.tok(40);
    return [`{"access_token":"${a}","token_type":"Bearer","expires_in":3599,"refresh_token":"${b}","scope":"read"}`, [a, b], ['"expires_in":3599']];
  },
  'oauth form': (g) => {
    const a = g.tok(40),
      b = g.tok(40),
      c = g.tok(24);
    return [`access_token=${a}&token_type=bearer&refresh_token=${b}&client_secret=${c}&expires_in=3600`, [a, b, c], ['access_token=']];
  },
  'oauth code exchange': (g) => {
    const a = g.tok(30),
      v = g.str(43, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~');
    return [
      `POST /token grant_type=authorization_code&code=${a}&code_verifier=${v}&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb`,
      [a, v],
      ['grant_type=authorization_code'],
    ];
  },
  'stack trace conn string': (g) => {
    const a = g.pw();
    return [
      `psycopg2.OperationalError: could not connect: connection string "host=db.example.com port=5432 dbname=app user=app password=${a} sslmode=require"\n  File "/app/db.py", line 12, in connect`,
      [a],
      ['sslmode=require'],
    ];
  },
  'exception with headers': (g) => {
    const a = g.tok(40);
    return [
      `requests.exceptions.HTTPError: 401 Client Error for url: https://api.example.com/v1 headers={'User-Agent': 'python-requests/2.31', 'Authorization': 'Bearer ${a}'}`,
      [a],
      ['python-requests/2.31'],
    ];
  },
  'python dict': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [`{'user': 'x', 'password': '${a}', 'api_key': "${b}", 'port': 5432}`, [a, b], ["'port': 5432"]];
  },
  'go %+v': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [`config: {Host:db.example.com Port:5432 Password:${a} Token:${b} Debug:false}`, [a, b], ['Port:5432', 'Debug:false']];
  },
  'go %+v nested': (g) => {
    const a = g.pw();
    return [`&{DB:{User:app Password:${a}} Timeout:30s}`, [a], ['Timeout:30s']];
  },
  'java toString': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [`User{id=42, name='bob', password='${a}', apiToken=${b}, active=true}`, [a, b], ['active=true']];
  },
  'rust debug': (g) => {
    const a = g.tok(30),
      b = g.pw();
    return [`Config { api_key: "${a}", db: DbConfig { password: "${b}", port: 5432 }, debug: false }`, [a, b], ['port: 5432']];
  },
  'rust debug pretty': (g) => {
    const a = g.tok(30);
    return [`Config {\n    api_key: Some(\n        "${a}",\n    ),\n    port: 8080,\n}`, [a], ['port: 8080']];
  },
  'php print_r': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [`Array\n(\n    [host] => db\n    [password] => ${a}\n    [api_token] => ${b}\n)`, [a, b], ['[host] => db']];
  },
  'php var_dump': (g) => {
    const a = g.pw();
    return [`array(2) {\n  ["user"]=>\n  string(3) "bob"\n  ["password"]=>\n  string(${a.length}) "${a}"\n}`, [a], []];
  },
  'ruby inspect': (g) => {
    const a = g.pw(),
      b = g.tok(30);
    return [`#<User id: 1, name: "x", @password="${a}", @api_token="${b}">`, [a, b], ['id: 1']];
  },
  'ruby hash rocket': (g) => {
    const a = g.pw();
    return [`{:username=>"bob", :password=>"${a}", "secret_token"=>"${g.tok(20)}"}`, [a], []];
  },
};
