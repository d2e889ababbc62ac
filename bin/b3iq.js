#!/usr/bin/env node
// Thin entry: answer --version without loading anything, else load the CLI lazily.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
} else if (argv[0] === '__complete-ids') {
  // Shell completion asks for credential ids on every TAB: skip commander and the tree.
  const { completeIdsMain } = await import('../dist/cli/complete-ids.js');
  process.exitCode = await completeIdsMain(argv.slice(1), process.env, (s) => process.stdout.write(s));
} else {
  const { main } = await import('../dist/cli/main.js');
  process.exitCode = await main(argv);
}
