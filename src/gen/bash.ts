import { allCommands, optionWords, type CommandModel, type OptionModel } from './tree.js';

/** Single-quoted for the shell: ' becomes '\''. */
export function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function valueAction(o: OptionModel, cur: string): string {
  switch (o.kind) {
    case 'choice':
      return `COMPREPLY=($(compgen -W ${sq(o.choices.join(' '))} -- "${cur}"))`;
    case 'file':
      return `_b3iq_files "${cur}"`;
    case 'dir':
      return `_b3iq_files "${cur}" -d`;
    default:
      return 'COMPREPLY=()';
  }
}

/** The bash completion script, from the command tree. */
export function bashCompletion(root: CommandModel): string {
  const cmds = allCommands(root);
  const globals = root.options.filter((o) => o.long !== '--version' && o.long !== '--help');
  const key = (c: CommandModel) => sq(c.path.join(' '));
  const L: string[] = [];
  L.push(
    '# bash completion for b3iq (b3iq-operator).',
    '# Generated from the command tree by `npm run gen`; do not edit by hand.',
    '# Load it with: source <(b3iq completion bash)',
    '# or install it as ~/.local/share/bash-completion/completions/b3iq.',
    '',
    '_b3iq_subcommands() {',
    '  case "$1" in',
  );
  for (const c of cmds) if (c.commands.length > 0) L.push(`    ${key(c)}) echo ${sq(c.commands.map((s) => s.name).join(' '))} ;;`);
  L.push('  esac', '}', '', '_b3iq_options() {', `  local globals=${sq(globals.flatMap(optionWords).join(' '))}`, '  case "$1" in');
  for (const c of cmds) {
    const own = c.options.flatMap(optionWords);
    L.push(`    ${key(c)}) echo ${sq(own.join(' '))}${c.path.length === 0 ? '' : ' "$globals"'} ;;`);
  }
  L.push('  esac', '}', '', '# Options that take a value (the next word, or after =).', '_b3iq_takes_value() {', '  case "$1|$2" in');
  const globalValue = globals.filter((o) => o.takesValue).flatMap(optionWords);
  for (const w of globalValue) L.push(`    *${sq(`|${w}`)}) return 0 ;;`);
  for (const c of cmds) {
    for (const o of c.options) {
      if (!o.takesValue || globals.includes(o)) continue;
      L.push(
        `    ${optionWords(o)
          .map((w) => sq(`${c.path.join(' ')}|${w}`))
          .join('|')}) return 0 ;;`,
      );
    }
  }
  L.push('  esac', '  return 1', '}', '', '_b3iq_value() {', '  case "$1|$2" in');
  for (const o of globals.filter((g) => g.takesValue))
    L.push(
      `    ${optionWords(o)
        .map((w) => `*${sq(`|${w}`)}`)
        .join('|')}) ${valueAction(o, '$3')} ;;`,
    );
  for (const c of cmds) {
    for (const o of c.options) {
      if (!o.takesValue || globals.includes(o)) continue;
      L.push(
        `    ${optionWords(o)
          .map((w) => sq(`${c.path.join(' ')}|${w}`))
          .join('|')}) ${valueAction(o, '$3')} ;;`,
      );
    }
  }
  L.push('    *) COMPREPLY=() ;;', '  esac', '}', '', '_b3iq_argument() {', '  case "$1" in');
  for (const c of cmds) {
    const a = c.args[0];
    if (!a || c.commands.length > 0) continue;
    const action =
      a.kind === 'choice'
        ? `COMPREPLY=($(compgen -W ${sq(a.choices.join(' '))} -- "$2"))`
        : a.kind === 'file'
          ? '_b3iq_files "$2"'
          : a.kind === 'dir'
            ? '_b3iq_files "$2" -d'
            : a.kind === 'ids'
              ? `_b3iq_ids ${a.ids} "$2"`
              : 'COMPREPLY=()';
    L.push(`    ${key(c)}) ${action} ;;`);
  }
  L.push(
    '    *) COMPREPLY=() ;;',
    '  esac',
    '}',
    '',
    "# This node's credential ids (read from the records, never a secret; no write).",
    '_b3iq_ids() {',
    "  local IFS=$'\\n'",
    '  COMPREPLY=($(compgen -W "$(b3iq __complete-ids "$1" ${_b3iq_home:+"--home=$_b3iq_home"} 2>/dev/null | cut -f1)" -- "$2"))',
    '}',
    '',
    '_b3iq_files() {',
    "  local IFS=$'\\n'",
    '  COMPREPLY=($(compgen ${2:--f} -- "$1"))',
    '  compopt -o filenames 2>/dev/null',
    '}',
    '',
    '_b3iq() {',
    '  local line="${COMP_LINE:0:COMP_POINT}" cur path="" i w sub _b3iq_home=""',
    '  local -a words',
    '  read -ra words <<<"$line"',
    '  [[ "$line" =~ [[:space:]]$ ]] && words+=("")',
    '  cur="${words[${#words[@]}-1]}"',
    '  COMPREPLY=()',
    '  for ((i = 1; i < ${#words[@]} - 1; i++)); do',
    '    w="${words[i]}"',
    '    case "$w" in',
    '      --) break ;;',
    '      --home) _b3iq_home="${words[i+1]}"; ((i++)) ;;',
    '      --home=*) _b3iq_home="${w#--home=}" ;;',
    '      -*=*) ;;',
    '      -*) if _b3iq_takes_value "$path" "$w"; then ((i++)); fi ;;',
    '      *) for sub in $(_b3iq_subcommands "$path"); do',
    '           if [[ "$w" == "$sub" ]]; then path="${path:+$path }$w"; break; fi',
    '         done ;;',
    '    esac',
    '  done',
    '  local prev=""',
    '  ((${#words[@]} > 1)) && prev="${words[${#words[@]}-2]}"',
    '  if [[ "$cur" == --*=* ]] && _b3iq_takes_value "$path" "${cur%%=*}"; then',
    '    _b3iq_value "$path" "${cur%%=*}" "${cur#*=}"',
    '    cur="${cur#*=}"',
    '  elif [[ "$prev" == -* && "$prev" != *=* ]] && _b3iq_takes_value "$path" "$prev"; then',
    '    _b3iq_value "$path" "$prev" "$cur"',
    '  elif [[ "$cur" == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$(_b3iq_options "$path")" -- "$cur"))',
    '  else',
    '    local subs',
    '    subs="$(_b3iq_subcommands "$path")"',
    '    if [[ -n "$subs" ]]; then',
    '      COMPREPLY=($(compgen -W "$subs" -- "$cur"))',
    '    else',
    '      _b3iq_argument "$path" "$cur"',
    '    fi',
    '  fi',
    '  # Characters in COMP_WORDBREAKS (: and =) split the word bash replaces: drop that part.',
    '  local breaks="${COMP_WORDBREAKS//[^:=]/}"',
    '  if [[ -n "$breaks" && "$cur" == *["$breaks"]* ]]; then',
    '    local pre="${cur%"${cur##*["$breaks"]}"}"',
    '    for i in "${!COMPREPLY[@]}"; do COMPREPLY[i]="${COMPREPLY[i]#"$pre"}"; done',
    '  fi',
    '  return 0',
    '}',
    '',
    'complete -F _b3iq b3iq',
    '',
  );
  return L.join('\n');
}
