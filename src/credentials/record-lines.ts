import { RECORD_KINDS, recordIdRe } from '../core/credential-kinds.js';

/**
 * A faster proof of what isValidRecord checks, for records as serialize() writes them: one
 * per line, their fields in the order the store writes them. A CLI checks every record of
 * the file once, cold (interpreted code): one native regex test per line costs a fraction
 * of isValidRecord's property checks and Date.parse calls (docs/performance.md, Start-up).
 *
 * The shape below accepts only lines isValidRecord accepts (`test/unit/record-lines.test.js`
 * checks that, dates included): a string field is any JSON string or null, a time is
 * `YYYY-MM-DDTHH:MM:SS.sssZ` with every part in range (each such string parses), the id,
 * kind and hash as records.ts requires. Anything else (another field order, an extra
 * field, a hand-edited line) is not rejected here: the caller checks every record with
 * isValidRecord as before. Unique ids are the caller's check either way.
 */
const STR = '"(?:[^"\\\\]|\\\\.)*"';
const STR_OR_NULL = `(?:null|${STR})`;
const TIME = '"\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d\\.\\d{3}Z"';
const TIME_OR_NULL = `(?:null|${TIME})`;
const ID = `"${recordIdRe('{8,32}').source.slice(1, -1)}"`;
const BOOL = '(?:true|false)';

const RECORD_LINE = new RegExp(
  [
    `\\{"id":${ID}`,
    `"kind":"(?:${RECORD_KINDS.join('|')})"`,
    `"name":${STR_OR_NULL}`,
    `"scopes":\\[(?:${STR}(?:,${STR})*)?\\]`,
    '"hash":"sha256:[0-9a-f]{64}"',
    `"createdAt":${TIME}`,
    `"expiresAt":${TIME_OR_NULL}`,
    `"revokedAt":${TIME_OR_NULL}`,
    `"revokeReason":${STR_OR_NULL}`,
    `"usedAt":${TIME_OR_NULL}`,
    `"dev":${BOOL}`,
    `"note":${STR_OR_NULL}`,
    `"rotatedFrom":${STR_OR_NULL}`,
    `"rotatedTo":${STR_OR_NULL}(?:,"parentId":(?:null|${ID}))?(?:,"savedCopy":${BOOL})?\\},?\\n`,
  ].join(','),
  'y',
);

const HEAD_END = ',"credentials":[';
const COMMA = 0x2c;

/** One line (newline included) of the record shape above; exported for its test. */
export function isRecordLine(line: string): boolean {
  RECORD_LINE.lastIndex = 0;
  return RECORD_LINE.test(line) && RECORD_LINE.lastIndex === line.length;
}

/**
 * True when `text` (a snapshot that JSON.parse accepted, with `count` records) is
 * serialize()'s layout: a head line ending `,"credentials":[`, then `count` lines each one
 * record of the shape above (a comma after all but the last), then `]}`. Each of those
 * records then keeps isValidRecord. False says nothing about the records.
 */
export function recordLinesValid(text: string, count: number): boolean {
  if (count === 0) return false;
  let pos = text.indexOf('\n') + 1;
  if (pos === 0 || !text.startsWith(HEAD_END, pos - 1 - HEAD_END.length)) return false;
  for (let i = 0; i < count; i++) {
    RECORD_LINE.lastIndex = pos;
    if (!RECORD_LINE.test(text)) return false;
    pos = RECORD_LINE.lastIndex;
    // A comma ends every record line but the last (two objects on a line never match).
    if ((text.charCodeAt(pos - 2) === COMMA) !== i < count - 1) return false;
  }
  const rest = text.length - pos;
  return (rest === 2 || (rest === 3 && text.endsWith('\n'))) && text.startsWith(']}', pos);
}
