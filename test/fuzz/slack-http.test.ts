import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { startSlack } from "../../src/adapters/slack/app.js";
import { readConfig } from "../../src/config.js";
import { createHttpServer, MAX_BODY_BYTES, type HttpServer } from "../../src/http/server.js";
import { contextFor, createRuntime, type Runtime } from "../../src/runtime.js";
import { openStore } from "../../src/store/open.js";
import type { Hints } from "../helpers/fuzz-calls.js";
import { slackMessageProblems, slackModalProblems } from "../helpers/fuzz-checks.js";
import { FuzzLog, stackOf, watchProcess } from "../helpers/fuzz-harness.js";
import { fuzzScale, fuzzSeed, Rng, runPool } from "../helpers/fuzz-random.js";
import { generateSlackCase, type SlackCase } from "../helpers/fuzz-slack.js";
import { startFakeSlack, type FakeSlack } from "../helpers/slack-fake.js";
import { TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

const seed = fuzzSeed();
const SIGNED_CASES = Math.round(2000 * fuzzScale());
const FORGED_CASES = Math.round(600 * fuzzScale());
/** Requests in flight at once. */
const WIDTH = 16;
/** The largest body the server reads (src/http/server.ts answers 413 above it). */
const MAX_BODY = MAX_BODY_BYTES;

const log = new FuzzLog(seed);
let runtime: Runtime;
let fake: FakeSlack;
let http: HttpServer;
let slack: { close(): Promise<void> };
let url: string;
let watch: ReturnType<typeof watchProcess>;
const internal: string[] = [];

const hints: Hints = (def, opt) =>
  opt.autocomplete && def.autocomplete ? def.autocomplete(contextFor(runtime, { id: "cli:hints", platform: "cli" }), opt.name, "").map((c) => c.value) : [];

/** Slack's v0 headers over the raw bytes (some fuzz bodies are not valid UTF-8). */
function signBytes(body: Buffer, secret = TEST_SIGNING_SECRET, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const mac = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex");
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": `v0=${mac}` };
}

async function post(body: Buffer, contentType: string, headers: Record<string, string>): Promise<{ status: number; text: string; json: any }> {
  const res = await fetch(url, { method: "POST", headers: { ...(contentType ? { "content-type": contentType } : {}), ...headers }, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

/** Headers (and body) that must not pass Slack's signature check or replay window. */
function forge(rng: Rng, body: Buffer): { how: string; body: Buffer; headers: Record<string, string> } {
  const now = Math.floor(Date.now() / 1000);
  const good = signBytes(body);
  const flipped = Buffer.from(body);
  if (flipped.length) flipped[rng.int(0, flipped.length - 1)] ^= 1 << rng.int(0, 6);
  const variants: [string, () => { body: Buffer; headers: Record<string, string> }][] = [
    ["unsigned", () => ({ body, headers: {} })],
    ["signature only", () => ({ body, headers: { "x-slack-signature": good["x-slack-signature"] } })],
    ["timestamp only", () => ({ body, headers: { "x-slack-request-timestamp": good["x-slack-request-timestamp"] } })],
    ["another secret", () => ({ body, headers: signBytes(body, "not-the-signing-secret") })],
    ["tampered body", () => ({ body: flipped.length ? flipped : Buffer.from("x"), headers: good })],
    ["stale, signed", () => ({ body, headers: signBytes(body, TEST_SIGNING_SECRET, now - rng.int(301, 100_000)) })],
    ["future, signed", () => ({ body, headers: signBytes(body, TEST_SIGNING_SECRET, now + rng.int(301, 100_000)) })],
    ["other timestamp", () => ({ body, headers: { ...good, "x-slack-request-timestamp": String(now - rng.int(1, 200)) } })],
    ["v1 signature", () => ({ body, headers: { ...good, "x-slack-signature": good["x-slack-signature"].replace("v0=", "v1=") } })],
    ["short signature", () => ({ body, headers: { ...good, "x-slack-signature": good["x-slack-signature"].slice(0, rng.int(0, 60)) } })],
    ["odd headers", () => ({ body, headers: { "x-slack-signature": rng.pick(["", "v0=", "v0=zz", "null"]), "x-slack-request-timestamp": rng.pick(["", "NaN", "1e3", "-1", "9".repeat(30), " "]) } })],
  ];
  const [how, make] = rng.pick(variants);
  return { how, ...make() };
}

/** Problems of a signed request's answer. */
function answerProblems(c: SlackCase, res: { status: number; text: string; json: any }): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
  if (c.body.length > MAX_BODY && res.status !== 413) problems.push(`HTTP ${res.status} for ${c.body.length} bytes, expected 413`);
  if (c.answerable && res.status !== 200) problems.push(`HTTP ${res.status} for a well-formed slash command, expected 200`);
  if (["modal", "shortcut", "button"].includes(c.label) && c.body.length <= MAX_BODY && res.status >= 300 && res.status !== 404) problems.push(`HTTP ${res.status} for ${c.label}`);
  if (res.status === 200 && res.json && typeof res.json === "object" && "blocks" in res.json) problems.push(...slackMessageProblems(res.json).map((p) => `ack body: ${p}`));
  return problems;
}

/** Waits until the fake has seen no new traffic for a while (follow-ups sent after the ack have landed). */
async function settle(): Promise<void> {
  let seen = -1;
  for (;;) {
    const now = fake.calls.length + fake.responses.length;
    if (now === seen) return;
    seen = now;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Problems of every message the app sent on its own: response_url posts, chat.postEphemeral, views.open. */
function deliveryProblems(): string[] {
  const problems: string[] = [];
  for (const r of fake.responses) problems.push(...slackMessageProblems(r.body).map((p) => `response_url ${r.id}: ${p}`));
  for (const c of fake.calls) {
    if (c.method === "chat.postEphemeral") problems.push(...slackMessageProblems(c.args).map((p) => `chat.postEphemeral to ${String(c.args.channel)}: ${p}`));
    if (c.method === "views.open") problems.push(...slackModalProblems(c.args.view).map((p) => `views.open: ${p}`));
  }
  return problems;
}

beforeAll(async () => {
  process.stdout.write(`fuzz slack: seed ${seed} (set FUZZ_SEED=${seed} to reproduce)\n`);
  watch = watchProcess();
  fake = await startFakeSlack();
  runtime = createRuntime({ store: await openStore("sqlite://:memory:"), rateLimit: { max: 1_000_000, windowMs: 60_000 } });
  runtime.onInternalError = (err, call) => internal.push(`internal error in ${call.name}: ${stackOf(err)}`);
  http = createHttpServer(async () => ({ ok: true }));
  const config = readConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl });
  slack = await startSlack(runtime, config, http);
  const address = await http.listen(0, "127.0.0.1");
  url = `http://127.0.0.1:${address.port}/slack/events`;
  fake.reset();
});

afterAll(async () => {
  await slack?.close();
  await http?.close();
  await fake?.close();
  await runtime?.store?.close();
  watch?.stop();
  process.stdout.write(`fuzz slack: ${log.inputs} inputs, ${log.failures.length} failing; outcomes: ${log.summary()}\n`);
});

describe("fuzz: POST /slack/events", () => {
  it(`answers ${SIGNED_CASES} correctly signed generated bodies with 2xx within Slack's limits, or a 4xx`, async () => {
    const cases = Array.from({ length: SIGNED_CASES }, (_, i) => ({ i, c: generateSlackCase(Rng.forCase(seed, "slack-signed", i), COMMANDS, i, fake.responseUrl(`case-${i}`), hints) }));
    const send = async ({ i, c }: { i: number; c: SlackCase }) => {
      const res = await post(c.body, c.contentType, signBytes(c.body));
      log.tally(`${c.label}${c.tampered ? "(tampered)" : ""}:${res.status}`);
      log.inputs++;
      const shown = c.body.length > 2000 ? `<${c.body.length} bytes> ${c.body.subarray(0, 300).toString("utf8")}` : c.body.toString("utf8");
      log.record("slack-signed", i, { label: c.label, contentType: c.contentType, body: shown }, answerProblems(c, res));
    };
    // What users can type (command text, modal inputs, message text) must never cause a logged bug…
    const clean = cases.filter(({ c }) => !c.tampered);
    await runPool(clean.length, WIDTH, (k) => send(clean[k]));
    await settle();
    log.record("slack-internal", 0, "internal errors while answering requests with only user-written parts generated", internal.splice(0));
    // …while garbage in parts only Slack or the app writes may be logged, but must still get an answer below 500.
    const tampered = cases.filter(({ c }) => c.tampered);
    await runPool(tampered.length, WIDTH, (k) => send(tampered[k]));
    await settle();
    log.tally(`logged errors from tampered requests:${internal.splice(0).length}`);
    log.record("slack-delivered", 0, "every message sent to the fake Slack", deliveryProblems());
    expect(log.report()).toBe("");
  }, 120_000);

  it(`rejects ${FORGED_CASES} generated bodies with missing, wrong, stale or malformed signatures with 401`, async () => {
    fake.reset();
    await runPool(FORGED_CASES, WIDTH, async (i) => {
      const rng = Rng.forCase(seed, "slack-forged", i);
      const c = generateSlackCase(rng, COMMANDS, SIGNED_CASES + i, fake.responseUrl(`forged-${i}`), hints);
      const forged = forge(rng, c.body);
      const res = await post(forged.body, c.contentType, forged.headers);
      log.tally(`forged:${res.status}`);
      log.inputs++;
      const sslCheck = /(^|&)ssl_check=1(&|$)/.test(forged.body.toString("utf8")) && res.status === 200;
      // An oversize body is refused unread: 401 when its signature headers already fail, else 413.
      const expected = forged.body.length > MAX_BODY ? [401, 413] : [401];
      log.record(
        "slack-forged",
        i,
        { how: forged.how, label: c.label, body: forged.body.subarray(0, 300).toString("utf8"), headers: forged.headers },
        expected.includes(res.status) || sslCheck ? [] : [`${forged.how}: HTTP ${res.status}, expected ${expected.join(" or ")}`],
      );
    });
    await settle();
    const reached = fake.calls.filter((call) => call.method !== "auth.test").length + fake.responses.length;
    log.record("slack-forged", -1, "traffic caused by rejected requests", reached ? [`${reached} call(s) reached Slack from rejected requests`] : []);
    expect(log.report("slack-forged")).toBe("");
  }, 120_000);

  it("saw no unhandled rejection or uncaught exception", () => {
    expect(watch.errors).toEqual([]);
  });
});
