import { sq } from './bash.js';
import type { ArgumentModel, CommandModel, OptionModel } from './tree.js';

/** Inside an _arguments explanation ([…]): backslashes and brackets escaped (the parser looks for the closing ]). */
function desc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/([[\]])/g, '\\$1');
}

/** An _arguments message (between colons): colons escaped as well. */
function msg(s: string): string {
  return desc(s).replace(/:/g, '\\:');
}

/** A word inside an _arguments (…) choice list. */
function choice(s: string): string {
  return s.replace(/([\\:() ])/g, '\\$1');
}

function action(kind: OptionModel['kind'], choices: string[]): string {
  switch (kind) {
    case 'choice':
      return `(${choices.map(choice).join(' ')})`;
    case 'file':
      return '_files';
    case 'dir':
      return '_files -/';
    default:
      return ' ';
  }
}

function optionSpecs(o: OptionModel): string[] {
  const words = [o.short, o.long].filter((x): x is string => x !== undefined);
  const value = o.takesValue ? `:${msg(o.valueName ?? 'value')}:${action(o.kind, o.choices)}` : '';
  const star = o.repeatable ? '*' : '';
  const exclusive = !o.repeatable && words.length > 1 ? `(${words.join(' ')})` : '';
  return words.map((w) => {
    const eq = o.takesValue && w.startsWith('--') ? '=' : '';
    return sq(`${exclusive}${star}${w}${eq}[${desc(o.description)}]${value}`);
  });
}

function argumentSpecs(args: ArgumentModel[]): string[] {
  return args.map((a, i) => {
    const pos = a.variadic ? '*' : String(i + 1);
    const opt = a.required || a.variadic ? '' : ':';
    const act = a.kind === 'ids' ? `_b3iq_ids ${a.ids}` : action(a.kind, a.choices);
    return sq(`${pos}:${opt}${msg(a.name)}:${act}`);
  });
}

function fn(c: CommandModel): string {
  return ['_b3iq', ...c.path].join('_').replace(/[^A-Za-z0-9_]/g, '_');
}

/** The zsh completion script (#compdef), from the command tree. */
export function zshCompletion(root: CommandModel): string {
  const globals = root.options.filter((o) => o.long !== '--version' && o.long !== '--help');
  const L: string[] = [
    '#compdef b3iq',
    '# zsh completion for b3iq (b3iq-operator).',
    '# Generated from the command tree by `npm run gen`; do not edit by hand.',
    '# Install it as _b3iq in a folder on $fpath, or load it with: source <(b3iq completion zsh)',
    '',
    "# This node's credential ids (read from the records, never a secret; no write).",
    '_b3iq_ids() {',
    '  local -a all ids home',
    '  local i',
    '  all=(${(z)BUFFER})',
    '  for ((i = 1; i <= $#all; i++)); do',
    '    [[ $all[i] == --home ]] && home=(--home ${(Q)all[i+1]})',
    '    [[ $all[i] == --home=* ]] && home=(--home ${(Q)${all[i]#--home=}})',
    '  done',
    '  ids=(${(f)"$(b3iq __complete-ids $1 $home 2>/dev/null)"})',
    "  ids=(${ids//$'\\t'/:})",
    "  _describe -t ids 'credential id' ids",
    '}',
    '',
  ];
  const emit = (c: CommandModel) => {
    const own = c.path.length === 0 ? c.options : [...c.options, ...globals];
    const specs = own.flatMap(optionSpecs);
    L.push(`${fn(c)}() {`);
    if (c.commands.length > 0) {
      L.push('  local curcontext="$curcontext" state line ret=1', '  typeset -A opt_args', '  _arguments -C -s \\');
      for (const s of specs) L.push(`    ${s} \\`);
      L.push(
        `    '1:command:->command' \\`,
        `    '*::argument:->argument' && ret=0`,
        '  case $state in',
        '    command)',
        '      local -a commands',
        '      commands=(',
      );
      for (const s of c.commands) L.push(`        ${sq(`${s.name}:${s.description}`)}`);
      L.push(
        '      )',
        `      _describe -t commands ${sq(['b3iq', ...c.path, 'command'].join(' '))} commands && ret=0`,
        '      ;;',
        '    argument)',
        '      case $words[1] in',
      );
      for (const s of c.commands) L.push(`        ${s.name}) ${fn(s)} && ret=0 ;;`);
      L.push('      esac', '      ;;', '  esac', '  return ret', '}', '');
    } else {
      L.push('  _arguments -s \\');
      for (const s of [...specs, ...argumentSpecs(c.args)]) L.push(`    ${s} \\`);
      L[L.length - 1] = L[L.length - 1]!.replace(/ \\$/, '');
      L.push('}', '');
    }
    c.commands.forEach(emit);
  };
  emit(root);
  L.push('if [[ $zsh_eval_context[-1] == loadautofunc ]]; then', '  _b3iq "$@"', 'else', '  compdef _b3iq b3iq', 'fi', '');
  return L.join('\n');
}
