/**
 * The line prefixes log collectors add (ISO timestamp, a container runtime's `stdout F`,
 * syslog `Mon DD HH:MM:SS host proc[pid]: `, RFC 5424), so that what a program printed on
 * several lines is still read as one block behind them.
 */
export const LOG_PREFIX_RE =
  /^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?[ \t]+(?:std(?:out|err)[ \t]+[FP][ \t]+)?|[A-Z][a-z]{2}[ \t]+\d{1,2}[ \t]+\d\d:\d\d:\d\d[ \t]+\S+[ \t]+[^\s:]+:[ \t]+|<\d{1,3}>1[ \t]+(?:\S+[ \t]+){5}(?:-|\[[^\]]*\])[ \t]+)/;

/** Where the text after a log prefix (and blanks) starts. */
export function afterLogPrefix(line: string): number {
  const p = LOG_PREFIX_RE.exec(line);
  let i = p === null ? 0 : p[0].length;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}
