/**
 * Runs keytar in a child process. keytar's calls can block for tens of seconds inside
 * libsecret when a Secret Service is registered but does not answer, and a blocked native
 * call keeps a Node process alive (even a worker thread cannot be terminated while it is
 * in one). In a child, the parent can time out and SIGKILL it.
 *
 * Protocol: newline-delimited JSON on stdin/stdout. First line out: {"hello":true,"ok":bool}.
 * Requests {"id","op":"get|set|delete|probe","service","account","secret"?}; replies
 * {"id","ok":true,"value"?} or {"id","ok":false,"error"}. Secrets travel only on the pipe,
 * never in argv or the environment; nothing is logged. Exits when stdin closes.
 */
import { createInterface } from 'node:readline';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

interface Request {
  id: number;
  op: 'get' | 'set' | 'delete' | 'probe';
  service: string;
  account: string;
  secret?: string;
}

function send(msg: object): void {
  process.stdout.write(JSON.stringify(msg) + '\n');
}

/** keytar's messages come from libsecret/D-Bus: keep the first line, bounded, no token shapes. */
function errorText(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return (raw.split('\n')[0] ?? '').replace(/b3iq_[A-Za-z]+_[0-9A-Za-z]+/g, '[REDACTED]').slice(0, 200) || 'error';
}

async function loadKeytar(): Promise<Keytar | undefined> {
  try {
    const mod = (await import('keytar' as string)) as { default?: Keytar } & Partial<Keytar>;
    const kt = (mod.default ?? mod) as Keytar;
    return typeof kt.getPassword === 'function' ? kt : undefined;
  } catch {
    return undefined;
  }
}

const keytar = await loadKeytar();
send({
  hello: true,
  ok: keytar !== undefined,
  error: keytar ? undefined : 'keytar is not installed (optional dependency; libsecret missing at install time?)',
});

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (line) => {
  let req: Request;
  try {
    req = JSON.parse(line) as Request;
  } catch {
    return;
  }
  void (async () => {
    try {
      if (!keytar) throw new Error('keytar is not installed');
      switch (req.op) {
        case 'probe':
          await keytar.getPassword(req.service, req.account);
          send({ id: req.id, ok: true });
          return;
        case 'get': {
          const v = await keytar.getPassword(req.service, req.account);
          send({ id: req.id, ok: true, value: v ?? null });
          return;
        }
        case 'set':
          await keytar.setPassword(req.service, req.account, String(req.secret));
          send({ id: req.id, ok: true });
          return;
        case 'delete':
          send({ id: req.id, ok: true, value: await keytar.deletePassword(req.service, req.account) });
          return;
        default:
          throw new Error('unknown operation');
      }
    } catch (e) {
      send({ id: req.id, ok: false, error: errorText(e) });
    }
  })();
});
rl.on('close', () => process.exit(0));
