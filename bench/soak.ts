import { generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SETTINGS_CACHE_MAX } from "../src/store/store.js";
import { startFakePlatform } from "./http/fake-platform.js";
import { freePort, startChild, stopAll, waitUntilServing } from "./http/processes.js";

/** Signed requests sent in all, from how many users (each in a server of its own), how many at a time. */
const REQUESTS = 100_000;
const USERS = 20_000;
const CONCURRENCY = 64;
/** Requests sent before "RSS before" is read, so start-up and JIT warm-up do not count as growth. */
const WARM_UP = 2_000;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const publicKeyHex = Buffer.from(publicKey.export({ format: "jwk" }).x as string, "base64url").toString("hex");

/** The n-th interaction: user n mod USERS in guild n mod USERS, cycling through commands that read settings and the log. */
function interaction(n: number): string {
  const user = String(500000000000000000n + BigInt(n % USERS));
  const guild = String(700000000000000000n + BigInt(n % USERS));
  const commands = [
    { name: "help", type: 1 },
    { name: "timeline", type: 1 },
    { name: "template", type: 1, options: [{ name: "id", type: 3, value: "thank-you" }] },
    { name: "log", type: 1, options: [{ name: "list", type: 1, options: [] }] },
  ];
  return JSON.stringify({
    id: String(900000000000000000n + BigInt(n)),
    application_id: "111111111111111111",
    type: 2,
    token: `soak-${n}`,
    version: 1,
    guild_id: guild,
    member: { user: { id: user, username: "soak" }, permissions: "0" },
    data: { id: "1", ...commands[n % commands.length] },
  });
}

function post(base: string, agent: Agent, body: string): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString("hex");
  return new Promise((resolve, reject) => {
    const req = request(`${base}/discord/interactions`, { method: "POST", agent, headers: { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": timestamp } }, (res) => {
      res.resume().on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? NaN);
}

async function run(base: string, agent: Agent, from: number, to: number): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = from;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < to) {
        const status = await post(base, agent, interaction(next++));
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `npm run soak`: 100,000 signed Discord requests from 20,000 users against one bot process (SQLite); prints RSS before and after and the settings cache size. */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "matchguide-soak-"));
  const fake = await startFakePlatform();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const bot = startChild("bot", join(ROOT, "dist/src/main.js"), {
    HOST: "127.0.0.1",
    PORT: String(port),
    DISCORD_PUBLIC_KEY: publicKeyHex,
    DISCORD_API_URL: fake.discordApiUrl,
    STORE_URL: `sqlite://${join(dir, "soak.sqlite")}`,
    LOG_LEVEL: "warn",
  });
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    await waitUntilServing(bot, `${base}/healthz`, 200);
    await run(base, agent, 0, WARM_UP);
    const before = await metric(base, "matchguide_process_resident_memory_bytes");
    const started = performance.now();
    const statuses: Record<number, number> = {};
    const samples: string[] = [];
    for (let done = 0; done < REQUESTS; done += REQUESTS / 5) {
      for (const [s, n] of Object.entries(await run(base, agent, WARM_UP + done, WARM_UP + done + REQUESTS / 5))) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
      samples.push(mb(await metric(base, "matchguide_process_resident_memory_bytes")));
    }
    const seconds = (performance.now() - started) / 1000;
    const after = await metric(base, "matchguide_process_resident_memory_bytes");
    const cached = await metric(base, "matchguide_settings_cached");
    console.log(`soak: ${REQUESTS.toLocaleString("en-US")} signed Discord requests from ${USERS.toLocaleString("en-US")} users (each in its own server), ${CONCURRENCY} at a time, SQLite store`);
    console.log(`  statuses: ${Object.entries(statuses).map(([s, n]) => `${s}×${n}`).join(", ")} in ${seconds.toFixed(1)} s (${Math.round(REQUESTS / seconds)} req/s)`);
    console.log(`  RSS before: ${mb(before)} (after ${WARM_UP.toLocaleString("en-US")} warm-up requests)   RSS after: ${mb(after)}   ratio ${(after / before).toFixed(2)} (target ≤ 1.5)`);
    console.log(`  RSS after each fifth: ${samples.join(", ")}`);
    console.log(`  settings cache: ${cached} servers (bound ${SETTINGS_CACHE_MAX})`);
  } finally {
    agent.destroy();
    await stopAll();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
