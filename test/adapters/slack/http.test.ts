import { request } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import { readConfig } from "../../../src/config.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { startSlack } from "../../../src/adapters/slack/app.js";
import { renderSlackReply } from "../../../src/adapters/slack/render.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime, execute, type Runtime } from "../../../src/runtime.js";
import { startFakeSlack, type FakeApiCall, type FakeSlack } from "../../helpers/slack-fake.js";
import { formBody, interactivityBody, postSlack, slackSignature, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, slashFields } from "../../helpers/slack-signing.js";

interface Block {
  type: string;
  text?: { text: string };
  elements?: { text?: string | { text: string }; value?: string; action_id?: string }[];
}
interface Message {
  response_type?: string;
  replace_original?: boolean;
  text?: string;
  blocks?: Block[];
}

/** Every human-readable string of a Block Kit message, joined. */
function textOf(message: Message): string {
  return (message.blocks ?? [])
    .flatMap((b) => [b.text?.text ?? "", ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? "")))])
    .join("\n");
}

let fake: FakeSlack;
let http: HttpServer;
let slack: { close(): Promise<void> };
let runtime: Runtime;
let url: string;
let startupCalls: FakeApiCall[];

function slash(command: string, text: string): string {
  return formBody(slashFields(command, text, fake.responseUrl("cmd")));
}

function shortcut(text: string | undefined): string {
  return interactivityBody({
    type: "message_action",
    callback_id: "check_draft",
    trigger_id: "1337.43.trigger",
    response_url: fake.responseUrl("shortcut"),
    message_ts: "1700000000.000200",
    message: { type: "message", ts: "1700000000.000200", user: "U0002", ...(text === undefined ? {} : { text }) },
    user: { id: "U0001", name: "amara", team_id: "T0001" },
    channel: { id: "C0001", name: "applicants" },
    team: { id: "T0001", domain: "fake" },
    token: "legacy",
    action_ts: "1700000001.000000",
  });
}

function viewSubmission(values: Record<string, string>, metadata: Record<string, string>): string {
  return interactivityBody({
    type: "view_submission",
    team: { id: "T0001", domain: "fake" },
    user: { id: "U0001", name: "amara", team_id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    trigger_id: "1337.44.trigger",
    view: {
      id: "V0001",
      type: "modal",
      callback_id: "check_modal",
      team_id: "T0001",
      private_metadata: JSON.stringify(metadata),
      state: { values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { [k]: { type: "plain_text_input", value: v } }])) },
    },
  });
}

/** What the core answers to a /check of this draft for the test user, rendered for Slack. */
async function expectedCheck(options: Record<string, string>) {
  const reply = await execute(runtime, { id: "slack:T0001:U0001", platform: "slack", serverId: "T0001", isAdmin: false }, { name: "check", options });
  return renderSlackReply(reply);
}

beforeAll(async () => {
  fake = await startFakeSlack();
  runtime = createRuntime();
  http = createHttpServer(async () => ({ ok: true }));
  const config = readConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl });
  slack = await startSlack(runtime, config, http);
  const address = await http.listen(0, "127.0.0.1");
  url = `http://127.0.0.1:${address.port}/slack/events`;
  startupCalls = [...fake.calls];
});

afterAll(async () => {
  await slack?.close();
  await http?.close();
  await fake?.close();
});

beforeEach(() => fake.reset());

describe("start-up", () => {
  it("verifies the bot token with auth.test on the local fake, not the network", () => {
    expect(startupCalls.map((c) => c.method)).toContain("auth.test");
    expect(startupCalls.find((c) => c.method === "auth.test")?.token).toBe(TEST_BOT_TOKEN);
  });
});

