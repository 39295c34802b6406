import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/store.js";
import { lazyStore, openStore, parseStoreUrl, StoreConfigError } from "../../src/store/open.js";
import { postgresKeys, startPostgres, type PostgresServer } from "../helpers/postgres.js";
import { startRedis, type RedisServer } from "../helpers/redis.js";
import { sqliteRows } from "../helpers/sqlite.js";

const dir = mkdtempSync(join(tmpdir(), "mg-store-"));
let redis: RedisServer;
let postgres: PostgresServer;

beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
});

afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Every key the backend holds, to check namespacing and that clearing leaves nothing behind. */
type KeyLister = () => Promise<string[]>;

const backends: { name: string; open: () => Promise<{ store: Store; keys: KeyLister }> }[] = [
  {
    name: "SQLite file",
    async open() {
      const file = join(dir, `nested/folder/${Math.random().toString(36).slice(2)}.sqlite`);
      const store = await openStore(`sqlite://${file}`);
      return { store, keys: async () => (await sqliteRows(file, "SELECT key FROM keyv UNION ALL SELECT DISTINCT 'matchguide:log:' || user_id FROM matchguide_log UNION ALL SELECT key FROM matchguide_seen")).map((r) => String(r.key)) };
    },
  },
  {
    name: "Redis",
    async open() {
      await redis.command("FLUSHALL");
      const store = await openStore(redis.url);
      return {
        store,
        keys: async () => [...(await redis.command("KEYS", "*")).matchAll(/^\$\d+\r\n(.*)$/gm)].map((m) => m[1]),
      };
    },
  },
  {
    name: "PostgreSQL",
    async open() {
      const store = await openStore(postgres.url);
      return { store, keys: () => postgresKeys(postgres.url) };
    },
  },
];

