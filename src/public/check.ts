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
import { CATEGORY_MESSAGES, type PublicCategory, type PublicCheckResult, type PublicViolation } from './categories.js';
import { secretWords, isPlaceholder } from './commands.js';
import { parseStrictJson, shadowedEntries } from './json.js';
import { JWK_PRIVATE_MEMBERS, classifyPublicKey, foldKey, isDigestKey, isProseKey, isReadinessField, readsAsProse } from './keys.js';
import { canonicalHost, isPrivateHostname } from './hosts.js';
import { headerValueIndexes, joinedHoldsToken, mayOpenToken, nestedStrings, piecesHoldToken, spansToken, splitTokenStarts } from './sequences.js';
import { spelledText, unwrapLayer } from './layers.js';
import { isUserPassword } from './disguises.js';
import { extraKeyedCategory } from './extra.js';
import { isRequestText, machineKeyedCategory } from './identifiers.js';
import {
  CHAT_TEXT_KEYS,
  ENV_VALUE_KEYS,
  RECEIPT_PATH_RE,
  declaresTunnel,
  isChatMessage,
  isCredentialRecord as credentialRecord,
  isKeyReference,
  numberIsPrivateHost,
  octetsArePrivateHost,
  isCookieRecord,
  secretEntryName,
} from './entries.js';
import { JUDGED_INSIDE, childPath, keyLabel, pathSpellsToken, withoutRepeatsInside } from './paths.js';
import { partyCategory } from './exposure.js';
import {
  SHA256_TOKEN_HASH_RE,
  describesArtifact,
  hashKey,
  isByteObject,
  isChatTurn,
  isClientAddress,
  isBarePrivateName,
  isContactName,
  isCountRecord,
  isCredentialParent,
  identityKey,
  isHashList,
  isToolCredentialKey,
  isUuidKey,
  LOOKALIKE_MESSAGE,
  isLicenseTag,
  isQuoteInPieces,
  lookalikeDuplicates,
  secretLeaves,
} from './structure.js';
import { ScanCache, UUID_IN_TEXT_RE, embeddedJson, scanString, type Finding } from './strings.js';
import {
  INHERITING,
  STATUS_WORD_RE,
  WHOLE_CONTAINER,
  VERSION_VALUE_RE,
  carries,
  containerCarries,
  holdsProse,
  holdsSecret,
  isByteArray,
  isMnemonicWords,
  numberCarries,
} from './subtree.js';

const PIECES_MESSAGE = 'the strings here, read one after another, carry a secret (a token cut in pieces)';
const SPLIT_MESSAGE = 'value and the one after it together carry a secret (a token split in two)';
/** What a list of character codes may be reported for (a list of latencies spells noise). */
const SPELLED_BY_CODES: ReadonlySet<PublicCategory> = new Set(['credential', 'local-url', 'customer-identity']);
/** Stop collecting after this many violations (the verdict is already clear). */
const MAX_VIOLATIONS = 10_000;
/** JSON inside a string inside a string…: judged this many levels down. */
const MAX_JSON_IN_STRING = 4;
/** Keys that hold a host, and a value that is a bare host (no scheme): `{"host":"localhost"}`, `{"server":"vllm:8000"}`. */
const HOST_KEY_RE = /(?:host|hostname|hosts|server|servers|addr|address|endpoint|baseurl|listen|bind)$/;
const BARE_HOST_RE = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9][A-Za-z0-9.-]*)(?::\d{1,5})?$/;

/** What an object says about its members (`entryTasks` reads each member in its light). */
interface Ctx {
  isJwk: boolean;
  isK8sSecret: boolean;
  isCredentialRecord: boolean;
  envSecret: string | null;
  keyRef: boolean;
  chat: boolean;
  /** The object describes a public artifact: its `hash` is the artifact's (asked only when a hash is seen). */
  artifact: () => boolean;
  /** The object's own key, folded (`client` in `{"client":{"ip":…}}`), or null. */
  parent: string | null;
}

