import * as fs from 'node:fs';
import { createHash, timingSafeEqual } from 'node:crypto';
import { B3iqError } from '../core/errors.js';
import { KINDS } from '../core/credential-kinds.js';
import { base62Fixed, cryptoRandom, generateToken, parseToken, type RandomSource } from '../core/tokens.js';
import { locked } from '../home/home.js';
import type { AuditEvent } from '../home/audit.js';
import { homeFile } from '../home/paths.js';
import { readOwner, type OwnerDoc } from './owner.js';
import { verifyPasswordHash } from './password.js';
import { readSessions, sessionsFile, writeSessionsLocked, type SessionRecord } from './session-records.js';
import { LoginThrottle, type ThrottleOptions } from './throttle.js';
import { csrfTokenFor } from './csrf.js';
import { cookieValues, sessionCookie, clearSessionCookie } from './session-cookie.js';

/**
 * Owner sessions: what the local operator UI (and any runtime page) signs the owner in
 * with. The cookie carries a `b3iq_session_…` secret (256 bits from the CSPRNG, the token
 * format of every b3iq credential, so the redactor and `scan` know it); the records keep
 * only its sha256 (owner-sessions.json). Verification is in memory: a Map lookup on the
 * digest and a constant-time compare; the records and owner.json (the session
 * generation) are polled like the credentials, so a logout-all, recover or passwd from
 * another process is seen within a poll interval.
 */
export interface OwnerSessionOptions {
  /** Idle timeout, ms (default 30 min). */
  idleMs?: number;
  /** Absolute lifetime, ms (default 12 h). */
  absoluteMs?: number;
  throttle?: ThrottleOptions;
}

export const SESSION_DEFAULTS = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 } as const;

export type SessionInvalidReason = 'missing' | 'malformed' | 'unknown' | 'expired' | 'idle' | 'signed-out' | 'no-owner';
// Each branch names the other's fields as absent (as VerifyResult does), so a JavaScript
// caller can read `r.reason` or `r.cookie` without narrowing first.
export type SessionCheck =
  | { valid: true; id: string; expiresAt: string; csrf: string; reason?: undefined }
  | { valid: false; reason: SessionInvalidReason; id?: undefined; expiresAt?: undefined; csrf?: undefined };
export type LoginResult =
  | { ok: true; session: { id: string; expiresAt: string }; cookie: string; reason?: undefined; retryAfterMs?: undefined }
  | { ok: false; reason: 'wrong-password' | 'no-owner' | 'throttled'; retryAfterMs?: number; session?: undefined; cookie?: undefined };

export interface OwnerSessionView {
  id: string;
  client: string;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends at the latest: the absolute lifetime or the idle timeout, whichever is first. */
  expiresAt: string;
}

export interface LoginInput {
  /** Who is asking (e.g. the remote address): the key login throttling counts failures by. */
  client?: string;
  /** What `owner sessions` shows for it (default: `client`). */
  label?: string;
  /** Served over HTTPS: the cookie gets `Secure` and the `__Host-` name. */
  secure?: boolean;
}

interface Entry {
  rec: SessionRecord;
  digest: Buffer;
  createdMs: number;
  expiresMs: number;
  /** In memory, ahead of the record's lastSeenAt (which is written lazily). */
  seenMs: number;
  persistedSeenMs: number;
  csrf: string | undefined;
}

const INVALID = Object.freeze(
  Object.fromEntries(
    (['missing', 'malformed', 'unknown', 'expired', 'idle', 'signed-out', 'no-owner'] as const).map((r) => [r, Object.freeze({ valid: false, reason: r })]),
  ),
) as Record<SessionInvalidReason, SessionCheck>;

