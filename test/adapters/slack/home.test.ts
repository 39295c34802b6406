/** The Slack Home tab: the person's log, the season's phase and the form buttons, published on app_home_opened and after each log change. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSlack } from "../../../src/adapters/slack/app.js";
import { HOME_BLOCKS_MAX } from "../../../src/adapters/slack/home.js";
import { readConfig } from "../../../src/config.js";
import { calendarOf, positionOf } from "../../../src/core/calendar.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime, type Runtime } from "../../../src/runtime.js";
import { openStore } from "../../../src/store/open.js";
import { startFakeSlack, type FakeApiCall, type FakeSlack } from "../../helpers/slack-fake.js";
import { formBody, interactivityBody, postSlack, slashFields, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from "../../helpers/slack-signing.js";

const NOW = new Date("2025-10-15T12:00:00Z");

interface Block {
  type: string;
  text?: { type: string; text: string };
  accessory?: { type: string; action_id: string; value: string; text: { text: string } };
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } | string }[];
}
interface View {
  type: string;
  blocks: Block[];
}

let fake: FakeSlack;
let http: HttpServer;
let slack: { close(): Promise<void> };
let runtime: Runtime;
let url: string;

function homeOpened(user: string): string {
  return JSON.stringify({
    token: "legacy",
    team_id: "T0001",
    api_app_id: "A0001",
    type: "event_callback",
    event_id: `Ev${user}${Date.now()}`,
    event_time: 1_700_000_000,
    event: { type: "app_home_opened", user, channel: "D0001", tab: "home", event_ts: "1700000000.000100" },
  });
}

function publishes(): FakeApiCall[] {
  return fake.calls.filter((c) => c.method === "views.publish");
}

/** Every text of a view, joined. */
function textOf(view: View): string {
  return view.blocks
    .flatMap((b) => [b.text?.text ?? "", b.accessory?.text.text ?? "", ...(b.elements ?? []).map((e) => (typeof e.text === "string" ? e.text : (e.text?.text ?? "")))])
    .join("\n");
}

/** Block Kit limits a Home view must keep: at most 100 blocks, headers ≤ 150, sections ≤ 3,000, button labels ≤ 75. */
function viewProblems(view: View): string[] {
  const problems: string[] = [];
  if (view.type !== "home") problems.push(`type ${view.type}`);
  if (view.blocks.length > HOME_BLOCKS_MAX) problems.push(`${view.blocks.length} blocks`);
  for (const b of view.blocks) {
    if (b.type === "header" && (b.text?.text.length ?? 0) > 150) problems.push("header over 150");
    if (b.type === "section" && (b.text?.text.length ?? 0) > 3000) problems.push("section over 3000");
    for (const e of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]) {
      if (e.type === "button" && typeof e.text !== "string" && (e.text?.text.length ?? 0) > 75) problems.push("button label over 75");
    }
  }
  return problems;
}

async function waitPublishes(n: number): Promise<FakeApiCall[]> {
  await fake.waitFor(() => (publishes().length >= n ? true : undefined));
  await new Promise((r) => setTimeout(r, 100));
  return publishes();
}

beforeAll(async () => {
  fake = await startFakeSlack();
  const store = await openStore(`sqlite://${join(mkdtempSync(join(tmpdir(), "slack-home-")), "store.sqlite")}`);
  runtime = createRuntime({ store, now: () => NOW });
  http = createHttpServer(async () => ({ ok: true }));
  slack = await startSlack(runtime, readConfig({ SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_API_URL: fake.apiUrl }), http);
  url = `http://127.0.0.1:${(await http.listen(0, "127.0.0.1")).port}/slack/events`;
});

afterAll(async () => {
  await slack?.close();
  await http?.close();
  await fake?.close();
  await runtime?.store?.close();
});

beforeEach(() => fake.reset());

