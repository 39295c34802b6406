import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logToCsv } from "../../commands/log.js";
import type { Caller, CommandCall } from "../../src/core/command.js";
import { logContextFor } from "../../src/core/log-context.js";
import { parseCommandText } from "../../src/core/parse-text.js";
import type { Reply } from "../../src/core/reply.js";
import { contextFor, createRuntime, execute, type Runtime } from "../../src/runtime.js";
import { lazyStore, openStore } from "../../src/store/open.js";

const dir = mkdtempSync(join(tmpdir(), "mg-log-"));
let now = new Date("2026-01-20T15:00:00Z");
let runtime: Runtime;

beforeAll(async () => {
  runtime = createRuntime({ store: await openStore(`sqlite://${join(dir, "log.sqlite")}`), now: () => now, rateLimit: { max: 1000, windowMs: 60_000 } });
});

afterAll(async () => {
  await runtime.store?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ana: Caller = { id: "discord:100", platform: "discord", serverId: "discord-guild:1" };
const ben: Caller = { id: "slack:T1:U100", platform: "slack", serverId: "slack-team:T1" };

function log(caller: Caller, subcommand: string, options: CommandCall["options"] = {}): Promise<Reply> {
  return execute(runtime, caller, { name: "log", subcommand, options });
}

describe("/log", () => {
  it("adds entries (today by default) and lists them oldest first, privately", async () => {
    const added = await log(ana, "add", { program: "Riverside IM", kind: "interest", date: "2025-10-03" });
    expect(added.private).toBe(true);
    expect(added.data).toMatchObject({ added: { program: "Riverside IM", kind: "interest", date: "2025-10-03" } });
    await log(ana, "add", { program: "Lakeside Pediatrics", kind: "thank-you" });
    const list = await log(ana, "list");
    expect(list.kind).toBe("list");
    expect(list.private).toBe(true);
    expect(list.data).toEqual({
      entries: [
        { program: "Riverside IM", kind: "interest", date: "2025-10-03" },
        { program: "Lakeside Pediatrics", kind: "thank-you", date: "2026-01-20" },
      ],
    });
    expect(list.text).toContain("2. 2026-01-20 · thank-you · Lakeside Pediatrics");
  });

  it("keeps users apart: another platform's user sees an empty log", async () => {
    expect((await log(ben, "list")).data).toEqual({ entries: [] });
  });

  it("files a loosely typed name under the program already logged", async () => {
    const added = await log(ana, "add", { program: "riverside internal medicine residency", kind: "thank-you", date: "2025-12-01" });
    expect(added.data).toMatchObject({ added: { program: "Riverside IM" } });
  });

  it("warns when a second program is logged as first choice", async () => {
    await log(ben, "add", { program: "Hillcrest FM", kind: "first-choice", date: "2026-01-10" });
    const second = await log(ben, "add", { program: "Valley Family Medicine", kind: "first-choice", date: "2026-01-11" });
    expect(second.data).toMatchObject({ firstChoiceElsewhere: ["Hillcrest FM"] });
    expect(second.text).toContain("Hillcrest FM");
  });

  it.each([
    [{ program: "Riverside IM", kind: "interest", date: "2026-13-01" }, "bad-input"],
    [{ program: "Riverside IM", kind: "interest", date: "yesterday" }, "bad-input"],
    [{ program: "Riverside IM", kind: "interest", date: "2026-03-01" }, "bad-input"],
    [{ program: "!!!", kind: "interest" }, "bad-input"],
    [{ program: "Riverside IM", kind: "love-letter" }, "bad-input"],
    [{ kind: "interest" }, "bad-input"],
  ])("rejects %j with a one-line error and changes nothing", async (options, code) => {
    const before = (await log(ana, "list")).data;
    const reply = await log(ana, "add", options);
    expect(reply.kind).toBe("error");
    expect(reply.data).toMatchObject({ code });
    expect(String((reply.data as { error: string }).error)).not.toContain("\n");
    expect((await log(ana, "list")).data).toEqual(before);
  });

  it("removes by number or by program, and says when nothing matches", async () => {
    const removed = await log(ana, "remove", { number: 1 });
    expect(removed.data).toEqual({ removed: { program: "Riverside IM", kind: "interest", date: "2025-10-03" } });
    const byProgram = await log(ana, "remove", { program: "lakeside peds" });
    expect(byProgram.data).toEqual({ removed: { program: "Lakeside Pediatrics", kind: "thank-you", date: "2026-01-20" } });
    expect((await log(ana, "remove", { number: 9 })).data).toMatchObject({ code: "not-found" });
    expect((await log(ana, "remove", { program: "Nowhere General" })).data).toMatchObject({ code: "not-found" });
    expect((await log(ana, "remove")).data).toMatchObject({ code: "bad-input" });
    expect((await log(ana, "list")).data).toEqual({ entries: [{ program: "Riverside IM", kind: "thank-you", date: "2025-12-01" }] });
  });

  it("exports CSV that a spreadsheet reads as text", async () => {
    await log(ana, "add", { program: '=HYPERLINK("x"), "Quoted" Program', kind: "other", date: "2026-01-02" });
    const reply = await log(ana, "export");
    const csv = (reply.data as { csv: string }).csv;
    expect(csv.split("\n")[0]).toBe("date,program,kind");
    expect(csv).toContain(`2026-01-02,"'=HYPERLINK(""x""), ""Quoted"" Program",other`);
    expect(logToCsv([])).toBe("date,program,kind\n");
  });

  it("clear deletes everything and confirms how much", async () => {
    const reply = await log(ana, "clear");
    expect(reply.data).toEqual({ cleared: 2 });
    expect((await log(ana, "list")).data).toEqual({ entries: [] });
  });

  it("parses the text syntax of Slack and the console", () => {
    const call = parseCommandText(runtime.registry, '/log add "Riverside IM" first-choice date=2026-01-02');
    expect(call).toEqual({ name: "log", subcommand: "add", options: { program: "Riverside IM", kind: "first-choice", date: "2026-01-02" } });
  });

  it("says the store is unavailable when there is none", async () => {
    const bare = createRuntime({ store: null });
    const reply = await execute(bare, ana, { name: "log", subcommand: "list", options: {} });
    expect(reply.data).toMatchObject({ code: "store-unavailable" });
  });
});

describe("what /check learns from the log", () => {
  const cara: Caller = { id: "cli:cara", platform: "cli" };

  it("lists first-choice letters this season to other programs and counts messages to the program", async () => {
    now = new Date("2026-02-20T12:00:00Z");
    await log(cara, "add", { program: "Riverside IM", kind: "first-choice", date: "2026-02-15" });
    await log(cara, "add", { program: "Old Program", kind: "first-choice", date: "2025-02-15" });
    for (const date of ["2025-09-30", "2025-11-02", "2025-12-01", "2026-01-10"]) await log(cara, "add", { program: "Lakeside IM", kind: "update", date });
    await log(cara, "add", { program: "Lakeside IM", kind: "update", date: "2025-03-01" });
    const ctx = contextFor(runtime, cara);
    expect(await logContextFor(ctx, "Lakeside Internal Medicine")).toEqual({ firstChoicePrograms: ["Riverside IM"], sentToProgram: 4 });
    expect(await logContextFor(ctx, "riverside internal medicine program")).toEqual({ firstChoicePrograms: [], sentToProgram: 1 });
    expect(await logContextFor(ctx, undefined)).toEqual({ firstChoicePrograms: ["Riverside IM"] });
  });

  it("is empty without a store, and says the log could not be read when the store does not answer", async () => {
    const ctx = contextFor(createRuntime({ store: null }), cara);
    expect(await logContextFor(ctx, "Riverside IM")).toEqual({});
    const broken = lazyStore(`sqlite://${join(dir, "log.sqlite", "not-a-folder", "x.sqlite")}`);
    const ctx2 = contextFor(createRuntime({ store: broken }), cara);
    expect(await logContextFor(ctx2, "Riverside IM")).toEqual({ logUnavailable: true });
  });

  it("reports the email-frequency warning for a fifth message in the season", async () => {
    const draft = "Subject: Update\n\nDear Dr. Chen,\n\nI passed Step 3 last week and wanted to share the news with Lakeside IM.\n\nSincerely,\nAmara Okafor\nAAMC ID: 12345678";
    const reply = await execute(runtime, cara, { name: "check", options: { draft, program: "Lakeside IM" } });
    expect(reply.kind).toBe("check");
    const rules = (reply.data as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules).toContain("email-frequency");
  });
});
