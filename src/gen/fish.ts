import { allCommands, optionWords, type CommandModel, type OptionModel } from './tree.js';

/** fish single quotes: only \\ and \' are escapes. */
function fq(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function valueFlags(o: OptionModel): string {
  switch (o.kind) {
    case 'choice':
      return `-x -a ${fq(o.choices.join(' '))}`;
    case 'file':
      return '-r -F';
    case 'dir':
      return `-x -a '(__fish_complete_directories)'`;
    default:
      return o.takesValue ? '-x' : '';
  }
}

function optionLine(o: OptionModel, cond: string | undefined): string {
  const parts = ['complete -c b3iq'];
  if (cond !== undefined) parts.push(`-n ${fq(cond)}`);
  if (o.short) parts.push(`-s ${o.short.slice(1)}`);
  if (o.long) parts.push(`-l ${o.long.slice(2)}`);
  const v = valueFlags(o);
  if (v) parts.push(v);
  parts.push(`-d ${fq(o.description)}`);
  return parts.join(' ');
}

/** The fish completion script, from the command tree. */
export function fishCompletion(root: CommandModel): string {
  const cmds = allCommands(root);
  const globals = root.options.filter((o) => o.long !== '--version' && o.long !== '--help');
  const at = (c: CommandModel) => `__b3iq_at ${fq(c.path.join(' '))}`;
  const L: string[] = [
    '# fish completion for b3iq (b3iq-operator).',
    '# Generated from the command tree by `npm run gen`; do not edit by hand.',
    '# Install it as ~/.config/fish/completions/b3iq.fish, or load it with: b3iq completion fish | source',
    '',
    'function __b3iq_subcommands',
    '    switch "$argv[1]"',
  ];
  for (const c of cmds)
    if (c.commands.length > 0) L.push(`        case ${fq(c.path.join(' '))}`, `            printf '%s\\n' ${c.commands.map((s) => fq(s.name)).join(' ')}`);
  L.push('    end', 'end', '', 'function __b3iq_takes_value', '    switch "$argv[1]|$argv[2]"');
  const globalWords = globals.filter((o) => o.takesValue).flatMap(optionWords);
  const pairs: string[] = globalWords.map((w) => fq(`*|${w}`));
  for (const c of cmds)
    for (const o of c.options) if (o.takesValue && !globals.includes(o)) for (const w of optionWords(o)) pairs.push(fq(`${c.path.join(' ')}|${w}`));
  if (pairs.length > 0) L.push(`        case ${pairs.join(' ')}`, '            return 0');
  L.push(
    '    end',
    '    return 1',
    'end',
    '',
    '# The subcommand path typed so far, e.g. "keys create".',
    'function __b3iq_path',
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    "    set -l path ''",
    '    set -l skip 0',
    '    for t in $tokens',
    '        if test $skip -eq 1',
    '            set skip 0',
    '            continue',
    '        end',
    "        if string match -q -- '-*' $t",
    '            if not string match -q -- \'*=*\' $t; and __b3iq_takes_value "$path" $t',
    '                set skip 1',
    '            end',
    '            continue',
    '        end',
    '        if contains -- $t (__b3iq_subcommands "$path")',
    '            set path (string trim -- "$path $t")',
    '        end',
    '    end',
    '    echo $path',
    'end',
    '',
    'function __b3iq_at',
    '    set -l p (__b3iq_path)',
    '    test "$p" = "$argv[1]"',
    'end',
    '',
    "# This node's credential ids, id<TAB>label (read from the records, never a secret; no write).",
    'function __b3iq_ids',
    '    set -l tokens (commandline -opc)',
    '    set -l home',
    '    for i in (seq (count $tokens))',
    '        if test "$tokens[$i]" = --home; and test $i -lt (count $tokens)',
    '            set home --home $tokens[(math $i + 1)]',
    "        else if string match -q -- '--home=*' $tokens[$i]",
    "            set home --home (string replace -- '--home=' '' $tokens[$i])",
    '        end',
    '    end',
    '    b3iq __complete-ids $argv[1] $home 2>/dev/null',
    'end',
    '',
    'complete -c b3iq -f',
  );
  for (const o of globals) L.push(optionLine(o, undefined));
  for (const c of cmds) {
    for (const s of c.commands) L.push(`complete -c b3iq -n ${fq(at(c))} -a ${fq(s.name)} -d ${fq(s.description)}`);
    for (const o of c.options) if (!globals.includes(o)) L.push(optionLine(o, at(c)));
    const a = c.args[0];
    if (a && c.commands.length === 0) {
      if (a.kind === 'choice') L.push(`complete -c b3iq -n ${fq(at(c))} -a ${fq(a.choices.join(' '))}`);
      else if (a.kind === 'file' || a.kind === 'dir') L.push(`complete -c b3iq -n ${fq(at(c))} -F`);
      else if (a.kind === 'ids') L.push(`complete -c b3iq -n ${fq(at(c))} -a ${fq(`(__b3iq_ids ${a.ids})`)}`);
    }
  }
  L.push('');
  return L.join('\n');
}
