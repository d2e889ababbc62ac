import { randomBytes, timingSafeEqual } from 'node:crypto';

interface Slot {
  sessionId: string;
  what: string;
  id: string;
  secret: string;
  until: number;
}

/**
 * A newly issued secret waits here, in memory only, for the one page that shows it: after a
 * create the browser is redirected to `/secret?s=<slot>`, and the first view empties the
 * slot, so a reload (or the back button) cannot show it again. A slot belongs to the
 * session that created it and is dropped after `ttlMs` if never viewed.
 */
export class OneTimeSecrets {
  private slots = new Map<string, Slot>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly max = 32,
  ) {}

  put(sessionId: string, what: string, id: string, secret: string): string {
    this.sweep();
    while (this.slots.size >= this.max) this.slots.delete(this.slots.keys().next().value!);
    const key = randomBytes(18).toString('base64url');
    this.slots.set(key, { sessionId, what, id, secret, until: Date.now() + this.ttlMs });
    return key;
  }

  take(sessionId: string, key: string | null): Slot | undefined {
    this.sweep();
    if (!key) return undefined;
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    const a = Buffer.from(slot.sessionId);
    const b = Buffer.from(sessionId);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    this.slots.delete(key);
    return slot;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [k, s] of this.slots) if (s.until <= now) this.slots.delete(k);
  }

  clear(): void {
    this.slots.clear();
  }
}

/**
 * The one-line outcome of a form post ("Revoked lk_…", or the library's refusal), shown once
 * on the overview after the redirect. It travels as an opaque key (`/?m=<key>`), never as
 * text in the URL: a link with `/?error=Call this number…` would otherwise let any page put
 * its own words on the owner's trusted overview.
 */
export class OneTimeNotes {
  private readonly slots = new OneTimeSecrets(60_000, 64);

  put(sessionId: string, kind: 'ok' | 'err', text: string): string {
    return this.slots.put(sessionId, kind, '', text.slice(0, 300));
  }

  take(sessionId: string, key: string | null): { kind: 'ok' | 'err'; text: string } | undefined {
    const slot = this.slots.take(sessionId, key);
    return slot ? { kind: slot.what === 'err' ? 'err' : 'ok', text: slot.secret } : undefined;
  }

  clear(): void {
    this.slots.clear();
  }
}