describe("POST /slack/events signature check", () => {
  it("accepts a correctly signed request", async () => {
    const res = await postSlack(url, slash("/help", ""));
    expect(res.status).toBe(200);
  });

  it("rejects an unsigned request with 401", async () => {
    const res = await postSlack(url, slash("/help", ""), { unsigned: true });
    expect(res.status).toBe(401);
  });

  it("rejects a request signed with another secret", async () => {
    const res = await postSlack(url, slash("/help", ""), { secret: "not-the-secret" });
    expect(res.status).toBe(401);
  });

  it("rejects a stale timestamp (over five minutes old) even when the signature matches it", async () => {
    const res = await postSlack(url, slash("/help", ""), { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(res.status).toBe(401);
  });

  it("rejects a timestamp more than five minutes in the future", async () => {
    const res = await postSlack(url, slash("/help", ""), { timestamp: Math.floor(Date.now() / 1000) + 400 });
    expect(res.status).toBe(401);
  });

  it("accepts a timestamp just inside the window", async () => {
    const res = await postSlack(url, slash("/help", ""), { timestamp: Math.floor(Date.now() / 1000) - 280 });
    expect(res.status).toBe(200);
  });

  it("rejects a tampered body with 401 and runs nothing", async () => {
    const signed = slash("/template", "first-choice");
    const res = await postSlack(url, slash("/check", ""), { signedBody: signed });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.filter((c) => c.method === "views.open")).toHaveLength(0);
  });

  it("answers url_verification with the challenge", async () => {
    const body = JSON.stringify({ type: "url_verification", token: "legacy", challenge: "c-4711" });
    const res = await postSlack(url, body, { contentType: "application/json" });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: "c-4711" });
  });

  it("does not answer url_verification without a signature", async () => {
    const body = JSON.stringify({ type: "url_verification", challenge: "c-4711" });
    const res = await postSlack(url, body, { contentType: "application/json", unsigned: true });
    expect(res.status).toBe(401);
  });

  it("answers a signed malformed JSON body with 400", async () => {
    const res = await postSlack(url, "{not json", { contentType: "application/json" });
    expect(res.status).toBe(400);
  });
});

/** Starts a POST announcing `length` bytes, sends 64 KiB of it, and resolves with the status the server answers before the rest. */
function statusBeforeBody(headers: Record<string, string>, length: number, contentType = "application/json"): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": contentType, "content-length": String(length), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", reject);
    req.write(Buffer.alloc(64 * 1024, 32));
  });
}

describe("POST /slack/events body bound", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const signed = (ts: number) => ({ "x-slack-request-timestamp": String(ts), "x-slack-signature": slackSignature(TEST_SIGNING_SECRET, ts, "whatever") });

  it("refuses an unsigned, stale or malformed-signature request from its headers, before reading a 900 kB body", async () => {
    expect(await statusBeforeBody({}, 900_000)).toBe(401);
    expect(await statusBeforeBody(signed(now() - 400), 900_000)).toBe(401);
    expect(await statusBeforeBody({ "x-slack-request-timestamp": String(now()), "x-slack-signature": "v0=nothex" }, 900_000, "application/x-www-form-urlencoded")).toBe(401);
  });

  it("answers 413 at once for a 50 MB body with well-formed signature headers", async () => {
    expect(await statusBeforeBody(signed(now()), 50 * 1024 * 1024)).toBe(413);
  });

  it("rejects a forged signature (right shape, wrong secret) over a small body with 401 and runs nothing", async () => {
    const res = await postSlack(url, slash("/log", "list"), { secret: "0".repeat(32) });
    expect(res.status).toBe(401);
    expect(fake.responses).toHaveLength(0);
  });
});

