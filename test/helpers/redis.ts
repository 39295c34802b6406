import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";

/** A real redis-server on a free loopback port, for storage tests. */
export interface RedisServer {
  port: number;
  url: string;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: it keeps nothing on disk). */
  restart(): Promise<void>;
  /** Runs one Redis command over a raw connection and returns the reply text (for inspecting keys). */
  command(...args: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitUntil(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function encode(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
}

/** Starts `redis-server` (no persistence) on `port` or a free one; throws with a clear message when it is not installed. */
export async function startRedis(wanted?: number): Promise<RedisServer> {
  const port = wanted ?? (await freePort());
  let child: ChildProcess | undefined;
  const launch = async () => {
    const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const failed = new Promise<never>((_, reject) =>
      proc.once("error", (err) => reject(new Error(`redis-server could not start (${err.message}); .ci/run installs it with apt-get`))),
    );
    child = proc;
    await Promise.race([waitUntil(() => canConnect(port), `redis-server on port ${port}`), failed]);
  };
  const kill = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGKILL");
    await exited;
    await waitUntil(async () => !(await canConnect(port)), `redis-server on port ${port} to stop`);
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    restart: launch,
    stop: kill,
    command: (...args) =>
      new Promise((resolve, reject) => {
        const socket = connect({ port, host: "127.0.0.1" });
        let data = "";
        socket.setEncoding("utf8");
        socket.on("data", (d) => {
          data += d;
          socket.end();
        });
        socket.on("end", () => resolve(data));
        socket.on("error", reject);
        socket.write(encode(args));
      }),
  };
}
