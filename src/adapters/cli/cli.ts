import { COMMANDS } from "../../../commands/index.js";
import type { CommandCall, CommandDef, OptionValue } from "../../core/command.js";
import { UserError, isUserError } from "../../core/errors.js";
import { findCommand, type CommandRegistry } from "../../core/dispatch.js";
import type { Reply } from "../../core/reply.js";
import { execute, type Runtime } from "../../runtime.js";
import { renderPlain, restText } from "../text.js";

/** What one CLI run printed and its exit code. */
export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Flags the CLI itself consumes rather than passing to the command. */
interface CliFlags {
  json: boolean;
  list: boolean;
  user: string;
}

/**
 * Splits argv into positionals, CLI flags and command options (`--key value`, `--field k=v`); a boolean option
 * (`--fix`) stands alone or takes `true`/`false`.
 */
export function parseArgv(
  argv: string[],
  booleanOptions: ReadonlySet<string> = new Set(),
): { positionals: string[]; flags: CliFlags; options: Record<string, string> } {
  const positionals: string[] = [];
  const flags: CliFlags = { json: false, list: false, user: "cli" };
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") flags.json = true;
    else if (arg === "--list") flags.list = true;
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = (eq > 0 ? arg.slice(2, eq) : arg.slice(2)).replace(/-/g, "_");
      if (eq < 0 && booleanOptions.has(name) && !/^(?:true|false)$/i.test(argv[i + 1] ?? "")) {
        options[name] = "true";
        continue;
      }
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UserError("bad-input", `--${name} needs a value.`);
      if (name === "user") flags.user = value;
      else if (name === "field") {
        const feq = value.indexOf("=");
        if (feq <= 0) throw new UserError("bad-input", `--field needs key=value, got "${value}".`);
        options[value.slice(0, feq).trim()] = value.slice(feq + 1);
      } else options[name] = value;
    } else positionals.push(arg);
  }
  return { positionals, flags, options };
}

/**
 * Whether a CLI run needs the store, from the command's `store` trait: always for a command that changes saved
 * data, and with `--user` for one that reads it (`check --user` consults that user's log).
 */
export function storeNeeded(argv: string[], commands: readonly CommandDef[] = COMMANDS): boolean {
  let name: string | undefined;
  try {
    name = parseArgv(argv).positionals[0]?.toLowerCase();
  } catch {
    return false;
  }
  const def = commands.find((c) => c.name === name);
  if (def?.store === "changes") return true;
  return def?.store === "reads" && argv.some((a) => a === "--user" || a.startsWith("--user="));
}

function errorLine(reply: Extract<Reply, { kind: "error" }>): string {
  return reply.data.error.replace(/\s*\n\s*/g, " ");
}

/** Turns a single-command argv into a call; `readInput` supplies stdin for commands whose text comes from it. */
async function callFromArgv(runtime: Runtime, argv: string[], readInput: () => Promise<string>) {
  const booleans = new Set([...runtime.registry.values()].flatMap((d) => d.options.filter((o) => o.type === "boolean").map((o) => o.name)));
  const { positionals, flags, options } = parseArgv(argv, booleans);
  const [name, ...rest] = positionals;
  if (!name) throw new UserError("bad-input", `Name a command: ${[...runtime.registry.keys()].join(", ")} (or batch).`);
  const def = findCommand(runtime.registry, name);
  const call: CommandCall = { name: def.name, options: { ...options } };
  let args = rest;
  if (def.subcommands) {
    call.subcommand = args[0];
    args = args.slice(1);
  }
  const sub = def.subcommands?.find((s) => s.name === call.subcommand);
  const positional = sub ? (sub.positional ?? []) : (def.positional ?? []);
  if (!sub && def.rest) {
    if (args.length) call.options[def.rest] = args.join(" ");
    else if (def.options.find((o) => o.name === def.rest)?.multiline) call.options[def.rest] = await readInput();
  } else {
    if (args.length > positional.length) throw new UserError("bad-input", `Unexpected argument "${args[positional.length]}".`);
    args.forEach((a, i) => (call.options[positional[i]] = a));
  }
  const listed = flags.list ? positional.find((p) => call.options[p] !== undefined) : undefined;
  if (listed) throw new UserError("bad-input", `Use either --list or ${def.name} ${listed}, not both.`);
  return { call, flags };
}

