/**
 * Is a host private? Every textual form counts: `127.1`, `0x7f000001`, `2130706433`,
 * `017700000001`, `localhost.`, `[0:0:0:0:0:0:0:1]`, `[::ffff:127.0.0.1]`, full-width
 * digits. The WHATWG URL parser (the one browsers and Node's fetch use) canonicalises all of
 * them, so hosts are judged after it has read them: what it resolves is what a client would
 * reach.
 */

/** Private-use top-level names (and k8s' in-cluster `svc`). */
const PRIVATE_TLDS = new Set(['local', 'internal', 'lan', 'localdomain', 'intranet', 'corp', 'private', 'home', 'svc', 'localhost']);
/** Wildcard-DNS services that resolve `127.0.0.1.nip.io` to the address in the name. */
const IP_IN_NAME_RE = /^(\d{1,3}(?:[.-]\d{1,3}){3})[.-](?:[a-z0-9-]+\.)*(?:nip\.io|sslip\.io|xip\.io|localtest\.me)$/;
const LOOPBACK_DOMAIN_RE = /(?:^|\.)(?:localtest\.me|lvh\.me|vcap\.me|fuf\.me|localhost\.direct)$/;
/** Schemes whose "host" is a bucket, repository or registry name, never a network host. */
const OPAQUE_HOST_SCHEMES = new Set([
  's3',
  's3a',
  'gs',
  'gcs',
  'az',
  'abfs',
  'abfss',
  'wasb',
  'wasbs',
  'hf',
  'oci',
  'ipfs',
  'ipns',
  'ar',
  'docker',
  'chrome',
  'about',
  'blob',
  'data',
  'urn',
  'mailto',
]);

export function isPrivateIPv4(dotted: string): boolean {
  const p = dotted.split('.').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const [a, b] = p as [number, number, number, number];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking networks, used as private space
    (a === 192 && b === 0 && p[2] === 0) // IETF protocol assignments (never routed)
  );
}
export function isLoopbackIPv4(dotted: string): boolean {
  return /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0)$/.test(dotted);
}

/** Eight 16-bit groups of an IPv6 address (no brackets, no zone), or null. */
function ipv6Groups(addr: string): number[] | null {
  let a = addr.toLowerCase();
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(a);
  if (v4) {
    const [x, y, z, w] = v4.slice(1).map(Number) as [number, number, number, number];
    a = a.slice(0, v4.index) + ((x << 8) | y).toString(16) + ':' + ((z << 8) | w).toString(16);
  }
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const part = (h: string): string[] => (h === '' ? [] : h.split(':'));
  const head = part(halves[0] as string);
  const tail = halves.length === 2 ? part(halves[1] as string) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  const out: number[] = [];
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
    out.push(parseInt(g, 16));
  }
  return out;
}

export function isPrivateIPv6(addr: string): boolean {
  const g = ipv6Groups(addr.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (!g) return false;
  const [g0, , , , , g5, g6, g7] = g as [number, number, number, number, number, number, number, number];
  const zeros = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeros(7) && (g7 === 0 || g7 === 1)) return true; // :: and ::1
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return true; // link-local, site-local
  const v4 = `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
  if (zeros(5) && g5 === 0xffff) return isPrivateIPv4(v4); // ::ffff:a.b.c.d mapped
  if (zeros(6)) return isPrivateIPv4(v4); // ::a.b.c.d compatible
  if (g0 === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isPrivateIPv4(v4); // NAT64
  const [, g1, g2] = g as [number, number, number];
  // Teredo (2001:0::/32) carries the client's IPv4, inverted, in its last 32 bits
  if (g0 === 0x2001 && g[1] === 0) return isPrivateIPv4(`${(~g6 >> 8) & 255}.${~g6 & 255}.${(~g7 >> 8) & 255}.${~g7 & 255}`);
  if (g0 === 0x2002) return isPrivateIPv4(`${g1 >> 8}.${g1 & 255}.${g2 >> 8}.${g2 & 255}`); // 6to4 carries an IPv4
  return false;
}

/** The host as a client would resolve it, or null when the authority does not parse. */
export function canonicalHost(authority: string): string | null {
  try {
    return new URL(`http://${authority}/`).hostname;
  } catch {
    return null;
  }
}

