import { createHmac, generateKeyPairSync, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startFakePlatform, type FakePlatform } from "./http/fake-platform.js";
import { freePort, startChild, stopAll, waitUntilServing } from "./http/processes.js";
import { DEFAULT_RATE_LIMIT } from "../src/runtime.js";

/**
 * `npm run bench:http`: autocannon on 127.0.0.1 against our real server (dist/src/main.js, its own process) with
 * signed Discord interactions and signed Slack slash commands, and in the same run against the floors of the same
 * work, each in its own process: a bare node:http server that only verifies the Ed25519 signature (Discord) and a
 * bare Bolt app whose one listener only acks (Slack). Prints req/s, p50, p99 and our ratio to the floor.
 */

// ---------- autocannon (no type declarations ship with it) ----------
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
}
type Autocannon = (opts: AutocannonRequest & { url: string; connections: number; duration: number; requests?: AutocannonRequest[] }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

// ---------- settings ----------
const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    connections: { type: "string", default: "10" },
    rounds: { type: "string", default: "2" },
    users: { type: "string", default: "4096" },
    store: { type: "string" },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
const USERS = Number(args.users);
for (const [name, v] of [["duration", DURATION], ["warmup", WARMUP], ["connections", CONNECTIONS], ["rounds", ROUNDS], ["users", USERS]] as const) {
  if (!Number.isFinite(v) || v < 0 || (name !== "warmup" && v < 1)) {
    process.stderr.write(`bench:http: --${name} must be a positive number\n`);
    process.exit(2);
  }
}

const TARGET_RPS = 2000;
const TARGET_P99_MS = 20;
const TARGET_RATIO = 0.8;

const here = dirname(fileURLToPath(import.meta.url));
const MAIN_JS = join(here, "..", "src", "main.js");
const DISCORD_FLOOR_JS = join(here, "http", "floor-discord.js");
const BOLT_FLOOR_JS = join(here, "http", "floor-bolt.js");

const SLACK_SECRET = "bench-signing-secret-0123456789abcdef";
const SLACK_TOKEN = "xoxb-bench-token";
const DISCORD_PATH = "/discord/interactions";
const SLACK_PATH = "/slack/events";

// ---------- signed requests ----------
const keys = generateKeyPairSync("ed25519");
const discordPublicKeyHex = Buffer.from(keys.publicKey.export({ format: "jwk" }).x as string, "base64url").toString("hex");

interface Request {
  body: string;
  headers: Record<string, string>;
}

/** Discord checks the signature per body but not the timestamp's age, so one signed body can be replayed. */
function discordRequest(interaction: unknown): Request {
  const body = JSON.stringify(interaction);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]), keys.privateKey).toString("hex");
  return { body, headers: { "content-type": "application/json", "x-signature-ed25519": signature, "x-signature-timestamp": timestamp } };
}

