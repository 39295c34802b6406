import { COMMANDS } from "../commands/index.js";
import type { Caller, CommandCall, CommandContext } from "./core/command.js";
import { createCore, type Core } from "./core/core.js";
import { createRegistry, runCommand, type CommandRegistry } from "./core/dispatch.js";
import type { Reply } from "./core/reply.js";
import type { Store } from "./core/store.js";
import { loadContent } from "./content/load.js";

/** What every adapter shares: the engines, the command registry and the store. */
export interface Runtime {
  core: Core;
  registry: CommandRegistry;
  store: Store | null;
  now: () => Date;
  /** Called with bugs (never with the user's text). */
  onInternalError: (err: unknown, call: { name: string; subcommand?: string }) => void;
}

/** Loads content and builds the engines; throws ContentError on a malformed file. */
export function createRuntime(options: { contentDir?: string; store?: Store | null; now?: () => Date } = {}): Runtime {
  const core = createCore(loadContent(options.contentDir));
  return {
    core,
    registry: createRegistry(COMMANDS),
    store: options.store ?? null,
    now: options.now ?? (() => new Date()),
    onInternalError: (err, call) => {
      process.stderr.write(`internal error in /${call.name}${call.subcommand ? ` ${call.subcommand}` : ""}: ${(err as Error)?.stack ?? String(err)}\n`);
    },
  };
}

/** The context one call runs with. */
export function contextFor(runtime: Runtime, caller: Caller): CommandContext {
  return { core: runtime.core, content: runtime.core.content, caller, store: runtime.store, now: runtime.now, commands: COMMANDS };
}

/** Runs one call for a caller through the shared dispatch; never throws. */
export function execute(runtime: Runtime, caller: Caller, call: CommandCall): Promise<Reply> {
  return runCommand(runtime.registry, contextFor(runtime, caller), call, runtime.onInternalError);
}
