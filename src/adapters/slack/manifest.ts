import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { COMMANDS } from "../../../commands/index.js";
import { messageActions, type CommandDef } from "../../core/command.js";
import { MESSAGES } from "../../core/messages.js";
import { SLACK_EVENTS_PATH, shortcutCallbackId } from "./parse.js";

/** The app's name in Slack. */
export const APP_NAME = "matchguide";
/** Longest app description in a manifest (Slack's limit). */
export const APP_DESCRIPTION_MAX = 140;
/** Longest slash command description we write. */
export const COMMAND_DESCRIPTION_MAX = 2000;
/** The event that asks for a user's Home tab. */
export const HOME_OPENED_EVENT = "app_home_opened";
/** Longest shortcut description (Slack's limit). */
export const SHORTCUT_DESCRIPTION_MAX = 150;

/** A Slack app manifest (the parts this app uses). */
export interface SlackManifest {
  display_information: { name: string; description: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    slash_commands: { command: string; description: string; usage_hint?: string; should_escape: boolean; url?: string }[];
    shortcuts: { name: string; type: "message"; callback_id: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    event_subscriptions: { request_url?: string; bot_events: string[] };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

function option(def: CommandDef, name: string) {
  return def.options.find((o) => o.name === name);
}

/** The usage hint Slack shows while typing a command, derived from its options. */
export function usageHint(def: CommandDef): string {
  if (def.subcommands) return `${def.subcommands.map((s) => s.name).join(" | ")} …`;
  const slot = (name: string) => (option(def, name)?.required ? `<${name}>` : `[${name}]`);
  const parts = (def.positional ?? []).map(slot);
  if (def.rest) parts.push(slot(def.rest));
  else if (def.options.some((o) => !o.hidden && !(def.positional ?? []).includes(o.name))) parts.push('[key="value" …]');
  return parts.join(" ");
}

/** The Events request URL under a base URL (kept as is when it already ends with the events path). */
export function requestUrlFor(base: string): string {
  const url = new URL(base);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`not an http(s) URL: ${base}`);
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path.endsWith(SLACK_EVENTS_PATH) ? path : `${path}${SLACK_EVENTS_PATH}`}`;
}

/** Builds the manifest from the command definitions: slash commands, the shortcut, interactivity, minimal bot scopes. */
export function buildSlackManifest(options: { url?: string; socketMode?: boolean; commands?: readonly CommandDef[] }): SlackManifest {
  const commands = options.commands ?? COMMANDS;
  const url = options.url ? requestUrlFor(options.url) : undefined;
  const scopes = ["commands", "chat:write", ...(commands.some((c) => c.admin) ? ["users:read"] : [])];
  return {
    display_information: { name: APP_NAME, description: MESSAGES.helpText.slice(0, APP_DESCRIPTION_MAX) },
    features: {
      bot_user: { display_name: APP_NAME, always_online: false },
      app_home: { home_tab_enabled: true, messages_tab_enabled: false, messages_tab_read_only_enabled: false },
      slash_commands: commands.map((def) => {
        const hint = usageHint(def);
        return {
          command: `/${def.name}`,
          description: def.description.slice(0, COMMAND_DESCRIPTION_MAX),
          ...(hint ? { usage_hint: hint } : {}),
          should_escape: false,
          ...(url && !options.socketMode ? { url } : {}),
        };
      }),
      shortcuts: messageActions(commands).map(({ action }) => ({
        name: action.name,
        type: "message" as const,
        callback_id: shortcutCallbackId(action),
        description: action.description.slice(0, SHORTCUT_DESCRIPTION_MAX),
      })),
    },
    oauth_config: { scopes: { bot: scopes } },
    settings: {
      interactivity: { is_enabled: true, ...(url && !options.socketMode ? { request_url: url } : {}) },
      event_subscriptions: { ...(url && !options.socketMode ? { request_url: url } : {}), bot_events: [HOME_OPENED_EVENT] },
      org_deploy_enabled: false,
      socket_mode_enabled: Boolean(options.socketMode),
      token_rotation_enabled: false,
    },
  };
}

function parseArgs(argv: string[]): { url?: string; socketMode: boolean; out?: string } {
  const args: { url?: string; socketMode: boolean; out?: string } = { socketMode: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === "--url") args.url = value();
    else if (flag === "--out") args.out = value();
    else if (flag === "--socket") args.socketMode = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!args.url && !args.socketMode) throw new Error("give --url or --socket");
  return args;
}

/** `npm run slack:manifest -- --url https://host [--out file]` (or `--socket`): prints or writes the manifest as JSON. */
export function runManifestCli(argv: string[]): number {
  try {
    const args = parseArgs(argv);
    const json = `${JSON.stringify(buildSlackManifest(args), null, 2)}\n`;
    if (args.out) writeFileSync(args.out, json);
    else process.stdout.write(json);
    return 0;
  } catch (err) {
    process.stderr.write(`slack:manifest: ${(err as Error).message}\n${MESSAGES.slackManifestUsage}\n`);
    return 2;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = runManifestCli(process.argv.slice(2));
