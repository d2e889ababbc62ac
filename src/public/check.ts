/**
 * The public surface boundary: what a public node, model, receipt, settlement or
 * route-readiness payload may carry (public ids, readiness status and blockers, benchmark
 * summaries, receipt hashes, roots, counts and totals, public tx hashes, settlement status)
 * and what it must not (PUBLIC_CATEGORIES). Judged by structure: key names (a secret-named
 * key taints its whole subtree), value shapes, JSON held inside strings, repeated keys,
 * argv and env arrays, JWKs and credential records.
 *
 * The walk is iterative (a 100 000-deep value cannot overflow the stack); cycles are
 * skipped. Paths and messages never repeat a value, nor a key that is itself a secret.
 */
import { CREDENTIAL_KINDS, KINDS, credentialRe } from '../core/credential-kinds.js';
import { CATEGORY_MESSAGES, type PublicCategory, type PublicCheckResult, type PublicViolation } from './categories.js';
import { secretWords, isPlaceholder } from './commands.js';
import { parseStrictJson, shadowedEntries } from './json.js';
import { JWK_PRIVATE_MEMBERS, classifyPublicKey, foldKey, isDigestKey, isMetadataKey, isReadinessField } from './keys.js';
import { canonicalHost, isPrivateHostname } from './hosts.js';
import { ScanCache, UUID_IN_TEXT_RE, embeddedJson, scanString, type Finding } from './strings.js';

/** Stop collecting after this many violations (the verdict is already clear). */
const MAX_VIOLATIONS = 10_000;
/** JSON inside a string inside a string…: judged this many levels down. */
const MAX_JSON_IN_STRING = 4;
const STATUS_WORD_RE =
  /^(?:up|down|ok|healthy|unhealthy|degraded|connected|disconnected|ready|active|inactive|enabled|disabled|on|off|yes|no|pending|running|stopped|failed|none|unknown|verified|valid|invalid|live|revoked|expired|used|stale|blocked|online|offline)$/i;
/** Categories that make a whole non-empty object/array one violation. */
const WHOLE_CONTAINER = new Set<PublicCategory>(['certificate-chain', 'customer-identity', 'private-route']);
/** Categories whose objects are descended into, identifying fields inheriting the category. */
const INHERITING = new Set<PublicCategory>(['tunnel', 'connector', 'tee-quote']);
/** Under `input`/`output`/`response`: a modality or a status, not a prompt or an output. */
const NOT_PROMPT_RE =
  /^(?:text|image|images|audio|video|embedding|embeddings|json|file|files|tool|tools|code|speech|vision|multimodal|ok|error|none|stream|streaming)$|^(?:up|down|ok|ready|pending|failed|done|complete|completed|success|succeeded|timeout|stopped|running)$/i;
/** An auth scheme or mode named under `auth`, not a credential. */
const AUTH_SCHEME_RE =
  /^(?:bearer|basic|digest|mtls|tls|oauth2?|oidc|api-?key|jwt|hmac|required|optional|set|unset|present|missing|configured|none|enabled|disabled|header|query|cookie)$/i;
const TICKER_RE = /^[A-Z][A-Z0-9.]{1,9}$/;
/** A version number is not an address, even when it has four parts (`10.0.1.6`). */
const VERSION_VALUE_RE = /^v?\d+(?:\.\d+){1,5}(?:[-+][\w.]+)?$/;
const BLOB_RE = /^(?:0x)?[A-Za-z0-9+/=_-]{64,}$/;
const PATHLIKE_RE = /^(?:\/|~|\.\.?[\\/]|[A-Za-z]:[\\/]|\\\\|file:)/;
/** Keys that hold a host, and a value that is a bare host (no scheme): `{"host":"localhost"}`, `{"server":"vllm:8000"}`. */
const HOST_KEY_RE = /(?:host|hostname|hosts|server|servers|addr|address|endpoint|baseurl|listen|bind)$/;
const BARE_HOST_RE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::\d{1,5})?$/;
const SHA256_TOKEN_HASH_RE = /^sha256:[0-9a-fA-F]{64}$/;
/** A record id (`lk_…`) or kind (`local`) marks an object as a credential record. */
const CREDENTIAL_ID_RE = new RegExp(
  `^(?:${CREDENTIAL_KINDS.map((k) => KINDS[k].idPrefix)
    .filter((p): p is string => p !== null)
    .join('|')})[0-9A-Za-z]{6,}$`,
);
const CREDENTIAL_KIND_SET = new Set<string>(CREDENTIAL_KINDS);
const TOKEN_PREFIX_RE = credentialRe('');
/** A word of a mnemonic written as a JSON array (`["abandon","ability",…]`). */
const WORD_RE = /^[A-Za-z]{3,8}$/;
/** Tool credentials under names that say nothing secret: Bundler's `BUNDLE_<HOST>__COM`, `sonar.login`. */
const TOOL_CREDENTIAL_KEY_RE = /^BUNDLE_[A-Z0-9_]*[A-Z0-9]__[A-Z0-9]+(?:__[A-Z0-9]+)*$|^sonar[._]login$/i;

