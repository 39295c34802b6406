import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, type BotProcess } from "../helpers/bot-process.js";
import { startFakeDiscord, type FakeDiscord } from "../helpers/discord-fake.js";
import { slash } from "../helpers/discord-payloads.js";
import { generateDiscordKeys, postSigned } from "../helpers/discord-signing.js";

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Starts `npm start`'s entry point in HTTP mode on a free port (test/helpers/bot-process.ts), killed after the test. */
async function startServer(env: Record<string, string>): Promise<BotProcess> {
  const bot = await startBot(env);
  cleanups.push(() => {
    if (bot.child.exitCode === null) bot.child.kill("SIGKILL");
  });
  return bot;
}

/** A TCP server that accepts connections and never answers: a store that hangs. */
async function blackHole(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => {});
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

function tempSqlite(): string {
  const dir = mkdtempSync(join(tmpdir(), "matchguide-ops-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return `sqlite://${join(dir, "ops.sqlite")}`;
}

async function fakeDiscord(): Promise<FakeDiscord> {
  const fake = await startFakeDiscord();
  cleanups.push(() => fake.close());
  return fake;
}

describe("the server in HTTP mode", () => {
  it("counts a command in /metrics after it is used, by name and platform", async () => {
    const keys = generateDiscordKeys();
    const fake = await fakeDiscord();
    const server = await startServer({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl, STORE_URL: tempSqlite() });
    const metric = /^matchguide_commands_total\{command="help",platform="discord",outcome="ok"\} (\d+)$/m;
    const before = await (await fetch(`${server.base}/metrics`)).text();
    expect(before).not.toMatch(metric);
    expect(before).toMatch(/^# TYPE matchguide_command_duration_seconds histogram$/m);
    const res = await postSigned(`${server.base}/discord/interactions`, keys, slash("help"));
    expect(res.status).toBe(200);
    const after = await fetch(`${server.base}/metrics`);
    expect(after.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await after.text();
    expect(text.match(metric)?.[1]).toBe("1");
    expect(text).toMatch(/^matchguide_command_duration_seconds_count\{command="help",platform="discord"\} 1$/m);
  });

  it("writes structured log lines with a request id and never the user's text", async () => {
    const keys = generateDiscordKeys();
    const fake = await fakeDiscord();
    const server = await startServer({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl, STORE_URL: tempSqlite() });
    const secret = "Zanzibar-Quokka-7731";
    await postSigned(`${server.base}/discord/interactions`, keys, slash("check", { draft: `Dear Dr. Lee, I am ${secret}. Where will I be ranked?` }));
    await postSigned(`${server.base}/discord/interactions`, keys, slash("ask", { question: `${secret} can I ask about H-1B?` }));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    await server.exited;
    const lines = server
      .stderr()
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { msg: string; reqId?: string; command?: string });
    const answered = lines.filter((l) => l.msg === "command answered");
    expect(answered.map((l) => l.command).sort()).toEqual(["ask", "check"]);
    for (const l of answered) expect(l.reqId).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(answered.map((l) => l.reqId)).size).toBe(2);
    expect(server.stderr()).not.toContain(secret);
  });

  it("finishes a reply in flight on SIGTERM, then exits 0", async () => {
    const keys = generateDiscordKeys();
    const fake = await fakeDiscord();
    const hole = await blackHole();
    cleanups.push(() => hole.close());
    // A store that never answers makes /help wait for the store's time-out, so it is deferred and finished by webhook.
    const server = await startServer({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl, STORE_URL: `redis://127.0.0.1:${hole.port}` });
    const pending = postSigned(`${server.base}/discord/interactions`, keys, slash("help"));
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill("SIGTERM");
    const res = await pending;
    expect(res.status).toBe(200);
    expect([4, 5]).toContain(res.json.type);
    if (res.json.type === 5) {
      const edit = await fake.waitFor(() => fake.calls.find((c) => c.method === "PATCH" && c.path.includes("/messages/@original")), 10_000);
      expect(JSON.stringify(edit.body)).toContain("/template");
    } else expect(JSON.stringify(res.json.data)).toContain("/template");
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toMatch(/"msg":"stopped"/);
  });

  it("refuses new connections once it is shutting down", async () => {
    const keys = generateDiscordKeys();
    const server = await startServer({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, STORE_URL: tempSqlite() });
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    await expect(fetch(`${server.base}/healthz`)).rejects.toThrow();
  });
});
