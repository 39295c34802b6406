import { pathToFileURL } from "node:url";
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  Routes,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
} from "discord-api-types/v10";
import type { REST } from "@discordjs/rest";
import { COMMANDS } from "../../../commands/index.js";
import { messageActions, type CommandDef, type OptionDef } from "../../core/command.js";
import { MESSAGES } from "../../core/messages.js";
import { CONTEXT, INSTALL } from "./parse.js";
import {
  CHOICE_NAME_MAX,
  CHOICE_VALUE_MAX,
  COMMAND_DESCRIPTION_MAX,
  COMMAND_NAME_MAX,
  COMMAND_OPTIONS_MAX,
  COMMAND_TOTAL_CHARS_MAX,
  GLOBAL_CHAT_COMMANDS_MAX,
  MESSAGE_COMMANDS_MAX,
  OPTION_CHOICES_MAX,
  STRING_OPTION_MAX_LENGTH,
} from "./limits.js";

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
} as const;
/** Chat-input command and option names: lowercase letters, digits, `-` and `_` (Discord's rule). */
const CHAT_NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

function optionPayload(opt: OptionDef): APIApplicationCommandBasicOption {
  const base = { name: opt.name, description: opt.description, required: Boolean(opt.required) };
  if (opt.type !== "string") {
    const choices = opt.type === "integer" ? opt.choices?.map((c) => ({ name: c, value: Number(c) })) : undefined;
    return { ...base, type: OPTION_TYPES[opt.type], ...(choices?.length ? { choices } : {}) } as APIApplicationCommandBasicOption;
  }
  const maxLength = opt.maxLength !== undefined ? Math.min(opt.maxLength, STRING_OPTION_MAX_LENGTH) : undefined;
  const choices = opt.choices ?? [];
  const many = choices.length > OPTION_CHOICES_MAX;
  return {
    ...base,
    type: ApplicationCommandOptionType.String,
    ...(maxLength !== undefined ? { max_length: maxLength } : {}),
    ...(opt.autocomplete || many ? { autocomplete: true } : choices.length ? { choices: choices.map((c) => ({ name: c, value: c })) } : {}),
  } as APIApplicationCommandBasicOption;
}

/** Options in Discord's order: required ones first. */
function optionsPayload(options: readonly OptionDef[]): APIApplicationCommandBasicOption[] {
  const shown = options.filter((o) => !o.hidden);
  return [...shown.filter((o) => o.required), ...shown.filter((o) => !o.required)].map(optionPayload);
}

/** Where a command may be installed and used: a server-only one in guilds that installed the app, any other also as a user install in DMs and group DMs. */
function installPayload(def: CommandDef): { integration_types: number[]; contexts: number[] } {
  if (def.serverOnly) return { integration_types: [INSTALL.guild], contexts: [CONTEXT.guild] };
  return { integration_types: [INSTALL.guild, INSTALL.user], contexts: [CONTEXT.guild, CONTEXT.botDm, CONTEXT.privateChannel] };
}

/** The registration payload: one chat-input command per definition, plus the message context menus. */
export function buildCommandPayload(commands: readonly CommandDef[] = COMMANDS): RESTPostAPIApplicationCommandsJSONBody[] {
  const chat: RESTPostAPIApplicationCommandsJSONBody[] = commands.map((def) => ({
    type: ApplicationCommandType.ChatInput,
    name: def.name,
    description: def.description,
    ...installPayload(def),
    options: def.subcommands
      ? def.subcommands.map((sub) => ({
          type: ApplicationCommandOptionType.Subcommand,
          name: sub.name,
          description: sub.description,
          options: optionsPayload(sub.options),
        }))
      : optionsPayload(def.options),
  }));
  const menus = messageActions(commands).map(({ def, action }) => ({ type: ApplicationCommandType.Message as const, name: action.name, ...installPayload(def) }));
  return [...chat, ...menus];
}

function checkText(where: string, what: string, value: string | undefined, max: number, problems: string[]): void {
  if (!value || value.length === 0) problems.push(`${where}: ${what} is empty`);
  else if (value.length > max) problems.push(`${where}: ${what} is ${value.length} characters (Discord allows ${max})`);
}