interface Visit {
  v: unknown;
  path: string;
  inherited: PublicCategory | null;
  /** Judging JSON text found inside a string: violations are reported at `path`. */
  nest: number;
}
type Task = Visit | { report: PublicViolation };

/** A key as it may appear in a path: a key that is itself a secret is replaced by a label. */
function keyLabel(key: string, findings: Finding[]): string {
  if (findings.length === 0) return key;
  const b3iq = TOKEN_PREFIX_RE.exec(key);
  return b3iq ? `[b3iq-${b3iq[1]}-token]` : `[${findings[0]![0]}]`;
}

function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Whether a key-flagged scalar actually carries something (nulls, flags, placeholders, status words do not). */
function carries(cat: PublicCategory, key: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const v = value.trim();
  if (isPlaceholder(v)) return false;
  switch (cat) {
    case 'tee-quote':
      return BLOB_RE.test(v.replace(/\s+/g, ''));
    case 'filesystem-path':
      return PATHLIKE_RE.test(v);
    case 'connector':
      return foldKey(key) === 'connection' ? UUID_IN_TEXT_RE.test(v) : !STATUS_WORD_RE.test(v);
    case 'raw-prompt-output':
      return !NOT_PROMPT_RE.test(v);
    case 'tunnel':
    case 'customer-identity':
    case 'private-route':
    case 'request-log':
    case 'certificate-chain':
      return !STATUS_WORD_RE.test(v);
    case 'credential': {
      const f = foldKey(key);
      if (f === 'seed') return v.includes(' ') || v.length >= 32;
      if ((f === 'token' || f === 'tokens') && TICKER_RE.test(v)) return false; // "token": "USDC"
      return !STATUS_WORD_RE.test(v) && !AUTH_SCHEME_RE.test(v);
    }
    default:
      return true;
  }
}

function isByteArray(a: unknown[], min: number): boolean {
  if (a.length < min) return false;
  for (const x of a) if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 255) return false;
  return true;
}

/**
 * Whether a container under a sensitive key holds anything: a string that is not a
 * placeholder, not under a metadata field (`id`, `type`, `status`, `expiresAt`) and not
 * `ignore`d. Numbers never count (`{"prompt":{"tokens":512}}`).
 */
function holdsSecret(root: object, ignore: RegExp | null = null): boolean {
  const stack: Array<[unknown, string | null]> = [[root, null]];
  let budget = 10_000;
  while (stack.length > 0) {
    if (--budget < 0) return true;
    const [v, key] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isPlaceholder(v) && (key === null || !isMetadataKey(key)) && !ignore?.test(v.trim())) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push([x, key]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) stack.push([x, k]);
    }
  }
  return false;
}

function containerCarries(cat: PublicCategory, v: object): boolean {
  if (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0) return false;
  if (WHOLE_CONTAINER.has(cat)) return true;
  if (INHERITING.has(cat)) return cat === 'tee-quote' && Array.isArray(v) && isByteArray(v, 16);
  if (cat === 'credential') return holdsSecret(v, AUTH_SCHEME_RE);
  if (cat === 'token-hash' || cat === 'request-log') return holdsSecret(v);
  if (cat === 'raw-prompt-output') return holdsSecret(v, NOT_PROMPT_RE);
  return false; // paths and URLs: the values inside are judged one by one
}

class Walk {
  readonly violations: PublicViolation[] = [];
  private readonly seen = new Set<string>();
  private readonly visited = new WeakSet<object>();
  /** Shared with the walks of JSON found inside strings: one cache and pseudonymizer per check. */
  constructor(private readonly cache: ScanCache = new ScanCache()) {}
  private readonly stack: Task[] = [];

