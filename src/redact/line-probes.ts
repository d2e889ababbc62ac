/**
 * Literal regexes that per-line states test on every line. The batch scan finds their literals
 * with the rules' (no extra pass, see needs-scan.ts), so a line of a batch without one skips
 * the regex (`BatchRows.lacks`). Only regexes that are all literals help: the scanner must hold
 * all of a probe for its absence to mean anything (checked by test/unit/redact-batch.test.js).
 */
import { ANNOUNCE_LITS_RE } from './next-line.js';
import { WATCH_LITS_RE } from './openvpn.js';

export const LINE_PROBES: readonly RegExp[] = [ANNOUNCE_LITS_RE, WATCH_LITS_RE];
/** Indexes in LINE_PROBES: what a line that may announce the next line's secret holds; what shows an auth-user-pass file. */
export const PROBE_ANNOUNCE = 0;
export const PROBE_WATCH = 1;
