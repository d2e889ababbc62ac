/** A command's `--json` result as written to stdout: two-space indented, one trailing newline. */
export const jsonDocument = (doc: unknown): string => `${JSON.stringify(doc, null, 2)}\n`;
