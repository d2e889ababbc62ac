#!/usr/bin/env node
// Realistic, secret-free logs of our own making, for the CI log report (the loghub samples are
// research-only and never committed). Every line carries only ordinary diagnostics: ports,
// host:port pairs, component names, hostnames, Unix user names, error text. A redactor should
// leave them readable and put no marker on them (IPs and internal hosts may become pseudonyms).
//   node test/eval/gen-logs.mjs [out-dir]    writes the files (default: prints a summary)
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeRng } from './tools/seeded-regex.mjs';

const USERS = ['root', 'admin', 'ubuntu', 'deploy', 'oracle', 'postgres', 'git', 'test', 'pi', 'ftpuser', 'nagios', 'www-data'];
const HOSTS = ['node-7', 'gpu-node-03', 'edge01', 'inference-a2', 'combo', 'LabSZ', 'worker-12'];
const ERRORS = [
  'Connection reset by peer',
  'connect() failed (111: Connection refused)',
  'upstream timed out (110: Connection timed out)',
  'No route to host',
  'Broken pipe',
  'Too many open files',
  'No space left on device',
  'permission denied',
  'certificate verify failed: unable to get local issuer certificate',
  'context deadline exceeded',
];

function makeTools(seed) {
  const rng = makeRng(seed);
  const pick = (a) => a[Math.floor(rng() * a.length)];
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const pubIp = () => `${pick([183, 187, 203, 218, 52, 91])}.${int(1, 254)}.${int(1, 254)}.${int(1, 254)}`;
  const privIp = () => `10.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('');
  const two = (n) => String(n).padStart(2, '0');
  let t = Date.UTC(2026, 10, 29, 8, 0, 0);
  const tick = () => {
    t += int(1, 9000);
    return new Date(t);
  };
  const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const syslogTs = (d) =>
    `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const iso = (d) => d.toISOString();
  return { rng, pick, int, pubIp, privIp, hex, two, tick, syslogTs, iso };
}

function lines(n, seed, make) {
  const tools = makeTools(seed);
  return Array.from({ length: n }, () => make(tools)).join('\n') + '\n';
}

const sshd = (T) => {
  const ts = T.syslogTs(T.tick());
  const pre = `${ts} ${T.pick(HOSTS)} sshd[${T.int(1000, 32000)}]:`;
  const u = T.pick(USERS),
    ip = T.pubIp(),
    port = T.int(1024, 65535);
  return T.pick([
    `${pre} Failed password for ${u} from ${ip} port ${port} ssh2`,
    `${pre} Failed password for invalid user ${u} from ${ip} port ${port} ssh2`,
    `${pre} Invalid user ${u} from ${ip} port ${port}`,
    `${pre} Accepted publickey for ${u} from ${ip} port ${port} ssh2: ED25519 SHA256:${Buffer.from(T.hex(32), 'hex').toString('base64').replace(/=+$/, '')}`,
    `${pre} pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${u}`,
    `${pre} pam_unix(sshd:session): session opened for user ${u} by (uid=0)`,
    `${pre} pam_unix(sshd:session): session closed for user ${u}`,
    `${pre} error: maximum authentication attempts exceeded for ${u} from ${ip} port ${port} ssh2 [preauth]`,
    `${pre} Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`,
    `${pre} Disconnected from authenticating user ${u} ${ip} port ${port} [preauth]`,
    `${pre} Connection closed by invalid user ${u} ${ip} port ${port} [preauth]`,
    `${pre} error: kex_exchange_identification: read: Connection reset by peer`,
  ]);
};

