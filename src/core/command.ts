import type { Reply } from "./reply.js";
import type { Content } from "../content/schemas.js";
import type { Core } from "./core.js";
import type { ServerSettings, Store } from "./store.js";

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
  /** The Discord guild or Slack team, when there is one and it installed the bot (a user install in a server has none). */
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
  /** The caller's server settings, read at most once per call; null outside a server or when the store does not answer. */
  serverSettings: () => Promise<ServerSettings | null>;
}

/** Who sees a command's replies: only the caller, the channel, or whatever the server's admins chose (private until they do). */
export type Privacy = "private" | "public" | "server";

/** The form a command opens (a modal on Discord and Slack, a paste in the console) when a call leaves `option` empty. */
export interface ModalDef {
  option: string;
  /** The form's title (Slack allows 24 characters). */
  title: string;
  /** The label over the `option` input. */
  label: string;
}

/** The message action a command offers ("Check draft"): the name the platforms show, and the option the message's text fills. */
export interface MessageActionDef {
  name: string;
  option: string;
  /** What the action does, where the platform shows it (Slack's shortcut list). */
  description: string;
}

/**
 * The single definition of a command. Registration, the Slack manifest, the CLI, the console, /help and every
 * adapter derive from it: what a command is (who may run it, what it keeps, who sees the answer) is said here and
 * nowhere else.
 */
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
  /** Who sees the replies (errors are always private). */
  privacy: Privacy;
  /**
   * What the command does with saved data. "reads": uses the caller's data when a store answers (the CLI opens the
   * store only for `--user`). "changes": needs the store, and waits for the shared rate-limit count before it runs.
   */
  store?: "reads" | "changes";
  /** Only a server admin may change anything with it; adapters find out whether the caller is one (Slack: users.info). */
  admin?: boolean;
  /** Only meaningful in a server that installed the bot (Discord: guild install and guild channels only; elsewhere a one-line refusal). */
  serverOnly?: boolean;
  /** Its answer (called with no options) is shown on the Slack Home tab. */
  home?: boolean;
  /** The server's extra disclaimer line goes under its answers. */
  disclaimer?: boolean;
  /** The form that collects its long text when a call leaves it empty. */
  modal?: ModalDef;
  /** The message action it offers on the platforms that have them. */
  messageAction?: MessageActionDef;
  /** Counted against the caller's rate limit on chat platforms (default true). */
  rateLimited?: boolean;
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

/** The option a call leaves for its command's form (modal), or null when the command has none or the call filled it. */
export function formOption(def: CommandDef, call: CommandCall): OptionDef | null {
  if (!def.modal || def.subcommands) return null;
  const opt = def.options.find((o) => o.name === def.modal?.option);
  if (!opt) return null;
  const given = call.options[opt.name];
  return typeof given === "string" && given.trim() !== "" ? null : opt;
}

/** The commands that offer a message action, with it. */
export function messageActions(commands: readonly CommandDef[]): { def: CommandDef; action: MessageActionDef }[] {
  return commands.flatMap((def) => (def.messageAction ? [{ def, action: def.messageAction }] : []));
}
