import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { topLevelHelp } from './help.js';

/** Part of `npm run build`: writes dist/cli/help.txt for bin/b3iq.js's --help fast path. */
writeFileSync(fileURLToPath(new URL('../cli/help.txt', import.meta.url)), await topLevelHelp(), { mode: 0o644 });
