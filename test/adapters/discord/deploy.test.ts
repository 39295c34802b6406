import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import {
  buildCommandPayload,
  CommandPayloadError,
  dryRunRegister,
  parseRegisterArgs,
  registerCommands,
  validateCommandPayload,
} from "../../../src/adapters/discord/deploy.js";
import { createDiscordRest } from "../../../src/adapters/discord/interactions.js";
import type { CommandDef } from "../../../src/core/command.js";
import { makeReply } from "../../../src/core/reply.js";
import { startFakeDiscord, type FakeDiscord } from "../../helpers/discord-fake.js";

const APP = "123456789012345678";
const GUILD = "876543210987654321";
const DIST_DEPLOY = "dist/src/adapters/discord/deploy.js";

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await startFakeDiscord({ applicationId: APP });
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => fake.reset());

function command(over: Partial<CommandDef>): CommandDef {
  return {
    name: "probe",
    description: "A command made for this test",
    example: "/probe",
    options: [],
    run: () => makeReply("notice", { title: "ok" }, {}),
    ...over,
  };
}

describe("the registration payload", () => {
  const payload = buildCommandPayload(COMMANDS) as any[];

  it("passes Discord's limit checks", () => {
    expect(validateCommandPayload(payload)).toEqual([]);
  });

  it("has every command with the SPEC's option names, and the Check draft message command", () => {
    const byName = new Map(payload.map((c) => [`${c.type}:${c.name}`, c]));
    for (const def of COMMANDS) expect(byName.has(`1:${def.name}`), def.name).toBe(true);
    expect(byName.get("1:ask").options).toEqual([expect.objectContaining({ name: "question", type: 3, required: true })]);
    const template = byName.get("1:template");
    expect(template.options.map((o: any) => o.name)).toEqual(
      expect.arrayContaining(["id", "name", "program", "specialty", "recipient", "aamc_id", "interview_date", "visa", "reason"]),
    );
    expect(template.options.find((o: any) => o.name === "id").autocomplete).toBe(true);
    expect(byName.get("1:check").options.map((o: any) => o.name)).toEqual(["draft", "program", "fix"]);
    expect(byName.get("3:Check draft")).toEqual({ type: 3, name: "Check draft", integration_types: [0, 1], contexts: [0, 1, 2] });
  });

  it("declares guild and user install and all three contexts for every command but /settings, which stays guild-only", () => {
    for (const c of payload) {
      const serverOnly = c.type === 1 && COMMANDS.find((d) => d.name === c.name)?.serverOnly;
      expect({ name: c.name, integration_types: c.integration_types, contexts: c.contexts }).toEqual(
        serverOnly ? { name: c.name, integration_types: [0], contexts: [0] } : { name: c.name, integration_types: [0, 1], contexts: [0, 1, 2] },
      );
    }
    expect(payload.find((c) => c.name === "settings")).toMatchObject({ integration_types: [0], contexts: [0] });
  });

  it("names unknown or missing installation types and contexts", () => {
    const [ask] = buildCommandPayload(COMMANDS) as any[];
    expect(validateCommandPayload([{ ...ask, integration_types: [0, 7], contexts: [] }])).toEqual([
      '"ask": integration_types [0,7] must be distinct values of [0,1]',
      '"ask": contexts is empty',
    ]);
  });

  it("clamps string options to Discord's 6,000-character max_length", () => {
    const draft = payload.find((c) => c.name === "check").options.find((o: any) => o.name === "draft");
    expect(draft.max_length).toBe(6000);
  });

  it("puts required options before optional ones", () => {
    const [p] = buildCommandPayload([
      command({ options: [{ name: "b", description: "b", type: "string" }, { name: "a", description: "a", type: "string", required: true }] }),
    ]) as any[];
    expect(p.options.map((o: any) => o.name)).toEqual(["a", "b"]);
  });

  it("turns subcommands into Discord subcommand options", () => {
    const [p] = buildCommandPayload([
      command({
        name: "log",
        options: [],
        subcommands: [
          { name: "add", description: "Add an entry", options: [{ name: "program", description: "Program", type: "string", required: true }] },
          { name: "list", description: "List entries", options: [] },
        ],
      }),
    ]) as any[];
    expect(p.options.map((o: any) => [o.type, o.name])).toEqual([
      [1, "add"],
      [1, "list"],
    ]);
    expect(validateCommandPayload([p])).toEqual([]);
  });

  it("offers more than 25 choices through autocomplete instead of breaking the limit", () => {
    const choices = Array.from({ length: 30 }, (_, i) => `c${i}`);
    const [p] = buildCommandPayload([command({ options: [{ name: "pick", description: "Pick", type: "string", choices }] })]) as any[];
    expect(p.options[0].autocomplete).toBe(true);
    expect(p.options[0].choices).toBeUndefined();
    expect(validateCommandPayload([p])).toEqual([]);
  });

  it("names every limit a bad definition breaks", () => {
    const payload = buildCommandPayload([
      command({ name: "Way-Too-Long-Command-Name-For-Discord" }),
      command({ name: "wordy", description: "d".repeat(101) }),
      command({ name: "many", options: Array.from({ length: 26 }, (_, i) => ({ name: `o${i}`, description: "x", type: "string" as const })) }),
      command({ name: "caps", options: [{ name: "Bad", description: "", type: "string" }] }),
    ]);
    const problems = validateCommandPayload(payload);
    expect(problems.some((p) => p.startsWith("/Way-Too-Long-Command-Name-For-Discord:"))).toBe(true);
    expect(problems).toContain("/wordy: description is 101 characters (Discord allows 100)");
    expect(problems).toContain("/many: 26 options (Discord allows 25)");
    expect(problems.some((p) => p.startsWith("/caps Bad: option names"))).toBe(true);
    expect(problems).toContain("/caps Bad: description is empty");
  });
});

