import type { CommandCall, CommandContext, CommandDef, OptionDef, OptionValue } from "./command.js";
import { UserError, isUserError } from "./errors.js";
import { MESSAGES } from "./messages.js";
import { makeReply, type Reply } from "./reply.js";
import type { ServerSettings } from "./store.js";
import { closestNames } from "./suggest.js";

/** Commands by name. */
export type CommandRegistry = ReadonlyMap<string, CommandDef>;

/** Builds the name → definition map from the explicit list in commands/index.ts. */
export function createRegistry(defs: readonly CommandDef[]): CommandRegistry {
  return new Map(defs.map((d) => [d.name, d]));
}

/** Finds a command by name or throws a UserError with the closest names. */
export function findCommand(registry: CommandRegistry, name: string): CommandDef {
  const def = registry.get(name.toLowerCase());
  if (def) return def;
  const close = closestNames(name, registry.keys());
  throw new UserError("unknown-command", MESSAGES.unknownCommand(name, close), close);
}

/** The options a call may carry: the subcommand's when the command has subcommands. */
export function optionsFor(def: CommandDef, subcommand?: string): OptionDef[] {
  if (!def.subcommands) return def.options;
  const subs = def.subcommands.map((s) => s.name);
  if (!subcommand) throw new UserError("bad-input", MESSAGES.missingSubcommand(def.name, subs));
  const sub = def.subcommands.find((s) => s.name === subcommand.toLowerCase());
  if (!sub) throw new UserError("bad-input", MESSAGES.unknownSubcommand(def.name, subcommand, subs), closestNames(subcommand, subs));
  return sub.options;
}

function coerce(def: OptionDef, raw: OptionValue): OptionValue {
  if (def.type === "string") {
    if (typeof raw !== "string") throw new UserError("bad-input", MESSAGES.badType(def.name, def.type));
    return raw;
  }
  if (def.type === "integer") {
    const n = typeof raw === "number" ? raw : /^-?\d{1,15}$/.test(String(raw).trim()) ? Number(String(raw).trim()) : NaN;
    if (!Number.isSafeInteger(n)) throw new UserError("bad-input", MESSAGES.badType(def.name, def.type));
    return n;
  }
  if (typeof raw === "boolean") return raw;
  const s = String(raw).trim().toLowerCase();
  if (["true", "yes", "on", "1"].includes(s)) return true;
  if (["false", "no", "off", "0"].includes(s)) return false;
  throw new UserError("bad-input", MESSAGES.badType(def.name, def.type));
}

/** Checks a call against its command's definition: known options, types, limits, choices, required ones. */
export function validateCall(def: CommandDef, call: CommandCall): CommandCall {
  const defs = optionsFor(def, call.subcommand);
  const options: Record<string, OptionValue> = {};
  for (const [key, raw] of Object.entries(call.options)) {
    const opt = defs.find((o) => o.name === key.toLowerCase());
    if (!opt && def.extraOptions && /^[a-z][a-z0-9_]*$/i.test(key)) {
      if (typeof raw === "string" && raw !== "") options[key.toLowerCase()] = raw;
      continue;
    }
    if (!opt) {
      const names = defs.map((o) => o.name);
      throw new UserError("unknown-option", MESSAGES.unknownOption(def.name, key, names), closestNames(key, names));
    }
    if (raw === undefined || raw === null || raw === "") continue;
    const value = coerce(opt, raw);
    if (typeof value === "string" && opt.maxLength !== undefined && value.length > opt.maxLength) {
      throw new UserError("text-too-long", MESSAGES.optionTooLong(opt.name, value.length, opt.maxLength));
    }
    if (opt.choices && !opt.choices.includes(String(value))) {
      throw new UserError("bad-input", MESSAGES.badChoice(opt.name, String(value), opt.choices));
    }
    options[opt.name] = value;
  }
  for (const opt of defs) {
    if (opt.required && options[opt.name] === undefined) throw new UserError("bad-input", MESSAGES.missingOption(def.name, opt.name));
  }
  return { name: def.name, ...(call.subcommand ? { subcommand: call.subcommand.toLowerCase() } : {}), options };
}

/** The reply shown for an error: the UserError's message, or an apology for a bug. Always private. */
export function errorReply(err: unknown): Reply {
  if (isUserError(err)) {
    return makeReply("error", { title: "Not quite", text: err.message, private: true }, { error: err.message, code: err.code, suggestions: err.suggestions });
  }
  return makeReply("error", { title: "Sorry", text: MESSAGES.internalError, private: true }, { error: MESSAGES.internalError, code: "internal", suggestions: [] });
}

/** Runs one call end to end; never throws. Bugs go to `onInternalError` (without the user's text) and become an apology. */
export async function runCommand(
  registry: CommandRegistry,
  ctx: CommandContext,
  call: CommandCall,
  onInternalError: (err: unknown, call: { name: string; subcommand?: string }) => void = () => {},
): Promise<Reply> {
  try {
    const def = findCommand(registry, call.name);
    if (def.serverOnly && !ctx.caller.serverId) throw new UserError("forbidden", MESSAGES.serverOnly(def.name));
    const valid = validateCall(def, call);
    return await def.run(ctx, valid);
  } catch (err) {
    if (!isUserError(err)) onInternalError(err, { name: call.name, subcommand: call.subcommand });
    return errorReply(err);
  }
}

/**
 * Whether a reply is shown only to its caller — the one place that decides it. Errors always are; otherwise the
 * command's privacy: "private" and "public" as said, "server" private unless the caller's server chose public.
 */
export function isPrivateReply(def: CommandDef | undefined, reply: Reply, settings: ServerSettings | null): boolean {
  if (reply.kind === "error" || !def) return true;
  if (def.privacy === "server") return settings?.visibility[def.name] !== "public";
  return def.privacy === "private";
}