/** Whether a canonical hostname is loopback, private, link-local or a private-use name. */
export function isPrivateHostname(host: string, opts: { singleLabel?: boolean } = {}): boolean {
  if (host.startsWith('[')) return isPrivateIPv6(host);
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(host)) return isPrivateIPv4(host);
  const name = host.replace(/\.+$/, '').toLowerCase();
  if (name === '') return false;
  const labels = name.split('.');
  if (labels.length === 1) return opts.singleLabel !== false;
  if (PRIVATE_TLDS.has(labels[labels.length - 1] as string)) return true;
  if (name.endsWith('.home.arpa')) return true;
  // a tailnet's MagicDNS names resolve only inside it, and name the operator's tailnet
  if (name.endsWith('.ts.net') || name.endsWith('.beta.tailscale.net')) return true;
  // public names whose DNS answers 127.0.0.1 for every subdomain
  if (LOOPBACK_DOMAIN_RE.test(name)) return true;
  const ip = IP_IN_NAME_RE.exec(name);
  return ip ? isPrivateIPv4((ip[1] as string).replace(/-/g, '.')) : false;
}

/** scheme://[userinfo@]authority — authority up to the path, query, fragment or a quote. */
const URL_RE = /(?<![\w.+-])([A-Za-z][A-Za-z0-9+.-]{0,15}):\/\/([^\s/?#"'<>`\\]*)/g;

/** What follows the authority is read up to a bound (a query past 4 KiB is not worth reading). */
const MAX_REST = 4096;
const REST_STOP_RE = /[\s"'<>`]/g;

/** The index of the first stop character at or after `from`, or `cap` (or the end of `s`), whichever is first. */
function restEnd(s: string, from: number, cap: number): number {
  const limit = Math.min(cap, s.length);
  REST_STOP_RE.lastIndex = from;
  const m = REST_STOP_RE.exec(s.length > limit ? s.slice(0, limit) : s);
  return m === null ? limit : m.index;
}

export interface FoundUrl {
  scheme: string;
  userinfo: string | null;
  authority: string;
  /** Everything after the authority up to whitespace or a quote (path, query, fragment). */
  rest: string;
  /** Where `rest` starts in the text (the rests of URLs close together overlap). */
  restAt: number;
}

export function* findUrls(s: string): Generator<FoundUrl> {
  if (!s.includes('://')) return;
  const re = new RegExp(URL_RE.source, 'g');
  let m: RegExpExecArray | null;
  // how far a rest has been read, and whether it stopped there on a stop character: URLs packed
  // together share their rests, so each character is read once (reading 4 KiB per URL took 13 s on 2 MB)
  let readTo = 0;
  let stopped = false;
  while ((m = re.exec(s)) !== null) {
    const raw = m[2] as string;
    const at = raw.lastIndexOf('@');
    const from = re.lastIndex;
    const cap = from + MAX_REST;
    const end: number = from < readTo ? (stopped ? readTo : restEnd(s, readTo, cap)) : restEnd(s, from, cap);
    stopped = end < cap && end < s.length;
    readTo = Math.max(readTo, end);
    yield {
      scheme: (m[1] as string).toLowerCase(),
      userinfo: at >= 0 ? raw.slice(0, at) : null,
      authority: at >= 0 ? raw.slice(at + 1) : raw,
      rest: s.slice(from, end),
      restAt: from,
    };
  }
}

/** Whether a URL found in text points at a host that is not on the public internet. */
export function urlIsPrivate(u: FoundUrl): boolean {
  if (u.scheme === 'file' || u.scheme === 'unix') return false; // a path matter, judged as one
  if (u.authority === '') return false;
  const host = canonicalHost(u.authority);
  if (host === null) {
    // unparseable as a web host: judge the literal name
    const bare = u.authority.replace(/:\d*$/, '').toLowerCase();
    if (bare.startsWith('[')) return isPrivateIPv6(bare); // e.g. a zone id, which URL refuses
    return bare === 'localhost' || bare.startsWith('127.');
  }
  return isPrivateHostname(host, { singleLabel: !OPAQUE_HOST_SCHEMES.has(u.scheme) });
}

/** `name:port` standing alone: a service on a private network (`vllm:8000`, `localhost:9090/metrics`). */
export const BARE_SERVICE_RE = /^(?:[A-Za-z][A-Za-z0-9_-]{0,62}|localhost\.?|\[[0-9A-Fa-f:.%a-z]+\]):\d{2,5}(?:\/\S*)?$/;
