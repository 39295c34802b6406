import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request, Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/command.js";
import { MESSAGES } from "../../src/core/messages.js";
import { createRuntime, execute } from "../../src/runtime.js";
import { openStore } from "../../src/store/open.js";
import { startBot, startSlowProxy, type BotProcess } from "../helpers/bot-process.js";
import { startFakeDiscord, type FakeDiscord } from "../helpers/discord-fake.js";
import { slash, USER_ID } from "../helpers/discord-payloads.js";
import { generateDiscordKeys, postRaw, postSigned, signDiscord, type DiscordKeys } from "../helpers/discord-signing.js";
import { startPostgres, type PostgresServer } from "../helpers/postgres.js";
import { startRedis, type RedisServer } from "../helpers/redis.js";

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let redis: RedisServer;
let postgres: PostgresServer;
const dir = mkdtempSync(join(tmpdir(), "mg-durable-"));
beforeAll(async () => {
  [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
});
afterAll(async () => {
  await Promise.all([redis?.stop(), postgres?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function bot(env: Record<string, string>): Promise<BotProcess> {
  const started = await startBot(env);
  cleanups.push(() => {
    if (started.child.exitCode === null) started.child.kill("SIGKILL");
  });
  return started;
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await startFakeDiscord();
  cleanups.push(() => fake.close());
  return fake;
}

/** The final message of an interaction: the response itself (type 4) or the deferred reply's edit (type 5). */
async function finalText(fake: FakeDiscord, interaction: { token: string }, res: { status: number; json: any }): Promise<string> {
  if (res.json?.type === 4) return JSON.stringify(res.json.data);
  const edit = await fake.waitFor(() => fake.calls.find((c) => c.method === "PATCH" && c.path.includes(`/${interaction.token}/messages/@original`)), 60_000);
  return JSON.stringify(edit.body);
}

describe.each([
  { name: "Redis", url: () => redis.url },
  { name: "PostgreSQL", url: () => postgres.url },
])("two bot processes on one $name", ({ url }) => {
  it("store every acknowledged /log add of 1,000 concurrent ones exactly once, and let exactly 30 through the limit of 30 a minute", async () => {
    const keys = generateDiscordKeys();
    const fake = await fakeDiscord();
    // A generous store timeout: this is about atomicity, and a shared test machine can be slow.
    const env = { DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl, STORE_URL: url(), STORE_TIMEOUT_MS: "20000" };
    const bots = await Promise.all([bot(env), bot(env)]);
    const sent = Array.from({ length: 1000 }, (_, i) => slash("log", { program: `Program ${i}`, kind: "interest" }, { subcommand: "add" }));
    const responses = await Promise.all(sent.map((interaction, i) => postSigned(`${bots[i % 2].base}/discord/interactions`, keys, interaction)));
    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const texts = await Promise.all(sent.map((interaction, i) => finalText(fake, interaction, responses[i])));
    const ackPrograms = texts.flatMap((t, i) => (t.includes("Logged a interest message") ? [`Program ${i}`] : []));
    expect(ackPrograms.length).toBe(30);
    expect(texts.filter((t) => t.includes("That is a lot of commands")).length).toBe(970);
    const store = await openStore(url());
    try {
      const stored = (await store.listLog(`discord:${USER_ID}`)).map((e) => e.program);
      expect(stored.sort()).toEqual(ackPrograms.sort());
    } finally {
      await store.clearUser(`discord:${USER_ID}`);
      await store.close();
    }
  }, 150_000);
});

describe("a store slower than the store timeout", () => {
  const caller: Caller = { id: "discord:slow", platform: "cli", requestKey: "discord:1234" };
  const add = { name: "log", subcommand: "add", options: { program: "Riverside IM", kind: "first-choice", date: "2026-01-05" } };

  it("never says nothing changed for a write that landed, and a retry stores nothing twice", async () => {
    await redis.command("FLUSHALL");
    const proxy = await startSlowProxy(redis.port, 0);
    cleanups.push(() => proxy.close());
    const runtime = createRuntime({ store: await openStore(`redis://127.0.0.1:${proxy.port}`) });
    cleanups.push(() => runtime.store?.close());
    expect((await execute(runtime, { ...caller, requestKey: "discord:warm-up" }, { name: "log", subcommand: "list", options: {} })).kind).toBe("list");
    proxy.delayMs = 2_500;
    const first = await execute(runtime, caller, add);
    expect(first.data).toMatchObject({ code: "store-unconfirmed", error: MESSAGES.storeUnconfirmed });
    expect(MESSAGES.storeUnconfirmed).toContain("may have been saved — check /log list");
    const retried = await execute(runtime, caller, add);
    expect(retried.data).toMatchObject({ code: "store-unconfirmed" });
    proxy.delayMs = 0;
    const third = await execute(runtime, caller, add);
    expect(third.kind).toBe("notice");
    const list = await execute(runtime, caller, { name: "log", subcommand: "list", options: {} });
    expect(list.data).toEqual({ entries: [{ program: "Riverside IM", kind: "first-choice", date: "2026-01-05" }] });

    proxy.delayMs = 2_500;
    const cleared = await execute(runtime, caller, { name: "log", subcommand: "clear", options: {} });
    expect(cleared.data).toMatchObject({ code: "store-unconfirmed" });
    proxy.delayMs = 0;
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await execute(runtime, caller, { name: "log", subcommand: "list", options: {} })).data).toEqual({ entries: [] });
  }, 40_000);
});

describe("Discord replays", () => {
  it("refuses a validly signed request whose timestamp is 6 minutes old with 401, and runs a repeated interaction once", async () => {
    const keys: DiscordKeys = generateDiscordKeys();
    const fake = await fakeDiscord();
    const server = await bot({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl, STORE_URL: `sqlite://${join(dir, "replay.sqlite")}` });
    const url = `${server.base}/discord/interactions`;
    const stale = JSON.stringify(slash("log", {}, { subcommand: "list" }));
    expect((await postRaw(url, stale, signDiscord(keys, stale, String(Math.floor(Date.now() / 1000) - 6 * 60)))).status).toBe(401);
    expect((await postRaw(url, stale, signDiscord(keys, stale, String(Math.floor(Date.now() / 1000) + 6 * 60)))).status).toBe(401);

    const body = JSON.stringify(slash("log", { program: "Lakeside FM", kind: "thank-you" }, { subcommand: "add" }));
    const headers = signDiscord(keys, body);
    const first = await postRaw(url, body, headers);
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.json)).toContain("Logged");
    const again = await postRaw(url, body, headers);
    expect(again.status).toBe(409);
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    expect(metrics).toMatch(/^matchguide_commands_total\{command="log",platform="discord",outcome="ok"\} 1$/m);
    const list = await postSigned(url, keys, slash("log", {}, { subcommand: "list" }));
    expect(JSON.stringify(list.json).match(/Lakeside FM/g)).toHaveLength(1);
  });

  it("answers an interaction that names no user with 400 instead of running it as a shared identity", async () => {
    const keys = generateDiscordKeys();
    const server = await bot({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, STORE_URL: `sqlite://${join(dir, "nouser.sqlite")}` });
    const interaction = slash("log", {}, { subcommand: "list" }) as Record<string, unknown>;
    delete interaction.member;
    expect((await postSigned(`${server.base}/discord/interactions`, keys, interaction)).status).toBe(400);
  });
});

/** Sends headers announcing `length` bytes and only the first chunk; resolves with the status the server answers. */
function statusBeforeBody(url: string, headers: Record<string, string>, length: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": "application/json", "content-length": String(length), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", reject);
    req.write(Buffer.alloc(64 * 1024, 32));
  });
}

