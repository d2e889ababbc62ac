import * as fs from 'node:fs';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { B3iqError, ExitCode, errnoCode, type ExitCodeValue } from '../../core/errors.js';
import { limitServer, operatorUI } from '../../ui/index.js';
import { DEFAULT_UI_PORT } from '../../ui/constants.js';

export interface UiOptions {
  port?: string;
  listen?: string;
  tlsCert?: string;
  tlsKey?: string;
}

export function configure(cmd: Command): Command {
  return cmd
    .option('--port <port>', 'TCP port (0: any free port)', String(DEFAULT_UI_PORT))
    .option('--listen <addr>', 'address to listen on; anything but loopback needs --tls-cert and --tls-key', '127.0.0.1')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (chain)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert (a file path, never the key itself)');
}

/** The address to listen on: an IPv6 address may come bracketed, as in a URL (`[::1]`). */
export function listenAddress(raw: string): string {
  return /^\[[0-9A-Fa-f:.]+\]$/.test(raw) ? raw.slice(1, -1) : raw;
}

/** 127.0.0.0/8, localhost, and ::1 in any spelling (0:0:0:0:0:0:0:1, ::ffff:127.0.0.1). */
export function isLoopback(addr: string): boolean {
  const a = listenAddress(addr).toLowerCase();
  const v4 = /^(?:::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
  return v4.test(a) || a === 'localhost' || /^(?:0{0,4}:){2,7}0{0,3}1$/.test(a);
}

function port(v: string | undefined): number {
  const n = Number(v ?? DEFAULT_UI_PORT);
  if (!/^\d{1,5}$/.test(v ?? String(DEFAULT_UI_PORT)) || n > 65535) throw new B3iqError('E_USAGE', '--port must be a number from 0 to 65535.');
  return n;
}

function readPem(file: string, flag: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new B3iqError('E_USAGE', `Cannot read ${flag} ${file} (${errnoCode(e) ?? 'error'}).`);
  }
}

/**
 * The HTTPS server, or a usage error naming what is wrong with the pair (never their
 * content): a swapped, non-PEM or mismatched certificate and key used to end as an
 * unexpected E_IO (exit 3). A private key others can read draws a warning, as a secret file does.
 */
async function httpsServer(certFile: string, keyFile: string, ui: Parameters<typeof import('node:https').createServer>[1], ctx: Context) {
  const cert = readPem(certFile, '--tls-cert');
  const key = readPem(keyFile, '--tls-key');
  try {
    if ((fs.statSync(keyFile).mode & 0o077) !== 0) ctx.out.warn('the --tls-key file is readable by group or others; chmod 600 it.');
  } catch {
    // Read a moment ago; a stat failure here changes nothing.
  }
  try {
    return (await import('node:https')).createServer({ cert, key }, ui);
  } catch (e) {
    const code = typeof (e as { code?: unknown }).code === 'string' ? ` (${(e as { code: string }).code})` : '';
    throw new B3iqError('E_BAD_INPUT', `--tls-cert and --tls-key are not a PEM certificate and its matching private key${code}.`, {
      hint: 'Give the certificate (chain) to --tls-cert and its private key to --tls-key, both PEM.',
    });
  }
}

/**
 * Serves the operator UI until interrupted. Loopback only, unless TLS is given: a session
 * cookie or a password must never cross a network in clear. Logs one line per request on
 * stderr: method, path, status, session id; never a secret, a query string or a cookie.
 */
export async function run(opts: UiOptions, ctx: Context): Promise<ExitCodeValue> {
  const listen = listenAddress(opts.listen ?? '127.0.0.1');
  const p = port(opts.port);
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new B3iqError('E_USAGE', '--tls-cert and --tls-key go together.');
  const tls = opts.tlsCert !== undefined;
  if (!isLoopback(listen) && !tls) {
    throw new B3iqError(
      'E_USAGE',
      `Refusing to serve the operator UI on ${listen} without TLS: passwords and session cookies would cross the network in clear.`,
      {
        hint: 'Keep the default 127.0.0.1 (reach it through an SSH tunnel), or add --tls-cert FILE --tls-key FILE.',
      },
    );
  }
  const store = await ctx.store();
  store.close(); // the CLI's store is not live; the UI opens its own live one
  const ui = operatorUI({ home: ctx.home, secure: tls, log: (line) => ctx.out.info(line) });
  const server = tls ? await httpsServer(opts.tlsCert!, opts.tlsKey!, ui, ctx) : (await import('node:http')).createServer(ui);
  limitServer(server); // slow headers or bodies (slowloris) cannot hold connections open
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) =>
      reject(new B3iqError('E_USAGE', `Cannot listen on ${listen}:${p} (${errnoCode(e) ?? 'error'}).`, { hint: 'Choose another --port.' })),
    );
    server.listen(p, listen, () => resolve());
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : p;
  const host = listen.includes(':') ? `[${listen}]` : listen;
  const url = `${tls ? 'https' : 'http'}://${host}:${actual}/`;
  // Ctrl-C is an interruption (130, E_INTERRUPTED as every command reports it: one JSON
  // error under --json); SIGTERM (a service manager stopping it) a clean stop. Listening
  // before the URL is printed: whoever reads it may signal at once.
  const stopped = new Promise<ExitCodeValue>((resolve, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      ui.close();
      server.close(() => (signal === 'SIGINT' ? reject(new B3iqError('E_INTERRUPTED', 'Interrupted; the operator UI stopped.')) : resolve(ExitCode.ok)));
      server.closeAllConnections?.();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  ctx.out.data({ url }, () => url);
  ctx.out.info(`Operator UI at ${url} (Ctrl-C stops it). A setup link: b3iq setup-token create --url ${url.replace(/\/$/, '')}`);
  return stopped;
}
