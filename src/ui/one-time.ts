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
