import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * The parent side of keytar-helper.ts: one child per process, started on first use, every
 * call under a timeout. A call that times out kills the child (SIGKILL) and marks the
 * client dead, so later calls fail at once instead of waiting again. The child and its
 * pipes are unref'd: an idle helper never keeps the CLI alive; a call in flight is kept
 * alive by its own timer.
 */
export class KeytarUnavailable extends Error {
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'KeytarUnavailable';
  }
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export const HELPER_PATH = fileURLToPath(new URL('./keytar-helper.js', import.meta.url));

/** The environment the helper gets: the D-Bus/desktop variables it needs, no B3IQ_* (secrets). */
function helperEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(env)) if (!k.startsWith('B3IQ_') && v !== undefined) out[k] = v;
  return out;
}

export class KeytarClient {
  private child: ChildProcess | undefined;
  private ready: Promise<void> | undefined;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private buf = '';
  private dead: KeytarUnavailable | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly timeoutMs: number,
    private readonly command: readonly string[] = [process.execPath, HELPER_PATH],
  ) {}

  private start(): Promise<void> {
    this.ready ??= new Promise<void>((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = spawn(this.command[0]!, this.command.slice(1), { env: helperEnv(this.env), stdio: ['pipe', 'pipe', 'ignore'] });
      } catch (e) {
        reject(this.fail(new KeytarUnavailable(`cannot start the keychain helper (${e instanceof Error ? e.message : 'error'})`)));
        return;
      }
      this.child = child;
      // Node start-up and loading keytar take a moment on a busy machine: a longer allowance.
      const timer = setTimeout(
        () => reject(this.fail(new KeytarUnavailable(`the keychain helper did not start within ${Math.round(this.startupMs() / 1000)}s`, true))),
        this.startupMs(),
      );
      let hello = false;
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(this.fail(new KeytarUnavailable(`cannot start the keychain helper (${(e as NodeJS.ErrnoException).code ?? 'error'})`)));
      });
      child.on('exit', () => {
        clearTimeout(timer);
        const err = new KeytarUnavailable('the keychain helper exited');
        if (!hello) reject(this.fail(err));
        else this.fail(err);
      });
      child.stdin!.on('error', () => {
        /* the child died; 'exit' reports it */
      });
      child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        this.buf += chunk;
        let nl: number;
        while ((nl = this.buf.indexOf('\n')) >= 0) {
          const line = this.buf.slice(0, nl);
          this.buf = this.buf.slice(nl + 1);
          let msg: { hello?: boolean; ok?: boolean; id?: number; value?: unknown; error?: string };
          try {
            msg = JSON.parse(line) as typeof msg;
          } catch {
            continue;
          }
          if (msg.hello) {
            hello = true;
            clearTimeout(timer);
            if (msg.ok) {
              this.unref();
              resolve();
            } else reject(this.fail(new KeytarUnavailable(msg.error ?? 'keytar is not available')));
            continue;
          }
          const p = msg.id === undefined ? undefined : this.pending.get(msg.id);
          if (!p) continue;
          this.pending.delete(msg.id!);
          clearTimeout(p.timer);
          if (msg.ok) p.resolve(msg.value);
          else p.reject(new Error(msg.error ?? 'keychain error'));
          if (this.pending.size === 0) this.unref();
        }
      });
    });
    return this.ready;
  }

  private startupMs(): number {
    return Math.max(this.timeoutMs, 5_000);
  }

  private unref(): void {
    const c = this.child;
    if (!c) return;
    c.unref();
    (c.stdout as unknown as { unref?: () => void } | null)?.unref?.();
    (c.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  }

  private ref(): void {
    const c = this.child;
    if (!c) return;
    c.ref();
    (c.stdout as unknown as { ref?: () => void } | null)?.ref?.();
  }

  /** Kills the child and fails everything in flight with `err`; later calls fail at once. */
  private fail(err: KeytarUnavailable): KeytarUnavailable {
    if (!this.dead) this.dead = err;
    const c = this.child;
    if (c && c.exitCode === null && c.signalCode === null) {
      try {
        c.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (c) this.unrefAll(c);
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
    return this.dead;
  }

  private unrefAll(c: ChildProcess): void {
    c.unref();
    c.stdout?.destroy();
    c.stdin?.destroy();
  }

  async call(op: 'get' | 'set' | 'delete' | 'probe', service: string, account: string, secret?: string): Promise<unknown> {
    if (this.dead) throw this.dead;
    await this.start();
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          this.fail(new KeytarUnavailable(`the OS keychain did not answer within ${(this.timeoutMs / 1000).toFixed(this.timeoutMs % 1000 ? 1 : 0)}s`, true)),
        );
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.ref();
      const line = JSON.stringify(secret === undefined ? { id, op, service, account } : { id, op, service, account, secret }) + '\n';
      this.child!.stdin!.write(line);
    });
  }

  /** Lets the helper exit (stdin EOF). */
  close(): void {
    const c = this.child;
    if (!c || this.dead) return;
    c.stdin?.end();
    this.unref();
  }
}
