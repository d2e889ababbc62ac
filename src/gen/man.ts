import { VERSION } from '../core/version.js';
import { AFTER_COMMANDS, DESCRIPTION, NAME_LINE, type Block } from './man-text.js';
import { allCommands, type CommandModel, type OptionModel } from './tree.js';

/** Text for roff: backslashes, hyphens (so commands copy-paste as typed) and non-ASCII escaped. */
export function roff(s: string): string {
  return s
    .replace(/\\/g, '\\e')
    .replace(/-/g, '\\-')
    .replace(/[^\x00-\x7f]/g, (c) => `\\[u${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

/** A text line: a leading . or ' would be read as a request. */
function text(s: string): string {
  const e = roff(s);
  return /^[.']/.test(e) ? `\\&${e}` : e;
}

function blocks(list: Block[]): string[] {
  const out: string[] = [];
  for (const b of list) {
    if (typeof b === 'string') out.push('.PP', text(b));
    else if ('items' in b) {
      for (const [tag, body] of b.items) out.push('.TP', `.B ${quoteArg(tag)}`, text(body));
    } else {
      out.push('.PP', '.RS 4', '.nf', ...b.code.map((l) => text(l)), '.fi', '.RE');
    }
  }
  return out;
}

/** An argument to a roff request: quoted, with inner quotes doubled. */
function quoteArg(s: string): string {
  return `"${roff(s).replace(/"/g, '""')}"`;
}

function optionHead(o: OptionModel): string {
  const names = [o.short, o.long]
    .filter((x): x is string => x !== undefined)
    .map((n) => `\\fB${roff(n)}\\fR`)
    .join(', ');
  return o.takesValue ? `${names} \\fI${roff(o.valueName ?? 'value')}\\fR` : names;
}

function optionBody(o: OptionModel): string {
  const notes: string[] = [];
  if (o.mandatory) notes.push('required');
  if (o.choices.length > 0) notes.push(`one of: ${o.choices.join(', ')}`);
  if (o.defaultValue !== undefined) notes.push(`default: ${o.defaultValue}`);
  return text(`${o.description}${notes.length ? ` (${notes.join('; ')})` : ''}.`.replace(/\.\.$/, '.').replace(/\)\.$/, ').'));
}

function synopsis(c: CommandModel): string {
  const parts = [`\\fBb3iq ${roff(c.path.join(' '))}\\fR`];
  for (const o of c.options) {
    if (!o.mandatory) continue;
    parts.push(`${optionHead(o)}`);
  }
  if (c.options.some((o) => !o.mandatory && o.long !== '--help')) parts.push('[\\fIoptions\\fR]');
  for (const a of c.args) {
    const n = `\\fI${roff(a.choices.length ? a.choices.join('|') : a.name.toUpperCase())}\\fR${a.variadic ? '\\&...' : ''}`;
    parts.push(a.required ? n : `[${n}]`);
  }
  return parts.join(' ');
}

/** man/b3iq.1: generated sections from the tree, hand-written ones from man-text.ts. */
export function manPage(root: CommandModel): string {
  const L: string[] = [
    '.\\" Generated from the command tree and src/gen/man-text.ts by `npm run gen`; do not edit by hand.',
    `.TH B3IQ 1 "" "b3iq\\-operator ${roff(VERSION)}" "User Commands"`,
    '.SH NAME',
    `b3iq \\- ${roff(NAME_LINE)}`,
    '.SH SYNOPSIS',
    '\\fBb3iq\\fR [\\fIglobal options\\fR] \\fIcommand\\fR [\\fIoptions\\fR] [\\fIarguments\\fR]',
    '.SH DESCRIPTION',
    ...blocks(DESCRIPTION),
    '.SH GLOBAL OPTIONS',
    text('These apply to every command, before or after its name.'),
  ];
  for (const o of root.options) L.push('.TP', optionHead(o), optionBody(o));
  L.push('.SH COMMANDS');
  for (const c of allCommands(root)) {
    if (c.path.length === 0) continue;
    L.push(`.SS ${quoteArg(`b3iq ${c.path.join(' ')}`)}`);
    if (c.commands.length > 0) {
      L.push(
        text(`${c.description[0]?.toUpperCase() ?? ''}${c.description.slice(1)}.`),
        '.PP',
        text(`Subcommands: ${c.commands.map((s) => s.name).join(', ')}.`),
      );
      continue;
    }
    L.push(synopsis(c), '.PP', text(`${c.description[0]?.toUpperCase() ?? ''}${c.description.slice(1)}.`));
    for (const a of c.args) if (a.description) L.push('.TP', `\\fI${roff(a.name.toUpperCase())}\\fR`, text(`${a.description}.`));
    for (const o of c.options) if (o.long !== '--help') L.push('.TP', optionHead(o), optionBody(o));
  }
  for (const s of AFTER_COMMANDS) L.push(`.SH ${quoteArg(s.title)}`, ...blocks(s.blocks));
  return L.join('\n') + '\n';
}
