import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import { startSlack } from "../../../src/adapters/slack/app.js";
import { readConfig } from "../../../src/config.js";
import { defineCommand } from "../../../src/core/command.js";
import { createRegistry } from "../../../src/core/dispatch.js";
import { makeReply } from "../../../src/core/reply.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime } from "../../../src/runtime.js";
import { startFakeSlack, type FakeSlack } from "../../helpers/slack-fake.js";
import { formBody, postSlack, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../helpers/slack-signing.js";

/** A fixture admin-only command, answering with the caller it was given. */
const settings = defineCommand({
  name: "settings",
  description: "fixture: echoes the caller",
  example: "/settings",
  options: [],
  privacy: "private",
  admin: true,
  run: (ctx) => makeReply("notice", { title: "caller", text: `${ctx.caller.id} admin=${ctx.caller.isAdmin}` }, {}),
});

let fake: FakeSlack;
let http: HttpServer;
let slack: { close(): Promise<void> };
let url: string;

const slash = (command: string, user: string) =>
  formBody({ team_id: "T0001", channel_id: "C0001", user_id: user, user_name: "u", command, text: "", response_url: fake.responseUrl(user), trigger_id: "1.2.3" });

beforeAll(async () => {
  fake = await startFakeSlack();
  const runtime = { ...createRuntime(), registry: createRegistry([...COMMANDS.filter((c) => c.name !== "settings"), settings]) };
  http = createHttpServer(async () => ({ ok: true }));
  slack = await startSlack(runtime, readConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl }), http);
  url = `http://127.0.0.1:${(await http.listen(0, "127.0.0.1")).port}/slack/events`;
});

afterAll(async () => {
  await slack?.close();
  await http?.close();
  await fake?.close();
});

beforeEach(() => fake.reset());

function sectionText(json: unknown): string {
  return ((json as { blocks: { type: string; text?: { text: string } }[] }).blocks.find((b) => b.type === "section")?.text?.text) ?? "";
}

describe("admin status for /settings", () => {
  it("asks users.info and passes a workspace admin on as isAdmin", async () => {
    fake.admins.add("UADMIN");
    const res = await postSlack(url, slash("/settings", "UADMIN"));
    expect(sectionText(res.json)).toBe("slack:T0001:UADMIN admin=true");
    expect(fake.calls.find((c) => c.method === "users.info")?.args.user).toBe("UADMIN");
  });

  it("treats everyone else as not an admin", async () => {
    const res = await postSlack(url, slash("/settings", "U0002"));
    expect(sectionText(res.json)).toBe("slack:T0001:U0002 admin=false");
  });

  it("treats a failed lookup as not an admin", async () => {
    fake.admins.add("UADMIN");
    fake.failMethod("users.info", "missing_scope");
    const res = await postSlack(url, slash("/settings", "UADMIN"));
    expect(sectionText(res.json)).toBe("slack:T0001:UADMIN admin=false");
  });
});