describe("the Home tab", () => {
  it("is published once on a signed app_home_opened, with the phase, its next date and the Check a draft button", async () => {
    const res = await postSlack(url, homeOpened("U0001"), { contentType: "application/json" });
    expect(res.status).toBe(200);
    const [call, ...more] = await waitPublishes(1);
    expect(more).toEqual([]);
    expect(call.token).toBe(TEST_BOT_TOKEN);
    expect(call.args.user_id).toBe("U0001");
    const view = call.args.view as View;
    expect(viewProblems(view)).toEqual([]);
    const pos = positionOf(calendarOf(runtime.core.content)!, "2025-10-15")!;
    expect(textOf(view)).toContain(pos.phase.title);
    expect(textOf(view)).toContain(pos.next!.title);
    const buttons = view.blocks.flatMap((b) => b.elements ?? []).map((e) => e.action_id);
    expect(buttons).toEqual(expect.arrayContaining(["home:modal:check", "home:modal:ask"]));
    const templates = pos.phase.templates.map((id) => runtime.core.content.templates.get(id)!.title).slice(0, 2);
    for (const title of templates) expect(textOf(view)).toContain(title);
  });

  it("is published again after /log add, with the new entry first and a remove button that removes it", async () => {
    const slash = (text: string) => formBody(slashFields("/log", text, fake.responseUrl("log")));
    await postSlack(url, slash('add program="Riverside IM" kind=thank-you date=2025-10-01'));
    await waitPublishes(1);
    fake.reset();
    expect((await postSlack(url, slash('add program="Lakeside Pediatrics" kind=interest date=2025-10-10'))).status).toBe(200);
    const [call] = await waitPublishes(1);
    expect(publishes()).toHaveLength(1);
    const view = call.args.view as View;
    expect(viewProblems(view)).toEqual([]);
    const entries = view.blocks.filter((b) => b.accessory?.action_id === "home:remove");
    expect(entries.map((b) => b.text?.text)).toEqual(["2025-10-10 · interest · Lakeside Pediatrics", "2025-10-01 · thank-you · Riverside IM"]);

    fake.reset();
    const press = {
      type: "block_actions",
      team: { id: "T0001", domain: "fake" },
      user: { id: "U0001", name: "amara", team_id: "T0001" },
      api_app_id: "A0001",
      token: "legacy",
      trigger_id: "1337.50.trigger",
      container: { type: "view", view_id: "V0002" },
      view: { id: "V0002", type: "home", team_id: "T0001", callback_id: "", private_metadata: "", state: { values: {} } },
      actions: [{ type: "button", action_id: "home:remove", block_id: "b1", value: entries[0].accessory!.value, text: { type: "plain_text", text: "Remove" }, action_ts: "1700000003.0" }],
    };
    expect((await postSlack(url, interactivityBody(press))).status).toBe(200);
    const [after] = await waitPublishes(1);
    expect((after.args.view as View).blocks.filter((b) => b.accessory?.action_id === "home:remove").map((b) => b.text?.text)).toEqual(["2025-10-01 · thank-you · Riverside IM"]);
    expect(await runtime.store!.listLog("slack:T0001:U0001")).toHaveLength(1);
  });

  it("opens the /check form from its button, and answers the submitted draft in the form itself", async () => {
    const press = {
      type: "block_actions",
      team: { id: "T0001", domain: "fake" },
      user: { id: "U0001", name: "amara", team_id: "T0001" },
      api_app_id: "A0001",
      token: "legacy",
      trigger_id: "1337.51.trigger",
      container: { type: "view", view_id: "V0002" },
      view: { id: "V0002", type: "home", team_id: "T0001", callback_id: "", private_metadata: "", state: { values: {} } },
      actions: [{ type: "button", action_id: "home:modal:check", block_id: "b2", text: { type: "plain_text", text: "Check a draft" }, action_ts: "1700000004.0" }],
    };
    await postSlack(url, interactivityBody(press));
    const open = await fake.waitFor(() => fake.calls.find((c) => c.method === "views.open"));
    const modal = open.args.view as { callback_id: string; private_metadata: string };
    expect(modal.callback_id).toBe("check_modal");
    const submit = {
      type: "view_submission",
      team: { id: "T0001", domain: "fake" },
      user: { id: "U0001", name: "amara", team_id: "T0001" },
      api_app_id: "A0001",
      token: "legacy",
      trigger_id: "1337.52.trigger",
      view: {
        id: "V0003",
        type: "modal",
        callback_id: modal.callback_id,
        team_id: "T0001",
        private_metadata: modal.private_metadata,
        state: { values: { draft: { draft: { type: "plain_text_input", value: "Hey doc, will you rank me highly?" } } } },
      },
    };
    const res = await postSlack(url, interactivityBody(submit));
    const body = res.json as { response_action: string; view: { type: string; blocks: Block[] } };
    expect(body.response_action).toBe("update");
    expect(body.view.type).toBe("modal");
    expect(body.view.blocks.map((b) => b.text?.text ?? "").join("\n")).toContain("asks-rank-position");
    expect(fake.calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });
});
