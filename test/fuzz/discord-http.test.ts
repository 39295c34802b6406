import { sign } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { mountDiscordHttp } from "../../src/adapters/discord/http.js";
import type { InteractionHandler } from "../../src/adapters/discord/interactions.js";
import { readConfig } from "../../src/config.js";
import { createHttpServer, MAX_BODY_BYTES, type HttpServer } from "../../src/http/server.js";
import { createRuntime, type Runtime } from "../../src/runtime.js";
import { openStore } from "../../src/store/open.js";
import { APP_ID } from "../helpers/discord-payloads.js";
import { startFakeDiscord, type FakeDiscord } from "../helpers/discord-fake.js";
import { discordLimitProblems } from "../helpers/discord-limits.js";
import { generateDiscordKeys, type DiscordKeys } from "../helpers/discord-signing.js";
import { discordResponseProblems } from "../helpers/fuzz-checks.js";
import { generateDiscordCase, type DiscordCase } from "../helpers/fuzz-discord.js";
import { FuzzLog, stackOf, watchProcess } from "../helpers/fuzz-harness.js";
import { fuzzScale, fuzzSeed, Rng } from "../helpers/fuzz-random.js";

const seed = fuzzSeed();
const SIGNED_CASES = Math.round(2000 * fuzzScale());
const FORGED_CASES = Math.round(600 * fuzzScale());
/** The largest body the server reads (src/http/server.ts answers 413 above it). */
const MAX_BODY = MAX_BODY_BYTES;

const log = new FuzzLog(seed);
let runtime: Runtime;
let fake: FakeDiscord;
let keys: DiscordKeys;
let otherKeys: DiscordKeys;
let watch: ReturnType<typeof watchProcess>;
const internal: string[] = [];
const warnings: string[] = [];
const servers: { http: HttpServer; url: string; handler: InteractionHandler }[] = [];

async function serve(deferAfterMs?: number) {
  const http = createHttpServer(async () => ({ ok: true }));
  const config = readConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl });
  const handler = mountDiscordHttp(http, runtime, config, { warn: (line) => warnings.push(line), ...(deferAfterMs !== undefined ? { deferAfterMs } : {}) });
  const address = await http.listen(0, "127.0.0.1");
  servers.push({ http, url: `http://127.0.0.1:${address.port}/discord/interactions`, handler });
}

async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

/** Discord's headers for raw bytes (the helper signs strings; some fuzz bodies are not valid UTF-8). */
function signBytes(k: DiscordKeys, body: Buffer, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), k.privateKey).toString("hex");
  return { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp };
}

/** Headers that must not pass the Ed25519 check, and the body to send with them. */
function forge(rng: Rng, body: Buffer): { how: string; body: Buffer; headers: Record<string, string> } {
  const good = signBytes(keys, body);
  const signature = good["x-signature-ed25519"];
  const timestamp = good["x-signature-timestamp"];
  const flipped = Buffer.from(body);
  if (flipped.length) flipped[rng.int(0, flipped.length - 1)] ^= 1 << rng.int(0, 6);
  const variants: [string, () => { body: Buffer; headers: Record<string, string> }][] = [
    ["unsigned", () => ({ body, headers: {} })],
    ["signature only", () => ({ body, headers: { "x-signature-ed25519": signature } })],
    ["timestamp only", () => ({ body, headers: { "x-signature-timestamp": timestamp } })],
    ["another key", () => ({ body, headers: signBytes(otherKeys, body, timestamp) })],
    ["tampered body", () => ({ body: flipped.length ? flipped : Buffer.from(" "), headers: good })],
    ["other timestamp", () => ({ body, headers: { ...good, "x-signature-timestamp": String(Number(timestamp) + rng.int(1, 999)) } })],
    ["short signature", () => ({ body, headers: { ...good, "x-signature-ed25519": signature.slice(0, rng.int(0, 127)) } })],
    ["long signature", () => ({ body, headers: { ...good, "x-signature-ed25519": `${signature}00` } })],
    ["non-hex signature", () => ({ body, headers: { ...good, "x-signature-ed25519": `${signature.slice(0, 126)}zz` } })],
    ["zero signature", () => ({ body, headers: { ...good, "x-signature-ed25519": "0".repeat(128) } })],
    ["odd headers", () => ({ body, headers: { "x-signature-ed25519": rng.pick(["", " ", "null", "[]", "0x00"]), "x-signature-timestamp": rng.pick(["", "-1", "1e3", "NaN"]) } })],
    ["over-long timestamp, signed", () => ({ body, headers: signBytes(keys, body, "9".repeat(rng.int(33, 80))) })],
  ];
  const [how, make] = rng.pick(variants);
  return { how, ...make() };
}

