import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/command.js";
import { MESSAGES } from "../../src/core/messages.js";
import { createRuntime, execute, type Runtime } from "../../src/runtime.js";
import { openStore } from "../../src/store/open.js";
import { runCli } from "../helpers/cli.js";
import { startPostgres } from "../helpers/postgres.js";
import { freePort, startRedis, type RedisServer } from "../helpers/redis.js";

const caller: Caller = { id: "discord:777", platform: "discord", serverId: "discord-guild:9" };
const DRAFT = "Subject: Thank you\n\nDear Dr. Lee,\n\nThank you for the interview on Monday. I enjoyed meeting the residents.\n\nSincerely,\nAmara Okafor\nAAMC ID: 12345678";

let redis: RedisServer;
let runtime: Runtime;

beforeAll(async () => {
  redis = await startRedis();
  runtime = createRuntime({ store: await openStore(redis.url) });
});

afterAll(async () => {
  await runtime?.store?.close();
  await redis?.stop();
});

describe("a Redis store that dies mid-run", () => {
  it("works while Redis is up", async () => {
    const added = await execute(runtime, caller, { name: "log", subcommand: "add", options: { program: "Riverside IM", kind: "thank-you", date: "2026-01-05" } });
    expect(added.kind).toBe("notice");
    const list = await execute(runtime, caller, { name: "log", subcommand: "list", options: {} });
    expect(list.data).toEqual({ entries: [{ program: "Riverside IM", kind: "thank-you", date: "2026-01-05" }] });
  });

  it("keeps answering /ask, /template and /check, and /log says the store is unavailable", async () => {
    await redis.kill();
    const template = await execute(runtime, caller, { name: "template", options: { id: "thank-you", program: "Riverside IM" } });
    expect(template.kind).toBe("template");
    const ask = await execute(runtime, caller, { name: "ask", options: { question: "How soon should I send a thank-you email after an interview?" } });
    expect(ask.kind === "answer" || ask.kind === "classification").toBe(true);
    const check = await execute(runtime, caller, { name: "check", options: { draft: DRAFT, program: "Riverside IM" } });
    expect(check.kind).toBe("check");
    expect(check.data).toMatchObject({ skipped: expect.arrayContaining(["multiple-first-choice", "email-frequency"]) });
    expect(check.text).toContain(MESSAGES.checkSkipped((check.data as { skipped: string[] }).skipped));
    for (const subcommand of ["list", "export", "clear"]) {
      const log = await execute(runtime, caller, { name: "log", subcommand, options: {} });
      expect(log.kind).toBe("error");
      expect(log.data).toMatchObject({ code: "store-unavailable", error: MESSAGES.storeUnavailable });
      expect(log.private).toBe(true);
    }
    const add = await execute(runtime, caller, { name: "log", subcommand: "add", options: { program: "Lakeside", kind: "interest" } });
    expect(add.data).toMatchObject({ code: "store-unavailable" });
    const status = await runtime.store!.status();
    expect(status.ok).toBe(false);
    expect(status.errors).toBeGreaterThan(0);
  });

  it("recovers once Redis is back", async () => {
    await redis.restart();
    let list = await execute(runtime, caller, { name: "log", subcommand: "list", options: {} });
    for (let i = 0; i < 50 && list.kind === "error"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      list = await execute(runtime, caller, { name: "log", subcommand: "list", options: {} });
    }
    expect(list.kind).toBe("list");
    expect((await runtime.store!.status()).ok).toBe(true);
  });
});

describe("a Redis that is not there yet when the bot starts", () => {
  it("fails store operations, then works as soon as Redis is up", async () => {
    const port = await freePort();
    const store = await openStore(`redis://127.0.0.1:${port}`);
    await expect(store.listLog("discord:1")).rejects.toMatchObject({ code: "store-unavailable" });
    const late = await startRedis(port);
    try {
      await store.addLog("discord:1", { program: "Riverside IM", kind: "other", date: "2026-01-01" });
      expect(await store.listLog("discord:1")).toHaveLength(1);
    } finally {
      await store.close();
      await late.stop();
    }
  });
});

describe("the CLI with a Redis nobody listens on", () => {
  it("answers check --user without the log, and log list with a one-line store-unavailable error", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const check = await runCli(["check", "--user", "u1", "--program", "Riverside IM", "--json"], DRAFT, { STORE_URL: url });
    expect(check.code).toBe(0);
    expect(Array.isArray(JSON.parse(check.stdout).findings)).toBe(true);
    expect(JSON.parse(check.stdout).skipped).toEqual(expect.arrayContaining(["multiple-first-choice", "email-frequency"]));
    const list = await runCli(["log", "list", "--user", "u1", "--json"], "", { STORE_URL: url });
    expect(list.code).toBe(2);
    expect(JSON.parse(list.stdout)).toEqual({ error: MESSAGES.storeUnavailable });
    expect(list.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("refuses an unknown STORE_URL scheme with a configuration error", async () => {
    const res = await runCli(["log", "list", "--json"], "", { STORE_URL: "mysql://x" });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/^configuration error: STORE_URL/);
  });
});

describe("a PostgreSQL store that dies under idle connections", () => {
  it("keeps the process alive and answering, and /log reports the outage", async () => {
    const postgres = await startPostgres();
    const pgRuntime = createRuntime({ store: await openStore(postgres.url) });
    try {
      const added = await execute(pgRuntime, caller, { name: "log", subcommand: "add", options: { program: "Riverside IM", kind: "interest", date: "2026-01-05" } });
      expect(added.kind).toBe("notice");
      await postgres.kill();
      await new Promise((r) => setTimeout(r, 300));
      const check = await execute(pgRuntime, caller, { name: "check", options: { draft: DRAFT } });
      expect(check.kind).toBe("check");
      const list = await execute(pgRuntime, caller, { name: "log", subcommand: "list", options: {} });
      expect(list.data).toMatchObject({ code: "store-unavailable" });
      expect((await pgRuntime.store!.status()).ok).toBe(false);
    } finally {
      await pgRuntime.store?.close();
      await postgres.stop();
    }
  });
});