describe.each(backends)("the store on $name", ({ open }) => {
  let store: Store;
  let keys: KeyLister;
  beforeAll(async () => {
    ({ store, keys } = await open());
  });
  afterAll(async () => {
    await store.close();
  });

  it("adds, lists by date and removes log entries", async () => {
    const { added: a } = await store.addLog("discord:1", { program: "Riverside IM", kind: "thank-you", date: "2026-01-12" });
    await store.addLog("discord:1", { program: "Lakeside Pediatrics", kind: "interest", date: "2025-10-02" });
    const listed = await store.listLog("discord:1");
    expect(listed.map((e) => [e.program, e.date])).toEqual([
      ["Lakeside Pediatrics", "2025-10-02"],
      ["Riverside IM", "2026-01-12"],
    ]);
    expect(await store.removeLog("discord:1", a!.id)).toBe(true);
    expect(await store.removeLog("discord:1", a!.id)).toBe(false);
    expect((await store.listLog("discord:1")).map((e) => e.program)).toEqual(["Lakeside Pediatrics"]);
  });

  it("keeps one name per program however it is typed later", async () => {
    await store.addLog("slack:T1:U1", { program: "Riverside Internal Medicine", kind: "interest", date: "2025-10-01" });
    const again = await store.addLog("slack:T1:U1", { program: "  riverside internal medicine residency PROGRAM ", kind: "thank-you", date: "2025-11-01" });
    expect(again.added?.program).toBe("Riverside Internal Medicine");
  });

  it("never shows one user's log to another, even with the same id on another platform", async () => {
    await store.addLog("discord:42", { program: "Hillcrest FM", kind: "first-choice", date: "2026-02-10" });
    expect(await store.listLog("slack:T1:42")).toEqual([]);
    expect(await store.listLog("cli:42")).toEqual([]);
    expect((await store.listLog("discord:42")).length).toBe(1);
  });

  it("keeps every key under the matchguide namespace", async () => {
    await store.addLog("cli:ns", { program: "Some Program", kind: "other", date: "2026-01-01" });
    const all = await keys();
    expect(all.length).toBeGreaterThan(0);
    for (const k of all) expect(k.startsWith("matchguide:")).toBe(true);
    expect(all.some((k) => k.includes("log:cli:ns"))).toBe(true);
  });

  it("clearUser deletes the log and the rate-limit counter and leaves nothing of the user behind", async () => {
    await store.addLog("cli:gone", { program: "Riverside IM", kind: "first-choice", date: "2026-02-01" });
    await store.consume("cli:gone", { max: 2, windowMs: 60_000 });
    await store.consume("cli:gone", { max: 2, windowMs: 60_000 });
    expect((await keys()).some((k) => k.includes("cli:gone"))).toBe(true);
    await store.clearUser("cli:gone");
    expect(await store.listLog("cli:gone")).toEqual([]);
    expect((await keys()).filter((k) => k.includes("cli:gone"))).toEqual([]);
    expect((await store.consume("cli:gone", { max: 2, windowMs: 60_000 })).allowed).toBe(true);
  });

  it("counts commands per user and refuses past the limit, with the time until the window frees", async () => {
    const limit = { max: 3, windowMs: 60_000 };
    for (let i = 0; i < 3; i++) expect((await store.consume("discord:r", limit)).allowed).toBe(true);
    const refused = await store.consume("discord:r", limit);
    expect(refused.allowed).toBe(false);
    expect(refused.resetInMs).toBeGreaterThan(50_000);
    expect((await store.consume("discord:other", limit)).allowed).toBe(true);
  });

  it("stores an entry once however often the same request is retried", async () => {
    const entry = { program: "Lakeside FM", kind: "interest" as const, date: "2026-01-03" };
    const first = await store.addLog("discord:retry", entry, "interaction-1");
    const again = await store.addLog("discord:retry", entry, "interaction-1");
    expect(again.added).toEqual(first.added);
    expect(await store.listLog("discord:retry")).toHaveLength(1);
  });

  it("claims an id once within its life", async () => {
    expect(await store.claimOnce("discord:interaction:1", 60_000)).toBe(true);
    expect(await store.claimOnce("discord:interaction:1", 60_000)).toBe(false);
    expect(await store.claimOnce("discord:interaction:2", 60_000)).toBe(true);
  });

  it("stores server settings and answers defaults for a server nobody configured", async () => {
    expect(await store.getSettings("discord-guild:new")).toEqual({ visibility: {}, disabledRules: [] });
    const saved = { visibility: { ask: "public" as const, template: "private" as const }, disclaimer: "Ask a mod first.", disabledRules: ["missing-aamc-id"] };
    await store.saveSettings("discord-guild:1", saved);
    expect(await store.getSettings("discord-guild:1")).toEqual(saved);
  });

  it("reports itself answering", async () => {
    const status = await store.status();
    expect(status.ok).toBe(true);
  });

  it("keeps a draft for the Apply fixes button until it is taken once, and lets it expire", async () => {
    await store.keepDraft("slack:T1:U1", "tok1", { draft: "Hi PD,\nIf you rank me…", program: "Riverside IM" }, 60_000);
    const [first, second] = await Promise.all([store.takeDraft("slack:T1:U1", "tok1"), store.takeDraft("slack:T1:U1", "tok1")]);
    expect([first, second].filter(Boolean)).toEqual([{ draft: "Hi PD,\nIf you rank me…", program: "Riverside IM" }]);
    expect(await store.takeDraft("slack:T1:U1", "tok1")).toBeUndefined();
    expect(await store.takeDraft("slack:T1:U2", "tok1")).toBeUndefined();
    await store.keepDraft("slack:T1:U1", "tok2", { draft: "short-lived" }, 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.takeDraft("slack:T1:U1", "tok2")).toBeUndefined();
  });
});

