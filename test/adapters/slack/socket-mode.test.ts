import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../../src/config.js";
import { startSlack } from "../../../src/adapters/slack/app.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime } from "../../../src/runtime.js";
import { startFakeSlack, type FakeSlack } from "../../helpers/slack-fake.js";
import { TEST_BOT_TOKEN } from "../../helpers/slack-signing.js";
import { startFakeSocketMode, type FakeSocketMode } from "../../helpers/slack-socket.js";

const APP_TOKEN = "xapp-test-token";

let fake: FakeSlack;
let socket: FakeSocketMode;
let http: HttpServer;
let slack: { close(): Promise<void> };

beforeAll(async () => {
  fake = await startFakeSlack();
  socket = await startFakeSocketMode();
  fake.socketUrl = socket.url;
  http = createHttpServer(async () => ({ ok: true }));
  const config = readConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN, SLACK_API_URL: fake.apiUrl });
  slack = await startSlack(createRuntime(), config, http);
});

afterAll(async () => {
  await slack?.close();
  await socket?.close();
  await fake?.close();
});

describe("Socket Mode (SLACK_APP_TOKEN set)", () => {
  it("opens the connection with the app token through SLACK_API_URL", () => {
    const open = fake.calls.find((c) => c.method === "apps.connections.open");
    expect(open?.token).toBe(APP_TOKEN);
    expect(socket.connected()).toBe(1);
  });

  it("does not mount /slack/events on the shared server", async () => {
    const address = await http.listen(0, "127.0.0.1");
    const res = await fetch(`http://127.0.0.1:${address.port}/slack/events`, { method: "POST", body: "x" });
    expect(res.status).toBe(404);
    await http.close();
  });

  it("answers a slash command envelope with the rendered reply in the ack", async () => {
    socket.send({
      envelope_id: "env-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        token: "legacy",
        team_id: "T0001",
        team_domain: "fake",
        channel_id: "C0001",
        channel_name: "applicants",
        user_id: "U0001",
        user_name: "amara",
        command: "/template",
        text: 'first-choice program="Riverside IM"',
        api_app_id: "A0001",
        response_url: fake.responseUrl("socket"),
        trigger_id: "1337.46.trigger",
      },
    });
    const ack = await fake.waitFor(() => socket.received.find((m) => m.envelope_id === "env-1"));
    const payload = ack.payload as { response_type: string; blocks: { type: string; text?: { text: string } }[] };
    expect(payload.response_type).toBe("ephemeral");
    expect(payload.blocks.map((b) => b.text?.text ?? "").join("\n")).toContain("Riverside IM");
  });
});
