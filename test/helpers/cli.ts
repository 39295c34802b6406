import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** What a spawned process printed and how it exited. */
export interface Spawned {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs a built entry point (e.g. `dist/src/adapters/cli/main.js`) with args and stdin, from the repository root. */
export function runNode(script: string, args: string[], input = "", env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(input);
  });
}

/** Runs the built CLI. */
export function runCli(args: string[], input = "", env: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  return runNode("dist/src/adapters/cli/main.js", args, input, env);
}