function checkOptions(where: string, options: readonly APIApplicationCommandOption[], problems: string[]): number {
  let chars = 0;
  if (options.length > COMMAND_OPTIONS_MAX) problems.push(`${where}: ${options.length} options (Discord allows ${COMMAND_OPTIONS_MAX})`);
  let optionalSeen = false;
  const seen = new Set<string>();
  for (const o of options) {
    const at = `${where} ${o.name}`;
    if (!CHAT_NAME.test(o.name) || o.name.length > COMMAND_NAME_MAX) problems.push(`${at}: option names must be 1-32 lowercase letters, digits, - or _`);
    if (seen.has(o.name)) problems.push(`${at}: option name used twice`);
    seen.add(o.name);
    checkText(at, "description", o.description, COMMAND_DESCRIPTION_MAX, problems);
    chars += o.name.length + (o.description?.length ?? 0);
    if (o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup) {
      chars += checkOptions(at, (o.options ?? []) as APIApplicationCommandOption[], problems);
      continue;
    }
    if (o.required && optionalSeen) problems.push(`${at}: a required option comes after an optional one`);
    if (!o.required) optionalSeen = true;
    const choices = "choices" in o && o.choices ? o.choices : [];
    if (choices.length > OPTION_CHOICES_MAX) problems.push(`${at}: ${choices.length} choices (Discord allows ${OPTION_CHOICES_MAX})`);
    if (choices.length && "autocomplete" in o && o.autocomplete) problems.push(`${at}: choices and autocomplete cannot go together`);
    for (const c of choices) {
      checkText(`${at} choice`, "name", c.name, CHOICE_NAME_MAX, problems);
      if (typeof c.value === "string" && c.value.length > CHOICE_VALUE_MAX) problems.push(`${at} choice ${c.name}: value over ${CHOICE_VALUE_MAX} characters`);
      chars += c.name.length + String(c.value).length;
    }
    if (o.type === ApplicationCommandOptionType.String && o.max_length !== undefined && (o.max_length < 1 || o.max_length > STRING_OPTION_MAX_LENGTH)) {
      problems.push(`${at}: max_length ${o.max_length} is outside 1-${STRING_OPTION_MAX_LENGTH}`);
    }
  }
  return chars;
}

const INSTALL_TYPES: readonly number[] = Object.values(INSTALL);
const CONTEXTS: readonly number[] = Object.values(CONTEXT);

/** Installation types and contexts: known values, none twice, and at least one of each. */
function checkInstall(where: string, cmd: { integration_types?: readonly number[]; contexts?: readonly number[] | null }, problems: string[]): void {
  for (const [what, values, known] of [["integration_types", cmd.integration_types, INSTALL_TYPES], ["contexts", cmd.contexts, CONTEXTS]] as const) {
    if (!values?.length) problems.push(`${where}: ${what} is empty`);
    else if (values.some((v) => !known.includes(v)) || new Set(values).size !== values.length) problems.push(`${where}: ${what} ${JSON.stringify(values)} must be distinct values of ${JSON.stringify(known)}`);
  }
}

