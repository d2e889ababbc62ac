/**
 * Small scanning states the keyed pass shares with the engine: a JSON-ish container that
 * may run over several lines, and a memo that keeps rescans inside long values linear.
 */
import { BACKSLASH, DQUOTE, LBRACE, LBRACKET, RBRACE, RBRACKET } from './chars.js';

/** Where a JSON-ish container opened under a sensitive key stands, across lines. */
export interface ContainerState {
  depth: number;
  inStr: boolean;
  esc: boolean;
  quote: number;
  lines: number;
}

export function newContainerState(): ContainerState {
  return { depth: 0, inStr: false, esc: false, quote: DQUOTE, lines: 0 };
}

/** Scans a container from `from` (at `{`/`[`, or mid-way); the index after it, or -1 (state kept). */
export function scanBalanced(line: string, from: number, st: ContainerState): number {
  for (let i = from; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (st.inStr) {
      if (st.esc) st.esc = false;
      else if (c === BACKSLASH) st.esc = true;
      else if (c === st.quote) st.inStr = false;
      continue;
    }
    if (c === DQUOTE) {
      st.inStr = true;
      st.quote = DQUOTE;
    } else if (c === LBRACE || c === LBRACKET) st.depth++;
    else if (c === RBRACE || c === RBRACKET) {
      st.depth--;
      if (st.depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Remembers the first stop at or after an index, so rescans inside long values stay linear. */
export class StopMemo {
  private from = -1;
  private at = -1;
  get(k: number, find: (k: number) => number): number {
    if (k >= this.from && k <= this.at) return this.at;
    this.from = k;
    this.at = find(k);
    return this.at;
  }
}
