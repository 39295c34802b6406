import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIInteraction,
  type APIMessageApplicationCommandInteractionData,
} from "discord-api-types/v10";
import { z } from "zod";

/** An object schema that keeps keys it does not name. */
function looseObject<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).passthrough();
}
import { COMMANDS } from "../../../commands/index.js";
import type { Caller, CommandCall, CommandDef, OptionValue } from "../../core/command.js";
import type { Followup } from "../../core/reply.js";
import { CUSTOM_ID_MAX } from "./limits.js";

/** Manage Server, and Administrator (which implies every permission). */
const MANAGE_GUILD = 0x20n;
const ADMINISTRATOR = 0x8n;

const RUN_PREFIX = "run:";
const MODAL_PREFIX = "modal:";

/** Discord's installation types (`integration_types`, keys of `authorizing_integration_owners`). */
export const INSTALL = { guild: 0, user: 1 } as const;
/** Discord's interaction contexts: a guild channel, the bot's DM, a DM or group DM between users. */
export const CONTEXT = { guild: 0, botDm: 1, privateChannel: 2 } as const;

/**
 * The guild whose own install of the app this interaction runs under, if any: its settings apply. A user install used
 * in a server names only the user in `authorizing_integration_owners`, so that server's settings do not apply there.
 */
export function installedGuildOf(interaction: APIInteraction): string | undefined {
  if (!interaction.guild_id) return undefined;
  const owners = (interaction as { authorizing_integration_owners?: Record<string, string> }).authorizing_integration_owners;
  if (!owners || Object.keys(owners).length === 0) return interaction.guild_id;
  return owners[String(INSTALL.guild)] === interaction.guild_id ? interaction.guild_id : undefined;
}

/** Who sent the interaction: `discord:<user id>`, the guild that installed the app, and whether they may manage it; throws when it names no user. */
export function callerFromInteraction(interaction: APIInteraction): Caller {
  const user = interaction.member?.user ?? interaction.user;
  if (!user?.id) throw new Error("interaction without a user id");
  const serverId = installedGuildOf(interaction);
  const permissions = interaction.member?.permissions;
  let isAdmin = false;
  if (serverId && permissions && /^\d{1,30}$/.test(permissions)) {
    const bits = BigInt(permissions);
    isAdmin = (bits & MANAGE_GUILD) !== 0n || (bits & ADMINISTRATOR) !== 0n;
  }
  return {
    id: `discord:${user.id}`,
    platform: "discord",
    requestKey: `discord:${interaction.id}`,
    ...(serverId ? { serverId } : {}),
    isAdmin,
  };
}

function optionValues(options: readonly APIApplicationCommandInteractionDataOption[] | undefined): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const o of options ?? []) {
    if ("value" in o && (typeof o.value === "string" || typeof o.value === "number" || typeof o.value === "boolean")) values[o.name] = o.value;
  }
  return values;
}

/** Turns a chat-input command's data (name, options, a subcommand's options) into a call. */
export function parseChatInput(data: { name: string; options?: readonly APIApplicationCommandInteractionDataOption[] }): CommandCall {
  const sub = data.options?.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub && sub.type === ApplicationCommandOptionType.Subcommand) {
    return { name: data.name, subcommand: sub.name, options: optionValues(sub.options) };
  }
  return { name: data.name, options: optionValues(data.options) };
}

/** The option being typed in an autocomplete interaction, with the subcommand it belongs to. */
export function focusedOption(data: {
  options?: readonly APIApplicationCommandInteractionDataOption[];
}): { subcommand?: string; name: string; value: string } | null {
  let options = data.options ?? [];
  let subcommand: string | undefined;
  const sub = options.find((o) => o.type === ApplicationCommandOptionType.Subcommand);
  if (sub && sub.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = sub.name;
    options = sub.options ?? [];
  }
  const focused = options.find((o) => "focused" in o && o.focused);
  if (!focused || !("value" in focused)) return null;
  return { ...(subcommand ? { subcommand } : {}), name: focused.name, value: String(focused.value ?? "") };
}

/** The command whose message action Discord shows under `name` (the message context menu), if any. */
export function commandOfMessageAction(commands: readonly CommandDef[], name: string): CommandDef | undefined {
  return commands.find((c) => c.messageAction?.name === name);
}

/** Turns a message context-menu command into a call with the target message's text in the action's option. */
export function parseMessageCommand(data: APIMessageApplicationCommandInteractionData, commands: readonly CommandDef[] = COMMANDS): CommandCall {
  const def = commandOfMessageAction(commands, data.name);
  if (!def?.messageAction) return { name: data.name, options: {} };
  const content = data.resolved.messages[data.target_id]?.content ?? "";
  return { name: def.name, options: { [def.messageAction.option]: content } };
}

/** The custom_id of the modal that collects a command's options. */
export function modalCustomId(command: string): string {
  return `${MODAL_PREFIX}${command}`;
}

function collectInputs(node: unknown, into: Record<string, string>): void {
  if (!node || typeof node !== "object") return;
  const c = node as { type?: number; custom_id?: unknown; value?: unknown; components?: unknown[]; component?: unknown };
  if (c.type === ComponentType.TextInput && typeof c.custom_id === "string" && typeof c.value === "string") into[c.custom_id] = c.value;
  if (Array.isArray(c.components)) for (const child of c.components) collectInputs(child, into);
  if (c.component) collectInputs(c.component, into);
}

