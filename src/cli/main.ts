import { createRequire } from 'node:module';
import { B3iqError, ExitCode, isB3iqError, type ExitCodeValue } from '../core/errors.js';
import { scanArgv, type ArgvFinding } from './argv-guard.js';
import { KINDS, safeWays, type CredentialKindName } from '../core/credential-kinds.js';
import { KIND_COMMANDS } from './kind-commands.js';
import type { ContextInit, GlobalOptions, IO } from './context.js';
import type { Output } from './output.js';
import type { Command } from 'commander';
import { buildProgram } from './program.js';
import { commandPathOf, helpHint, resolveHelpCommand } from './command-path.js';
import { processIO } from './process-io.js';
import { VERSION } from '../core/version.js';

// Start-up (docs/performance.md): commander through require skips the ESM-CJS bridge
// (~10 ms), and what only a running command or an error needs (context, output, paths:
// node:tty, node:crypto, kleur, env-paths) loads on first use, so --help stays cheap.
const { CommanderError } = createRequire(import.meta.url)('commander') as typeof import('commander');
type Lazy = typeof import('./context.js') & typeof import('./output.js') & typeof import('../home/paths.js') & typeof import('./usage-errors.js');
let lazy: Lazy | undefined;
async function loadLazy(): Promise<Lazy> {
  lazy ??= {
    ...(await import('./context.js')),
    ...(await import('./output.js')),
    ...(await import('../home/paths.js')),
    ...(await import('./usage-errors.js')),
  };
  return lazy;
}

/** Finds --home in raw argv (the guard runs before commander). */
function homeFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--home') return argv[i + 1];
    if (a.startsWith('--home=')) return a.slice(7);
  }
  return undefined;
}

/** Looks the candidates up in this node's records (read-only); any failure means "not known". */
async function liveCredentialAmong(
  argv: readonly string[],
  findings: ArgvFinding[],
  io: IO,
): Promise<{ id: string; kind: 'local' | 'support' | 'setup' | 'session' } | undefined> {
  try {
    const home = (await loadLazy()).resolveHome(homeFromArgv(argv), io.env, io.cwd);
    const { openStore } = await import('../owner/node-store.js');
    const store = await openStore({ home, live: false });
    try {
      for (const g of findings) {
        if (!g.candidate) continue;
        if (g.kind === 'session') {
          const session = store.findOwnerSession(g.candidate);
          if (session?.live) return { id: session.id, kind: 'session' };
          continue;
        }
        const cred = store.findByToken(g.candidate);
        if (cred && cred.state === 'live') return { id: cred.id, kind: cred.kind };
      }
    } finally {
      store.close();
    }
  } catch {
    // No usable store: the refusal stands without the lookup.
  }
  return undefined;
}

/** Builds the refusal; when the value is a live credential of this node, says so and how to rotate it. */
async function argvRefusal(argv: readonly string[], findings: ArgvFinding[], io: IO): Promise<B3iqError> {
  const f = findings[0]!;
  let message: string;
  let hint: string;
  if (f.what === 'credential') {
    message = `Refused: argument ${f.position} looks like ${withArticle(KINDS[f.kind!].label)}; secrets are never accepted as arguments (shell history and process listings keep them).`;
    hint = passHint(f.kind!);
    const live = await liveCredentialAmong(argv, findings, io);
    if (live?.kind === 'session') {
      message = `Refused: argument ${f.position} is a live owner session cookie of this node (${live.id}): treat it as exposed and end it now: b3iq owner sessions revoke ${live.id}`;
    } else if (live) {
      const cmds = KIND_COMMANDS[live.kind];
      const fix = cmds.replace === cmds.revoke ? `${cmds.revoke} ${live.id}` : `${cmds.replace} ${live.id} (or ${cmds.revoke} ${live.id})`;
      message = `Refused: argument ${f.position} is a live ${KINDS[live.kind].label} of this node (${live.id}): treat it as exposed and replace it now: ${fix}`;
      hint = `Never pass secrets as arguments. ${passHint(live.kind)}`;
    }
  } else {
    message = f.flag
      ? `Refused: ${f.flag} would put a secret on the command line (argument ${f.position}).`
      : `Refused: argument ${f.position} looks like an option carrying a secret; secrets are never accepted as arguments.`;
    const path = commandPathOf(await buildProgram({ makeContext: noContext, setExitCode: () => {} }, { argv }), argv);
    hint = `Use the matching --…-file PATH flag (- for stdin) or its B3IQ_…_FILE environment variable; ${helpHint(path).replace(/^See/, 'see')}.`;
  }
  return new B3iqError('E_SECRET_IN_ARGV', message, { hint });
}

/** The refusal only reads the command tree's names: no command runs. */
const noContext = (): never => {
  throw new Error('no command runs during an argv refusal');
};

type Stream = IO['stdout'] & { columns?: number; hasColors?: () => boolean };

/** A terminal's width; 80 otherwise, as commander would choose. */
function terminalColumns(s: Stream): number {
  return s.isTTY && s.columns ? s.columns : 80;
}

function hasColors(s: Stream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR || env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return s.isTTY === true && s.hasColors?.() === true;
}

export interface MainOptions {
  io?: IO;
  context?: Omit<ContextInit, 'io' | 'home' | 'globals'>;
}

