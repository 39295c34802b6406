import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { renderReply } from "../../src/adapters/discord/render.js";
import { renderSlackReply } from "../../src/adapters/slack/render.js";
import type { Caller, CommandCall, CommandDef, Platform } from "../../src/core/command.js";
import { isUserError } from "../../src/core/errors.js";
import { parseCommandText } from "../../src/core/parse-text.js";
import type { Reply } from "../../src/core/reply.js";
import { contextFor, createRuntime, execute, type Runtime } from "../../src/runtime.js";
import { openStore } from "../../src/store/open.js";
import { discordLimitProblems } from "../helpers/discord-limits.js";
import { generateCall, generateLine, type Hints } from "../helpers/fuzz-calls.js";
import { replyProblems, slackMessageProblems } from "../helpers/fuzz-checks.js";
import { FuzzLog, stackOf, watchProcess } from "../helpers/fuzz-harness.js";
import { fuzzScale, fuzzSeed, Rng } from "../helpers/fuzz-random.js";
import { hostilePiece } from "../helpers/fuzz-text.js";

const seed = fuzzSeed();
const EXECUTE_CASES = Math.round(3500 * fuzzScale());
const TEXT_CASES = Math.round(2500 * fuzzScale());

const log = new FuzzLog(seed);
let runtime: Runtime;
let watch: ReturnType<typeof watchProcess>;
const internal: string[] = [];

function callerFor(rng: Rng): Caller {
  const platform = rng.pick<Platform>(["discord", "slack", "cli", "console"]);
  const id = rng.chance(0.9) ? `${platform}:${rng.int(1, 50)}` : `${platform}:${hostilePiece(rng)}`;
  return { id, platform, ...(rng.chance(0.6) ? { serverId: String(rng.int(1, 5)) } : {}), isAdmin: rng.chance(0.2) };
}

/** What each command's own autocomplete offers for an option (real template ids and the like). */
const hints: Hints = (def, opt) =>
  opt.autocomplete && def.autocomplete ? def.autocomplete(contextFor(runtime, { id: "cli:hints", platform: "cli" }), opt.name, "").map((c) => c.value) : [];

/** The definition a call resolves to (case-insensitively, as dispatch does), if any. */
function defOf(name: unknown): CommandDef | undefined {
  return typeof name === "string" ? COMMANDS.find((d) => d.name === name.toLowerCase()) : undefined;
}

/** The text a `check` reply's spans point into: the command's `rest` option as the call gave it. */
function checkedText(def: CommandDef | undefined, options: Record<string, unknown>): string | undefined {
  if (!def?.rest) return undefined;
  const entry = Object.entries(options).find(([k]) => k.toLowerCase() === def.rest);
  return typeof entry?.[1] === "string" ? entry[1] : undefined;
}

/** Every problem of one answer: the reply model, the finding spans, and both platforms' renderings. */
function answerProblems(reply: Reply, def: CommandDef | undefined, options: Record<string, unknown>): string[] {
  const problems = replyProblems(reply, { draft: checkedText(def, options), mustBePrivate: def?.privacy === "private" });
  try {
    const messages = renderReply(reply);
    if (messages.length === 0) problems.push("discord: no message rendered");
    for (const [i, m] of messages.entries()) problems.push(...discordLimitProblems(m).map((p) => `discord message ${i}: ${p}`));
  } catch (err) {
    problems.push(`discord render threw: ${stackOf(err)}`);
  }
  try {
    problems.push(...slackMessageProblems(renderSlackReply(reply)).map((p) => `slack: ${p}`));
  } catch (err) {
    problems.push(`slack render threw: ${stackOf(err)}`);
  }
  return problems;
}

/** Runs a call and collects its problems, the internal errors it caused among them. */
async function runCase(caller: Caller, call: CommandCall): Promise<string[]> {
  const before = internal.length;
  let reply: Reply;
  try {
    reply = await execute(runtime, caller, call);
  } catch (err) {
    return [`execute threw: ${stackOf(err)}`];
  }
  const command = defOf(call.name)?.name ?? "unknown";
  log.tally(reply.kind === "error" ? `${command}:error:${reply.data.code}` : `${command}:${reply.kind}${reply.kind === "check" ? `:${reply.data.findings.length ? "findings" : "clean"}` : ""}`);
  return [...internal.slice(before), ...answerProblems(reply, defOf(call.name), call.options)];
}

beforeAll(async () => {
  process.stdout.write(`fuzz core: seed ${seed} (set FUZZ_SEED=${seed} to reproduce), commands: ${COMMANDS.map((c) => c.name).join(", ")}\n`);
  watch = watchProcess();
  runtime = createRuntime({ store: await openStore("sqlite://:memory:"), rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  runtime.onInternalError = (err, call) => internal.push(`internal error in ${call.name}: ${stackOf(err)}`);
});

afterAll(async () => {
  await runtime?.store?.close();
  watch?.stop();
  process.stdout.write(`fuzz core: ${log.inputs} inputs, ${log.failures.length} failing; outcomes: ${log.summary()}\n`);
});

describe("fuzz: every command through execute()", () => {
  it(`answers ${EXECUTE_CASES} generated calls (known and unknown commands, options, wrong types) within the contract`, async () => {
    for (let i = 0; i < EXECUTE_CASES; i++) {
      const rng = Rng.forCase(seed, "execute", i);
      const call = generateCall(rng, COMMANDS, hints);
      log.record("execute", i, call, await runCase(callerFor(rng), call as CommandCall));
      log.inputs++;
    }
    expect(log.report("execute")).toBe("");
  }, 120_000);
});

describe("fuzz: every command through the text parser", () => {
  it(`parses ${TEXT_CASES} generated command lines into a call or a user error, and answers each call within the contract`, async () => {
    for (let i = 0; i < TEXT_CASES; i++) {
      const rng = Rng.forCase(seed, "text", i);
      const line = generateLine(rng, COMMANDS, hints);
      log.inputs++;
      let call: CommandCall;
      try {
        call = parseCommandText(runtime.registry, line);
      } catch (err) {
        log.tally(`parse:${isUserError(err) ? err.code : "threw"}`);
        log.record("text", i, line, isUserError(err) ? [] : [`parser threw a non-user error: ${stackOf(err)}`]);
        continue;
      }
      const problems: string[] = [];
      if (!defOf(call.name)) problems.push(`parsed into unknown command ${call.name}`);
      if (Object.values(call.options).some((v) => typeof v !== "string")) problems.push("parsed option values must be strings");
      problems.push(...(await runCase(callerFor(rng), call)));
      log.record("text", i, { line, call }, problems);
    }
    expect(log.report("text")).toBe("");
  }, 120_000);
});

describe("fuzz: the process", () => {
  it("saw no unhandled rejection or uncaught exception", () => {
    expect(watch.errors).toEqual([]);
  });
});
