/** Regression tests for adapter bugs the fuzz suite found, each as the smallest request that showed it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlack } from "../../src/adapters/slack/app.js";
import { readConfig } from "../../src/config.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { createRuntime } from "../../src/runtime.js";
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