const syslog = (T) => {
  const d = T.tick();
  const host = T.pick(HOSTS);
  return T.pick([
    `${T.syslogTs(d)} ${host} systemd[1]: Started b3iq-gateway.service - B3IQ inference gateway.`,
    `${T.syslogTs(d)} ${host} systemd[1]: nginx.service: Main process exited, code=exited, status=1/FAILURE`,
    `${T.syslogTs(d)} ${host} kernel: [${T.int(1, 99999)}.${T.int(100000, 999999)}] NVRM: GPU at PCI:0000:${T.two(T.int(1, 99))}:00: GPU has fallen off the bus.`,
    `${T.syslogTs(d)} ${host} containerd[${T.int(300, 900)}]: time="${T.iso(d)}" level=error msg="failed to reload cni configuration" error="cni config load failed: no network config found in /etc/cni/net.d"`,
    `${T.syslogTs(d)} ${host} CRON[${T.int(1000, 9999)}]: (${T.pick(USERS)}) CMD (/usr/local/bin/rotate-logs --keep 7)`,
    `${T.syslogTs(d)} ${host} sudo[${T.int(1000, 9999)}]:   ${T.pick(USERS)} : TTY=pts/0 ; PWD=/srv/app ; USER=root ; COMMAND=/usr/bin/systemctl restart vllm`,
    `${T.iso(d).replace('Z', '+0000')} ${host} vllm[${T.int(1000, 9999)}]: INFO: Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)`,
    `${T.iso(d).replace('Z', '+0000')} ${host} dockerd[${T.int(500, 900)}]: time="${T.iso(d)}" level=warning msg="${T.pick(ERRORS)}" module=libcontainerd namespace=moby`,
  ]);
};

const hdfs = (T) => {
  const d = T.tick();
  const ts = `${String(d.getUTCFullYear()).slice(2)}${T.two(d.getUTCMonth() + 1)}${T.two(d.getUTCDate())} ${T.two(d.getUTCHours())}${T.two(d.getUTCMinutes())}${T.two(d.getUTCSeconds())} ${T.int(10, 30000)}`;
  const a = T.privIp(),
    b = T.privIp(),
    blk = `blk_${T.rng() < 0.5 ? '-' : ''}${T.int(1e9, 9e9)}${T.int(1e8, 9e8)}`;
  return T.pick([
    `${ts} INFO dfs.DataNode$DataXceiver: Receiving block ${blk} src: /${a}:${T.int(30000, 60000)} dest: /${b}:50010`,
    `${ts} INFO dfs.DataNode$PacketResponder: PacketResponder ${T.int(0, 2)} for block ${blk} terminating`,
    `${ts} INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: ${a}:50010 is added to ${blk} size 67108864`,
    `${ts} WARN dfs.DataNode$DataXceiver: ${a}:50010:Got exception while serving ${blk} to /${b}:`,
    `${ts} INFO dfs.DataNode$DataXceiver: ${a}:50010 Served block ${blk} to /${b}`,
    `${ts} INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_000590_0/part-00590. ${blk}`,
  ]);
};

const zookeeper = (T) => {
  const d = T.iso(T.tick()).replace('T', ' ').replace('Z', '').replace('.', ',');
  const ip = T.privIp(),
    peer = T.privIp();
  return T.pick([
    `${d} - INFO  [QuorumPeer[myid=${T.int(1, 3)}]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: ${T.int(200, 60000)}`,
    `${d} - WARN  [SendWorker:${T.int(1e11, 9e11)}:QuorumCnxManager$SendWorker@679] - Interrupted while waiting for message on queue`,
    `${d} - WARN  [NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxn@349] - caught end of stream exception`,
    `${d} - INFO  [/${ip}:3888:QuorumCnxManager$Listener@493] - Received connection request /${peer}:${T.int(40000, 60000)}`,
    `${d} - WARN  [RecvWorker:${T.int(1e11, 9e11)}:QuorumCnxManager$RecvWorker@762] - Connection broken for id ${T.int(1, 3)}, my id = ${T.int(1, 3)}, error = `,
    `${d} - INFO  [NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:NIOServerCnxn@1001] - Closed socket connection for client /${peer}:${T.int(40000, 60000)} (no session established for client)`,
    `${d} - INFO  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:Follower@63] - FOLLOWING - LEADER ELECTION TOOK - ${T.int(10, 900)}`,
  ]);
};