describe("slash commands", () => {
  it("/template fills quoted fields and answers ephemerally in the ack", async () => {
    const res = await postSlack(url, slash("/template", 'first-choice program="Riverside IM" name="Amara Okafor"'));
    expect(res.status).toBe(200);
    const msg = res.json as Message;
    const template = runtime.core.content.templates.get("first-choice")!;
    expect(msg.response_type).toBe("ephemeral");
    expect(msg.blocks?.[0]).toMatchObject({ type: "header", text: { text: template.title } });
    expect(textOf(msg)).toContain("Riverside IM");
    expect(textOf(msg)).toContain("Amara Okafor");
    expect(fake.responses).toHaveLength(0);
  });

  it("/template keeps escaped quotes and reads curly quotes as Slack autocorrects them", async () => {
    const res = await postSlack(url, slash("/template", 'first-choice program=\u201cLakeside Pediatrics\u201d name="Amara \\"Ami\\" Okafor"'));
    const text = textOf(res.json as Message);
    expect(text).toContain("Lakeside Pediatrics");
    expect(text).toContain('Amara "Ami" Okafor');
  });

  it("/template with an unknown key answers with a helpful error naming it", async () => {
    const res = await postSlack(url, slash("/template", 'first-choice colour="blue"'));
    const msg = res.json as Message;
    expect(msg.response_type).toBe("ephemeral");
    expect(textOf(msg)).toContain("colour");
    expect(textOf(msg)).toContain("program");
  });

  it("/template with an unknown id suggests the closest ids", async () => {
    const res = await postSlack(url, slash("/template", "first-choise"));
    expect(textOf(res.json as Message)).toContain("first-choice");
  });

  it("/template with an unclosed quote says so", async () => {
    const res = await postSlack(url, slash("/template", 'first-choice program="Riverside'));
    expect(textOf(res.json as Message)).toContain(MESSAGES.unclosedQuote.replace(/"/g, '"'));
  });

  it("/help lists every command", async () => {
    const res = await postSlack(url, slash("/help", ""));
    const text = textOf(res.json as Message);
    for (const def of COMMANDS) expect(text).toContain(`/${def.name}`);
  });

  it("/ask answers (or says what is not ready yet) privately", async () => {
    const res = await postSlack(url, slash("/ask", "can a program ask me where I will rank them?"));
    const msg = res.json as Message;
    expect(res.status).toBe(200);
    expect(msg.response_type).toBe("ephemeral");
    expect(msg.blocks?.length).toBeGreaterThan(1);
  });

  it("an unknown command answers with the closest names", async () => {
    const res = await postSlack(url, slash("/templte", "first-choice"));
    expect(textOf(res.json as Message)).toContain("/template");
  });

  it("/check with text is answered ephemerally and never posted in the channel", async () => {
    const draft = "Hey doc,\nwill you rank me highly?\nAmara";
    const res = await postSlack(url, slash("/check", draft));
    const msg = res.json as Message;
    expect(res.status).toBe(200);
    expect(msg.response_type).toBe("ephemeral");
    expect(msg.blocks).toEqual((await expectedCheck({ draft })).blocks);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
    expect(fake.responses.filter((r) => r.body.response_type === "in_channel")).toHaveLength(0);
  });

  it("does not look the caller up with users.info for ordinary commands", async () => {
    await postSlack(url, slash("/template", "thank-you"));
    expect(fake.calls.filter((c) => c.method === "users.info")).toHaveLength(0);
  });
});

describe("/check modal", () => {
  it("/check with no text opens a modal with a multi-line draft input", async () => {
    const res = await postSlack(url, slash("/check", "  "));
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const call = await fake.waitFor(() => fake.calls.find((c) => c.method === "views.open"));
    expect(call.token).toBe(TEST_BOT_TOKEN);
    expect(call.args.trigger_id).toBe("1337.42.trigger");
    const view = call.args.view as { type: string; callback_id: string; private_metadata: string; blocks: { type: string; block_id: string; element: { multiline?: boolean; max_length: number } }[] };
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe("check_modal");
    const draft = view.blocks.find((b) => b.block_id === "draft")!;
    expect(draft.type).toBe("input");
    expect(draft.element.multiline).toBe(true);
    expect(draft.element.max_length).toBeLessThanOrEqual(3000);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: "C0001", responseUrl: fake.responseUrl("cmd") });
  });

  it("checks the submitted draft and sends the result only to the user through the response_url", async () => {
    const draft = "Dear Dr. Lee,\nI will rank you first if you rank me highly.\nAmara";
    const res = await postSlack(url, viewSubmission({ draft }, { channel: "C0001", responseUrl: fake.responseUrl("modal") }));
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const post = await fake.waitFor(() => fake.responses.find((r) => r.id === "modal"));
    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.replace_original).toBe(false);
    expect(post.body.blocks).toEqual((await expectedCheck({ draft })).blocks);
    expect(fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
  });

  it("falls back to chat.postEphemeral when the response_url no longer works", async () => {
    fake.failResponses(404);
    const options = { draft: "Dear Dr. Lee, thank you.", program: "Riverside IM" };
    await postSlack(url, viewSubmission(options, { channel: "C0001", responseUrl: fake.responseUrl("expired") }));
    const call = await fake.waitFor(() => fake.calls.find((c) => c.method === "chat.postEphemeral"));
    expect(call.args.channel).toBe("C0001");
    expect(call.args.user).toBe("U0001");
    expect(call.args.blocks).toEqual((await expectedCheck(options)).blocks);
  });

  it("apologises when opening the modal fails, and keeps serving", async () => {
    fake.failMethod("views.open", "expired_trigger_id");
    const res = await postSlack(url, slash("/check", ""));
    expect(res.status).toBe(200);
    const post = await fake.waitFor(() => fake.responses.find((r) => r.id === "cmd"));
    expect(post.body.response_type).toBe("ephemeral");
    expect(textOf(post.body as Message)).toContain(MESSAGES.internalError);
    const after = await postSlack(url, slash("/help", ""));
    expect(after.status).toBe(200);
  });
});