/** A batch line's object member (`fields`, `options`) as string-keyed values, or a one-line error naming it. */
function objectMember(req: Record<string, unknown>, key: string, strings: boolean): Record<string, OptionValue> {
  const value = req[key] ?? {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new UserError("bad-input", `"${key}" must be an object${strings ? " of strings" : ""}.`);
  const out: Record<string, OptionValue> = {};
  for (const [k, v] of Object.entries(value)) {
    if (strings && typeof v !== "string") throw new UserError("bad-input", `${key}.${k} must be a string.`);
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = v;
  }
  return out;
}

/**
 * One JSON request line of `batch` → a call, for any command: `text` fills the command's rest option (the question,
 * the draft), other top-level keys that name an option fill it (`id`, `program`), `fields` and `options` add more.
 */
function callFromBatchLine(registry: CommandRegistry, line: unknown): { call: CommandCall; user: string } {
  if (typeof line !== "object" || line === null || Array.isArray(line)) throw new UserError("bad-input", "Each line must be a JSON object.");
  const req = line as Record<string, unknown>;
  const str = (key: string) => {
    const v = req[key];
    if (v !== undefined && typeof v !== "string") throw new UserError("bad-input", `"${key}" must be a string.`);
    return v as string | undefined;
  };
  const user = str("user") ?? "cli";
  const command = str("command");
  if (!command) throw new UserError("bad-input", `Each line needs "command" (${[...registry.keys()].join(", ")}).`);
  const def = findCommand(registry, command);
  const subcommand = str("subcommand");
  const options: Record<string, OptionValue> = { ...objectMember(req, "options", false), ...objectMember(req, "fields", true) };
  for (const opt of def.subcommands ? [] : def.options) {
    if (opt.hidden || !(opt.name in req)) continue;
    const value = str(opt.name);
    if (value !== undefined) options[opt.name] = value;
  }
  const text = str("text");
  if (def.rest && text !== undefined) options[def.rest] = text;
  return { call: { name: def.name, ...(subcommand ? { subcommand } : {}), options }, user };
}

/** Answers JSONL requests one per line, in order; a bad line gets `{"error": ...}` and the rest go on. */
export async function runBatch(runtime: Runtime, input: string): Promise<string> {
  const out: string[] = [];
  const lines = input.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i];
    if (!text.trim()) continue;
    let reply: Reply;
    try {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new UserError("bad-input", `Line ${i + 1} is not valid JSON.`);
      }
      const { call, user } = callFromBatchLine(runtime.registry, parsed);
      reply = await execute(runtime, { id: `cli:${user}`, platform: "cli" }, call);
    } catch (err) {
      if (!isUserError(err)) throw err;
      out.push(JSON.stringify({ error: err.message }));
      continue;
    }
    out.push(JSON.stringify(reply.kind === "error" ? { error: errorLine(reply) } : reply.data));
  }
  return out.length ? `${out.join("\n")}\n` : "";
}

/** Runs the CLI contract of SPEC.md: exit 0 on success, 2 with one line on stderr for bad input. */
export async function runCli(runtime: Runtime, argv: string[], readInput: () => Promise<string>): Promise<CliResult> {
  try {
    if (argv[0] === "batch") return { stdout: await runBatch(runtime, await readInput()), stderr: "", code: 0 };
    const { call, flags } = await callFromArgv(runtime, argv, readInput);
    const reply = await execute(runtime, { id: `cli:${flags.user}`, platform: "cli" }, call);
    if (reply.kind === "error") {
      const line = errorLine(reply);
      return { stdout: flags.json ? `${JSON.stringify({ error: line })}\n` : "", stderr: `${line}\n`, code: reply.data.code === "internal" ? 1 : 2 };
    }
    return { stdout: `${flags.json ? JSON.stringify(reply.data) : renderPlain(reply, restText(runtime.registry.get(call.name), call))}\n`, stderr: "", code: 0 };
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { stdout: "", stderr: `${err.message}\n`, code: 2 };
  }
}
