import type { Caller, CommandCall, CommandDef, MessageActionDef } from "../../core/command.js";
import { findCommand, type CommandRegistry } from "../../core/dispatch.js";
import { parseCommandArgs } from "../../core/parse-text.js";
import type { Followup } from "../../core/reply.js";

/** Where Slack sends slash commands and interactivity on the shared HTTP server. */
export const SLACK_EVENTS_PATH = "/slack/events";
/** Action ids of follow-up buttons start with this. */
export const FOLLOWUP_ACTION_PREFIX = "followup:";
/** Longest modal private_metadata (Slack's limit). */
export const METADATA_MAX = 3000;

/** The caller of a Slack request: `slack:<team>:<user>`. */
export function slackCaller(teamId: string, userId: string, isAdmin = false): Caller {
  return { id: `slack:${teamId}:${userId}`, platform: "slack", serverId: teamId, isAdmin };
}

/** Undoes Slack's message escaping: `<url|label>` → label, `<url>` → url, `&lt;` `&gt;` `&amp;` → `<` `>` `&`. */
export function unescapeSlackText(text: string): string {
  return text
    .replace(/<([^<>|\s]*)\|([^<>]*)>/g, "$2")
    .replace(/<((?:https?|mailto):[^<>\s]*)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Resolves a slash command name (`/template`) to its definition; throws UserError with close names when unknown. */
export function commandForSlash(registry: CommandRegistry, command: string): CommandDef {
  return findCommand(registry, command.replace(/^\//, ""));
}

/** Parses a slash command's text with the shared text syntax (quotes, key="value", rest text with newlines). */
export function parseSlashText(def: CommandDef, text: string): CommandCall {
  return parseCommandArgs(def, unescapeSlackText(text));
}

const MODAL_SUFFIX = "_modal";

/** The callback id of a command's modal (`check_modal`). */
export function modalCallbackId(command: string): string {
  return `${command}${MODAL_SUFFIX}`;
}

/** The command a modal's callback id belongs to; null when it is not one of ours. */
export function commandOfModal(callbackId: string): string | null {
  return callbackId.endsWith(MODAL_SUFFIX) ? callbackId.slice(0, -MODAL_SUFFIX.length) || null : null;
}

/** The callback id of a message shortcut, from the name people see ("Check draft" → `check_draft`). */
export function shortcutCallbackId(action: MessageActionDef): string {
  return action.name.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
}

/** Values typed into a modal, by block id, blanks left out. */
export function modalOptions(values: Record<string, Record<string, { value?: string | null }>>): Record<string, string> {
  const options: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const value = actions[blockId]?.value;
    if (typeof value === "string" && value.trim() !== "") options[blockId] = value;
  }
  return options;
}

/** Where the modal's result goes: the channel and the slash command's response_url. */
export interface ModalMetadata {
  channel?: string;
  responseUrl?: string;
}

/** Packs modal metadata into private_metadata (dropping the response_url if it would not fit). */
export function encodeModalMetadata(meta: ModalMetadata): string {
  const full = JSON.stringify(meta);
  return full.length <= METADATA_MAX ? full : JSON.stringify({ channel: meta.channel });
}

/** Reads private_metadata back; anything malformed gives an empty object. */
export function decodeModalMetadata(raw: string | undefined): ModalMetadata {
  try {
    const v: unknown = JSON.parse(raw ?? "");
    if (!v || typeof v !== "object") return {};
    const { channel, responseUrl } = v as Record<string, unknown>;
    return {
      ...(typeof channel === "string" ? { channel } : {}),
      ...(typeof responseUrl === "string" && /^https?:\/\//.test(responseUrl) ? { responseUrl } : {}),
    };
  } catch {
    return {};
  }
}

/** A follow-up as a button value. */
export function encodeFollowup(f: Followup): string {
  return JSON.stringify({ c: f.command, o: f.options });
}

/** A button value back to a call, or null when it is not one of ours. */
export function decodeFollowup(value: string | undefined): CommandCall | null {
  let v: unknown;
  try {
    v = JSON.parse(value ?? "");
  } catch {
    return null;
  }
  if (!v || typeof v !== "object") return null;
  const { c, o } = v as { c?: unknown; o?: unknown };
  if (typeof c !== "string" || !/^\/?[a-z][\w-]*( [a-z][\w-]*)?$/i.test(c)) return null;
  if (!o || typeof o !== "object" || Array.isArray(o)) return null;
  const options: Record<string, string> = {};
  for (const [k, val] of Object.entries(o)) if (typeof val === "string") options[k] = val;
  const [name, subcommand] = c.replace(/^\//, "").split(" ");
  return { name, ...(subcommand ? { subcommand } : {}), options };
}