describe("Check draft message shortcut", () => {
  it("checks the message's text and answers only the user", async () => {
    const res = await postSlack(url, shortcut("Hey doc, can you guarantee me an interview at &lt;Program Name&gt;?"));
    expect(res.status).toBe(200);
    const post = await fake.waitFor(() => fake.responses.find((r) => r.id === "shortcut"));
    expect(post.body.response_type).toBe("ephemeral");
    expect(post.body.blocks).toEqual((await expectedCheck({ draft: "Hey doc, can you guarantee me an interview at <Program Name>?" })).blocks);
    expect(fake.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(0);
  });

  it("says so when the message has no text", async () => {
    await postSlack(url, shortcut(undefined));
    const post = await fake.waitFor(() => fake.responses.find((r) => r.id === "shortcut"));
    expect(textOf(post.body as Message)).toContain(MESSAGES.slackShortcutNoText);
  });
});

describe("follow-up buttons", () => {
  it("a template suggestion button returns that template", async () => {
    const payload = {
      type: "block_actions",
      team: { id: "T0001", domain: "fake" },
      user: { id: "U0001", name: "amara", team_id: "T0001" },
      api_app_id: "A0001",
      token: "legacy",
      trigger_id: "1337.45.trigger",
      container: { type: "message", message_ts: "1700000000.000300", channel_id: "C0001", is_ephemeral: true },
      channel: { id: "C0001", name: "applicants" },
      response_url: fake.responseUrl("button"),
      actions: [
        {
          type: "button",
          action_id: "followup:0",
          block_id: "b1",
          text: { type: "plain_text", text: "Get the template" },
          value: JSON.stringify({ c: "template", o: { id: "request-time" } }),
          action_ts: "1700000002.000000",
        },
      ],
    };
    const res = await postSlack(url, interactivityBody(payload));
    expect(res.status).toBe(200);
    const post = await fake.waitFor(() => fake.responses.find((r) => r.id === "button"));
    const title = runtime.core.content.templates.get("request-time")!.title;
    expect((post.body.blocks as Block[])[0]).toMatchObject({ type: "header", text: { text: title } });
    expect(post.body.replace_original).toBe(false);
  });
});
