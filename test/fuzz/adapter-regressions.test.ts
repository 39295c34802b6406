/** Regression tests for adapter bugs the fuzz suite found, each as the smallest request that showed it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mountDiscordHttp } from "../../src/adapters/discord/http.js";
import { startSlack } from "../../src/adapters/slack/app.js";
import { readConfig } from "../../src/config.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { createRuntime } from "../../src/runtime.js";
import { startFakeDiscord, type FakeDiscord } from "../helpers/discord-fake.js";
import { APP_ID, autocomplete, button, modalSubmit, ping, slash } from "../helpers/discord-payloads.js";
import { generateDiscordKeys, postSigned, type DiscordKeys } from "../helpers/discord-signing.js";
import { startFakeSlack, type FakeSlack } from "../helpers/slack-fake.js";
import { interactivityBody, postSlack, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../helpers/slack-signing.js";

describe("POST /slack/events with signed bodies Bolt cannot use", () => {
  let fake: FakeSlack;
  let http: HttpServer;
  let slack: { close(): Promise<void> };
  let url: string;
  const internal: unknown[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    const runtime = createRuntime();
    runtime.onInternalError = (err) => internal.push(err);
    http = createHttpServer(async () => ({ ok: true }));
    slack = await startSlack(runtime, readConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl }), http);
    const { port } = await http.listen(0, "127.0.0.1");
    url = `http://127.0.0.1:${port}/slack/events`;
  });

  afterAll(async () => {
    await slack?.close();
    await http?.close();
    await fake?.close();
  });

  it("answers 400, not 500, to payloads Bolt throws on (block_actions without a user, view_submission without a view)", async () => {
    for (const payload of [{ type: "block_actions", actions: [] }, { type: "view_submission", team: { id: "T1" }, user: { id: "U1" } }]) {
      const res = await postSlack(url, interactivityBody(payload));
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error: "malformed event" });
    }
    expect(fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });

  it("answers 400, not 500, to an interactivity payload that is JSON but not an object (payload=null, payload=1)", async () => {
    for (const payload of ["null", "1", '"x"', "[]"]) {
      const res = await postSlack(url, `payload=${encodeURIComponent(payload)}`);
      expect(res.status).toBe(400);
    }
  });

  it("answers 404 with a JSON error, at once, to payloads no listener acknowledges (instead of Bolt's empty 404 after 3 s)", async () => {
    for (const payload of [{ type: "message_action", callback_id: "someone_elses", team: { id: "T1" }, user: { id: "U1" } }, { type: "no_such_type" }, { team: { id: "T1" } }]) {
      const res = await postSlack(url, interactivityBody(payload));
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ error: "no handler for this request" });
    }
    expect(internal).toEqual([]);
  });
});

describe("POST /discord/interactions with signed bodies of the wrong shape", () => {
  let fake: FakeDiscord;
  let keys: DiscordKeys;
  let http: HttpServer;
  let url: string;
  const internal: unknown[] = [];

  beforeAll(async () => {
    fake = await startFakeDiscord({ applicationId: APP_ID });
    keys = generateDiscordKeys();
    const runtime = createRuntime();
    runtime.onInternalError = (err) => internal.push(err);
    http = createHttpServer(async () => ({ ok: true }));
    mountDiscordHttp(http, runtime, readConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl }), { warn: () => {} });
    const { port } = await http.listen(0, "127.0.0.1");
    url = `http://127.0.0.1:${port}/discord/interactions`;
  });

  afterAll(async () => {
    await http?.close();
    await fake?.close();
  });

  it("answers 400 (was 200 with an apology and a logged bug) when a part the adapter reads is missing or of the wrong type", async () => {
    const { data: _data, ...command } = slash("help");
    const damaged: unknown[] = [
      command,
      { ...slash("help"), data: { ...slash("help").data, name: null } },
      { ...slash("help"), data: { ...slash("help").data, options: "x" } },
      { ...slash("ask"), data: { ...slash("ask").data, options: ["ẞ. ", 0, false] } },
      { ...slash("help"), data: { ...slash("help").data, type: "1" } },
      { ...slash("help"), member: { ...(slash("help") as any).member, permissions: 8 } },
      { ...slash("help"), token: 5 },
      { ...autocomplete("template", "id", "fir"), data: undefined },
      { ...modalSubmit("modal:check", { draft: "Dear Dr. Lee" }), data: { custom_id: 7 } },
      { ...button("run:help"), data: { custom_id: -1e21, component_type: 2 } },
      { ...button("run:help"), data: { custom_id: "run:help" } },
      { ...slash("check"), data: { id: "601", name: "Check draft", type: 3, target_id: "1" } },
      { type: 1, id: "1" },
    ];
    for (const body of damaged) {
      const res = await postSigned(url, keys, body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
    }
    expect(internal).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it("still answers well-formed interactions, and types it does not handle, with 200", async () => {
    internal.length = 0;
    expect((await postSigned(url, keys, ping())).json).toEqual({ type: 1 });
    expect((await postSigned(url, keys, slash("help"))).json.type).toBe(4);
    const unknownType = await postSigned(url, keys, { ...slash("help"), type: 99 });
    expect(unknownType.status).toBe(200);
    expect(unknownType.json.type).toBe(4);
    expect(internal).toEqual([]);
  });
});