  report(path: string, category: PublicCategory, message: string = CATEGORY_MESSAGES[category]): void {
    const id = `${path}\u0000${category}`;
    if (this.seen.has(id) || this.violations.length >= MAX_VIOLATIONS) return;
    this.seen.add(id);
    this.violations.push({ path, category, message });
  }

  run(root: unknown, path: string, nest: number): void {
    const base = this.stack.length;
    this.stack.push({ v: root, path, inherited: null, nest });
    while (this.stack.length > base && this.violations.length < MAX_VIOLATIONS) {
      const t = this.stack.pop()!;
      if ('report' in t) this.report(t.report.path, t.report.category, t.report.message);
      else this.visit(t);
    }
    this.stack.length = base;
  }

  /** Tasks are pushed in reverse so they pop in document order. */
  private pushAll(tasks: Task[]): void {
    for (let i = tasks.length - 1; i >= 0; i--) this.stack.push(tasks[i]!);
  }

  private visit(t: Visit): void {
    const { v } = t;
    if (typeof v === 'string') return this.visitString(t, v);
    if (v === null || typeof v !== 'object' || this.visited.has(v)) return;
    this.visited.add(v);
    if (Array.isArray(v)) return this.visitArray(t, v);
    this.visitObject(t, v as Record<string, unknown>);
  }

  private visitString(t: Visit, s: string): void {
    if ((t.inherited === 'tunnel' || t.inherited === 'connector') && UUID_IN_TEXT_RE.test(s)) this.report(t.path, t.inherited);
    const embedded = t.nest < MAX_JSON_IN_STRING ? embeddedJson(s) : null;
    if (embedded) {
      let inner: unknown;
      try {
        inner = parseStrictJson(embedded.text, { maxDepth: 64 });
      } catch {
        inner = undefined;
      }
      if (inner !== null && typeof inner === 'object') {
        const sub = new Walk(this.cache);
        sub.run(inner, '$', t.nest + 1);
        const where = embedded.wrapped ? `in the ${embedded.wrapped} JSON text this string holds` : 'in the JSON text this string holds';
        for (const x of sub.violations) this.report(t.path, x.category, `${x.message} (${where})`);
        if (!embedded.wrapped) return; // a quoted or wrapped document is judged as text too, below
      }
    }
    for (const [c, m] of scanString(s, this.cache)) this.report(t.path, c, m);
  }

  private visitArray(t: Visit, a: unknown[]): void {
    if (isByteArray(a, t.inherited === 'tee-quote' ? 16 : 512)) return this.report(t.path, 'tee-quote', 'value carries a byte array (raw quote?)');
    if (a.length >= 2 && a.every((x) => typeof x === 'string')) {
      for (const i of secretWords(a as string[])) this.report(childPath(t.path, i), 'credential', 'command line or env entry carries a secret');
      // 12–24 listed words whose checksum holds, one per element: a wallet mnemonic
      if (a.length >= 12 && a.length <= 24 && a.every((x) => WORD_RE.test(x as string))) {
        if (scanString(a.join(' '), this.cache).some(([c]) => c === 'credential')) this.report(t.path, 'credential', 'value carries a wallet mnemonic');
      }
    }
    const tasks: Task[] = [];
    for (let i = 0; i < a.length; i++) {
      const p = childPath(t.path, i);
      const x = a[i];
      if ((t.inherited === 'tunnel' || t.inherited === 'connector') && typeof x === 'string' && x.trim() !== '' && !STATUS_WORD_RE.test(x.trim())) {
        tasks.push({ report: { path: p, category: t.inherited, message: CATEGORY_MESSAGES[t.inherited] } });
        continue;
      }
      if (t.inherited === 'tee-quote' && typeof x === 'string' && carries('tee-quote', '', x)) {
        tasks.push({ report: { path: p, category: 'tee-quote', message: CATEGORY_MESSAGES['tee-quote'] } });
        continue;
      }
      tasks.push({ v: x, path: p, inherited: t.inherited, nest: t.nest });
    }
    this.pushAll(tasks);
  }

