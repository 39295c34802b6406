import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect, type Server, type Socket } from "node:net";
import { ROOT } from "./cli.js";

/** A bot started as `npm start` runs it (dist/src/main.js), in HTTP mode on a free port. */
export interface BotProcess {
  child: ChildProcess;
  base: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the bot with `env` and waits for its "listening" log line; `kill()` it in cleanup. */
export function startBot(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ["dist/src/main.js"], {
    cwd: ROOT,
    env: { ...process.env, HOST: "127.0.0.1", PORT: "0", DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", SLACK_APP_TOKEN: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot did not start:\n${stderr}`)), 15_000);
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      const m = /listening on (127\.0\.0\.1:\d+)/.exec(stderr);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: `http://${m[1]}`, stderr: () => stderr, exited });
      }
    });
    child.on("exit", () => reject(new Error(`bot exited:\n${stderr}`)));
  });
}

/** A TCP proxy in front of a store that holds everything the store sends back for `delayMs` (changeable). */
export interface SlowProxy {
  port: number;
  delayMs: number;
  close(): Promise<void>;
}

/** Starts a proxy to 127.0.0.1:`upstreamPort`; replies keep their order whatever the delay. */
export async function startSlowProxy(upstreamPort: number, delayMs: number): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  const proxy: SlowProxy = { port: 0, delayMs, close: async () => {} };
  const server: Server = createServer((client) => {
    const upstream = connect({ port: upstreamPort, host: "127.0.0.1" });
    sockets.add(client).add(upstream);
    let last = 0;
    client.on("data", (d) => upstream.write(d));
    upstream.on("data", (d) => {
      last = Math.max(Date.now() + proxy.delayMs, last);
      setTimeout(() => client.writable && client.write(d), last - Date.now());
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  proxy.port = (server.address() as { port: number }).port;
  proxy.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return proxy;
}
