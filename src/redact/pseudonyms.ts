import { createHmac, randomBytes } from 'node:crypto';

/**
 * Consistent pseudonyms, like `sos clean`: within one Pseudonymizer the same private IP,
 * host, path, email or local URL always maps to the same `<kind>-<n>` (`ip-1`, `path-3`),
 * numbered in order of first appearance. Share one instance across every file of a
 * support bundle so a support engineer can correlate.
 *
 * Memory stays bounded: after `maxEntries` distinct values of one kind, further new values
 * get a keyed-hash pseudonym (`ip-h3f9a0c1b2d`) instead of a number. It is still
 * consistent within the instance, and the key is random per instance, so it cannot be
 * reversed by hashing guesses.
 */
export class Pseudonymizer {
  private readonly maps = new Map<string, Map<string, string>>();
  private readonly maxEntries: number;
  private readonly key: Buffer;

  constructor(opts: { maxEntries?: number } = {}) {
    this.maxEntries = opts.maxEntries ?? 50_000;
    this.key = randomBytes(32);
  }

  /** `kind-n` for `value` (without brackets). */
  pseudonym(kind: string, value: string): string {
    let m = this.maps.get(kind);
    if (!m) {
      m = new Map();
      this.maps.set(kind, m);
    }
    const v = kind === 'email' || kind === 'host' ? value.toLowerCase() : value;
    let p = m.get(v);
    if (p !== undefined) return p;
    if (m.size >= this.maxEntries) {
      return `${kind}-h${createHmac('sha256', this.key).update(kind).update('\0').update(v).digest('hex').slice(0, 10)}`;
    }
    p = `${kind}-${m.size + 1}`;
    m.set(v, p);
    return p;
  }

  /** Number of distinct values seen per kind. */
  sizes(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, m] of this.maps) out[k] = m.size;
    return out;
  }
}