/** Every problem of the follow-ups and deferred edits Discord received for one interaction token. */
function followupProblems(token: string): string[] {
  const problems: string[] = [];
  for (const call of fake.calls.filter((c) => c.path.startsWith(`/webhooks/${APP_ID}/${token}`))) {
    problems.push(...discordLimitProblems(call.body ?? {}).map((p) => `${call.method} ${call.path.replace(token, "<token>")}: ${p}`));
  }
  return problems;
}

/** Sends one generated case, correctly signed, and checks the answer. */
async function sendSigned(index: number, c: DiscordCase, server: (typeof servers)[number]): Promise<string[]> {
  const problems: string[] = [];
  const before = { internal: internal.length, warnings: warnings.length };
  const res = await post(server.url, c.body, signBytes(keys, c.body));
  const expected = c.body.length > MAX_BODY ? [413] : !c.interaction ? [400] : c.damaged ? [200, 400] : [200];
  log.tally(`${c.label}:${res.status}${res.json?.type ? `:type${res.json.type}` : ""}`);
  if (res.status >= 500) problems.push(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
  if (!expected.includes(res.status)) problems.push(`HTTP ${res.status}, expected ${expected.join(" or ")}`);
  if (res.status === 200) problems.push(...discordResponseProblems(res.json).map((p) => `response: ${p}`));
  await new Promise((resolve) => setImmediate(resolve));
  await server.handler.idle();
  if (c.token) problems.push(...followupProblems(c.token));
  problems.push(...internal.slice(before.internal));
  if (c.label !== "mutated") problems.push(...warnings.slice(before.warnings).map((w) => `warning: ${w}`));
  void index;
  return problems;
}

beforeAll(async () => {
  process.stdout.write(`fuzz discord: seed ${seed} (set FUZZ_SEED=${seed} to reproduce)\n`);
  watch = watchProcess();
  runtime = createRuntime({ store: await openStore("sqlite://:memory:"), rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  runtime.onInternalError = (err, call) => internal.push(`internal error in ${call.name}: ${stackOf(err)}`);
  fake = await startFakeDiscord({ applicationId: APP_ID });
  keys = generateDiscordKeys();
  otherKeys = generateDiscordKeys();
  await serve();
  await serve(0);
});

afterAll(async () => {
  for (const s of servers) await s.handler.idle();
  for (const s of servers) await s.http.close();
  await fake?.close();
  await runtime?.store?.close();
  watch?.stop();
  process.stdout.write(`fuzz discord: ${log.inputs} inputs, ${log.failures.length} failing; outcomes: ${log.summary()}\n`);
});

describe("fuzz: POST /discord/interactions", () => {
  it(`answers ${SIGNED_CASES} correctly signed generated bodies with 200 within Discord's limits, or a 4xx`, async () => {
    for (let i = 0; i < SIGNED_CASES; i++) {
      const rng = Rng.forCase(seed, "discord-signed", i);
      const c = generateDiscordCase(rng, COMMANDS, i);
      const server = rng.chance(0.25) ? servers[1] : servers[0];
      log.record("discord-signed", i, { label: c.label, body: c.body.length > 2000 ? `<${c.body.length} bytes> ${c.body.subarray(0, 300).toString("utf8")}` : c.body.toString("utf8") }, await sendSigned(i, c, server));
      log.inputs++;
      if (i % 100 === 99) fake.reset();
    }
    expect(log.report("discord-signed")).toBe("");
  }, 120_000);

  it(`rejects ${FORGED_CASES} generated bodies with missing, wrong or malformed signatures with 401`, async () => {
    for (let i = 0; i < FORGED_CASES; i++) {
      const rng = Rng.forCase(seed, "discord-forged", i);
      const c = generateDiscordCase(rng, COMMANDS, SIGNED_CASES + i);
      const forged = forge(rng, c.body);
      const before = fake.calls.length;
      const res = await post(servers[rng.int(0, 1)].url, forged.body, forged.headers);
      // Headers that cannot be a fresh signature are refused before the body is read; a well-formed one over the limit gets 413.
      const expected = forged.body.length > MAX_BODY ? [401, 413] : [401];
      log.tally(`forged:${res.status}`);
      const problems = expected.includes(res.status) ? [] : [`${forged.how}: HTTP ${res.status}, expected ${expected.join(" or ")}`];
      if (fake.calls.length !== before) problems.push(`${forged.how}: a rejected request reached Discord's API`);
      log.record("discord-forged", i, { how: forged.how, label: c.label, body: forged.body.subarray(0, 300).toString("utf8"), headers: forged.headers }, problems);
      log.inputs++;
    }
    expect(log.report("discord-forged")).toBe("");
  }, 120_000);

  it("saw no unhandled rejection or uncaught exception", () => {
    expect(watch.errors).toEqual([]);
  });
});
