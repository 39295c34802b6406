import { randomUUID } from "node:crypto";
import { COMMANDS } from "../commands/index.js";
import type { Caller, CommandCall, CommandContext, CommandDef, Platform } from "./core/command.js";
import { createCore, type Core } from "./core/core.js";
import { createRegistry, errorReply, isPrivateReply, runCommand, type CommandRegistry } from "./core/dispatch.js";
import { UserError } from "./core/errors.js";
import { MESSAGES } from "./core/messages.js";
import type { Reply } from "./core/reply.js";
import { serverKeyOf, type RateLimit, type RateVerdict, type ServerSettings, type Store } from "./core/store.js";
import { loadContent } from "./content/load.js";
import { readModel } from "./content/models.js";

export type { RateLimit };

/** 30 commands a minute per user. */
export const DEFAULT_RATE_LIMIT: RateLimit = { max: 30, windowMs: 60_000 };

/** Platforms whose callers are rate limited (the local CLI and console are the user's own machine). */
const RATE_LIMITED_PLATFORMS: ReadonlySet<Platform> = new Set(["discord", "slack"]);

/** The structured log a runtime writes to (pino's method shape); entries never hold the user's text. */
export interface RuntimeLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** One answered command, for metrics (never the user's text). */
export interface CommandObservation {
  command: string;
  platform: string;
  /** "ok", "user-error" or "internal-error". */
  outcome: string;
  seconds: number;
}

/** What every adapter shares: the engines, the command registry and the store. */
export interface Runtime {
  core: Core;
  registry: CommandRegistry;
  store: Store | null;
  now: () => Date;
  rateLimit: RateLimit;
  log: RuntimeLog;
  /** Called once per answered command (the server counts them for /metrics). */
  observe?: (o: CommandObservation) => void;
  /** Called with bugs (never with the user's text). */
  onInternalError: (err: unknown, call: { name: string; subcommand?: string }, requestId?: string) => void;
  /** Counts work in flight (commands, follow-ups) so a shutdown can wait for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Resolves when no tracked work is in flight. */
  idle(): Promise<void>;
  /** How much tracked work is in flight right now. */
  inFlight(): number;
}

/** Errors only, one line each, on stderr: the CLI and console's log (servers use pino). */
export const STDERR_LOG: RuntimeLog = {
  info() {},
  error(fields, message) {
    process.stderr.write(`${message}${fields.err ? `: ${String((fields.err as Error)?.stack ?? fields.err)}` : ""}\n`);
  },
};

/** Loads content and builds the engines; throws ContentError on a malformed file. */
export function createRuntime(
  options: {
    contentDir?: string;
    store?: Store | null;
    now?: () => Date;
    rateLimit?: RateLimit;
    log?: RuntimeLog;
    observe?: (o: CommandObservation) => void;
  } = {},
): Runtime {
  const content = loadContent(options.contentDir);
  const core = createCore(content, {
    questionModel: () => readModel(content, "questions"),
    messageModel: () => readModel(content, "messages"),
    detector: () => readModel(content, "detector"),
  });
  const log = options.log ?? STDERR_LOG;
  const inFlight = new Set<Promise<unknown>>();
  return {
    core,
    registry: createRegistry(COMMANDS),
    store: options.store ?? null,
    now: options.now ?? (() => new Date()),
    rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    log,
    ...(options.observe ? { observe: options.observe } : {}),
    onInternalError: (err, call, requestId) => {
      log.error({ err, command: call.name, ...(call.subcommand ? { subcommand: call.subcommand } : {}), ...(requestId ? { reqId: requestId } : {}) }, "internal error");
    },
    track(work) {
      const settled = work.then(
        () => undefined,
        () => undefined,
      );
      inFlight.add(settled);
      void settled.then(() => inFlight.delete(settled));
      return work;
    },
    async idle() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    inFlight: () => inFlight.size,
  };
}

/** The context one call runs with; the caller's server settings are read once, when first asked for. */
export function contextFor(runtime: Runtime, caller: Caller): CommandContext {
  let settings: Promise<ServerSettings | null> | undefined;
  return {
    core: runtime.core,
    content: runtime.core.content,
    caller,
    store: runtime.store,
    now: runtime.now,
    commands: COMMANDS,
    serverSettings: () => (settings ??= settingsOf(runtime, caller)),
  };
}

/** Counts the call against the caller's limit (strictly: from the store, or a rejection); null where callers are not limited. */
function countCall(runtime: Runtime, caller: Caller, strict: boolean): Promise<RateVerdict> | null {
  if (!runtime.store || !RATE_LIMITED_PLATFORMS.has(caller.platform)) return null;
  const counting = runtime.store.consume(caller.id, runtime.rateLimit, strict);
  return strict ? counting : counting.catch(() => ({ allowed: true, resetInMs: 0 }));
}

function limitedReply(verdict: RateVerdict): Reply {
  return errorReply(new UserError("rate-limited", MESSAGES.rateLimited(Math.ceil(verdict.resetInMs / 1000))));
}

async function settingsOf(runtime: Runtime, caller: Caller): Promise<ServerSettings | null> {
  const serverId = serverKeyOf(caller);
  if (!runtime.store || !serverId) return null;
  return runtime.store.getSettings(serverId).catch(() => null);
}

/** A reply as the caller gets it: private or not (decided by isPrivateReply), and the server's extra disclaimer line where the command carries it. */
export function applySettings(reply: Reply, def: CommandDef | undefined, settings: ServerSettings | null): Reply {
  const out = { ...reply, private: isPrivateReply(def, reply, settings) };
  if (reply.kind === "error" || !def?.disclaimer || !settings?.disclaimer) return out;
  return { ...out, footer: out.footer ? `${out.footer}\n${settings.disclaimer}` : settings.disclaimer };
}

/**
 * A command that changes saved data waits for the shared count first (so the limit holds exactly across
 * replicas); any other command runs beside the count and is answered without waiting for a slow store.
 */
async function answer(runtime: Runtime, caller: Caller, call: CommandCall, requestId: string): Promise<Reply> {
  const def = runtime.registry.get(call.name.toLowerCase());
  const strict = def?.store === "changes";
  const counting = def?.rateLimited === false ? null : countCall(runtime, caller, strict);
  if (counting && strict) {
    let verdict: RateVerdict;
    try {
      verdict = await counting;
    } catch (err) {
      return errorReply(err);
    }
    if (!verdict.allowed) return limitedReply(verdict);
  }
  const onInternalError = (err: unknown, c: { name: string; subcommand?: string }) => runtime.onInternalError(err, c, requestId);
  const ctx = contextFor(runtime, caller);
  const running = Promise.all([runCommand(runtime.registry, ctx, call, onInternalError), ctx.serverSettings()]);
  if (counting && !strict) {
    const verdict = await Promise.race([counting, running.then(() => null)]);
    if (verdict && !verdict.allowed) return limitedReply(verdict);
  }
  const [reply, settings] = await running;
  return applySettings(reply, def, settings);
}

function outcomeOf(reply: Reply): string {
  if (reply.kind !== "error") return "ok";
  return reply.data.code === "internal" ? "internal-error" : "user-error";
}

/**
 * Runs one call for a caller through the shared dispatch, with the rate limit and the server's settings;
 * never throws. Each call gets a request id; the log line and metrics name the command, never its text.
 */
export async function execute(runtime: Runtime, caller: Caller, call: CommandCall): Promise<Reply> {
  const requestId = randomUUID();
  const started = performance.now();
  const reply = await runtime.track(answer(runtime, caller, call, requestId));
  const seconds = (performance.now() - started) / 1000;
  const def = runtime.registry.get(call.name.toLowerCase());
  const command = def ? def.name : "unknown";
  const subcommand = def?.subcommands?.find((s) => s.name === call.subcommand?.toLowerCase())?.name;
  const outcome = outcomeOf(reply);
  runtime.observe?.({ command, platform: caller.platform, outcome, seconds });
  runtime.log.info(
    { reqId: requestId, command, ...(subcommand ? { subcommand } : {}), platform: caller.platform, outcome, ms: Math.round(seconds * 10_000) / 10 },
    "command answered",
  );
  return reply;
}
