import { createRequire } from 'node:module';

/** The tool's version: package.json is its one source (bin/b3iq.js reads the same file). */
export const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
