import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.js";
import { startRedis, type RedisServer } from "../helpers/redis.js";

let redis: RedisServer;
let server: ChildProcess;
let base = "";
let stderr = "";

beforeAll(async () => {
  redis = await startRedis();
  server = spawn(process.execPath, ["dist/src/main.js"], {
    cwd: ROOT,
    env: { ...process.env, STORE_URL: redis.url, DISCORD_PUBLIC_KEY: "a".repeat(64), PORT: "0", HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  base = await new Promise<string>((resolve, reject) => {
    server.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) resolve(`http://${m[1]}`);
    });
    server.once("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await redis?.stop();
});

async function health(): Promise<{ status: number; body: { ok: boolean; store: { kind: string; ok: boolean; errors: number } } }> {
  const res = await fetch(`${base}/healthz`);
  return { status: res.status, body: await res.json() };
}

describe("/healthz with a Redis store", () => {
  it("is 200 with the store answering", async () => {
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, store: { kind: "redis", ok: true } });
  });

  it("turns 503 when Redis dies, while the process lives on", async () => {
    await redis.kill();
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ ok: false, store: { kind: "redis", ok: false } });
    expect(server.exitCode).toBeNull();
  });

  it("is 200 again once Redis is back, and the server closes cleanly on SIGTERM", async () => {
    await redis.restart();
    let last = await health();
    for (let i = 0; i < 50 && last.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      last = await health();
    }
    expect(last.status).toBe(200);
    const exited = new Promise<number | null>((r) => server.once("exit", (code) => r(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