const web = (T) => {
  const d = T.tick();
  const ip = T.pubIp();
  const up = `${T.privIp()}:${T.pick([8000, 8080, 9000, 3000])}`;
  const stamp = `${T.two(d.getUTCDate())}/Nov/2026:${T.two(d.getUTCHours())}:${T.two(d.getUTCMinutes())}:${T.two(d.getUTCSeconds())} +0000`;
  return T.pick([
    `${ip} - - [${stamp}] "GET /v1/models HTTP/1.1" 200 ${T.int(100, 9999)} "-" "curl/8.5.0"`,
    `${ip} - - [${stamp}] "POST /v1/chat/completions HTTP/2.0" ${T.pick([200, 429, 502])} ${T.int(100, 9999)} "-" "python-httpx/0.27.0" rt=${T.int(1, 900) / 100} uct="0.001" urt="${T.int(1, 900) / 100}"`,
    `${T.iso(d).slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [error] ${T.int(100, 999)}#${T.int(100, 999)}: *${T.int(1, 99999)} upstream timed out (110: Connection timed out) while reading response header from upstream, client: ${ip}, server: api.example.com, request: "POST /v1/completions HTTP/1.1", upstream: "http://${up}/v1/completions", host: "api.example.com"`,
    `${T.iso(d).slice(0, 19).replace('T', ' ').replace(/-/g, '/')} [warn] ${T.int(100, 999)}#${T.int(100, 999)}: *${T.int(1, 99999)} an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/1/00/0000000001 while reading upstream, client: ${ip}, server: api.example.com`,
    `[Sun Nov 29 ${T.two(d.getUTCHours())}:${T.two(d.getUTCMinutes())}:${T.two(d.getUTCSeconds())} 2026] [error] [client ${ip}] File does not exist: /var/www/html/wp-login.php`,
    `[Sun Nov 29 ${T.two(d.getUTCHours())}:${T.two(d.getUTCMinutes())}:${T.two(d.getUTCSeconds())} 2026] [notice] jk2_init() Found child ${T.int(1000, 9999)} in scoreboard slot ${T.int(1, 10)}`,
    `[Sun Nov 29 ${T.two(d.getUTCHours())}:${T.two(d.getUTCMinutes())}:${T.two(d.getUTCSeconds())} 2026] [error] mod_jk child workerEnv in error state ${T.int(1, 9)}`,
  ]);
};

const spark = (T) => {
  const d = T.tick();
  const ts = `${String(d.getUTCFullYear()).slice(2)}/${T.two(d.getUTCMonth() + 1)}/${T.two(d.getUTCDate())} ${T.two(d.getUTCHours())}:${T.two(d.getUTCMinutes())}:${T.two(d.getUTCSeconds())}`;
  const worker = `worker-${T.int(1, 9)}.cluster.internal/${T.privIp()}:${T.int(30000, 50000)}`;
  return T.pick([
    `${ts} INFO storage.BlockManager: Found block rdd_${T.int(1, 40)}_${T.int(0, 20)} locally`,
    `${ts} INFO executor.Executor: Running task ${T.int(0, 9)}.0 in stage ${T.int(1, 30)}.0 (TID ${T.int(1, 2000)})`,
    `${ts} INFO client.TransportClientFactory: Successfully created connection to ${worker} after ${T.int(1, 40)} ms (0 ms spent in bootstraps)`,
    `${ts} ERROR executor.Executor: Exception in task ${T.int(0, 9)}.0 in stage ${T.int(1, 30)}.0 (TID ${T.int(1, 2000)})`,
    `${ts} WARN server.TransportChannelHandler: Exception in connection from ${worker}`,
    `${ts} INFO python.PythonRunner: Times: total = ${T.int(30, 90)}, boot = ${T.int(1, 20)}, init = ${T.int(1, 30)}, finish = ${T.int(0, 3)}`,
    `java.io.IOException: Connection reset by peer`,
    `\tat org.apache.spark.network.server.TransportRequestHandler.handle(TransportRequestHandler.java:${T.int(50, 200)})`,
  ]);
};

