/**
 * Where an overlong line's head is cut: after the last blank, quote, comma or semicolon in its
 * final 4 096 characters (so no secret is emitted cut in half), or 4 096 characters before its
 * end when there is none.
 */
export function overlongCut(head: string): number {
  const lo = Math.max(0, head.length - 4096);
  for (let i = head.length - 1; i >= lo; i--) {
    const c = head.charCodeAt(i);
    if (c <= 32 || c === 34 || c === 39 || c === 44 || c === 59) return i + 1;
  }
  return lo;
}
