/**
 * Single-label hosts in URLs (`http://vllm:8000/v1`, `redis://cache:6379/0`): no public name
 * has one label, so the host is an internal service name (a container, a compose service, a
 * Kubernetes service), private like `*.internal`. The host is pseudonymised; the scheme, any
 * user part (already judged by the URL rule), the port and the path stay, so a support engineer
 * still reads which port and route were used. `localhost` has its own rule; template words
 * (`http://host:port`, `http://HOST`) stay.
 */
import type { Rule } from './rules.js';

/** Network schemes (a `x-coredata://UUID/…` is an object id, not a host). */
const SCHEMES =
  'https?|wss?|grpcs?|h2c?|tcp|udp|rediss?|postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|amqps?|nats|kafka|hdfs|spark|ftps?|sftp|ssh|smtps?|imaps?|ldaps?|mqtts?|memcached?|etcd|clickhouse|cassandra|neo4j|bolt|sqlserver|telnet|rtsp|nfs|smb|socks[45]h?|zookeeper|thrift|milvus|qdrant|opensearch|elasticsearch';

/**
 * `[wrapper.]scheme://[user@]label[:port]`, then the URL's end or path: not a dotted name (public, or its own rule),
 * nor the user of `user:p#ss@host` (what follows its colon is no port).
 */
const SERVICE_URL_RE = new RegExp(
  // the match starts at `://` (the scheme in a look-behind), so the scan only stops at a colon
  `(?<=(?<![\\w.+-])(?:[A-Za-z][A-Za-z0-9]{0,15}[.+:])?(?:${SCHEMES}))://(?:[^\\s/?#@"'<>\`]*@)?([A-Za-z][A-Za-z0-9_-]{1,62})(?=:\\d{1,5}(?:[/?#\\s"'<>\`)\\],;:\\\\]|$)|[/?#\\s"'<>\`)\\],;\\\\]|$)`,
  'gi',
);

/** Words a template or a document writes where a host goes. */
const TEMPLATE_HOST_RE =
  /^(?:localhost|host(?:name)?|server(?:name)?|example|domain|addr(?:ess)?|ip|name|node|target|service|proxy|remote|upstream|backend|(?:your|my|some|the)[_-]?(?:host|server|domain|service|ip)[\w-]*|[a-z]+_?host)$/i;

export const SERVICE_HOST_RULE: Rule = {
  needs: { lits: ['://'] },
  gate: (l) => l.includes('://'),
  re: SERVICE_URL_RE,
  handle: (eng, m) => {
    const host = m[1] as string;
    if (TEMPLATE_HOST_RE.test(host)) return null;
    const end = m.index + m[0].length;
    return [eng.pseudo('host', host), end, end - host.length];
  },
};
