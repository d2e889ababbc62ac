import { buildProgram } from '../cli/program.js';

/**
 * The top-level help exactly as commander prints it to a pipe (80 columns, no colour),
 * rendered from the command tree. The build writes it to dist/cli/help.txt so that
 * bin/b3iq.js can answer `b3iq --help` without loading the CLI (docs/performance.md);
 * test/unit/help-prerender.test.js keeps it equal to commander's output.
 */
export async function topLevelHelp(): Promise<string> {
  const program = await buildProgram({
    makeContext: () => {
      throw new Error('not run');
    },
    setExitCode: () => undefined,
  });
  program.configureOutput({ getOutHelpWidth: () => undefined as unknown as number, getOutHasColors: () => false });
  return program.helpInformation();
}