describe("request bodies", () => {
  it("answers 413 at once for a 50 MB body and 401 for an unsigned one, before reading them", async () => {
    const keys = generateDiscordKeys();
    const server = await bot({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, STORE_URL: `sqlite://${join(dir, "body.sqlite")}` });
    const url = `${server.base}/discord/interactions`;
    expect(await statusBeforeBody(url, signDiscord(keys, "{}"), 50 * 1024 * 1024)).toBe(413);
    expect(await statusBeforeBody(url, {}, 900_000)).toBe(401);
  });
});

describe("/log clear on SQLite", () => {
  it("leaves the marker readable neither in the database file nor in its WAL", async () => {
    const file = join(dir, "secure.sqlite");
    const runtime = createRuntime({ store: await openStore(`sqlite://${file}`) });
    const caller: Caller = { id: "discord:marker", platform: "discord" };
    const marker = "Quokkaville Zanzibar Memorial";
    for (const kind of ["interest", "thank-you", "first-choice"]) {
      expect((await execute(runtime, caller, { name: "log", subcommand: "add", options: { program: marker, kind } })).kind).toBe("notice");
    }
    const onDisk = () => [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).includes(Buffer.from(marker)));
    expect(onDisk()).toContain(true);
    expect((await execute(runtime, caller, { name: "log", subcommand: "clear", options: {} })).kind).toBe("notice");
    expect(onDisk()).not.toContain(true);
    await runtime.store?.close();
    expect(onDisk()).not.toContain(true);
  });
});