/** Slack's v0 signature is valid for 5 minutes; signed once at start, which covers the whole run. */
function slackRequest(fake: FakePlatform, command: string, text: string, userId: string): Request {
  const body = new URLSearchParams({
    token: "legacy",
    team_id: "T0BENCH",
    team_domain: "bench",
    channel_id: "C0BENCH",
    channel_name: "applicants",
    user_id: userId,
    user_name: "amara",
    command,
    text,
    api_app_id: "A0BENCH",
    response_url: fake.responseUrl,
    trigger_id: "1337.42.trigger",
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return {
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature },
  };
}

const PING = { id: "1", application_id: "111111111111111111", type: 1, token: "ping-token", version: 1 };

/** A /template slash command from a guild member, as Discord sends it (API v10). */
function templateInteraction(userId: string) {
  const user = { id: userId, username: "amara", discriminator: "0", global_name: "Amara", avatar: null };
  return {
    id: "900000000000000001",
    application_id: "111111111111111111",
    type: 2,
    token: "interaction-token-bench",
    version: 1,
    locale: "en-US",
    guild_locale: "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: {},
    guild_id: "222222222222222222",
    guild: { id: "222222222222222222", locale: "en-US", features: [] },
    channel: { id: "555", type: 0, name: "general", guild_id: "222222222222222222" },
    channel_id: "555",
    member: { user, roles: [], permissions: "0", joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
    context: 0,
    data: {
      id: "600",
      name: "template",
      type: 1,
      options: [
        { name: "id", type: 3, value: "first-choice" },
        { name: "program", type: 3, value: "Riverside IM" },
        { name: "name", type: 3, value: "Amara Okafor" },
      ],
    },
  };
}

/**
 * The same command from USERS different users, each request signed: our server rate-limits per user
 * (DEFAULT_RATE_LIMIT), and one user sending thousands of commands would measure the "slow down" reply.
 */
function pool(make: (userId: string) => Request, endpoint: number): Request[] {
  return Array.from({ length: USERS }, (_, i) => make(String(400000000000000000n + BigInt(endpoint * 1_000_000 + i))));
}

// ---------- servers ----------
interface Servers {
  fake: FakePlatform;
  ours: string;
  discordFloor: string;
  boltFloor: string;
}

async function startServers(fake: FakePlatform, storeUrl: string): Promise<Servers> {
  const [oursPort, discordPort, boltPort] = [await freePort(), await freePort(), await freePort()];
  const oursEnv: Record<string, string> = {
    HOST: "127.0.0.1",
    PORT: String(oursPort),
    DISCORD_PUBLIC_KEY: discordPublicKeyHex,
    DISCORD_API_URL: fake.discordApiUrl,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: SLACK_TOKEN,
    SLACK_API_URL: fake.slackApiUrl,
    STORE_URL: storeUrl,
  };
  for (const name of ["LOG_LEVEL", "NODE_ENV"]) if (process.env[name]) oursEnv[name] = process.env[name]!;
  const ours = startChild("our server (dist/src/main.js)", MAIN_JS, oursEnv);
  const discordFloor = startChild("Discord floor (bare node:http)", DISCORD_FLOOR_JS, {
    BENCH_PORT: String(discordPort),
    BENCH_DISCORD_PUBLIC_KEY: discordPublicKeyHex,
  });
  const boltFloor = startChild("Slack floor (bare Bolt app)", BOLT_FLOOR_JS, {
    BENCH_PORT: String(boltPort),
    BENCH_SLACK_SIGNING_SECRET: SLACK_SECRET,
    BENCH_SLACK_BOT_TOKEN: SLACK_TOKEN,
    BENCH_SLACK_API_URL: fake.slackApiUrl,
  });
  const base = (port: number) => `http://127.0.0.1:${port}`;
  await Promise.all([
    waitUntilServing(ours, `${base(oursPort)}/healthz`, 200),
    waitUntilServing(discordFloor, `${base(discordPort)}/`),
    waitUntilServing(boltFloor, `${base(boltPort)}/`),
  ]);
  return { fake, ours: base(oursPort), discordFloor: base(discordPort), boltFloor: base(boltPort) };
}

// ---------- endpoints ----------
type Expect = (status: number, text: string) => string | null;

interface Target {
  url: string;
  requests: Request[];
  expect: Expect;
}

interface Endpoint {
  name: string;
  ours: Target;
  floor: Target & { label: string };
}

const pong: Expect = (status, text) => (status === 200 && text === '{"type":1}' ? null : `expected 200 {"type":1}, got ${status} ${text.slice(0, 120)}`);
const okAny: Expect = (status, text) => (status === 200 ? null : `expected 200, got ${status} ${text.slice(0, 120)}`);
/** A 200 whose body holds `needle` (proves the command really ran, e.g. the template was filled). */
const holds =
  (needle: string): Expect =>
  (status, text) =>
    status === 200 && text.includes(needle) ? null : `expected 200 with "${needle}" in the reply, got ${status} ${text.slice(0, 160)}`;

function endpoints(s: Servers): Endpoint[] {
  const discordFloor = (requests: Request[]) => ({ label: "bare node:http + Ed25519", url: `${s.discordFloor}${DISCORD_PATH}`, requests, expect: pong });
  const boltFloor = (requests: Request[]) => ({ label: "bare Bolt app (ack only)", url: `${s.boltFloor}${SLACK_PATH}`, requests, expect: okAny });
  const discordPing = [discordRequest(PING)];
  const discordTemplate = pool((u) => discordRequest(templateInteraction(u)), 1);
  const slackHelp = pool((u) => slackRequest(s.fake, "/help", "", `U${u}`), 2);
  const slackTemplate = pool((u) => slackRequest(s.fake, "/template", 'first-choice program="Riverside IM" name="Amara Okafor"', `U${u}`), 3);
  return [
    { name: "Discord PING", ours: { url: `${s.ours}${DISCORD_PATH}`, requests: discordPing, expect: pong }, floor: discordFloor(discordPing) },
    {
      name: "Discord /template",
      ours: { url: `${s.ours}${DISCORD_PATH}`, requests: discordTemplate, expect: holds("Riverside IM") },
      floor: discordFloor(discordTemplate),
    },
    { name: "Slack /help", ours: { url: `${s.ours}${SLACK_PATH}`, requests: slackHelp, expect: holds("/template") }, floor: boltFloor(slackHelp) },
    {
      name: "Slack /template",
      ours: { url: `${s.ours}${SLACK_PATH}`, requests: slackTemplate, expect: holds("Riverside IM") },
      floor: boltFloor(slackTemplate),
    },
  ];
}

/** One request by hand (the pool's last user, whom the measurement reaches last), so a misconfigured run fails loudly. */
async function check(what: string, target: Target): Promise<void> {
  const request = target.requests[target.requests.length - 1];
  const res = await fetch(target.url, { method: "POST", headers: request.headers, body: request.body });
  const problem = target.expect(res.status, await res.text());
  if (problem) throw new Error(`${what}: ${problem}`);
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  bad: number;
  total: number;
}

/** Runs autocannon once (`seconds` may be fractional), cycling through the target's requests. */
async function slice(target: Target, seconds: number): Promise<AutocannonResult> {
  const base = { url: target.url, method: "POST", connections: CONNECTIONS, duration: seconds };
  if (target.requests.length === 1) return autocannon({ ...base, ...target.requests[0] });
  let next = 0;
  const { requests } = target;
  return autocannon({
    ...base,
    requests: [
      {
        setupRequest: (req) => {
          const r = requests[next++ % requests.length];
          return { ...req, method: "POST", headers: r.headers, body: r.body };
        },
      },
    ],
  });
}

/**
 * Measures ours and its floor in alternating slices (ours, floor, ours, floor…) so that load from other
 * processes on the machine falls on both alike. req/s is the mean over the slices; p50 the mean of the
 * slices' p50s; p99 the worst slice's p99 (conservative).
 */
async function measurePair(a: Target, b: Target): Promise<[Figures, Figures]> {
  const results: [AutocannonResult[], AutocannonResult[]] = [[], []];
  let warm: [number, number] = [0, 0];
  if (WARMUP > 0) warm = [(await slice(a, WARMUP)).requests.total, (await slice(b, WARMUP)).requests.total];
  for (let round = 0; round < ROUNDS; round++) {
    results[0].push(await slice(a, DURATION / ROUNDS));
    results[1].push(await slice(b, DURATION / ROUNDS));
  }
  const combine = (rs: AutocannonResult[], warmTotal: number): Figures => ({
    rps: rs.reduce((n, r) => n + r.requests.average, 0) / rs.length,
    p50: rs.reduce((n, r) => n + r.latency.p50, 0) / rs.length,
    p99: Math.max(...rs.map((r) => r.latency.p99)),
    bad: rs.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    total: warmTotal + rs.reduce((n, r) => n + r.requests.total, 0),
  });
  return [combine(results[0], warm[0]), combine(results[1], warm[1])];
}

// ---------- report ----------
function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

const num = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} ms`;

/** The store our server runs with: --store, else STORE_URL, else (the default store kind) SQLite in a fresh temporary file. */
function chooseStore(): { url: string; label: string; cleanup: () => void } {
  const given = args.store ?? process.env.STORE_URL;
  if (given) return { url: given, label: given.split(":")[0], cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), "matchguide-bench-"));
  return { url: `sqlite://${join(dir, "bench.sqlite")}`, label: "sqlite (fresh temporary file)", cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

async function run(): Promise<void> {
  const started = Date.now();
  const store = chooseStore();
  let fake: FakePlatform | undefined;
  try {
    fake = await startFakePlatform();
    const servers = await startServers(fake, store.url);
    const list = endpoints(servers);
    for (const e of list) {
      await check(`${e.name} (ours)`, e.ours);
      await check(`${e.name} (floor)`, e.floor);
    }
    const load = loadavg()[0];
    process.stdout.write(
      `bench:http — autocannon on 127.0.0.1, ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${DURATION} s per server ` +
        `in ${ROUNDS} alternating slices (ours, floor, …); ${USERS} signed users per command; store: ${store.label}; ` +
        `${cpus().length} CPUs, load average ${load.toFixed(2)}\n`,
    );
    if (load > 1) process.stdout.write("note: other processes are using the CPU; figures and ratios will be noisy\n");
    const rows = [["endpoint", "ours req/s", "p50", "p99", "floor req/s", "p50", "p99", "ratio", "floor"]];
    const verdicts: string[] = [];
    const warnings: string[] = [];
    for (const e of list) {
      process.stderr.write(`measuring ${e.name} …\n`);
      const [ours, floor] = await measurePair(e.ours, e.floor);
      const ratio = floor.rps > 0 ? ours.rps / floor.rps : 0;
      rows.push([e.name, num(ours.rps), ms(ours.p50), ms(ours.p99), num(floor.rps), ms(floor.p50), ms(floor.p99), ratio.toFixed(2), e.floor.label]);
      const absolute = ours.rps >= TARGET_RPS && ours.p99 <= TARGET_P99_MS && ours.bad === 0;
      const relative = ratio >= TARGET_RATIO;
      const bad = ours.bad || floor.bad ? ` (non-2xx/errors: ours ${ours.bad}, floor ${floor.bad})` : "";
      verdicts.push(
        `${e.name.padEnd(18)} ≥ ${num(TARGET_RPS)} req/s with p99 ≤ ${TARGET_P99_MS} ms: ${absolute ? "met" : "NOT met"}; ` +
          `≥ ${TARGET_RATIO} of floor: ${relative ? "met" : "NOT met"}${bad}`,
      );
      const perUser = Math.ceil(ours.total / e.ours.requests.length);
      if (e.ours.requests.length > 1 && perUser > DEFAULT_RATE_LIMIT.max) {
        warnings.push(`${e.name}: ~${perUser} commands per user exceeded the rate limit (${DEFAULT_RATE_LIMIT.max}); raise --users`);
      }
    }
    process.stdout.write(`\n${table(rows)}\n\ntargets\n${verdicts.map((v) => `  ${v}`).join("\n")}\n`);
    if (warnings.length) process.stdout.write(`\nwarning: part of the run measured rate-limited replies\n${warnings.map((w) => `  ${w}`).join("\n")}\n`);
    const calls = Object.entries(fake.counts).map(([k, v]) => `${k} ${v}`).join(", ");
    process.stdout.write(`\nfake platform calls: ${calls || "none"}; total ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await stopAll();
    await fake?.close();
    store.cleanup();
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void stopAll(500).finally(() => process.exit(130)));
}

try {
  await run();
  process.exit(0);
} catch (err) {
  process.stderr.write(`bench:http failed: ${(err as Error).message}\n`);
  process.exit(1);
}