/** Turns a submitted modal into a call; null when the modal is not one of ours. */
export function parseModalSubmit(data: { custom_id: string; components?: unknown[] }): CommandCall | null {
  if (!data.custom_id.startsWith(MODAL_PREFIX)) return null;
  const values: Record<string, string> = {};
  collectInputs({ components: data.components ?? [] }, values);
  const options: Record<string, OptionValue> = {};
  for (const [k, v] of Object.entries(values)) if (v.trim() !== "") options[k] = v;
  return { name: data.custom_id.slice(MODAL_PREFIX.length), options };
}

/** The custom_id of a button that runs a follow-up command; null when it would not fit Discord's limit. */
export function followupCustomId(f: Followup): string | null {
  const [command, subcommand] = f.command.replace(/^\//, "").split(" ");
  const query = new URLSearchParams(f.options).toString();
  const id = `${RUN_PREFIX}${command}${subcommand ? `/${subcommand}` : ""}${query ? `?${query}` : ""}`;
  return id.length <= CUSTOM_ID_MAX ? id : null;
}

/** Turns a follow-up button's custom_id back into a call; null when the button is not one of ours. */
export function parseButton(customId: string): CommandCall | null {
  if (!customId.startsWith(RUN_PREFIX)) return null;
  const rest = customId.slice(RUN_PREFIX.length);
  const q = rest.indexOf("?");
  const path = q < 0 ? rest : rest.slice(0, q);
  const [name, subcommand] = path.split("/");
  if (!name) return null;
  const options: Record<string, OptionValue> = Object.fromEntries(new URLSearchParams(q < 0 ? "" : rest.slice(q + 1)));
  return { name, ...(subcommand ? { subcommand } : {}), options };
}

/** An option as this parser reads it; only a subcommand's options are read below the top level. */
const leafOption = looseObject({ name: z.string(), type: z.number(), value: z.union([z.string(), z.number(), z.boolean()]).optional(), focused: z.boolean().optional() });
const option = leafOption.extend({ options: z.array(leafOption).optional() });
const chatInputData = looseObject({ name: z.string(), options: z.array(option).optional() });
const user = looseObject({ id: z.string() });

/** The parts of every interaction the adapter reads (ids and token also address the follow-ups). */
const envelope = looseObject({
  type: z.number(),
  id: z.string(),
  application_id: z.string(),
  token: z.string(),
  guild_id: z.string().nullish(),
  member: looseObject({ user: user.optional(), permissions: z.string().optional() }).nullish(),
  user: user.nullish(),
  data: z.unknown().optional(),
});

/** `data` by application command type (chat input, message context menu); others are answered as unsupported. */
const COMMAND_DATA: Partial<Record<number, z.ZodType>> = {
  [ApplicationCommandType.ChatInput]: chatInputData,
  [ApplicationCommandType.Message]: looseObject({
    name: z.string(),
    target_id: z.string(),
    resolved: looseObject({ messages: z.record(z.string(), looseObject({ content: z.string().optional() })) }),
  }),
};

/** `data` by interaction type, for the other types this parser reads. */
const DATA: Partial<Record<number, z.ZodType>> = {
  [InteractionType.ApplicationCommandAutocomplete]: chatInputData,
  [InteractionType.ModalSubmit]: looseObject({ custom_id: z.string(), components: z.array(z.unknown()).optional() }),
  [InteractionType.MessageComponent]: looseObject({ custom_id: z.string(), component_type: z.number() }),
};

/**
 * True when a (signed) body has the shape Discord documents for the fields this adapter reads; anything
 * else is a bad request. Unknown interaction and command types pass (they are answered as unsupported).
 */
export function isWellFormedInteraction(value: unknown): value is APIInteraction {
  const head = envelope.safeParse(value);
  if (!head.success) return false;
  const { type, data, member, user } = head.data;
  if (type !== InteractionType.Ping && !(member?.user?.id ?? user?.id)) return false;
  if (type !== InteractionType.ApplicationCommand) return DATA[type]?.safeParse(data).success ?? true;
  const command = looseObject({ type: z.number() }).safeParse(data);
  return command.success && (COMMAND_DATA[command.data.type]?.safeParse(data).success ?? true);
}

/** What an interaction asks us to do, platform details removed. */
export type ParsedInteraction =
  | { kind: "ping" }
  | { kind: "command"; call: CommandCall }
  | { kind: "autocomplete"; command: string; subcommand?: string; option: string; value: string }
  | { kind: "unsupported" };

/** Classifies a raw interaction and parses it into a call where it is one. */
export function parseInteraction(interaction: APIInteraction, commands: readonly CommandDef[] = COMMANDS): ParsedInteraction {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: "ping" };
    case InteractionType.ApplicationCommand: {
      const data = interaction.data;
      if (data.type === ApplicationCommandType.ChatInput) return { kind: "command", call: parseChatInput(data) };
      if (data.type === ApplicationCommandType.Message) return { kind: "command", call: parseMessageCommand(data, commands) };
      return { kind: "unsupported" };
    }
    case InteractionType.ApplicationCommandAutocomplete: {
      const focused = focusedOption(interaction.data);
      if (!focused) return { kind: "unsupported" };
      return {
        kind: "autocomplete",
        command: interaction.data.name,
        ...(focused.subcommand ? { subcommand: focused.subcommand } : {}),
        option: focused.name,
        value: focused.value,
      };
    }
    case InteractionType.ModalSubmit: {
      const call = parseModalSubmit(interaction.data);
      return call ? { kind: "command", call } : { kind: "unsupported" };
    }
    case InteractionType.MessageComponent: {
      if (interaction.data.component_type !== ComponentType.Button) return { kind: "unsupported" };
      const call = parseButton(interaction.data.custom_id);
      return call ? { kind: "command", call } : { kind: "unsupported" };
    }
    default:
      return { kind: "unsupported" };
  }
}
