import { COMMANDS } from "../commands/index.js";
import type { Caller, CommandCall, CommandContext, Platform } from "./core/command.js";
import { createCore, type Core } from "./core/core.js";
import { createRegistry, errorReply, runCommand, type CommandRegistry } from "./core/dispatch.js";
import { UserError } from "./core/errors.js";
import { MESSAGES } from "./core/messages.js";
import type { Reply } from "./core/reply.js";
import { serverKeyOf, VISIBILITY_COMMANDS, type ServerSettings, type Store, type VisibilityCommand } from "./core/store.js";
import { loadContent } from "./content/load.js";

/** How many commands one user may run per window on a chat platform. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** 30 commands a minute per user. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 30, windowMs: 60_000 };

/** Platforms whose callers are rate limited (the local CLI and console are the user's own machine). */
const RATE_LIMITED_PLATFORMS: ReadonlySet<Platform> = new Set(["discord", "slack"]);

/** Commands whose answers carry a server's extra disclaimer line. */
const DISCLAIMED_COMMANDS: ReadonlySet<string> = new Set(["ask", "template", "check", "timeline"]);

/** What every adapter shares: the engines, the command registry and the store. */
export interface Runtime {
  core: Core;
  registry: CommandRegistry;
  store: Store | null;
  now: () => Date;
  rateLimit: RateLimit;
  /** Called with bugs (never with the user's text). */
  onInternalError: (err: unknown, call: { name: string; subcommand?: string }) => void;
}

/** Loads content and builds the engines; throws ContentError on a malformed file. */
export function createRuntime(
  options: { contentDir?: string; store?: Store | null; now?: () => Date; rateLimit?: RateLimit } = {},
): Runtime {
  const core = createCore(loadContent(options.contentDir));
  return {
    core,
    registry: createRegistry(COMMANDS),
    store: options.store ?? null,
    now: options.now ?? (() => new Date()),
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    onInternalError: (err, call) => {
      process.stderr.write(`internal error in /${call.name}${call.subcommand ? ` ${call.subcommand}` : ""}: ${(err as Error)?.stack ?? String(err)}\n`);
    },
  };
}

/** The context one call runs with. */
export function contextFor(runtime: Runtime, caller: Caller): CommandContext {
  return { core: runtime.core, content: runtime.core.content, caller, store: runtime.store, now: runtime.now, commands: COMMANDS };
}

/** The "slow down" reply when the caller is over the limit; null when under it or when the store does not answer. */
async function rateLimited(runtime: Runtime, caller: Caller): Promise<Reply | null> {
  if (!runtime.store || !RATE_LIMITED_PLATFORMS.has(caller.platform)) return null;
  const hit = await runtime.store.hit(caller.id, runtime.rateLimit.windowMs, runtime.now()).catch(() => null);
  if (!hit || hit.count <= runtime.rateLimit.max) return null;
  return errorReply(new UserError("rate-limited", MESSAGES.rateLimited(Math.ceil(hit.resetInMs / 1000))));
}

async function settingsOf(runtime: Runtime, caller: Caller): Promise<ServerSettings | null> {
  const serverId = serverKeyOf(caller);
  if (!runtime.store || !serverId) return null;
  return runtime.store.getSettings(serverId).catch(() => null);
}

/** A server's choices applied to a reply: visibility of /ask and /template answers, and the extra disclaimer line. */
export function applySettings(reply: Reply, command: string, settings: ServerSettings | null): Reply {
  if (!settings || reply.kind === "error") return reply;
  let out = reply;
  if ((VISIBILITY_COMMANDS as readonly string[]).includes(command) && ["answer", "classification", "template"].includes(reply.kind)) {
    out = { ...out, private: settings.visibility[command as VisibilityCommand] === "private" };
  }
  if (settings.disclaimer && DISCLAIMED_COMMANDS.has(command)) {
    out = { ...out, footer: out.footer ? `${out.footer}\n${settings.disclaimer}` : settings.disclaimer };
  }
  return out;
}

/** Runs one call for a caller through the shared dispatch, with the rate limit and the server's settings; never throws. */
export async function execute(runtime: Runtime, caller: Caller, call: CommandCall): Promise<Reply> {
  const limited = await rateLimited(runtime, caller);
  if (limited) return limited;
  const [reply, settings] = await Promise.all([
    runCommand(runtime.registry, contextFor(runtime, caller), call, runtime.onInternalError),
    settingsOf(runtime, caller),
  ]);
  return applySettings(reply, call.name.toLowerCase(), settings);
}
