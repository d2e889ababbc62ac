import { createRequire } from 'node:module';
import type { Command as CommandT } from 'commander';
import type { Context, GlobalOptions } from './context.js';
import type { ExitCodeValue } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { KINDS } from '../core/credential-kinds.js';

/**
 * The command tree: the single source for parsing, help, completions and the man page.
 * The table below holds each command's name, one-line description and a loader; a command
 * module exports configure(cmd) (flags, arguments) and run(opts, ctx) (the work). Only the
 * modules of the command being run are imported, so `--help` and a plain command start
 * fast; completions and the man page load them all.
 */
// commander through require: the ESM-to-CJS bridge costs ~8 ms of start-up (docs/performance.md).
const { Command, Option } = createRequire(import.meta.url)('commander') as typeof import('commander');
type Command = CommandT;

export type Runner<O> = (opts: O, ctx: Context) => Promise<void | ExitCodeValue>;
export type MakeContext = (globals: GlobalOptions) => Context;

export interface CommandModule<O> {
  configure(cmd: Command): Command;
  run: Runner<O>;
}

export interface ProgramHooks {
  makeContext: MakeContext;
  /** Receives the command's exit code (0 when it returned nothing). */
  setExitCode(code: ExitCodeValue): void;
}

interface Leaf {
  name: string;
  description: string;
  /** Positional arguments, shown in listings before the module is loaded. */
  args?: string;
  // biome-ignore lint/suspicious/noExplicitAny: each command has its own options type; the table erases it
  load: () => Promise<CommandModule<any>>;
  /** Sub-verbs of a command that also runs on its own (`owner sessions` / `owner sessions revoke`). */
  children?: Leaf[];
}
interface Group {
  name: string;
  description: string;
  children: Leaf[];
}

