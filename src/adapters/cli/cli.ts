import type { CommandCall, OptionValue } from "../../core/command.js";
import { UserError, isUserError } from "../../core/errors.js";
import { findCommand } from "../../core/dispatch.js";
import type { Reply } from "../../core/reply.js";
import { execute, type Runtime } from "../../runtime.js";
import { renderPlain } from "../text.js";

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

/** Commands that always read or write the user's data. */
const STORE_COMMANDS = new Set(["log", "settings"]);

/** Whether a CLI run needs the store: `log`, `settings`, and `check --user` (which consults that user's log). */
export function storeNeeded(argv: string[]): boolean {
  let name: string | undefined;
  try {
    name = parseArgv(argv).positionals[0]?.toLowerCase();
  } catch {
    return false;
  }
  if (!name) return false;
  if (STORE_COMMANDS.has(name)) return true;
  return name === "check" && argv.some((a) => a === "--user" || a.startsWith("--user="));
}

function errorLine(reply: Extract<Reply, { kind: "error" }>): string {
  return reply.data.error.replace(/\s*\n\s*/g, " ");
}

/** Turns a single-command argv into a call; `readInput` supplies stdin for commands whose text comes from it. */
async function callFromArgv(runtime: Runtime, argv: string[], readInput: () => Promise<string>) {
  const booleans = new Set([...runtime.registry.values()].flatMap((d) => d.options.filter((o) => o.type === "boolean").map((o) => o.name)));
  const { positionals, flags, options } = parseArgv(argv, booleans);
  const [name, ...rest] = positionals;
  if (!name) throw new UserError("bad-input", "Name a command: ask, check, template, batch (or help).");
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
  if (flags.list && def.name === "template" && call.options.id) throw new UserError("bad-input", "Use either --list or a template id, not both.");
  return { call, flags };
}

/** One JSON request line of `batch` → a call. */
function callFromBatchLine(line: unknown): { call: CommandCall; user: string } {
  if (typeof line !== "object" || line === null || Array.isArray(line)) throw new UserError("bad-input", "Each line must be a JSON object.");
  const req = line as Record<string, unknown>;
  const str = (key: string) => {
    const v = req[key];
    if (v !== undefined && typeof v !== "string") throw new UserError("bad-input", `"${key}" must be a string.`);
    return v as string | undefined;
  };
  const user = str("user") ?? "cli";
  const command = str("command");
  if (!command) throw new UserError("bad-input", 'Each line needs "command" (ask, check or template).');
  if (command === "ask") return { call: { name: "ask", options: { question: str("text") ?? "" } }, user };
  if (command === "check") {
    const program = str("program");
    return { call: { name: "check", options: { draft: str("text") ?? "", ...(program ? { program } : {}) } }, user };
  }
  if (command === "template") {
    const fields = req.fields ?? {};
    if (typeof fields !== "object" || fields === null || Array.isArray(fields)) throw new UserError("bad-input", '"fields" must be an object of strings.');
    const options: Record<string, OptionValue> = {};
    for (const [k, v] of Object.entries(fields)) {
      if (typeof v !== "string") throw new UserError("bad-input", `fields.${k} must be a string.`);
      options[k] = v;
    }
    return { call: { name: "template", options: { ...options, id: str("id") ?? "" } }, user };
  }
  const options = req.options ?? {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) throw new UserError("bad-input", '"options" must be an object.');
  const subcommand = str("subcommand");
  return { call: { name: command, ...(subcommand ? { subcommand } : {}), options: options as Record<string, OptionValue> }, user };
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
      const { call, user } = callFromBatchLine(parsed);
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
    const draft = typeof call.options.draft === "string" ? call.options.draft : undefined;
    return { stdout: `${flags.json ? JSON.stringify(reply.data) : renderPlain(reply, draft)}\n`, stderr: "", code: 0 };
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { stdout: "", stderr: `${err.message}\n`, code: 2 };
  }
}