describe("SIGTERM under keep-alive load", () => {
  async function loadThenStop(closeStderr: boolean) {
    const keys = generateDiscordKeys();
    const fake = await fakeDiscord();
    const proxy = await startSlowProxy(redis.port, 0);
    cleanups.push(() => proxy.close());
    const server = await bot({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl, STORE_URL: `redis://127.0.0.1:${proxy.port}` });
    expect((await postSigned(`${server.base}/discord/interactions`, keys, slash("log", {}, { subcommand: "list" }))).status).toBe(200);
    // From here every store reply takes longer than the 1.5 s after which a reply is deferred.
    proxy.delayMs = 1_800;
    if (closeStderr) server.child.stderr!.destroy();
    const agent = new Agent({ keepAlive: true, maxSockets: 20 });
    cleanups.push(() => agent.destroy());
    const results: Array<{ interaction: { token: string }; status: number | "closed"; json?: any }> = [];
    let stopping = false;
    const post = (interaction: { token: string }) =>
      new Promise<void>((resolve) => {
        const body = JSON.stringify(interaction);
        const req = request(`${server.base}/discord/interactions`, { method: "POST", agent, headers: { "content-type": "application/json", ...signDiscord(keys, body) } }, (res) => {
          let text = "";
          res.setEncoding("utf8").on("data", (d) => (text += d));
          res.on("end", () => {
            results.push({ interaction, status: res.statusCode ?? 0, json: text.startsWith("{") ? JSON.parse(text) : undefined });
            resolve();
          });
        });
        req.on("error", () => {
          results.push({ interaction, status: "closed" });
          resolve();
        });
        req.end(body);
      });
    const workers = Array.from({ length: 20 }, async () => {
      for (let i = 0; i < 200 && !(stopping && results.some((r) => r.status === 503 || r.status === "closed")); i++) {
        await post(slash("log", {}, { subcommand: "list" }) as { token: string });
      }
    });
    await new Promise((r) => setTimeout(r, 2_500));
    stopping = true;
    server.child.kill("SIGTERM");
    await Promise.all(workers);
    expect(await server.exited).toBe(0);
    const answered = results.filter((r) => r.status === 200);
    expect(answered.length).toBeGreaterThan(0);
    for (const r of results) expect([200, 503, "closed"]).toContain(r.status);
    const deferred = answered.filter((r) => r.json?.type === 5);
    expect(deferred.length).toBeGreaterThan(0);
    const unfinished = deferred.filter((r) => !fake.calls.some((c) => c.method === "PATCH" && c.path.includes(`/${r.interaction.token}/messages/@original`)));
    expect(unfinished).toEqual([]);
    return server;
  }

  it("answers every accepted request in full (no deferred reply left thinking), refuses later ones, and exits 0", async () => {
    const server = await loadThenStop(false);
    expect(server.stderr()).toMatch(/"msg":"stopped"/);
  }, 30_000);

  it("does the same and still exits 0 when its stderr is closed", async () => {
    await loadThenStop(true);
  }, 30_000);
});

describe("the log's error serializer", () => {
  it("keeps type, message, code and status of a platform error but never the request body it carries", async () => {
    const { serializeError } = await import("../../src/log.js");
    const draft = "Dear Dr. Lee, you are my first choice — Zanzibar-Quokka-7731";
    const err = Object.assign(new Error("Invalid Form Body"), { name: "DiscordAPIError[50035]", code: 50035, status: 400, requestBody: { json: { content: draft } }, rawBody: draft });
    const logged = JSON.stringify(serializeError(err));
    expect(logged).toContain("Invalid Form Body");
    expect(logged).toContain("50035");
    expect(logged).not.toContain("Zanzibar-Quokka-7731");
  });
});