interface Visit {
  v: unknown;
  path: string;
  inherited: PublicCategory | null;
  /** Judging JSON text found inside a string: violations are reported at `path`. */
  nest: number;
  /** The key this value sits under (an array's elements keep their array's), not parsed back out of `path`. */
  key?: string;
}
type Task = Visit | { report: PublicViolation };

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
    const licenseTag = isLicenseTag(s); // `license:apache-2.0` reads as `key: value` to the redactor
    for (const [c, m] of scanString(s, this.cache)) if (!(licenseTag && c === 'credential')) this.report(t.path, c, m);
    if (pathSpellsToken(t.path, s)) this.report(t.path, 'credential', 'the keys above and this value together carry a secret (a token split along a path)');
    const layer = t.nest < MAX_JSON_IN_STRING ? unwrapLayer(s, this.cache.layers) : null;
    if (layer) {
      if (layer.how === 'base64' && isUserPassword(layer.text)) this.report(t.path, 'credential', 'value carries a user:password pair in base64 (Basic auth)');
      this.judgeInner(t, layer.text, `in the ${layer.how} text this string holds`);
    }
  }

  /** What a key shows, as written and one layer down (a token in base32 as a key): cached, payloads repeat their keys. */
  private keyFindings(k: string, nest: number): Finding[] {
    const hit = this.cache.keys.get(k);
    if (hit) return hit;
    const found = scanString(k, this.cache);
    const layer = nest < MAX_JSON_IN_STRING ? unwrapLayer(k, this.cache.layers) : null;
    if (layer) {
      const sub = new Walk(this.cache);
      sub.run(layer.text, '$', nest + 1);
      for (const x of sub.violations) if (!found.some(([c]) => c === x.category)) found.push([x.category, `${x.message} (in the ${layer.how} text it holds)`]);
    }
    if (this.cache.keys.size < 50_000) this.cache.keys.set(k, found);
    return found;
  }

  /** Judges text found inside a value (decoded, or spelled by a list) as a string of its own, reporting at the value's path. */
  private judgeInner(t: Visit, text: string, where: string, only: ReadonlySet<PublicCategory> | null = null): void {
    const sub = new Walk(this.cache);
    sub.run(text, '$', t.nest + 1);
    for (const x of sub.violations) if (only === null || only.has(x.category)) this.report(t.path, x.category, `${x.message} (${where})`);
  }

  private visitArray(t: Visit, a: unknown[]): void {
    // a Solana keypair file is its 64 bytes, alone
    if (t.path === '$' && t.nest === 0 && a.length === 64 && isByteArray(a, 64))
      return this.report(t.path, 'credential', 'value is 64 bytes alone: a keypair file');
    if (isByteArray(a, t.inherited === 'tee-quote' ? 16 : 512)) return this.report(t.path, 'tee-quote', 'value carries a byte array (raw quote?)');
    if (t.inherited === 'tee-quote' && isQuoteInPieces(a)) return this.report(t.path, 'tee-quote', 'value carries a quote in pieces (hex bytes or chunks)');
    if (a.length >= 2 && a.every((x) => typeof x === 'string')) {
      for (const i of secretWords(a as string[])) this.report(childPath(t.path, i), 'credential', 'command line or env entry carries a secret');
      for (const i of headerValueIndexes(a as string[])) this.report(childPath(t.path, i), 'credential', 'header list carries a credential');
    }
    if (isMnemonicWords(a, this.cache)) this.report(t.path, 'credential', 'the words of a wallet mnemonic, one per element');
    const spelled = t.nest < MAX_JSON_IN_STRING ? spelledText(a) : null;
    if (spelled !== null) {
      // codes may be any list of small numbers (latencies): only what no such list spells by chance counts
      this.judgeInner(t, spelled, 'in the text this list spells', typeof a[0] === 'number' ? SPELLED_BY_CODES : null);
    }
    if (a.length >= 2) {
      const parts = a.map((x) => (typeof x === 'string' ? x : null));
      for (const i of splitTokenStarts(parts, this.cache)) this.report(childPath(t.path, i), 'credential', SPLIT_MESSAGE);
      if (parts.every((x) => x !== null) && piecesHoldToken(parts as string[], this.cache)) this.report(t.path, 'credential', PIECES_MESSAGE);
    }
    if (a.some(Array.isArray)) {
      const leaves = nestedStrings(a);
      if (leaves !== null && piecesHoldToken(leaves, this.cache)) this.report(t.path, 'credential', PIECES_MESSAGE);
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
      tasks.push({ v: x, path: p, inherited: t.inherited, nest: t.nest, key: t.key });
    }
    this.pushAll(tasks);
  }

  private visitObject(t: Visit, o: Record<string, unknown>): void {
    // an object that says it is a tunnel (`"tun_type": "cfd_tunnel"`, `"kind": "tunnel"`) is one, whatever its key
    if (t.inherited === null && declaresTunnel(o)) t = { ...t, inherited: 'tunnel' };
    const isJwk = typeof o.kty === 'string';
    // a Kubernetes Secret: every value under `data` / `stringData` is secret, whatever its key
    const isK8sSecret = typeof o.kind === 'string' && o.kind.toLowerCase() === 'secret';
    const keyRef = isKeyReference(o);
    const isCredentialRecord = credentialRecord(o);
    // {"name":"HF_TOKEN","value":"hf_…"}: the Kubernetes/Docker form of an env entry (any case: ECS writes Name/Value)
    const envSecret = secretEntryName(o) ?? (isCookieRecord(o) ? 'cookie' : null);
    let artifact: boolean | undefined;
    const parentKey = t.key ?? null;
    const ctx: Ctx = {
      isJwk,
      isK8sSecret,
      isCredentialRecord,
      envSecret,
      keyRef,
      chat: isChatMessage(o) || isChatTurn(o),
      artifact: () => (artifact ??= describesArtifact(o)),
      parent: parentKey === null ? null : foldKey(parentKey),
    };
    // a Uint8Array as JSON (`{"0":4,"1":0,…}`): bytes, like a byte array
    if (isByteObject(o, t.inherited === 'tee-quote' ? 16 : 512)) return this.report(t.path, 'tee-quote', 'value carries bytes (raw quote?)');
    const tasks: Task[] = [];
    const duplicates = new Map<string, unknown[]>();
    for (const [k, x] of shadowedEntries(o)) duplicates.set(k, [...(duplicates.get(k) ?? []), x]);
    const entries = Object.entries(o);
    const splits = new Set(
      entries.length >= 2
        ? splitTokenStarts(
            entries.map(([, x]) => (typeof x === 'string' ? x : null)),
            this.cache,
          )
        : [],
    );
    // keys that together spell a token: reported on the object, and none of them printed
    const keys = Object.keys(o);
    const keysSpell = entries.length >= 3 && joinedHoldsToken(keys, this.cache);
    if (keysSpell && piecesHoldToken(keys, this.cache))
      tasks.push({ report: { path: t.path, category: 'credential', message: `key names: ${PIECES_MESSAGE}` } });
    const lookalikes = lookalikeDuplicates(keys);
    const tunnelIds = t.inherited === 'tunnel' || t.inherited === 'connector';
    let index = 0;
    for (const [k, child] of entries) {
      const hashed = hashKey(parentKey, k);
      const uuidKey = tunnelIds && isUuidKey(k);
      const keyFindings = k.length >= 5 ? this.keyFindings(k, t.nest) : [];
      const keyValueSplit = typeof child === 'string' && k.length <= 4096 && mayOpenToken(k, this.cache) && spansToken(k, child, this.cache);
      const pathSplit = pathSpellsToken(t.path, k);
      const person = identityKey(ctx.parent, k);
      const label = hashed?.label ?? person ?? (uuidKey ? '[tunnel-id]' : keyLabel(k, keyFindings));
      const p = childPath(t.path, keysSpell || keyValueSplit || pathSplit ? '[token-piece]' : label);
      if (person) tasks.push({ report: { path: p, category: 'customer-identity', message: 'key names who made the requests' } });
      if (hashed?.category) tasks.push({ report: { path: p, category: hashed.category, message: 'key is a token hash' } });
      if (uuidKey && t.inherited) tasks.push({ report: { path: p, category: t.inherited, message: 'key is a tunnel or connector id' } });
      if (lookalikes.has(k)) tasks.push({ report: { path: p, category: 'duplicate-key', message: LOOKALIKE_MESSAGE } });
      if (pathSplit)
        tasks.push({
          report: { path: p, category: 'credential', message: 'the keys above and this key together carry a secret (a token split along a path)' },
        });
      for (const [c, m] of keyFindings) tasks.push({ report: { path: p, category: c, message: `key: ${m}` } });
      if (splits.has(index++)) tasks.push({ report: { path: p, category: 'credential', message: SPLIT_MESSAGE } });
      if (keyValueSplit) {
        tasks.push({ report: { path: p, category: 'credential', message: 'key and value together carry a secret (a token split in two)' } });
      }
      const earlier = duplicates.get(k);
      if (earlier) {
        tasks.push({ report: { path: p, category: 'duplicate-key', message: CATEGORY_MESSAGES['duplicate-key'] } });
        for (const x of earlier) this.entryTasks(tasks, t, k, x, p, ctx);
      }
      this.entryTasks(tasks, t, k, child, p, ctx);
    }
    this.pushAll(tasks);
  }

  private entryTasks(tasks: Task[], t: Visit, k: string, child: unknown, p: string, ctx: Ctx): void {
    const flag = (category: PublicCategory): void => {
      tasks.push({ report: { path: p, category, message: CATEGORY_MESSAGES[category] } });
    };
    let cat = classifyPublicKey(k);
    if (ctx.isK8sSecret && (k === 'data' || k === 'stringData') && child !== null && typeof child === 'object' && holdsSecret(child)) {
      return flag('credential');
    }
    const str = typeof child === 'string' ? child : null;
    const f = foldKey(k);
    // a receipt's `hash` is public, so is an artifact's; a credential record's never is
    const publicHash = (): boolean => !ctx.isCredentialRecord && (RECEIPT_PATH_RE.test(t.path) || ctx.artifact());
    if (isHashList(f, child) && !publicHash()) return flag('token-hash');
    if (str !== null && isToolCredentialKey(k) && !isPlaceholder(str) && str.trim() !== '') return flag('credential');
    if (str !== null && !isPlaceholder(str)) {
      if (ctx.isJwk && JWK_PRIVATE_MEMBERS.has(k)) return flag('credential');
      if (ctx.keyRef && k === 'key') cat = null; // names an entry of a secret kept elsewhere (its shape is still judged)
      if (ctx.envSecret !== null && ENV_VALUE_KEYS.has(f) && carries('credential', ctx.envSecret, str)) return flag('credential');
      if (ctx.chat && CHAT_TEXT_KEYS.has(f) && str.trim() !== '') return flag('raw-prompt-output');
      if ((isProseKey(f) && readsAsProse(str)) || isRequestText(f, str, ctx.parent)) return flag('raw-prompt-output');
      const extra = extraKeyedCategory(f, str) ?? machineKeyedCategory(f, str, ctx.parent);
      if (extra !== null) return flag(extra);
      const parent = ctx.parent;
      if (isClientAddress(f, parent, str) || isContactName(parent, f, str)) return flag('customer-identity');
      const hashPlace = f === 'hash' || f === 'hashes' || isCredentialParent(parent);
      if (SHA256_TOKEN_HASH_RE.test(str.trim()) && ((hashPlace && !publicHash()) || ctx.isCredentialRecord)) {
        return flag('token-hash');
      }
      if (/version$/.test(f) && VERSION_VALUE_RE.test(str.trim())) return;
      if (isBarePrivateName(str)) return flag('local-url');
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
    const party = partyCategory(f, child, foldKey);
    if (party !== null) return flag(party);
    if (typeof child === 'number' && numberIsPrivateHost(k, child)) return flag('local-url');
    if (Array.isArray(child) && octetsArePrivateHost(k, child)) return flag('local-url');
    if (typeof child === 'number' && cat !== null && numberCarries(cat, k, child)) return flag(cat);
    if (child !== null && typeof child === 'object' && isProseKey(f) && holdsProse(child)) return flag('raw-prompt-output');
    if (cat === 'credential' && f.includes('tokens') && isCountRecord(child)) cat = null; // token counts
    let next = t.inherited;
    if (cat) {
      if (child !== null && typeof child === 'object') {
        if (containerCarries(cat, child)) return this.containerTasks(tasks, t, cat, child, p, k);
        if (INHERITING.has(cat)) next = cat;
      } else if (carries(cat, k, child)) {
        return flag(cat);
      }
    }
    tasks.push({ v: child, path: p, inherited: next, nest: t.nest, key: k });
  }

  /**
   * A sensitive key's container that carries something: a secret's violations name its
   * leaves (`$.upstream.apiKey`, never the object); a route's or a certificate's name the
   * container, whose members are judged as well (a credential inside an `upstream` object);
   * an identity's name the container alone.
   */
  private containerTasks(tasks: Task[], t: Visit, cat: PublicCategory, child: object, p: string, key: string): void {
    if (cat === 'credential') {
      const leaves = secretLeaves(child, p);
      for (const path of leaves?.length ? leaves : [p]) tasks.push({ report: { path, category: cat, message: CATEGORY_MESSAGES[cat] } });
      return;
    }
    tasks.push({ report: { path: p, category: cat, message: CATEGORY_MESSAGES[cat] } });
    // a route's, a prompt's and a log's members are judged too (a cookie in a response's headers);
    // an identity's are not (their keys may be names: `{"users":{"alice":…}}`)
    if ((WHOLE_CONTAINER.has(cat) || JUDGED_INSIDE.has(cat)) && cat !== 'customer-identity')
      tasks.push({ v: child, path: p, inherited: t.inherited, nest: t.nest, key });
  }
}

/** Checks a parsed payload against the public boundary. Never throws on odd input. */
export function checkPublicPayload(value: unknown): PublicCheckResult {
  const w = new Walk();
  w.run(value, '$', 0);
  const violations = withoutRepeatsInside(w.violations);
  return { ok: violations.length === 0, violations };
}
