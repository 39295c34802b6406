import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startRedis, type RedisServer } from "../helpers/redis.js";
import { sqliteRows } from "../helpers/sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "mg-cli-store-"));
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const FIRST_CHOICE_TO_LAKESIDE =
  "Subject: Lakeside Internal Medicine is my first choice\n\nDear Dr. Patel,\n\nI am writing to let you know that Lakeside Internal Medicine is my first choice, and I will rank your program first.\n\nSincerely,\nAmara Okafor\nAAMC ID: 12345678";

const backends = [
  {
    name: "Redis",
    url: () => redis.url,
    keysOf: async (user: string) => [...(await redis.command("KEYS", `*${user}*`)).matchAll(/^\$\d+\r\n(.*)$/gm)].map((m) => m[1]),
  },
  {
    name: "SQLite",
    url: () => `sqlite://${join(dir, "data/matchguide.sqlite")}`,
    keysOf: async (user: string) =>
      (await sqliteRows(join(dir, "data/matchguide.sqlite"), "SELECT key FROM keyv UNION ALL SELECT DISTINCT 'matchguide:log:' || user_id FROM matchguide_log")).map((r) => String(r.key)).filter((k) => k.includes(user)),
  },
];

describe.each(backends)("the CLI on $name", ({ url, keysOf }) => {
  const env = () => ({ STORE_URL: url() });

  it("logs a first-choice letter, then flags a first-choice draft to another program as multiple-first-choice", async () => {
    const add = await runCli(["log", "add", "--user", "u1", "--program", "Riverside IM", "--kind", "first-choice", "--json"], "", env());
    expect(add.code).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(JSON.parse(add.stdout).added).toEqual({ program: "Riverside IM", kind: "first-choice", date: today });
    const list = await runCli(["log", "list", "--user", "u1", "--json"], "", env());
    expect(JSON.parse(list.stdout)).toEqual({ entries: [{ program: "Riverside IM", kind: "first-choice", date: today }] });
    const check = await runCli(["check", "--user", "u1", "--program", "Lakeside Internal Medicine", "--json"], FIRST_CHOICE_TO_LAKESIDE, env());
    expect(check.code).toBe(0);
    const rules = JSON.parse(check.stdout).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain("multiple-first-choice");
  });

  it("does not hold another user's log against u2", async () => {
    const check = await runCli(["check", "--user", "u2", "--program", "Lakeside Internal Medicine", "--json"], FIRST_CHOICE_TO_LAKESIDE, env());
    expect(JSON.parse(check.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain("multiple-first-choice");
  });

  it("log clear leaves nothing of the user behind", async () => {
    expect((await keysOf("cli:u1")).length).toBeGreaterThan(0);
    const clear = await runCli(["log", "clear", "--user", "u1", "--json"], "", env());
    expect(clear.code).toBe(0);
    expect(JSON.parse(clear.stdout)).toEqual({ cleared: 1 });
    expect(await keysOf("cli:u1")).toEqual([]);
    const list = await runCli(["log", "list", "--user", "u1", "--json"], "", env());
    expect(JSON.parse(list.stdout)).toEqual({ entries: [] });
  });

  it("rejects a bad date with exit 2, one line on stderr, and writes nothing", async () => {
    const res = await runCli(["log", "add", "--user", "u3", "--program", "Riverside IM", "--kind", "interest", "--date", "2026-02-30", "--json"], "", env());
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(await keysOf("cli:u3")).toEqual([]);
  });
});

describe("two processes sharing one Redis", () => {
  it("see the same log", async () => {
    const env = { STORE_URL: redis.url };
    const [a, b] = await Promise.all([
      runCli(["log", "add", "--user", "shared", "--program", "Hillcrest Family Medicine", "--kind", "interest", "--date", "2025-10-01", "--json"], "", env),
      runCli(["log", "list", "--user", "other", "--json"], "", env),
    ]);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    const seen = await runCli(["log", "list", "--user", "shared", "--json"], "", env);
    expect(JSON.parse(seen.stdout).entries).toEqual([{ program: "Hillcrest Family Medicine", kind: "interest", date: "2025-10-01" }]);
    const again = await runCli(["log", "add", "--user", "shared", "--program", "hillcrest family medicine program", "--kind", "thank-you", "--date", "2025-11-02", "--json"], "", env);
    expect(JSON.parse(again.stdout).added.program).toBe("Hillcrest Family Medicine");
  });
});