const TREE: Array<Leaf | Group> = [
  { name: 'init', description: 'create the config directory and node identity (idempotent)', load: () => import('./commands/init.js') },
  {
    name: 'status',
    description: 'config dir, counts of live/revoked/expired credentials, keychain backend, warnings',
    load: () => import('./commands/status.js'),
  },
  {
    name: 'setup-token',
    description: 'one-time setup tokens for b3iq setup and b3iq recover (b3iq_setup_…)',
    children: [
      {
        name: 'create',
        description: 'issue a one-time setup token for b3iq setup / b3iq recover (shown once)',
        load: () => import('./commands/setup-token/create.js'),
      },
      { name: 'list', description: 'list live setup tokens (never tokens or hashes)', load: () => import('./commands/setup-token/list.js') },
      {
        name: 'revoke',
        description: 'revoke setup tokens by id, or every live one with --all (an exposed setup token can reset the owner password)',
        load: () => import('./commands/setup-token/revoke.js'),
      },
    ],
  },
  {
    name: 'setup',
    description: 'set the owner password with a one-time setup token (token or setup URL on stdin, e.g. b3iq setup < token-file)',
    load: () => import('./commands/setup.js'),
  },
  {
    name: 'recover',
    description: 'reset the owner password with a one-time setup token and sign out every owner session',
    load: () => import('./commands/recover.js'),
  },
  {
    name: 'owner',
    description: 'the owner password and owner sessions',
    children: [
      {
        name: 'passwd',
        description: 'change the owner password (the current one is required) and sign out every owner session',
        load: () => import('./commands/owner/passwd.js'),
      },
      {
        name: 'logout-all',
        description: 'sign out every owner session (the runtime refuses sessions from before this)',
        load: () => import('./commands/owner/logout-all.js'),
      },
      {
        name: 'sessions',
        description: 'list owner sessions (id, client, created, last seen, expires; never the secret)',
        load: () => import('./commands/owner/sessions.js'),
        children: [
          {
            name: 'revoke',
            description: 'sign out owner sessions by id, or every one with --all (= owner logout-all)',
            load: () => import('./commands/owner/sessions-revoke.js'),
          },
        ],
      },
    ],
  },
  {
    name: 'keys',
    description: 'issue, list, rotate, revoke and verify local API keys (b3iq_local_…)',
    children: [
      { name: 'create', description: 'issue a local API key (shown once, stored only as a hash)', load: () => import('./commands/keys/create.js') },
      { name: 'list', description: 'list live local keys (never secrets or hashes)', load: () => import('./commands/keys/list.js') },
      { name: 'show', description: "show one local key's metadata", load: () => import('./commands/keys/show.js') },
      { name: 'revoke', description: 'revoke local keys (revoking a revoked key is not an error)', load: () => import('./commands/keys/revoke.js') },
      {
        name: 'rotate',
        description: 'issue a successor with the same scopes (and name, unless --name); revoke the old key after the grace period',
        load: () => import('./commands/keys/rotate.js'),
      },
      {
        name: 'forget',
        description: 'remove the copy of a key saved with --save keychain (OS keychain or 0600 file), without revoking the key',
        load: () => import('./commands/keys/forget.js'),
      },
      {
        name: 'verify',
        description: `check a local key (from ${KINDS.local.secret.fileFlag}, ${KINDS.local.secret.env}[_FILE], stdin or a prompt): exit 0 valid, 1 invalid`,
        load: () => import('./commands/keys/verify.js'),
      },
    ],
  },
  {
    name: 'support',
    description: 'temporary support grants (b3iq_support_…) and redacted diagnostics bundles',
    children: [
      {
        name: 'grant',
        description: 'issue a temporary support grant (b3iq_support_…): diagnostics scopes only, expires within 72h, shown once',
        load: () => import('./commands/support/grant.js'),
      },
      { name: 'list', description: 'list live support grants (never tokens or hashes)', load: () => import('./commands/support/list.js') },
      {
        name: 'revoke',
        description: 'revoke support grants by id, or every live one with --all (revoking a revoked grant is not an error)',
        load: () => import('./commands/support/revoke.js'),
      },
      {
        name: 'verify',
        description: `check a support token (from ${KINDS.support.secret.fileFlag}, ${KINDS.support.secret.env}[_FILE], stdin or a prompt): exit 0 valid, 1 invalid`,
        load: () => import('./commands/support/verify.js'),
      },
      {
        name: 'bundle',
        description: 'write a redacted diagnostics bundle (.tar.gz, 0600) with a manifest of what is inside and how much was redacted',
        load: () => import('./commands/support/bundle.js'),
      },
    ],
  },
  {
    name: 'redact',
    description: 'stream files (or stdin) to stdout with secrets and private data redacted; counts by category on stderr',
    args: '[files...]',
    load: () => import('./commands/redact.js'),
  },
  {
    name: 'public',
    description: 'the public surface boundary',
    children: [
      {
        name: 'check',
        description:
          'check a public payload (node, model, receipt, settlement, route-readiness) against the public surface boundary: exit 0 clean, 1 violations, 2 not JSON',
        load: () => import('./commands/public/check.js'),
      },
    ],
  },
  {
    name: 'gateway',
    description: 'the hosted gateway key (b3iq_gateway_…), kept in the OS keychain apart from local keys',
    children: [
      {
        name: 'login',
        description: 'keep the hosted gateway key (b3iq_gateway_…) in the OS keychain, apart from local keys',
        load: () => import('./commands/gateway/login.js'),
      },
      {
        name: 'status',
        description: 'whether a hosted gateway key is kept, and where (never the key): exit 0 present, 1 absent',
        load: () => import('./commands/gateway/status.js'),
      },
      {
        name: 'logout',
        description: 'remove the hosted gateway key from wherever it is kept (keychain and file fallback)',
        load: () => import('./commands/gateway/logout.js'),
      },
    ],
  },
  {
    name: 'enroll',
    description: "the operator's decision to enroll this node into the managed or network workflow (off by default)",
    children: [
      { name: 'status', description: 'which workflows this node is enrolled in, and since when', load: () => import('./commands/enroll/status.js') },
      {
        name: 'join',
        description: 'join the managed or network workflow: shows what it will see of this node, asks to confirm, needs the owner password',
        args: '<workflow>',
        load: () => import('./commands/enroll/join.js'),
      },
      {
        name: 'leave',
        description: 'leave a workflow (or --all) at once; no password needed',
        args: '[workflow]',
        load: () => import('./commands/enroll/leave.js'),
      },
    ],
  },
  {
    name: 'request-config',
    description:
      'write a curl config (curl -K) carrying the bearer header of a local key or (--kind support) a support grant, so it never reaches argv; in a file or with --ttl, a short-lived child credential instead',
    load: () => import('./commands/request-config.js'),
  },
  {
    name: 'scan',
    description: 'find checksum-valid b3iq tokens in files, folders and shell history (never prints them); exit 1 when any is found',
    args: '[paths...]',
    load: () => import('./commands/scan.js'),
  },
  {
    name: 'doctor',
    description:
      'check permissions, records, keychain, long-lived and expired credentials, live support grants, tokens in shell history; exit 1 on any failed check',
    load: () => import('./commands/doctor.js'),
  },
  {
    name: 'audit',
    description: 'show the tamper-evident audit log (no secrets); --verify checks its hash chain, exit 1 at the first broken line',
    load: () => import('./commands/audit.js'),
  },
  {
    name: 'backup',
    description:
      'write a consistent copy of the whole home (records, journal, owner, audit log, node identity) to a new 0600 file; keychain secrets are not included',
    load: () => import('./commands/backup.js'),
  },
  {
    name: 'restore',
    description:
      'check a backup (hashes, invariants, anchors) and restore it into an empty home, or with --force over one (moved aside); --dry-run changes nothing',
    args: '<file>',
    load: () => import('./commands/restore.js'),
  },
  {
    name: 'ui',
    description: 'serve the local operator UI (setup from a setup URL, sign-in, keys, grants, setup tokens, sessions, audit, health) on 127.0.0.1',
    load: () => import('./commands/ui.js'),
  },
  {
    name: 'completion',
    description: 'print the shell completion script (also shipped in completions/)',
    args: '<shell>',
    load: () => import('./commands/completion.js'),
  },
];

