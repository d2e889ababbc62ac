import { createRequire } from 'node:module';
import type { CredentialLog } from '../credentials/log.js';
import { Store, type StoreOptions } from '../credentials/store.js';
import type { OwnerSessions, LoginInput, LoginResult, OwnerSessionOptions, OwnerSessionView, SessionCheck } from './sessions.js';
import type { CompleteSetupInput, CompleteSetupResult } from './sessions-setup.js';
import { resolveHome } from '../home/paths.js';

// The owner-session modules (nine with their imports) load on first use: key and grant
// commands never need them (start-up, docs/performance.md). A synchronous require of an ES
// module (Node 20.19 and later) because verifyOwnerSession is synchronous.
const requireModule = createRequire(import.meta.url);

export interface NodeStoreOptions extends StoreOptions {
  /** Owner sessions: idle timeout, absolute lifetime, login throttling (docs/owner-auth.md). */
  ownerSessions?: OwnerSessionOptions;
}

/**
 * The library's store: the credential store (credentials/) plus the owner's services that
 * sit above it — setup from a setup token, the owner password check and owner sessions.
 * Built here rather than in credentials/ so that layer never imports the owner feature.
 */
export class NodeStore extends Store {
  private sessionBook: OwnerSessions | undefined;
  private ended = false;

  static override async open(opts: NodeStoreOptions): Promise<NodeStore> {
    return Store.openWith(opts, (home, o, log: CredentialLog) => new NodeStore(home, o, log));
  }

  private get sessionOptions(): OwnerSessionOptions | undefined {
    return (this.opts as NodeStoreOptions).ownerSessions;
  }

  /** Loaded on first use; polled with the records when the store is live. */
  private sessions(): OwnerSessions {
    if (this.ended) throw new Error('store is closed');
    if (this.sessionBook) return this.sessionBook;
    const { OwnerSessions } = requireModule('./sessions.js') as typeof import('./sessions.js');
    const live = this.opts.live ?? true;
    return (this.sessionBook = new OwnerSessions(this.home, () => this.now(), this.random, this.sessionOptions, live ? (this.opts.pollMs ?? 200) : undefined));
  }

  /**
   * The owner password check for the runtime: true only for the current owner password;
   * argon2id, constant-time compare, reads owner.json on every call so a recover or passwd
   * from another process applies at once. Never throws for bad input.
   */
  async verifyOwnerPassword(password: string): Promise<boolean> {
    const { verifyOwnerPassword } = await import('./owner.js');
    return verifyOwnerPassword(this.home, password);
  }

  /** Setup or recovery from a setup token (or setup URL), as `b3iq setup` / `b3iq recover` do. */
  async completeSetup(input: CompleteSetupInput): Promise<CompleteSetupResult> {
    const { completeSetup } = await import('./sessions-setup.js');
    const r = await completeSetup(this, input);
    this.sessionBook?.refresh();
    return r;
  }

  /** Checks the owner password (throttled) and opens a session: `cookie` is a whole Set-Cookie value. */
  ownerLogin(password: string, input: LoginInput = {}): Promise<LoginResult> {
    return this.sessions().login(password, input);
  }

  /** The session named by a Cookie header; in memory, constant-time. */
  verifyOwnerSession(cookieHeader: string | undefined, opts: { secure?: boolean } = {}): SessionCheck {
    return this.sessions().verify(cookieHeader, opts);
  }

  /** Ends the cookie's session; `cookie` is the Set-Cookie value that clears it in the browser. */
  ownerLogout(cookieHeader: string | undefined, opts: { secure?: boolean } = {}): Promise<{ ended: string | null; cookie: string }> {
    return this.sessions().logout(cookieHeader, opts);
  }

  /** The owner session a raw `b3iq_session_…` value belongs to, without touching it (scan). */
  findOwnerSession(token: string): { id: string; live: boolean } | undefined {
    return this.sessions().identify(token);
  }

  /** Live owner sessions (never their secrets). */
  async ownerSessions(): Promise<OwnerSessionView[]> {
    return this.sessions().list();
  }

  /** Ends owner sessions by id. */
  revokeOwnerSessions(ids: readonly string[]): Promise<{ revoked: string[]; unknown: string[] }> {
    return this.sessions().revoke(ids);
  }

  /** Signs out every owner session, as `b3iq owner logout-all` does (the owner service). */
  async ownerLogoutAll(): Promise<{ sessionGeneration: number; sessionsInvalidatedAt: string | null }> {
    const { signOutAllSessions } = await import('./service.js');
    const doc = await signOutAllSessions(this.home, () => this.now());
    this.sessionBook?.refresh();
    return { sessionGeneration: doc.sessionGeneration, sessionsInvalidatedAt: doc.sessionsInvalidatedAt };
  }

  override close(): void {
    this.ended = true;
    this.sessionBook?.close();
    super.close();
  }
}

/**
 * Opens a home's store for the runtime, the UI and the CLI. Without `home`, the home the CLI
 * resolves (B3IQ_HOME, else the platform config directory), as operatorUI() does.
 */
export async function openStore(opts: Omit<NodeStoreOptions, 'home'> & { home?: string } = {}): Promise<NodeStore> {
  return NodeStore.open({ ...opts, home: resolveHome(opts.home) });
}
