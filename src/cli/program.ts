import { Command, Option } from 'commander';
import type { Context, GlobalOptions } from './context.js';
import type { ExitCodeValue } from '../core/errors.js';
import * as init from './commands/init.js';
import * as status from './commands/status.js';
import * as keysCreate from './commands/keys/create.js';
import * as keysList from './commands/keys/list.js';
import * as keysShow from './commands/keys/show.js';
import * as keysRevoke from './commands/keys/revoke.js';
import * as keysRotate from './commands/keys/rotate.js';
import * as keysVerify from './commands/keys/verify.js';
import * as supportGrant from './commands/support/grant.js';
import * as supportList from './commands/support/list.js';
import * as supportRevoke from './commands/support/revoke.js';
import * as supportVerify from './commands/support/verify.js';
import * as supportBundle from './commands/support/bundle.js';
import * as redactCmd from './commands/redact.js';
import * as publicCheck from './commands/public/check.js';
import * as setupTokenCreate from './commands/setup-token/create.js';
import * as setup from './commands/setup.js';
import * as recover from './commands/recover.js';
import * as ownerPasswd from './commands/owner/passwd.js';
import * as ownerLogoutAll from './commands/owner/logout-all.js';
import * as gatewayLogin from './commands/gateway/login.js';
import * as gatewayStatus from './commands/gateway/status.js';
import * as gatewayLogout from './commands/gateway/logout.js';
import * as scan from './commands/scan.js';
import * as requestConfig from './commands/request-config.js';
import * as doctor from './commands/doctor.js';
import * as audit from './commands/audit.js';
import * as completion from './commands/completion.js';

/**
 * The command tree: the single source for parsing, help, completions and the man page.
 * Each command module exports configure(cmd) (flags) and run(opts, ctx) (the work).
 */
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

export const VERSION = '0.1.0';

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function buildProgram(hooks: ProgramHooks): Command {
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

  const add = <O>(parent: Command, name: string, mod: CommandModule<O>): Command => {
    const cmd = mod.configure(parent.command(name)).helpOption('-h, --help', 'show help');
    cmd.action(async (...args: unknown[]) => {
      const self = args.at(-1) as Command;
      const opts: Record<string, unknown> = { ...self.opts() };
      self.registeredArguments.forEach((a, i) => {
        opts[camel(a.name())] = self.processedArgs[i];
      });
      const ctx = hooks.makeContext(self.optsWithGlobals() as GlobalOptions);
      const code = await mod.run(opts as O, ctx);
      hooks.setExitCode(code ?? 0);
    });
    return cmd;
  };

  add(program, 'init', init);
  add(program, 'status', status);

  const setupToken = program.command('setup-token').description('one-time setup tokens for b3iq setup and b3iq recover (b3iq_setup_…)');
  add(setupToken, 'create', setupTokenCreate);
  add(program, 'setup', setup);
  add(program, 'recover', recover);
  const owner = program.command('owner').description('the owner password and owner sessions');
  add(owner, 'passwd', ownerPasswd);
  add(owner, 'logout-all', ownerLogoutAll);

  const keys = program.command('keys').description('issue, list, rotate, revoke and verify local API keys (b3iq_local_…)');
  add(keys, 'create', keysCreate);
  add(keys, 'list', keysList);
  add(keys, 'show', keysShow);
  add(keys, 'revoke', keysRevoke);
  add(keys, 'rotate', keysRotate);
  add(keys, 'verify', keysVerify);

  const support = program.command('support').description('temporary support grants (b3iq_support_…) and redacted diagnostics bundles');
  add(support, 'grant', supportGrant);
  add(support, 'list', supportList);
  add(support, 'revoke', supportRevoke);
  add(support, 'verify', supportVerify);
  add(support, 'bundle', supportBundle);
  add(program, 'redact', redactCmd);
  const publicCmd = program.command('public').description('the public surface boundary');
  add(publicCmd, 'check', publicCheck);

  const gateway = program.command('gateway').description('the hosted gateway key (b3iq_gateway_…), kept in the OS keychain apart from local keys');
  add(gateway, 'login', gatewayLogin);
  add(gateway, 'status', gatewayStatus);
  add(gateway, 'logout', gatewayLogout);

  add(program, 'request-config', requestConfig);
  add(program, 'scan', scan);
  add(program, 'doctor', doctor);
  add(program, 'audit', audit);
  add(program, 'completion', completion);

  return program;
}

export { Option };