/** Runs the CLI; returns the exit code. The one place errors become exit codes. */
export async function main(argv: string[], mainOpts: MainOptions = {}): Promise<ExitCodeValue> {
  const io = mainOpts.io ?? processIO();
  const wantsJson = argv.includes('--json');
  // Callers await loadLazy() first.
  const fallbackOut = () => new lazy!.Output(io.stdout, io.stderr, wantsJson, false, lazy!.useColor(io.stderr, io.env, argv.includes('--no-color')));
  const debug = io.env.B3IQ_DEBUG === '1';
  if (argv[0] === '__complete-ids') {
    const { completeIdsMain } = await import('./complete-ids.js');
    return (await completeIdsMain(argv.slice(1), io.env, (s) => io.stdout.write(s))) as ExitCodeValue;
  }

  const findings = scanArgv(argv);
  if (findings.length > 0) {
    const refusal = await argvRefusal(argv, findings, io);
    await loadLazy();
    return fallbackOut().error(refusal, false);
  }

  // `--version --json`, wherever the flags stand (`b3iq keys list -V --json` too, as commander
  // answers -V anywhere): one JSON document, as every --json run prints.
  if (wantsJson && asksVersion(argv)) {
    io.stdout.write(`${JSON.stringify({ version: VERSION })}\n`);
    return ExitCode.ok;
  }

  let exitCode: ExitCodeValue = ExitCode.ok;
  let out: Output | undefined;
  let known: Set<string> | undefined;
  const guarded = (o: Output): Output => {
    o.guardArgv({ argv, known: (known ??= lazy!.knownWords(program)), cwd: io.cwd });
    o.helpHint = helpHint(commandPathOf(program, argv));
    return o;
  };
  const program = await buildProgram(
    {
      makeContext: (globals: GlobalOptions) => {
        const ctx = lazy!.createContext({ ...mainOpts.context, io, globals, argv, home: lazy!.resolveHome(globals.home, io.env, io.cwd) });
        out = guarded(ctx.out);
        lazy!.keychainModeOf(io.env); // an invalid B3IQ_KEYCHAIN is a usage error for every command
        return ctx;
      },
      setExitCode: (c) => {
        exitCode = c;
      },
    },
    { argv },
  );
  let usageError: string | undefined; // commander's own text, never printed as is
  let errorHelp = '';
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => {
      // Help shown for an error (a missing subcommand): held until we know it is wanted.
      if (!/^error:/i.test(s)) errorHelp += s;
    },
    outputError: (s) => {
      usageError = s;
    },
    // Commander would measure process.stdout/stderr itself: ask io, the one door.
    getOutHelpWidth: () => terminalColumns(io.stdout),
    getErrHelpWidth: () => terminalColumns(io.stderr),
    getOutHasColors: () => hasColors(io.stdout, io.env),
    getErrHasColors: () => hasColors(io.stderr, io.env),
  });
  // Every level (`owner sessions revoke` is three deep): commander's defaults would print
  // its own error text, echoing the argument, and exit the process with code 1.
  const override = (c: Command): void => {
    for (const sub of c.commands) {
      sub.exitOverride();
      sub.configureOutput(program.configureOutput());
      override(sub);
    }
  };
  override(program);

  program.hook('preAction', async () => {
    await loadLazy(); // makeContext (sync) runs inside the action, after this hook
  });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return ExitCode.ok;
    }
    const help = resolveHelpCommand(program, argv);
    if (help && 'unknownAt' in help) {
      await loadLazy();
      const level = commandPathOf(
        program,
        argv.slice(0, help.unknownAt - 1).filter((a) => a !== 'help'),
      );
      return guarded(fallbackOut()).error(new B3iqError('E_USAGE', `Argument ${help.unknownAt} is not a b3iq command`, { hint: helpHint(level) }), debug);
    }
    await program.parseAsync(help ? help.argv : argv, { from: 'user' });
    out?.finish();
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.help') {
        // `b3iq help` / `b3iq keys help`: the help asked for, on stdout. `b3iq keys` (no
        // subcommand) shows the group's help on stderr, as gh does, except under --json,
        // where it is one JSON error.
        if (errorHelp === '') return ExitCode.ok;
        if (!wantsJson) {
          io.stderr.write(errorHelp);
          return ExitCode.ok;
        }
        await loadLazy();
        const msg = 'A command is needed here.';
        return (out ?? guarded(fallbackOut())).error(new B3iqError('E_USAGE', msg, { hint: helpHint(commandPathOf(program, argv)) }), debug);
      }
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return ExitCode.ok;
      if (e.code === 'commander.executeSubCommandAsync') return ExitCode.ok;
    }
    await loadLazy();
    if (e instanceof CommanderError) {
      const msg = lazy!.usageMessage(e.code, usageError ?? e.message, argv);
      return (out ?? guarded(fallbackOut())).error(new B3iqError('E_USAGE', msg, { hint: helpHint(commandPathOf(program, argv)) }), debug);
    }
    if (isB3iqError(e)) return (out ?? guarded(fallbackOut())).error(e, debug);
    const internal = new B3iqError('E_IO', `Unexpected error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, {
      hint: debug ? undefined : 'Run again with B3IQ_DEBUG=1 for details.',
    } as { hint?: string });
    if (debug && e instanceof Error) internal.stack = e.stack;
    return (out ?? guarded(fallbackOut())).error(internal, debug);
  }
}

/** -V or --version among the options (not after `--`, and not when help is asked for first). */
function asksVersion(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const opts = end === -1 ? argv : argv.slice(0, end);
  const at = opts.findIndex((a) => a === '-V' || a === '--version');
  const help = opts.findIndex((a) => a === '-h' || a === '--help');
  return at !== -1 && (help === -1 || at < help);
}

/** `a local API key`, `an owner session cookie`. */
function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** How a secret of this kind is passed instead; an owner session cookie is never passed at all. */
function passHint(kind: CredentialKindName): string {
  return KINDS[kind].secret
    ? `Pass it with ${safeWays(kind)}.`
    : 'A session cookie is never given to b3iq: it belongs to the browser that signed in (b3iq owner sessions revoke ends a copied one).';
}