  private visitObject(t: Visit, o: Record<string, unknown>): void {
    const isJwk = typeof o.kty === 'string';
    // a Kubernetes Secret: every value under `data` / `stringData` is secret, whatever its key
    const isK8sSecret = typeof o.kind === 'string' && o.kind.toLowerCase() === 'secret';
    const isCredentialRecord = (typeof o.id === 'string' && CREDENTIAL_ID_RE.test(o.id)) || (typeof o.kind === 'string' && CREDENTIAL_KIND_SET.has(o.kind));
    // {"name":"HF_TOKEN","value":"hf_…"}: the Kubernetes/Docker form of an env entry
    const envName = typeof o.name === 'string' ? o.name : typeof o.key === 'string' ? o.key : null;
    const envSecret = envName !== null && classifyPublicKey(envName) === 'credential';
    const tasks: Task[] = [];
    const duplicates = new Map<string, unknown[]>();
    for (const [k, x] of shadowedEntries(o)) duplicates.set(k, [...(duplicates.get(k) ?? []), x]);
    for (const [k, child] of Object.entries(o)) {
      const keyFindings = k.length >= 5 ? scanString(k, this.cache) : [];
      const p = childPath(t.path, keyLabel(k, keyFindings));
      for (const [c, m] of keyFindings) tasks.push({ report: { path: p, category: c, message: `key: ${m}` } });
      const earlier = duplicates.get(k);
      if (earlier) {
        tasks.push({ report: { path: p, category: 'duplicate-key', message: CATEGORY_MESSAGES['duplicate-key'] } });
        for (const x of earlier) this.entryTasks(tasks, t, k, x, p, { isJwk, isK8sSecret, isCredentialRecord, envSecret });
      }
      this.entryTasks(tasks, t, k, child, p, { isJwk, isK8sSecret, isCredentialRecord, envSecret });
    }
    this.pushAll(tasks);
  }

  private entryTasks(
    tasks: Task[],
    t: Visit,
    k: string,
    child: unknown,
    p: string,
    ctx: { isJwk: boolean; isK8sSecret: boolean; isCredentialRecord: boolean; envSecret: boolean },
  ): void {
    const flag = (category: PublicCategory): void => {
      tasks.push({ report: { path: p, category, message: CATEGORY_MESSAGES[category] } });
    };
    let cat = classifyPublicKey(k);
    if (ctx.isK8sSecret && (k === 'data' || k === 'stringData') && child !== null && typeof child === 'object' && holdsSecret(child)) {
      return flag('credential');
    }
    const str = typeof child === 'string' ? child : null;
    if (str !== null && TOOL_CREDENTIAL_KEY_RE.test(k) && !isPlaceholder(str) && str.trim() !== '') return flag('credential');
    if (str !== null && !isPlaceholder(str)) {
      if (ctx.isJwk && JWK_PRIVATE_MEMBERS.has(k)) return flag('credential');
      if (ctx.envSecret && (k === 'value' || k === 'Value')) return flag('credential');
      const f = foldKey(k);
      if (SHA256_TOKEN_HASH_RE.test(str.trim()) && (f === 'hash' || f === 'hashes' || ctx.isCredentialRecord)) {
        return flag('token-hash');
      }
      if (/version$/.test(f) && VERSION_VALUE_RE.test(str.trim())) return;
      if (HOST_KEY_RE.test(f) && BARE_HOST_RE.test(str.trim())) {
        const host = canonicalHost(str.trim());
        if (host !== null && isPrivateHostname(host)) return flag('local-url');
      }
      if (!cat && t.inherited && str.trim() !== '' && !isDigestKey(k)) {
        if (t.inherited === 'tee-quote') {
          if (carries('tee-quote', k, str)) return flag('tee-quote');
        } else if (!isReadinessField(k)) cat = t.inherited;
      }
    }
    let next = t.inherited;
    if (cat) {
      if (child !== null && typeof child === 'object') {
        if (containerCarries(cat, child)) return flag(cat);
        if (INHERITING.has(cat)) next = cat;
      } else if (carries(cat, k, child)) {
        return flag(cat);
      }
    }
    tasks.push({ v: child, path: p, inherited: next, nest: t.nest });
  }
}

/** Checks a parsed payload against the public boundary. Never throws on odd input. */
export function checkPublicPayload(value: unknown): PublicCheckResult {
  const w = new Walk();
  w.run(value, '$', 0);
  return { ok: w.violations.length === 0, violations: w.violations };
}
