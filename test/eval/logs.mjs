// Scores what the redactor keeps of ordinary diagnostics in real-looking logs: ports, host:port
// pairs, component names, hostnames, error text, Unix user names in sshd lines. Such lines hold
// no secret, so every marker on them is a false redaction.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateLogs } from './gen-logs.mjs';

const MARKER = /\[REDACTED:([a-z0-9-]+)\]/g;
const PSEUDO = '\\[[a-z][a-z-]*-(?:\\d+|h[0-9a-f]+)\\]';
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function loghubFiles(dir) {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.log'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

export function generatedFiles() {
  return Object.entries(generateLogs()).map(([name, text]) => ({ name, text }));
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The diagnostics of one input line, by kind: [{kind, value, kept(out) -> bool}]. */
export function diagnosticsOf(line) {
  const found = [];
  const add = (kind, value, test) => found.push({ kind, value, test });
  // host:port (IPv4, names, [v6]); the port alone is kept when ":port" survives after a host or a pseudonym.
  for (const m of line.matchAll(/(?<![\w.:/-])\/?((?:\d{1,3}(?:\.\d{1,3}){3})|(?:[A-Za-z][\w-]*(?:\.[\w-]+)*)|\[[0-9a-fA-F:]+\])\s?:(\d{2,5})(?![\d.\w])/g)) {
    const [, host, port] = m;
    if (/^(?:\d\d)$/.test(host) || Number(port) > 65535) continue;
    if (/^(?:https?|ftp|ssh|tcp|udp)$/i.test(host)) continue;
    add('port', port, (out) => new RegExp(`(?:${esc(host)}|${PSEUDO}|\\S)\\s?:${port}(?!\\d)`).test(out));
    add('host:port', `${host}:${port}`, (out) => new RegExp(`(?:${esc(host)}|${PSEUDO})\\s?:${port}(?!\\d)`).test(out));
  }
  for (const m of line.matchAll(/\bport (\d{1,5})\b/g)) add('port', m[1], (out) => out.includes(`port ${m[1]}`));
  // Components: Java-style classes, Name$Inner@line, syslog program[pid].
  for (const m of line.matchAll(/\b(?:[a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_]*(?:\$[A-Za-z0-9_]+)?/g)) add('component', m[0], (out) => out.includes(m[0]));
  for (const m of line.matchAll(/\b[A-Z][A-Za-z0-9]+(?:\$[A-Za-z0-9]+)?@\d+\b/g)) add('component', m[0], (out) => out.includes(m[0]));
  const prog = /^(?:\w{3}\s+\d+ \d\d:\d\d:\d\d|\S+T\S+) (\S+) ([A-Za-z][\w./-]*(?:\([\w:]+\))?)\[\d+\]:/.exec(line);
  if (prog) {
    add('component', prog[2], (out) => out.includes(`${prog[2]}[`));
    if (!IPV4.test(prog[1])) add('hostname', prog[1], (out) => out.includes(` ${prog[1]} `));
  }
  for (const m of line.matchAll(/\b(?:host|hostname|node|server)[= ]([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)*)\b/gi)) {
    add('hostname', m[1], (out) => out.includes(m[1]));
  }
  // Unix user names in sshd / PAM lines.
  if (/sshd|pam_unix|su\[|sudo/.test(line)) {
    for (const m of line.matchAll(/\b(?:for(?: invalid user)?|[Ii]nvalid user|user[= ]|by user|for user)\s?([a-z_][a-z0-9_.-]{0,31})\b(?! from)?/g)) {
      if (/^(?:invalid|user|from|none|unknown)$/.test(m[1])) continue;
      add('unix-user', m[1], (out) => new RegExp(`(?:for|user|invalid user)[= ]?\\s?${esc(m[1])}\\b`).test(out));
    }
  }
  // Error text: every word of a line that reports an error or a failure.
  if (/\b(?:error|errors|failed|failure|fail|exception|refused|denied|invalid|timed? ?out|cannot|unable|warn(?:ing)?|fatal|broken)\b/i.test(line)) {
    add('error-text', line, (out) => {
      const words = (s) => s.replace(MARKER, ' ').match(/[A-Za-z]{3,}/g) ?? [];
      const have = new Set(words(out));
      return words(line).every((w) => have.has(w) || /^(?:ip|host|path|email|url)$/i.test(w));
    });
  }
  return found;
}

/** Redacts each file as a whole and compares line by line. */
export function scoreLogs(files, redactText) {
  const r = { files: files.length, lines: 0, linesChanged: 0, linesMarked: 0, benignMarked: 0, kept: {}, markers: {}, perFile: {}, examples: [] };
  for (const kind of ['port', 'host:port', 'component', 'hostname', 'unix-user', 'error-text']) r.kept[kind] = { seen: 0, kept: 0 };
  for (const { name, text } of files) {
    const pf = (r.perFile[name] = { lines: 0, changed: 0, marked: 0, diagnostics: 0, lost: 0 });
    const inLines = text.split('\n');
    let outLines = redactText(text).split('\n');
    if (outLines.length !== inLines.length) outLines = inLines.map((l) => redactText(l));
    inLines.forEach((line, i) => {
      if (line === '' && i === inLines.length - 1) return;
      const out = outLines[i];
      r.lines++;
      pf.lines++;
      if (out !== line) {
        r.linesChanged++;
        pf.changed++;
      }
      const marks = [...out.matchAll(MARKER)].map((m) => m[1]);
      if (marks.length) {
        r.linesMarked++;
        r.benignMarked++;
        pf.marked++;
        for (const c of marks) r.markers[c] = (r.markers[c] ?? 0) + 1;
      }
      const lost = [];
      for (const d of diagnosticsOf(line)) {
        r.kept[d.kind].seen++;
        pf.diagnostics++;
        if (d.test(out)) r.kept[d.kind].kept++;
        else {
          pf.lost++;
          lost.push(`${d.kind} ${d.kind === 'error-text' ? '' : d.value}`.trim());
        }
      }
      if ((lost.length || marks.length) && r.examples.length < 200) {
        r.examples.push({ file: name, why: [...lost, ...marks.map((m) => `marker ${m}`)].join(', '), in: line, out });
      }
    });
  }
  return r;
}
