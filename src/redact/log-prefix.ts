/**
 * The line prefixes log collectors add (ISO or Go `2006/01/02` timestamp, a container runtime's
 * `stdout F`, journalctl short-iso `host proc[pid]: `, a level and a Python `[logger]` or Rust
 * `crate::module:` target, syslog `Mon DD HH:MM:SS host proc[pid]: `, RFC 5424, docker compose
 * `service-1  | `, `kubectl logs --prefix` `[pod/x/c] `), so that what a program printed on
 * several lines is still read as one block behind them.
 */
export const LOG_PREFIX_RE = new RegExp(
  '^(?:' +
    [
      String.raw`(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?|\d{4}/\d\d/\d\d[ \t]+\d\d:\d\d:\d\d(?:\.\d+)?)[ \t]+` +
        String.raw`(?:std(?:out|err)[ \t]+[FP][ \t]+)?(?:[\w.-]+[ \t]+[\w.-]+\[\d+\]:[ \t]+)?` +
        String.raw`(?:(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)[ \t]+(?:\[[^\]\s]*\][ \t]+|[\w.]+(?:::[\w.]+)+:[ \t]+)?)?`,
      String.raw`[A-Z][a-z]{2}[ \t]+\d{1,2}[ \t]+\d\d:\d\d:\d\d[ \t]+\S+[ \t]+[^\s:]+:[ \t]+`,
      String.raw`<\d{1,3}>1[ \t]+(?:\S+[ \t]+){5}(?:-|\[[^\]]*\])[ \t]+`,
      String.raw`[\w.-]+-\d+[ \t]+\|[ \t]+`,
      String.raw`\[pod/[^\]\s]+\][ \t]+`,
    ].join('|') +
    ')',
);

/** Where the text after a log prefix (and blanks) starts. */
export function afterLogPrefix(line: string): number {
  const p = LOG_PREFIX_RE.exec(line);
  let i = p === null ? 0 : p[0].length;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return i;
}
