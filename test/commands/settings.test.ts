import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Caller, CommandCall } from "../../src/core/command.js";
import { MESSAGES } from "../../src/core/messages.js";
import type { Reply } from "../../src/core/reply.js";
import { createRuntime, execute, type Runtime } from "../../src/runtime.js";
import { openStore } from "../../src/store/open.js";

const dir = mkdtempSync(join(tmpdir(), "mg-settings-"));
let now = new Date("2026-01-20T15:00:00Z");
let runtime: Runtime;

beforeAll(async () => {
  runtime = createRuntime({ store: await openStore(`sqlite://${join(dir, "s.sqlite")}`), now: () => now, rateLimit: { max: 3, windowMs: 60_000 } });
});

afterAll(async () => {
  await runtime.store?.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** A fresh member each time, so the 3-a-minute limit of this runtime only bites where a test means it to. */
const member = (serverId = "discord-guild:1"): Caller => ({ id: `discord:m${++n}`, platform: "discord", serverId });
const admin = (serverId = "discord-guild:1"): Caller => ({ ...member(serverId), isAdmin: true });

function settings(caller: Caller, subcommand: string, options: CommandCall["options"] = {}): Promise<Reply> {
  return execute(runtime, caller, { name: "settings", subcommand, options });
}

const DRAFT_WITHOUT_AAMC = "Subject: Thank you\n\nDear Dr. Lee,\n\nThank you for the interview on Monday. I enjoyed meeting the residents.\n\nSincerely,\nAmara Okafor";

function rulesOf(reply: Reply): string[] {
  return (reply.data as { findings: { rule: string }[] }).findings.map((f) => f.rule);
}

describe("/settings", () => {
  it("lets only admins change anything, and only inside a server", async () => {
    const denied = await settings(member(), "rule-off", { rule: "missing-aamc-id" });
    expect(denied.data).toMatchObject({ code: "forbidden", error: MESSAGES.settings.adminOnly });
    const noServer = await settings({ id: "cli:x", platform: "cli", isAdmin: true }, "show");
    expect(noServer.data).toMatchObject({ code: "forbidden", error: MESSAGES.serverOnly("settings") });
    const shown = await settings(member(), "show");
    expect(shown.data).toEqual({ settings: { visibility: {}, disabledRules: [] } });
    expect(shown.private).toBe(true);
  });

  it("turns a tip off for the server's members, and on again; other servers keep it", async () => {
    expect(rulesOf(await execute(runtime, member(), { name: "check", options: { draft: DRAFT_WITHOUT_AAMC } }))).toContain("missing-aamc-id");
    const off = await settings(admin(), "rule-off", { rule: "missing-aamc-id" });
    expect(off.data).toMatchObject({ settings: { disabledRules: ["missing-aamc-id"] } });
    expect(rulesOf(await execute(runtime, member(), { name: "check", options: { draft: DRAFT_WITHOUT_AAMC } }))).not.toContain("missing-aamc-id");
    expect(rulesOf(await execute(runtime, member("discord-guild:2"), { name: "check", options: { draft: DRAFT_WITHOUT_AAMC } }))).toContain("missing-aamc-id");
    await settings(admin(), "rule-on", { rule: "missing-aamc-id" });
    expect(rulesOf(await execute(runtime, member(), { name: "check", options: { draft: DRAFT_WITHOUT_AAMC } }))).toContain("missing-aamc-id");
  });

  it("refuses to turn off a violation, and suggests close names for an unknown rule", async () => {
    const locked = await settings(admin(), "rule-off", { rule: "multiple-first-choice" });
    expect(locked.data).toMatchObject({ code: "forbidden" });
    const unknown = await settings(admin(), "rule-off", { rule: "missing-aamc" });
    expect(unknown.data).toMatchObject({ code: "not-found", suggestions: ["missing-aamc-id"] });
    expect((await settings(member(), "show")).data).toMatchObject({ settings: { disabledRules: [] } });
  });

  it("makes /ask and /template answers public when the server chooses so", async () => {
    const before = await execute(runtime, member("discord-guild:3"), { name: "template", options: { id: "thank-you" } });
    expect(before.private).toBe(true);
    await settings(admin("discord-guild:3"), "visibility", { command: "template", visibility: "public" });
    const after = await execute(runtime, member("discord-guild:3"), { name: "template", options: { id: "thank-you" } });
    expect(after.kind).toBe("template");
    expect(after.private).toBe(false);
    const check = await execute(runtime, member("discord-guild:3"), { name: "check", options: { draft: DRAFT_WITHOUT_AAMC } });
    expect(check.private).toBe(true);
  });

  it("adds the server's disclaimer line under answers, and removes it", async () => {
    await settings(admin("discord-guild:4"), "disclaimer", { text: "Ask a moderator in #match-help before sending." });
    const reply = await execute(runtime, member("discord-guild:4"), { name: "template", options: { id: "thank-you" } });
    expect(reply.footer?.split("\n").at(-1)).toBe("Ask a moderator in #match-help before sending.");
    await settings(admin("discord-guild:4"), "disclaimer", {});
    const plain = await execute(runtime, member("discord-guild:4"), { name: "template", options: { id: "thank-you" } });
    expect(plain.footer ?? "").not.toContain("moderator");
  });
});

describe("the per-user rate limit", () => {
  it("answers a friendly error past the limit, counts per user, and lets the user in again next window", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const user = member();
    const call = { name: "timeline", options: {} };
    for (let i = 0; i < 3; i++) expect((await execute(runtime, user, call)).kind).toBe("notice");
    const limited = await execute(runtime, user, call);
    expect(limited.data).toMatchObject({ code: "rate-limited", error: MESSAGES.rateLimited(60) });
    expect(limited.private).toBe(true);
    expect((await execute(runtime, member(), call)).kind).toBe("notice");
    now = new Date(now.getTime() + 61_000);
    vi.setSystemTime(Date.now() + 61_000);
    expect((await execute(runtime, user, call)).kind).toBe("notice");
    vi.useRealTimers();
  });

  it("does not limit the local CLI", async () => {
    const cli: Caller = { id: "cli:local", platform: "cli" };
    for (let i = 0; i < 5; i++) expect((await execute(runtime, cli, { name: "timeline", options: {} })).kind).toBe("notice");
  });
});
