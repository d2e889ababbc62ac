import type { Argument, Command, Option } from 'commander';
import { buildProgram } from '../cli/program.js';
import { COMPLETE_IDS } from '../cli/program-helpers.js';
import type { CompletionSet } from '../cli/complete-ids.js';

/**
 * The commander tree reduced to what completions and the man page need. Generation is
 * deterministic: the tree's own order, no dates, no environment.
 */
export type ValueKind = 'none' | 'file' | 'dir' | 'choice' | 'text' | 'ids';

export interface OptionModel {
  long: string | undefined;
  short: string | undefined;
  /** e.g. `--scope <scope>` */
  flags: string;
  description: string;
  takesValue: boolean;
  valueName: string | undefined;
  kind: ValueKind;
  choices: string[];
  repeatable: boolean;
  mandatory: boolean;
  /** A string default shown in help (booleans and negations are not shown). */
  defaultValue: string | undefined;
}

export interface ArgumentModel {
  name: string;
  description: string;
  required: boolean;
  variadic: boolean;
  kind: ValueKind;
  choices: string[];
  /** kind 'ids': which of this node's credential ids complete it (b3iq __complete-ids SET). */
  ids: CompletionSet | undefined;
}

export interface CommandModel {
  name: string;
  /** Words after `b3iq`, e.g. ['keys', 'create']; [] for the root. */
  path: string[];
  description: string;
  options: OptionModel[];
  args: ArgumentModel[];
  commands: CommandModel[];
}

const FILE_NAMES = new Set(['file', 'path', 'paths', 'files']);
const DIR_NAMES = new Set(['dir', 'directory']);

function kindOf(name: string | undefined, choices: readonly string[] | undefined): ValueKind {
  if (choices && choices.length > 0) return 'choice';
  if (name === undefined) return 'none';
  const n = name.toLowerCase();
  if (DIR_NAMES.has(n)) return 'dir';
  if (FILE_NAMES.has(n)) return 'file';
  return 'text';
}

function optionModel(o: Option): OptionModel {
  const m = /[<[]([^>\]]+?)(\.\.\.)?[>\]]/.exec(o.flags);
  const takesValue = o.required || o.optional;
  const valueName = takesValue ? m?.[1] : undefined;
  const choices = o.argChoices ? [...o.argChoices] : [];
  // Repeatable: a collecting parser (documented in the description) or a variadic value.
  const repeatable = o.variadic || /repeatable/.test(o.description);
  return {
    long: o.long,
    short: o.short,
    flags: o.flags,
    description: o.description,
    takesValue,
    valueName,
    kind: takesValue ? kindOf(valueName, choices) : 'none',
    choices,
    repeatable,
    mandatory: o.mandatory,
    defaultValue: takesValue && typeof o.defaultValue === 'string' ? o.defaultValue : undefined,
  };
}

function argumentModel(a: Argument): ArgumentModel {
  const choices = a.argChoices ? [...a.argChoices] : [];
  const ids = (a as unknown as Record<symbol, CompletionSet | undefined>)[COMPLETE_IDS];
  return {
    name: a.name(),
    description: a.description,
    required: a.required,
    variadic: a.variadic,
    kind: ids ? 'ids' : kindOf(a.name(), choices),
    choices,
    ids,
  };
}

export const HELP_OPTION: OptionModel = {
  long: '--help',
  short: '-h',
  flags: '-h, --help',
  description: 'show help',
  takesValue: false,
  valueName: undefined,
  kind: 'none',
  choices: [],
  repeatable: false,
  mandatory: false,
  defaultValue: undefined,
};

function commandModel(cmd: Command, path: string[]): CommandModel {
  const visible = (cmd.commands as Command[]).filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
  return {
    name: cmd.name(),
    path,
    description: cmd.description(),
    options: [...cmd.options.filter((o) => !o.hidden).map(optionModel), HELP_OPTION],
    args: cmd.registeredArguments.map(argumentModel),
    commands: visible.map((c) => commandModel(c, [...path, c.name()])),
  };
}

/** The live tree, from the same buildProgram the CLI runs. */
export async function programModel(): Promise<CommandModel> {
  const program = await buildProgram(
    {
      makeContext: () => {
        throw new Error('generator: no context');
      },
      setExitCode: () => {},
    },
    { all: true },
  );
  return commandModel(program, []);
}

/** Every command in the tree, depth first, root included. */
export function allCommands(root: CommandModel): CommandModel[] {
  const out: CommandModel[] = [];
  const walk = (c: CommandModel) => {
    out.push(c);
    c.commands.forEach(walk);
  };
  walk(root);
  return out;
}

/** Every option word (long and short) of a command. */
export function optionWords(o: OptionModel): string[] {
  return [o.long, o.short].filter((x): x is string => x !== undefined);
}