const SESSION_TOKEN_CHARS = KINDS.session.prefix.length + 49;
const PREFIX_BYTES = 8;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function digestOf(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Printable ASCII, at most 80 chars: a label is shown and audited, never trusted. */
export function cleanLabel(s: unknown): string {
  const t = typeof s === 'string' ? s.replace(/[^\x20-\x7e]/g, '?').trim() : '';
  return (t || 'unknown').slice(0, 80);
}

function safeOwner(home: string): OwnerDoc | undefined {
  try {
    return readOwner(home);
  } catch {
    return undefined;
  }
}

function statSig(file: string): string {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.size}:${st.mtimeMs}`;
  } catch {
    return 'absent';
  }
}

export class OwnerSessions {
  readonly idleMs: number;
  readonly absoluteMs: number;
  readonly throttle: LoginThrottle;
  private byPrefix = new Map<string, Entry>();
  private byId = new Map<string, Entry>();
  private generation: number | undefined;
  private ownerSig = '';
  private recordsSig = '';
  private timer: NodeJS.Timeout | undefined;
  private flushing = false;
  private closed = false;

  constructor(
    private readonly home: string,
    private readonly clock: () => number,
    private readonly random: RandomSource = cryptoRandom,
    opts: OwnerSessionOptions = {},
    pollMs?: number,
  ) {
    this.idleMs = positive(opts.idleMs, SESSION_DEFAULTS.idleMs, 'idleMs');
    this.absoluteMs = positive(opts.absoluteMs, SESSION_DEFAULTS.absoluteMs, 'absoluteMs');
    this.throttle = new LoginThrottle(clock, opts.throttle);
    this.load();
    if (pollMs !== undefined) {
      this.timer = setInterval(() => this.poll(), Math.max(20, pollMs));
      this.timer.unref();
    }
  }

  /** Re-reads owner.json's generation and the session records; keeps the last good view on error. */
  private load(): void {
    const ownerSig = statSig(homeFile(this.home, 'owner'));
    const recordsSig = statSig(sessionsFile(this.home));
    if (ownerSig !== this.ownerSig) {
      const owner = safeOwner(this.home);
      this.generation = owner?.sessionGeneration;
      this.ownerSig = ownerSig;
    }
    if (recordsSig !== this.recordsSig) {
      let recs: SessionRecord[];
      try {
        recs = readSessions(this.home).doc.sessions;
      } catch {
        return; // corrupt or mid-change: keep what we had, try again next time
      }
      const byPrefix = new Map<string, Entry>();
      const byId = new Map<string, Entry>();
      for (const rec of recs) {
        const seen = Date.parse(rec.lastSeenAt);
        const prev = this.byId.get(rec.id);
        const e: Entry = {
          rec,
          digest: Buffer.from(rec.hash.slice(7), 'hex'),
          createdMs: Date.parse(rec.createdAt),
          expiresMs: Date.parse(rec.expiresAt),
          seenMs: Math.max(seen, prev?.seenMs ?? 0),
          persistedSeenMs: seen,
          csrf: prev?.csrf,
        };
        byPrefix.set(e.digest.subarray(0, PREFIX_BYTES).toString('hex'), e);
        byId.set(rec.id, e);
      }
      this.byPrefix = byPrefix;
      this.byId = byId;
      this.recordsSig = recordsSig;
    }
  }

  private poll(): void {
    if (!this.closed) this.load();
  }

  /** Re-reads now (after a write by this process, or in tests). */
  refresh(): void {
    this.load();
  }

  // ---- the hot path ----------------------------------------------------------------------

  private find(token: string): Entry | undefined {
    const digest = digestOf(token);
    const e = this.byPrefix.get(digest.subarray(0, PREFIX_BYTES).toString('hex'));
    return e !== undefined && timingSafeEqual(e.digest, digest) ? e : undefined;
  }

  private judge(token: string): SessionCheck | Entry {
    if (token.length !== SESSION_TOKEN_CHARS) return INVALID.malformed;
    const e = this.find(token);
    if (!e) {
      const p = parseToken(token);
      return p.ok && p.kind === 'session' ? INVALID.unknown : INVALID.malformed;
    }
    if (this.generation === undefined) return INVALID['no-owner'];
    if (e.rec.generation !== this.generation) return INVALID['signed-out'];
    const now = this.clock();
    if (now >= e.expiresMs) return INVALID.expired;
    if (now - e.seenMs >= this.idleMs) return INVALID.idle;
    return e;
  }

  /** Which session a raw value is, and whether it is live, without touching it (scan, doctor). */
  identify(token: string): { id: string; live: boolean } | undefined {
    if (typeof token !== 'string' || token.length !== SESSION_TOKEN_CHARS) return undefined;
    const e = this.find(token);
    if (!e) return undefined;
    const now = this.clock();
    const live = this.generation !== undefined && e.rec.generation === this.generation && now < e.expiresMs && now - e.seenMs < this.idleMs;
    return { id: e.rec.id, live };
  }

  /**
   * The session named by a Cookie header. `__Host-b3iq_session` is always accepted (only a
   * secure page of this very host can set it); plain `b3iq_session` unless `secure`.
   */
  verify(cookieHeader: string | undefined, opts: { secure?: boolean } = {}): SessionCheck {
    const values = cookieValues(cookieHeader, opts.secure === true);
    if (values.length === 0) return INVALID.missing;
    let first: SessionCheck | undefined;
    for (const v of values) {
      const r = this.judge(v);
      if ('rec' in r) {
        const now = this.clock();
        r.seenMs = now;
        if (now - r.persistedSeenMs > Math.min(60_000, this.idleMs / 4)) this.scheduleFlush();
        r.csrf ??= csrfTokenFor(v);
        return { valid: true, id: r.rec.id, expiresAt: iso(Math.min(r.expiresMs, now + this.idleMs)), csrf: r.csrf };
      }
      first ??= r;
    }
    return first!;
  }

  /** Writes the in-memory last-seen times, in the background, under the lock. */
  private scheduleFlush(): void {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    setImmediate(() => {
      locked(this.home, { clock: this.clock }, () => {
        const { doc } = readSessions(this.home);
        let changed = false;
        const next = doc.sessions.map((rec) => {
          const e = this.byId.get(rec.id);
          if (!e || e.seenMs <= Date.parse(rec.lastSeenAt)) return rec;
          changed = true;
          return { ...rec, lastSeenAt: iso(e.seenMs) };
        });
        if (changed) writeSessionsLocked(this.home, next);
        this.load();
      })
        .catch(() => undefined)
        .finally(() => {
          this.flushing = false;
        });
    });
  }

  // ---- writes ----------------------------------------------------------------------------

  private live(rec: SessionRecord, generation: number, now: number): boolean {
    const seen = Math.max(Date.parse(rec.lastSeenAt), this.byId.get(rec.id)?.seenMs ?? 0);
    return rec.generation === generation && Date.parse(rec.expiresAt) > now && now - seen < this.idleMs;
  }

  private audit(events: AuditEvent[], now: number): Promise<void> {
    return locked(this.home, { clock: () => now }, (_t, audit) => void audit.push(...events));
  }

  async login(password: unknown, input: LoginInput = {}): Promise<LoginResult> {
    const client = cleanLabel(input.client);
    const label = cleanLabel(input.label ?? input.client);
    const owner = safeOwner(this.home);
    if (!owner) return { ok: false, reason: 'no-owner' };
    const admission = await this.throttle.admit(client);
    if (!admission.ok) return { ok: false, reason: 'throttled', retryAfterMs: admission.retryAfterMs };
    let good: boolean;
    const t0 = performance.now();
    try {
      good = await verifyPasswordHash(password, owner.passwordHash);
    } finally {
      this.throttle.lastCheckMs = performance.now() - t0;
      admission.release();
    }
    const now = this.clock();
    if (!good) {
      const lockOut = this.throttle.recordFailure(client);
      const events: AuditEvent[] = [{ action: 'owner.login', id: null, kind: 'owner', outcome: 'refused', reason: 'wrong-password', client }];
      if (lockOut)
        events.push({
          action: 'owner.login.lockout',
          id: null,
          kind: 'owner',
          outcome: 'refused',
          scope: lockOut.scope,
          client,
          failures: lockOut.failures,
          retryAfterMs: lockOut.retryAfterMs,
        });
      await this.audit(events, now).catch(() => undefined);
      return { ok: false, reason: 'wrong-password' };
    }
    this.throttle.recordSuccess(client);
    const token = generateToken('session', this.random);
    const id = `${KINDS.session.idPrefix}${base62Fixed(BigInt('0x' + this.random(10).toString('hex')), 13)}`;
    const rec = await locked(this.home, { clock: this.clock }, (t, audit) => {
      const current = readOwner(this.home);
      // A passwd or recover between the check and now: the password checked is not the owner's any more.
      if (!current || current.passwordHash !== owner.passwordHash) return undefined;
      const r: SessionRecord = {
        id,
        hash: `sha256:${digestOf(token).toString('hex')}`,
        generation: current.sessionGeneration,
        client: label,
        createdAt: iso(t),
        lastSeenAt: iso(t),
        expiresAt: iso(t + this.absoluteMs),
      };
      const kept = readSessions(this.home).doc.sessions.filter((s) => this.live(s, current.sessionGeneration, t));
      writeSessionsLocked(this.home, [...kept, r]);
      audit.push({ action: 'owner.login', id, kind: 'owner-session', client });
      return r;
    });
    if (!rec) return { ok: false, reason: 'wrong-password' };
    this.load();
    // The same expiresAt that verifyOwnerSession and ownerSessions report: the idle end, capped by the absolute one.
    const expiresAt = iso(Math.min(Date.parse(rec.expiresAt), Date.parse(rec.lastSeenAt) + this.idleMs));
    return { ok: true, session: { id, expiresAt }, cookie: sessionCookie(token, input.secure === true, this.absoluteMs) };
  }

  /** Ends the session named by the cookie (if any); returns the Set-Cookie value that clears it. */
  async logout(cookieHeader: string | undefined, opts: { secure?: boolean } = {}): Promise<{ ended: string | null; cookie: string }> {
    const check = this.verify(cookieHeader, opts);
    const cookie = clearSessionCookie(opts.secure === true);
    if (!check.valid) return { ended: null, cookie };
    const { revoked } = await this.revoke([check.id], 'owner.logout');
    return { ended: revoked[0] ?? null, cookie };
  }

  /** Live sessions, newest first, read from the records as they are now. */
  list(): OwnerSessionView[] {
    this.load();
    const now = this.clock();
    const gen = this.generation;
    if (gen === undefined) return [];
    const out: OwnerSessionView[] = [];
    for (const e of this.byId.values()) {
      if (!this.live(e.rec, gen, now)) continue;
      out.push({
        id: e.rec.id,
        client: e.rec.client,
        createdAt: e.rec.createdAt,
        lastSeenAt: iso(e.seenMs),
        expiresAt: iso(Math.min(e.expiresMs, e.seenMs + this.idleMs)),
      });
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Ends the named sessions; ids this node does not have (or that already ended) come back in `unknown`. */
  async revoke(ids: readonly string[], action = 'owner.session.revoke'): Promise<{ revoked: string[]; unknown: string[] }> {
    const result = await locked(this.home, { clock: this.clock }, (now, audit) => {
      const owner = readOwner(this.home);
      const recs = readSessions(this.home).doc.sessions;
      const gen = owner?.sessionGeneration ?? -1;
      const want = new Set(ids);
      const revoked = recs.filter((r) => want.has(r.id) && this.live(r, gen, now)).map((r) => r.id);
      const kept = recs.filter((r) => !want.has(r.id) && this.live(r, gen, now));
      writeSessionsLocked(this.home, kept);
      audit.push(...revoked.map((id) => ({ action, id, kind: 'owner-session' })));
      return { revoked, unknown: ids.filter((id) => !revoked.includes(id)) };
    });
    this.load();
    return result;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function positive(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v <= 0) throw new B3iqError('E_USAGE', `ownerSessions.${name} must be a positive number of milliseconds.`);
  return v;
}
