/**
 * Login throttling for the owner password. Three limits, each for a different attack:
 *  - one argon2id check at a time, with a short queue (`maxQueue`, `maxPerClient` waiting per
 *    client): a flood cannot use more than one core, and what does not fit is refused at
 *    once without hashing;
 *  - per client, after `freeFailures` wrong passwords, exponential back-off (`baseMs`,
 *    doubling, at most `maxMs`): a client that is locked out is refused without a check, so
 *    it cannot guess at all until its back-off ends;
 *  - globally, at most `globalFailures` wrong passwords per `globalWindowMs` whatever the
 *    client label says: many spoofed clients cannot guess faster than that together.
 * A right password resets its client's failures. State is in memory: a restart forgets it,
 * which costs an attacker a restart of the node's process per window.
 */
export interface ThrottleOptions {
  freeFailures?: number;
  baseMs?: number;
  maxMs?: number;
  globalFailures?: number;
  globalWindowMs?: number;
  maxQueue?: number;
  maxPerClient?: number;
}

export const THROTTLE_DEFAULTS: Required<ThrottleOptions> = {
  freeFailures: 5,
  baseMs: 1000,
  maxMs: 15 * 60_000,
  globalFailures: 30,
  globalWindowMs: 60_000,
  maxQueue: 8,
  maxPerClient: 2,
};

/** Clients remembered at most (oldest forgotten first), so spoofed labels cannot grow memory. */
const MAX_CLIENTS = 10_000;

interface ClientState {
  failures: number;
  lockedUntil: number;
  pending: number;
}

export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterMs: number; why: 'client' | 'global' | 'busy' };

export interface LockOut {
  scope: 'client' | 'global';
  failures: number;
  retryAfterMs: number;
}

export class LoginThrottle {
  private readonly opts: Required<ThrottleOptions>;
  private readonly clients = new Map<string, ClientState>();
  private globalFailures: number[] = [];
  private globalLockedUntil = 0;
  private queue: Array<() => void> = [];
  private running = false;
  private waiting = 0;
  /** The last check's duration, to tell a refused client how long the queue is. */
  lastCheckMs = 300;

  constructor(
    private readonly clock: () => number,
    opts: ThrottleOptions = {},
  ) {
    this.opts = { ...THROTTLE_DEFAULTS, ...opts };
  }

  private state(client: string): ClientState {
    let s = this.clients.get(client);
    if (s) {
      this.clients.delete(client); // re-insert: Map order is the LRU order
    } else {
      s = { failures: 0, lockedUntil: 0, pending: 0 };
      if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    }
    this.clients.set(client, s);
    return s;
  }

  /** How long this client must wait before its password is checked; 0 when it may try now. */
  blockedFor(client: string): { ms: number; why: 'client' | 'global' } {
    const now = this.clock();
    const s = this.clients.get(client);
    const own = s ? Math.max(0, s.lockedUntil - now) : 0;
    const global = Math.max(0, this.globalLockedUntil - now);
    return own >= global ? { ms: own, why: 'client' } : { ms: global, why: 'global' };
  }

  /**
   * Waits for this client's turn at the one password check. Refuses at once (no hashing)
   * when the client or everyone is locked out, or when the queue is full.
   */
  async admit(client: string): Promise<Admission> {
    const blocked = this.blockedFor(client);
    if (blocked.ms > 0) return { ok: false, retryAfterMs: blocked.ms, why: blocked.why };
    const s = this.state(client);
    if (this.waiting >= this.opts.maxQueue || s.pending >= this.opts.maxPerClient) {
      return { ok: false, retryAfterMs: Math.max(1000, Math.ceil((this.waiting + 1) * this.lastCheckMs)), why: 'busy' };
    }
    s.pending += 1;
    this.waiting += 1;
    if (this.running) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.running = true;
    this.waiting -= 1;
    const release = () => {
      s.pending -= 1;
      const next = this.queue.shift();
      if (next) next();
      else this.running = false;
    };
    // Locked out while it waited (earlier attempts in the queue failed): no check.
    const after = this.blockedFor(client);
    if (after.ms > 0) {
      release();
      return { ok: false, retryAfterMs: after.ms, why: after.why };
    }
    return { ok: true, release };
  }

  /** A wrong password: returns the lock-out it starts, if any (for the audit log). */
  recordFailure(client: string): LockOut | undefined {
    const now = this.clock();
    const s = this.state(client);
    s.failures += 1;
    let out: LockOut | undefined;
    if (s.failures >= this.opts.freeFailures) {
      const ms = Math.min(this.opts.maxMs, this.opts.baseMs * 2 ** Math.min(30, s.failures - this.opts.freeFailures));
      s.lockedUntil = now + ms;
      out = { scope: 'client', failures: s.failures, retryAfterMs: ms };
    }
    this.globalFailures = this.globalFailures.filter((t) => t > now - this.opts.globalWindowMs);
    this.globalFailures.push(now);
    if (this.globalFailures.length >= this.opts.globalFailures && this.globalLockedUntil <= now) {
      this.globalLockedUntil = this.globalFailures[0]! + this.opts.globalWindowMs;
      out = { scope: 'global', failures: this.globalFailures.length, retryAfterMs: this.globalLockedUntil - now };
    }
    return out;
  }

  recordSuccess(client: string): void {
    const s = this.state(client);
    s.failures = 0;
    s.lockedUntil = 0;
  }

  /** Failures counted for a client (tests, diagnostics). */
  failuresOf(client: string): number {
    return this.clients.get(client)?.failures ?? 0;
  }
}
