import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAll } from './index.js';

/** `npm run gen`: regenerates completions/ and man/ from the command tree. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
for (const [rel, content] of Object.entries(await generateAll())) {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (before === content) continue;
  fs.writeFileSync(file, content, { mode: 0o644 });
  process.stdout.write(`wrote ${rel}\n`);
}