const cbs = (T) => {
  const d = T.iso(T.tick()).slice(0, 19).replace('T', ' ');
  return T.pick([
    `${d}, Info                  CBS    Loaded Servicing Stack v6.1.7601.23505 with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_6.1.7601.23505_none_681aa442f6fed7f0\\cbscore.dll`,
    `${d}, Info                  CBS    Failed to internally open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]`,
    `${d}, Info                  CBS    Session: ${T.int(30000000, 39999999)}_${T.int(1e8, 9e8)} initialized by client WindowsUpdateAgent.`,
    `${d}, Info                  CBS    SQM: Failed to start upload with file pattern: C:\\Windows\\servicing\\sqm\\*_std.sqm, flags: 0x2 [HRESULT = 0x80004005 - E_FAIL]`,
    `${d}, Info                  CBS    Read out cached package applicability for package: Package_for_KB${T.int(2000000, 4999999)}~31bf3856ad364e35~amd64~~6.1.1.${T.int(0, 9)}, ApplicableState: 112, CurrentState:112`,
    `${d}, Error                 CSI    00000${T.int(100, 999)}@2026/11/29:08:0${T.int(0, 9)}:12.345 (F) CMIADAPTER: Inner Error Message from AI HRESULT = 80070002 [Error,Facility=(0007)FACILITY_WIN32,Code=2 (0x0002)]`,
    `${d}, Info                  CBS    Warning: Unrecognized packageExtended attribute.`,
  ]);
};

const containers = (T) => {
  const d = T.tick();
  const pre = T.pick([`${T.iso(d).replace('Z', '')}${T.int(100000, 999999)}Z `, `${T.iso(d)} stdout F `, '']);
  return (
    pre +
    T.pick([
      `level=info ts=${T.iso(d)} caller=main.go:${T.int(10, 400)} component=gateway msg="listening" addr=0.0.0.0:${T.pick([8080, 9090, 8443])}`,
      `level=error ts=${T.iso(d)} caller=upstream.go:${T.int(10, 400)} component=router msg="upstream failed" upstream=vllm:8000 err="dial tcp ${T.privIp()}:8000: connect: connection refused"`,
      `{"time":"${T.iso(d)}","level":"WARN","component":"scheduler","msg":"queue full","queue_depth":${T.int(10, 500)},"max_tokens":${T.int(256, 8192)},"prompt_tokens":${T.int(10, 4000)}}`,
      `INFO:     ${T.privIp()}:${T.int(30000, 60000)} - "POST /v1/chat/completions HTTP/1.1" 200 OK`,
      `E1129 ${T.two(d.getUTCHours())}:${T.two(d.getUTCMinutes())}:${T.two(d.getUTCSeconds())}.${T.int(100000, 999999)}       1 reflector.go:${T.int(100, 200)}] pkg/mod/k8s.io/client-go/tools/cache/reflector.go:229: Failed to watch *v1.Pod: Get "https://10.96.0.1:443/api/v1/pods": dial tcp 10.96.0.1:443: i/o timeout`,
      `[${T.iso(d)}] WARN nvidia-smi: ${T.pick(ERRORS)} (gpu=0 temp=${T.int(40, 90)}C util=${T.int(0, 100)}%)`,
    ])
  );
};

/** name → file text; deterministic. */
export function generateLogs() {
  return {
    'sshd.log': lines(300, 11, sshd),
    'syslog.log': lines(200, 12, syslog),
    'hdfs.log': lines(200, 13, hdfs),
    'zookeeper.log': lines(200, 14, zookeeper),
    'web.log': lines(200, 15, web),
    'spark.log': lines(200, 16, spark),
    'windows-cbs.log': lines(200, 17, cbs),
    'containers.log': lines(200, 18, containers),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const logs = generateLogs();
  const dir = process.argv[2];
  if (dir) {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(logs)) writeFileSync(join(dir, name), text);
  }
  for (const [name, text] of Object.entries(logs)) console.log(`${name}: ${text.split('\n').length - 1} lines`);
}
