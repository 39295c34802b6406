import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "./redis.js";

/** A real throwaway PostgreSQL server on a free loopback port (trust auth, no fsync). */
export interface PostgresServer {
  url: string;
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder holding initdb and postgres: Debian's /usr/lib/postgresql/<version>/bin, or pg_config's. */
function binDir(): string {
  const base = "/usr/lib/postgresql";
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, "bin/initdb"))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], "bin");
  }
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("PostgreSQL is not installed (initdb not found); .ci/run installs it with apt-get install postgresql");
  }
}

/** Runs as the `postgres` system user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return userInfo().uid === 0 ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

/** Initialises a cluster in a temporary folder and starts it. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "mg-pg-"));
  if (userInfo().uid === 0) chownSync(dir, Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" })), Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" })));
  const data = join(dir, "data");
  const [initCmd, initArgs] = asPostgres(join(bin, "initdb"), ["-D", data, "--auth=trust", "-U", "postgres", "--no-sync"]);
  execFileSync(initCmd, initArgs, { stdio: "ignore" });
  const port = await freePort();
  const [cmd, args] = asPostgres(join(bin, "postgres"), ["-D", data, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]);
  const child: ChildProcess = spawn(cmd, args, { stdio: "ignore" });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const [readyCmd, readyArgs] = [join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(port), "-q"]];
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      execFileSync(readyCmd, readyArgs, { stdio: "ignore" });
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`postgres did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  let stopped = false;
  const kill = async () => {
    if (stopped) return;
    stopped = true;
    const [stopCmd, stopArgs] = asPostgres(join(bin, "pg_ctl"), ["-D", data, "stop", "-m", "immediate"]);
    try {
      execFileSync(stopCmd, stopArgs, { stdio: "ignore" });
    } catch {
      child.kill("SIGKILL");
    }
  };
  return {
    url,
    kill,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every key the store holds: settings and claimed ids, each user's log and rate-limit rows (to check namespacing and that clearing leaves nothing behind). */
export async function postgresKeys(url: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const sql = "SELECT key FROM matchguide_kv UNION ALL SELECT DISTINCT 'matchguide:log:' || user_id FROM matchguide_log UNION ALL SELECT key FROM matchguide_rate";
    return (await pool.query(sql)).rows.map((r: Record<string, unknown>) => String(r.key));
  } finally {
    await pool.end();
  }
}
