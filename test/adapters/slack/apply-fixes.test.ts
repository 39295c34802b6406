import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../../src/config.js";
import { startSlack } from "../../../src/adapters/slack/app.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime, type Runtime } from "../../../src/runtime.js";
import { openStore } from "../../../src/store/open.js";
import { startFakeSlack, type FakeSlack } from "../../helpers/slack-fake.js";
import { formBody, interactivityBody, postSlack, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, slashFields } from "../../helpers/slack-signing.js";

interface Block {
  type: string;
  text?: { text: string };
  elements?: { text?: { text: string }; value?: string; action_id?: string }[];
}

const DRAFT = "Hey Dr. Fischer,\nI would be willing to pull out of the NRMP if you can give me a prelim spot now.\nThank you for the interview.";

let dir: string;
let fake: FakeSlack;
let http: HttpServer;
let slack: { close(): Promise<void> };
let runtime: Runtime;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mg-slack-fix-"));
  fake = await startFakeSlack();
  runtime = createRuntime({ store: await openStore(`sqlite://${join(dir, "store.sqlite")}`) });
  http = createHttpServer(async () => ({ ok: true }));
  slack = await startSlack(runtime, readConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl }), http);
  const address = await http.listen(0, "127.0.0.1");
  url = `http://127.0.0.1:${address.port}/slack/events`;
});

afterAll(async () => {
  await slack?.close();
  await http?.close();
  await fake?.close();
  await runtime?.store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function slash(text: string): string {
  return formBody(slashFields("/check", text, fake.responseUrl("cmd")));
}

function press(value: string, responseId: string): string {
  return interactivityBody({
    type: "block_actions",
    team: { id: "T0001", domain: "fake" },
    user: { id: "U0001", name: "amara", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    trigger_id: "1337.45.trigger",
    container: { type: "message", message_ts: "1700000000.000300", channel_id: "C0001", is_ephemeral: true },
    channel: { id: "C0001", name: "applicants" },
    response_url: fake.responseUrl(responseId),
    actions: [{ type: "button", action_id: "followup:0", block_id: "b1", text: { type: "plain_text", text: MESSAGES.applyFixesLabel }, value, action_ts: "1700000002.000000" }],
  });
}

describe("Slack: the Apply fixes button under /check", () => {
  it("answers ephemerally with the corrected draft in a copyable block and what is left to decide, once", async () => {
    const res = await postSlack(url, slash(DRAFT));
    expect(res.status).toBe(200);
    const message = res.json as { response_type: string; blocks: Block[] };
    expect(message.response_type).toBe("ephemeral");
    const button = message.blocks.flatMap((b) => b.elements ?? []).find((e) => e.text?.text === MESSAGES.applyFixesLabel);
    expect(button?.value).toBeDefined();

    const pressed = await postSlack(url, press(button!.value!, "fix1"));
    expect(pressed.status).toBe(200);
    const post = await fake.waitFor(() => fake.responses.find((r) => r.id === "fix1"));
    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.replace_original).toBe(false);
    const blocks = post.body.blocks as Block[];
    expect(blocks[0].text?.text).toBe(MESSAGES.fixedTitle);
    const code = blocks.map((b) => b.text?.text ?? "").find((t) => t.startsWith("```"));
    expect(code).toBe("```Dear Dr. Fischer,\nThank you for the interview.```");
    expect(fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);

    const twice = await postSlack(url, press(button!.value!, "fix2"));
    expect(twice.status).toBe(200);
    const expired = await fake.waitFor(() => fake.responses.find((r) => r.id === "fix2"));
    expect(JSON.stringify(expired.body)).toContain(MESSAGES.fixedExpired.slice(0, 40));
  });
});