/** Every way the payload breaks Discord's limits, one line each (empty when it is fine). */
export function validateCommandPayload(payload: readonly RESTPostAPIApplicationCommandsJSONBody[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  let chatCount = 0;
  let messageCount = 0;
  for (const cmd of payload) {
    const type = cmd.type ?? ApplicationCommandType.ChatInput;
    const key = `${type}:${cmd.name}`;
    checkInstall(`"${cmd.name}"`, cmd, problems);
    if (seen.has(key)) problems.push(`/${cmd.name}: registered twice`);
    seen.add(key);
    if (type !== ApplicationCommandType.ChatInput) {
      messageCount += type === ApplicationCommandType.Message ? 1 : 0;
      checkText(`"${cmd.name}"`, "name", cmd.name, COMMAND_NAME_MAX, problems);
      continue;
    }
    chatCount += 1;
    const where = `/${cmd.name}`;
    if (!CHAT_NAME.test(cmd.name)) problems.push(`${where}: command names must be 1-32 lowercase letters, digits, - or _`);
    const description = "description" in cmd ? cmd.description : undefined;
    checkText(where, "description", description, COMMAND_DESCRIPTION_MAX, problems);
    const chars = cmd.name.length + (description?.length ?? 0) + checkOptions(where, ("options" in cmd ? cmd.options ?? [] : []) as APIApplicationCommandOption[], problems);
    if (chars > COMMAND_TOTAL_CHARS_MAX) problems.push(`${where}: ${chars} characters of names and descriptions (Discord allows ${COMMAND_TOTAL_CHARS_MAX})`);
  }
  if (chatCount > GLOBAL_CHAT_COMMANDS_MAX) problems.push(`${chatCount} slash commands (Discord allows ${GLOBAL_CHAT_COMMANDS_MAX})`);
  if (messageCount > MESSAGE_COMMANDS_MAX) problems.push(`${messageCount} message commands (Discord allows ${MESSAGE_COMMANDS_MAX})`);
  return problems;
}

/** A payload that breaks Discord's limits; one problem per line. */
export class CommandPayloadError extends Error {}

/** Validates and PUTs the commands, globally or to one guild; resolves with Discord's answer. */
export async function registerCommands(options: {
  rest: REST;
  applicationId: string;
  guildId?: string;
  commands?: readonly CommandDef[];
}): Promise<unknown> {
  const payload = buildCommandPayload(options.commands);
  const problems = validateCommandPayload(payload);
  if (problems.length) throw new CommandPayloadError(problems.join("\n"));
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  return options.rest.put(route, { body: payload });
}

/** Reads `--guild ID` (or `--guild=ID`) and `--dry-run` from the arguments; throws on anything else. */
export function parseRegisterArgs(argv: readonly string[]): { guildId?: string; dryRun?: boolean } {
  let guildId: string | undefined;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dry-run") dryRun = true;
    else if (a === "--guild" && i + 1 < argv.length) guildId = argv[++i];
    else if (a.startsWith("--guild=")) guildId = a.slice("--guild=".length);
    else throw new Error(MESSAGES.discordRegisterUsage);
  }
  if (guildId !== undefined && !/^\d{1,25}$/.test(guildId)) throw new Error(MESSAGES.discordRegisterUsage);
  return { ...(guildId ? { guildId } : {}), ...(dryRun ? { dryRun } : {}) };
}

/** `--dry-run`: the JSON array registration would send, validated against Discord's limits; no network, no token. */
export function dryRunRegister(commands: readonly CommandDef[] = COMMANDS): { stdout: string; stderr: string; code: number } {
  const payload = buildCommandPayload(commands);
  const problems = validateCommandPayload(payload);
  if (problems.length) return { stdout: "", stderr: `${problems.join("\n")}\n`, code: 2 };
  return { stdout: `${JSON.stringify(payload, null, 2)}\n`, stderr: "", code: 0 };
}

/** `npm run register [-- --guild ID]`. */
async function main(): Promise<void> {
  const { readConfig } = await import("../../config.js");
  const { createDiscordRest, describeApiError } = await import("./interactions.js");
  let args: { guildId?: string; dryRun?: boolean };
  let config: ReturnType<typeof readConfig>;
  try {
    args = parseRegisterArgs(process.argv.slice(2));
    if (args.dryRun) {
      const result = dryRunRegister();
      process.stdout.write(result.stdout);
      process.stderr.write(result.stderr);
      process.exit(result.code);
    }
    config = readConfig();
    if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) throw new Error(MESSAGES.discordRegisterUsage);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  try {
    const result = await registerCommands({ rest: createDiscordRest(config), applicationId: config.DISCORD_APPLICATION_ID, ...args });
    const count = Array.isArray(result) ? result.length : 0;
    process.stdout.write(`registered ${count} commands ${args.guildId ? `in guild ${args.guildId}` : "globally"}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof CommandPayloadError ? err.message : describeApiError(err)}\n`);
    process.exit(err instanceof CommandPayloadError ? 2 : 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