describe("logs kept the old way (one keyv value per user)", () => {
  const legacy = JSON.stringify({ value: [{ id: "old1", program: "Riverside IM", kind: "first-choice", date: "2025-12-01" }], expires: null });

  it.each([
    {
      name: "SQLite",
      async plant() {
        const file = join(dir, "legacy.sqlite");
        await (await openStore(`sqlite://${file}`)).close();
        const { default: sqlite3 } = await import("sqlite3");
        await new Promise<void>((resolve, reject) => {
          const db = new sqlite3.Database(file);
          db.run("INSERT INTO keyv (key, value) VALUES (?, ?)", ["matchguide:log:discord:old", legacy], (err) => db.close(() => (err ? reject(err) : resolve())));
        });
        return `sqlite://${file}`;
      },
    },
    {
      name: "Redis",
      async plant() {
        await redis.command("SET", "matchguide::log:discord:old", legacy);
        return redis.url;
      },
    },
    {
      name: "PostgreSQL",
      async plant() {
        const { default: pg } = await import("pg");
        const pool = new pg.Pool({ connectionString: postgres.url, max: 1 });
        await pool.query("CREATE TABLE IF NOT EXISTS keyv (key VARCHAR(255) PRIMARY KEY, value TEXT)");
        await pool.query("INSERT INTO keyv (key, value) VALUES ($1, $2)", ["matchguide:log:discord:old", legacy]);
        await pool.end();
        return postgres.url;
      },
    },
  ])("are moved into the new layout on $name with their ids, once", async ({ plant }) => {
    const url = await plant();
    for (let i = 0; i < 2; i++) {
      const store = await openStore(url);
      expect(await store.listLog("discord:old")).toEqual([{ id: "old1", program: "Riverside IM", kind: "first-choice", date: "2025-12-01" }]);
      await store.close();
    }
    const store = await openStore(url);
    await store.clearUser("discord:old");
    await store.close();
  });
});

describe("STORE_URL", () => {
  it("reads sqlite, redis and postgres URLs and resolves a relative SQLite path", () => {
    expect(parseStoreUrl("sqlite://data/x.sqlite", "/srv/app")).toEqual({ kind: "sqlite", url: "sqlite:///srv/app/data/x.sqlite", file: "/srv/app/data/x.sqlite" });
    expect(parseStoreUrl(undefined, "/srv/app").file).toBe("/srv/app/data/matchguide.sqlite");
    expect(parseStoreUrl("redis://127.0.0.1:6379").kind).toBe("redis");
    expect(parseStoreUrl("postgresql://u@localhost/db").kind).toBe("postgres");
  });

  it("rejects other schemes with a StoreConfigError", () => {
    expect(() => parseStoreUrl("mysql://x")).toThrow(StoreConfigError);
    expect(() => parseStoreUrl("sqlite://")).toThrow(StoreConfigError);
  });

  it("creates the SQLite folder on first use, not before", async () => {
    const file = join(dir, "lazy/deeper/m.sqlite");
    const store = lazyStore(`sqlite://${file}`);
    expect(existsSync(join(dir, "lazy"))).toBe(false);
    await store.addLog("cli:x", { program: "P One", kind: "other", date: "2026-01-01" });
    expect(existsSync(file)).toBe(true);
    await store.close();
  });

  it("answers store-unavailable, without hanging, for a folder that cannot exist", async () => {
    const store = lazyStore("sqlite:///proc/self/nope/m.sqlite");
    await expect(store.listLog("cli:x")).rejects.toMatchObject({ code: "store-unavailable" });
    await store.close();
  });

  it("answers store-unavailable, without crashing, when the SQLite file cannot be opened", async () => {
    const notAFolder = join(dir, "plain-file");
    writeFileSync(notAFolder, "");
    const store = lazyStore(`sqlite://${notAFolder}/m.sqlite`);
    await expect(store.listLog("cli:x")).rejects.toMatchObject({ code: "store-unavailable" });
    expect((await store.status()).ok).toBe(false);
    await store.close();
  });
});