describe("registerCommands against a fake Discord REST API", () => {
  it("PUTs the validated payload to the global commands route with the bot token", async () => {
    const rest = createDiscordRest({ DISCORD_API_URL: fake.apiUrl, DISCORD_TOKEN: "bot-token" });
    const result = (await registerCommands({ rest, applicationId: APP })) as any[];
    const [call] = fake.calls;
    expect(call.method).toBe("PUT");
    expect(call.path).toBe(`/applications/${APP}/commands`);
    expect(call.authorization).toBe("Bot bot-token");
    expect(call.body).toEqual(buildCommandPayload(COMMANDS));
    expect(validateCommandPayload(call.body)).toEqual([]);
    expect(result.length).toBe(call.body.length);
  });

  it("PUTs to one guild with --guild", async () => {
    const rest = createDiscordRest({ DISCORD_API_URL: fake.apiUrl, DISCORD_TOKEN: "bot-token" });
    await registerCommands({ rest, applicationId: APP, ...parseRegisterArgs(["--guild", GUILD]) });
    expect(fake.calls[0].path).toBe(`/applications/${APP}/guilds/${GUILD}/commands`);
  });

  it("sends nothing when the payload breaks a limit", async () => {
    const rest = createDiscordRest({ DISCORD_API_URL: fake.apiUrl, DISCORD_TOKEN: "bot-token" });
    await expect(registerCommands({ rest, applicationId: APP, commands: [command({ description: "" })] })).rejects.toBeInstanceOf(CommandPayloadError);
    expect(fake.calls).toEqual([]);
  });

  it("rejects arguments it does not know", () => {
    expect(() => parseRegisterArgs(["--gild", "1"])).toThrow(/usage/);
    expect(() => parseRegisterArgs(["--guild", "abc"])).toThrow(/usage/);
    expect(parseRegisterArgs([`--guild=${GUILD}`])).toEqual({ guildId: GUILD });
    expect(parseRegisterArgs(["--dry-run"])).toEqual({ dryRun: true });
  });
});

function runDeploy(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DIST_DEPLOY, ...args], { env: { PATH: process.env.PATH ?? "", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.runIf(existsSync(DIST_DEPLOY))("npm run register (the built script)", () => {
  it("registers the commands in a guild on the fake API and says how many", async () => {
    const res = await runDeploy(["--guild", GUILD], { DISCORD_TOKEN: "bot-token", DISCORD_APPLICATION_ID: APP, DISCORD_API_URL: fake.apiUrl });
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    const put = fake.calls.find((c) => c.method === "PUT")!;
    expect(put.path).toBe(`/applications/${APP}/guilds/${GUILD}/commands`);
    expect(validateCommandPayload(put.body)).toEqual([]);
    expect(res.stdout).toContain(`registered ${put.body.length} commands`);
  });

  it("exits 2 with the usage line when the token is missing", async () => {
    const res = await runDeploy([], { DISCORD_API_URL: fake.apiUrl });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^usage: npm run register/);
    expect(fake.calls).toEqual([]);
  });
});

describe("npm run register -- --dry-run", () => {
  it("prints the JSON array it would send, with no token, no application id and no network", async () => {
    const child = spawn(process.execPath, ["dist/src/adapters/discord/deploy.js", "--dry-run"], {
      env: { PATH: process.env.PATH ?? "", DISCORD_API_URL: "http://127.0.0.1:9" },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(buildCommandPayload(COMMANDS));
  });

  it("refuses a payload over Discord's limits with one line per problem and exit 2", () => {
    const long = defineLong();
    const result = dryRunRegister([long]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^\/x: description is 101 characters \(Discord allows 100\)\n$/);
  });
});

function defineLong(): CommandDef {
  return { name: "x", description: "d".repeat(101), example: "/x", options: [], privacy: "private", run: () => makeReply("notice", { title: "t" }, {}) };
}
