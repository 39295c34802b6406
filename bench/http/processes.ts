import { fork, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:net";

/** A server the bench started in its own process. */
export interface Child {
  name: string;
  process: ChildProcess;
  /** The last lines it wrote to stderr (shown when it fails). */
  tail(): string;
}

const running = new Set<ChildProcess>();

function killAllNow(): void {
  for (const child of running) child.kill("SIGKILL");
}
process.once("exit", killAllNow);

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe: Server = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a Node script in its own process with exactly `env` (plus PATH); stdout is discarded, stderr kept in memory. */
export function startChild(name: string, script: string, env: Record<string, string>): Child {
  const child = fork(script, [], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  const lines: string[] = [];
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    lines.push(...chunk.split("\n").filter(Boolean));
    if (lines.length > 20) lines.splice(0, lines.length - 20);
  });
  return { name, process: child, tail: () => lines.join("\n") };
}

/** Resolves once `url` answers (with `status` when given); rejects if the child exits or it takes too long. */
export async function waitUntilServing(child: Child, url: string, status?: number, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${child.name} exited (${child.process.exitCode ?? child.process.signalCode}) before serving:\n${child.tail()}`);
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (status === undefined || res.status === status) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`${child.name} did not start serving ${url} within ${timeoutMs} ms:\n${child.tail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops every child the bench started: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopAll(graceMs = 2000): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}