export { VERSION };

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

const GLOBAL_WITH_VALUE = new Set(['--home']);

/** The top-level command argv names (skipping global options), if any. */
export function topCommandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (GLOBAL_WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (a === 'help') return argv.slice(i + 1).find((x) => !x.startsWith('-'));
    return a;
  }
  return undefined;
}

/**
 * The sub-verb that follows the top-level command (`keys list` -> `list`), when argv names
 * one plainly; undefined for `help …`, a bare group or anything unusual (then every child
 * loads, as a group's own help needs them all).
 */
export function subCommandOf(argv: readonly string[], top: string): string | undefined {
  let seenTop = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === 'help') return undefined;
    if (GLOBAL_WITH_VALUE.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith('-')) continue;
    if (seenTop) return a;
    if (a !== top) return undefined;
    seenTop = true;
  }
  return undefined;
}

export interface BuildOptions {
  /** Load every command module (completions, man page). */
  all?: boolean;
  /** The argv about to be parsed: only its top-level command's modules are loaded. */
  argv?: readonly string[];
}

export async function buildProgram(hooks: ProgramHooks, opts: BuildOptions = {}): Promise<Command> {
  const program = new Command('b3iq');
  program
    .description('Operator security toolkit for B3IQ inference nodes: local API keys, support grants, setup tokens, redaction.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--home <dir>', 'config directory (default: $B3IQ_HOME, else ~/.config/b3iq)')
    .option('--json', 'print one JSON document on stdout; errors as JSON on stderr')
    .option('--no-color', 'disable colour (also NO_COLOR)')
    .option('-q, --quiet', 'print only data and errors')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });

  const top = opts.argv ? topCommandOf(opts.argv) : undefined;

  const addLeaf = async (parent: Command, leaf: Leaf, load: boolean): Promise<void> => {
    const cmd = parent.command(leaf.name).description(leaf.description).helpOption('-h, --help', 'show help');
    if (!load) {
      // A stub: listed in help, never run (argv that names it loads the real module).
      if (leaf.args) cmd.arguments(leaf.args);
      for (const child of leaf.children ?? []) await addLeaf(cmd, child, false);
      return;
    }
    for (const child of leaf.children ?? []) await addLeaf(cmd, child, load);
    const mod = await leaf.load();
    mod.configure(cmd);
    cmd.action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const values: Record<string, unknown> = { ...self.opts() };
      self.registeredArguments.forEach((a, i) => {
        values[camel(a.name())] = self.processedArgs[i];
      });
      const ctx = hooks.makeContext(self.optsWithGlobals() as GlobalOptions);
      const code = await mod.run(values, ctx);
      hooks.setExitCode(code ?? 0);
    });
  };

  for (const entry of TREE) {
    const load = opts.all === true || entry.name === top;
    if (!('load' in entry)) {
      const group = program.command(entry.name).description(entry.description).helpOption('-h, --help', 'show help');
      // `keys list` loads list alone (start-up); `keys --help` lists every child's options.
      const sub = load && opts.all !== true && opts.argv ? subCommandOf(opts.argv, entry.name) : undefined;
      const only = sub !== undefined && entry.children.some((c) => c.name === sub) ? sub : undefined;
      for (const child of entry.children) await addLeaf(group, child, load && (only === undefined || child.name === only));
    } else {
      await addLeaf(program, entry, load);
    }
  }
  return program;
}

export { Option };
