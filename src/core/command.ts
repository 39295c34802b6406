import type { Reply } from "./reply.js";
import type { Content } from "../content/schemas.js";
import type { Core } from "./core.js";
import type { Store } from "./store.js";

/** Where a command call came from. */
export type Platform = "discord" | "slack" | "cli" | "console";

export type OptionType = "string" | "integer" | "boolean";

/** One option of a command: the same name on every platform. */
export interface OptionDef {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** Longest accepted string value, in UTF-16 code units. */
  maxLength?: number;
  choices?: readonly string[];
  /** Values are suggested as the user types (Discord autocomplete). */
  autocomplete?: boolean;
  /** Long, multi-line text (rendered as a modal paragraph input where the platform needs one). */
  multiline?: boolean;
  /** Set by a button the bot renders, never offered to type (left out of registration, forms and help). */
  hidden?: boolean;
}

/** A subcommand (e.g. `/log add`), with its own options. */
export interface SubcommandDef {
  name: string;
  description: string;
  options: OptionDef[];
  /** Option names that take bare words, in order, in text syntax. */
  positional?: string[];
}

/** A value offered by autocomplete. */
export interface Choice {
  name: string;
  value: string;
}

export type OptionValue = string | number | boolean;

/** A parsed command invocation, platform-neutral. */
export interface CommandCall {
  name: string;
  subcommand?: string;
  options: Record<string, OptionValue>;
}

/** The person (and server) a command runs for. */
export interface Caller {
  /** Namespaced per platform: `discord:<id>`, `slack:<team>:<user>`, `cli:<id>`. */
  id: string;
  platform: Platform;
  /** The Discord guild or Slack team, when there is one. */
  serverId?: string;
  /** Whether the caller may change the server's settings. */
  isAdmin?: boolean;
  /** The platform's id of this request (a Discord interaction id); a retry or replay carries the same one. */
  requestKey?: string;
}

/** Everything a command's `run` may use; adapters build it once per call. */
export interface CommandContext {
  core: Core;
  content: Content;
  caller: Caller;
  /** Null when no store is configured or it is down: commands degrade. */
  store: Store | null;
  now: () => Date;
  /** Every command, for /help. */
  commands: readonly CommandDef[];
}

/** The single definition of a command: registration, manifest, CLI, console and /help derive from it. */
export interface CommandDef {
  name: string;
  description: string;
  /** One example invocation for /help, in text syntax. */
  example: string;
  options: OptionDef[];
  subcommands?: SubcommandDef[];
  /** Option names that take bare words, in order, in text syntax (`/template first-choice`). */
  positional?: string[];
  /** Option that takes the whole remaining text in text syntax (`/ask <question>`). */
  rest?: string;
  /** Replies always shown only to the caller (drafts, logs). */
  private?: boolean;
  /** Changes the caller's saved data (log, settings): the call waits for the shared rate limit before it runs. */
  changesStore?: boolean;
  /** Unknown `key=value` options pass through as strings (template fields beyond the common ones). */
  extraOptions?: boolean;
  autocomplete?: (ctx: CommandContext, option: string, value: string) => Choice[];
  run: (ctx: CommandContext, call: CommandCall) => Reply | Promise<Reply>;
}

/** Declares a command; the identity function that gives the definition its type. */
export function defineCommand(def: CommandDef): CommandDef {
  return def;
}

/** Reads a string option, or undefined when absent or blank. */
export function stringOption(call: CommandCall, name: string): string | undefined {
  const v = call.options[name];
  if (typeof v !== "string") return undefined;
  return v.trim() === "" ? undefined : v;
}
