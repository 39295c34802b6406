import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readConfig } from "../../../src/config.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { mountDiscordHttp } from "../../../src/adapters/discord/http.js";
import { createRuntime, type Runtime } from "../../../src/runtime.js";
import { COMMANDS } from "../../../commands/index.js";
import { startFakeDiscord, type FakeDiscord } from "../../helpers/discord-fake.js";
import { discordLimitProblems } from "../../helpers/discord-limits.js";
import { APP_ID, autocomplete, button, messageCommand, modalSubmit, modalSubmitRows, ping, slash } from "../../helpers/discord-payloads.js";
import { generateDiscordKeys, postRaw, postSigned, signDiscord, type DiscordKeys } from "../../helpers/discord-signing.js";

const EPHEMERAL = 64;

let runtime: Runtime;
let fake: FakeDiscord;
let keys: DiscordKeys;
let http: HttpServer;
let url: string;
let deferringHttp: HttpServer;
let deferringUrl: string;
const warnings: string[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (err: unknown) => unhandled.push(err);

async function serve(deferAfterMs?: number): Promise<{ http: HttpServer; url: string }> {
  const server = createHttpServer(async () => ({ ok: true }));
  const config = readConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl });
  mountDiscordHttp(server, runtime, config, { warn: (line) => warnings.push(line), ...(deferAfterMs !== undefined ? { deferAfterMs } : {}) });
  const address = await server.listen(0, "127.0.0.1");
  return { http: server, url: `http://127.0.0.1:${address.port}/discord/interactions` };
}

/** The reply messages of one interaction: the response's data, then the follow-ups captured on the fake. */
function followupsFor(token: string) {
  return fake.calls.filter((c) => c.path.startsWith(`/webhooks/${APP_ID}/${token}`));
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  runtime = createRuntime();
  fake = await startFakeDiscord({ applicationId: APP_ID });
  keys = generateDiscordKeys();
  ({ http, url } = await serve());
  ({ http: deferringHttp, url: deferringUrl } = await serve(0));
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await http?.close();
  await deferringHttp?.close();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  warnings.length = 0;
});

describe("POST /discord/interactions: signatures", () => {
  it("answers PING with PONG when the signature is right", async () => {
    const res = await postSigned(url, keys, ping());
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ type: 1 });
  });

  it("rejects an unsigned request with 401", async () => {
    const res = await postRaw(url, JSON.stringify(ping()), {});
    expect(res.status).toBe(401);
  });

  it("rejects a request signed with another key with 401", async () => {
    const body = JSON.stringify(ping());
    const res = await postRaw(url, body, signDiscord(generateDiscordKeys(), body));
    expect(res.status).toBe(401);
  });

  it("rejects a tampered body with 401, before parsing it", async () => {
    const body = JSON.stringify(ping());
    const headers = signDiscord(keys, body);
    const res = await postRaw(url, body.replace('"type":1', '"type":2'), headers);
    expect(res.status).toBe(401);
    const garbage = await postRaw(url, "{not json", headers);
    expect(garbage.status).toBe(401);
  });

  it("rejects a signature over a different timestamp, and malformed signature headers, with 401", async () => {
    const body = JSON.stringify(ping());
    const headers = signDiscord(keys, body, "1700000000");
    expect((await postRaw(url, body, { ...headers, "x-signature-timestamp": "1700000001" })).status).toBe(401);
    expect((await postRaw(url, body, { ...headers, "x-signature-ed25519": "zz" })).status).toBe(401);
    expect((await postRaw(url, body, { "x-signature-ed25519": headers["x-signature-ed25519"] })).status).toBe(401);
  });

  it("answers 400 to a correctly signed body that is not JSON", async () => {
    const body = "not json at all";
    expect((await postRaw(url, body, signDiscord(keys, body))).status).toBe(400);
  });
});

describe("POST /discord/interactions: commands", () => {
  it("answers /help with every command, ephemerally, within Discord's limits", async () => {
    const res = await postSigned(url, keys, slash("help"));
    expect(res.json.type).toBe(4);
    const data = res.json.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(data)).toEqual([]);
    const names = data.embeds.flatMap((e: any) => (e.fields ?? []).map((f: any) => f.name));
    for (const c of COMMANDS) expect(names).toContain(`/${c.name}`);
  });

  it("answers /ask question: with a guide answer and the guidance reminder", async () => {
    const res = await postSigned(url, keys, slash("ask", { question: "can I ask a program whether they sponsor an H-1B visa?" }));
    expect(res.json.type).toBe(4);
    const data = res.json.data;
    expect(discordLimitProblems(data)).toEqual([]);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(data.embeds[0].title.length).toBeGreaterThan(0);
    expect(data.embeds.at(-1).footer.text).toMatch(/not legal advice/i);
  });

  it("answers /template id: with the fields filled in, ephemerally", async () => {
    const res = await postSigned(url, keys, slash("template", { id: "first-choice", program: "Riverside Internal Medicine", name: "Amara Okafor" }));
    const data = res.json.data;
    expect(res.json.type).toBe(4);
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(data)).toEqual([]);
    const text = data.embeds.map((e: any) => e.description ?? "").join("\n");
    expect(text).toContain("Riverside Internal Medicine");
    expect(text).toContain("Amara Okafor");
  });

  it("lists the templates for /template without an id", async () => {
    const res = await postSigned(url, keys, slash("template"));
    const fields = res.json.data.embeds.flatMap((e: any) => e.fields ?? []).map((f: any) => f.name);
    expect(fields).toContain("first-choice");
    expect(fields).toContain("visa-inquiry");
  });

  it("answers an unknown template id with a short ephemeral error naming the closest ids", async () => {
    const res = await postSigned(url, keys, slash("template", { id: "first-choise" }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(res.json.data.content).toContain("first-choice");
    expect(res.json.data.embeds).toBeUndefined();
  });

  it("answers /check draft: ephemerally, within Discord's limits", async () => {
    const draft = "Hey doc,\n\nJust checking in. Where will you rank me?\n\nThanks";
    const res = await postSigned(url, keys, slash("check", { draft, program: "Riverside Internal Medicine" }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(res.json.data)).toEqual([]);
  });

  it("answers a command Discord knows but we do not with an ephemeral error, never a failure", async () => {
    const res = await postSigned(url, keys, slash("unknowncmd"));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(res.json.data.content).toMatch(/\/unknowncmd/);
  });

  it("keeps @everyone in user text from pinging anyone", async () => {
    const res = await postSigned(url, keys, slash("template", { id: "thank-you", name: "@everyone <@&123>" }));
    expect(res.json.data.allowed_mentions).toEqual({ parse: [] });
  });

  const withSubcommands = COMMANDS.filter((c) => c.subcommands?.length);
  it.runIf(withSubcommands.length > 0)("runs a subcommand (e.g. /log list) through the same path", async () => {
    const def = withSubcommands[0];
    const sub = def.subcommands!.find((s) => s.options.every((o) => !o.required)) ?? def.subcommands![0];
    const res = await postSigned(url, keys, slash(def.name, {}, { subcommand: sub.name }));
    expect(res.json.type).toBe(4);
    expect(discordLimitProblems(res.json.data)).toEqual([]);
    expect(res.json.data.content ?? "").not.toMatch(/needs one of/);
  });
});

describe("POST /discord/interactions: a draft with about 40 findings", () => {
  const paragraph =
    "Hey doc,\n\nJust checking in. Where will you rank me? Can you guarantee me an interview? I need this more than anyone. " +
    "I will rank you #1 if you rank me highly. Please confirm my spot. I am H-1B eligible. [Program Name]\n\n";

  /** The draft (under Discord's 6,000-character option limit) and what the real checker finds in it. */
  function draftWithFindings(): { draft: string; count: number | null } {
    let draft = paragraph;
    for (;;) {
      let count: number;
      try {
        count = runtime.core.checker.check(draft).findings.length;
      } catch {
        return { draft, count: null };
      }
      if (count >= 40 || draft.length + paragraph.length > 6000) return { draft, count };
      draft += paragraph;
    }
  }

  it("answers within every Discord limit, ephemerally, with each finding shown (or the checker's error)", async () => {
    const { draft, count } = draftWithFindings();
    const interaction = slash("check", { draft });
    const res = await postSigned(url, keys, interaction);
    expect(res.json.type).toBe(4);
    const first = res.json.data;
    if (count === null) {
      expect(first.content.length).toBeGreaterThan(0);
      expect(first.flags & EPHEMERAL).toBe(EPHEMERAL);
      return;
    }
    expect(count).toBeGreaterThanOrEqual(40);
    const findingFields = (m: any) => (m.embeds ?? []).flatMap((e: any) => e.fields ?? []).filter((f: any) => /^\d+\. /.test(f.name));
    const followups = await fake.waitFor(() => {
      const posted = followupsFor(interaction.token).map((c) => c.body);
      const shown = [first, ...posted].reduce((n, m) => n + findingFields(m).length, 0);
      return shown >= count || posted.some((m) => m.content) ? posted : undefined;
    });
    const messages = [first, ...followups];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(discordLimitProblems(m)).toEqual([]);
      expect(m.flags & EPHEMERAL).toBe(EPHEMERAL);
    }
    const numbers = messages.flatMap(findingFields).map((f: any) => Number(f.name.split(".")[0]));
    expect(numbers.length).toBe(count);
    expect(new Set(numbers).size).toBe(count);
  });
});

describe("POST /discord/interactions: autocomplete", () => {
  it("offers template ids matching what is typed", async () => {
    const res = await postSigned(url, keys, autocomplete("template", "id", "first"));
    expect(res.json.type).toBe(8);
    const values = res.json.data.choices.map((c: any) => c.value);
    expect(values).toContain("first-choice");
    expect(values).not.toContain("visa-inquiry");
  });

  it("offers at most 25 choices, each within Discord's 100-character name and value", async () => {
    const res = await postSigned(url, keys, autocomplete("template", "id", ""));
    const choices = res.json.data.choices;
    expect(choices.length).toBeGreaterThanOrEqual(12);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
  });

  it("matches template titles too", async () => {
    const template = [...runtime.core.content.templates.values()].find((t) => !t.title.toLowerCase().includes(t.id))!;
    const word = template.title.split(/\s+/).find((w) => w.length > 4 && !template.id.includes(w.toLowerCase()))!;
    const res = await postSigned(url, keys, autocomplete("template", "id", word));
    expect(res.json.data.choices.map((c: any) => c.value)).toContain(template.id);
  });
});

describe("POST /discord/interactions: the /check modal", () => {
  it("opens a modal with a 4,000-character paragraph input when /check has no draft, keeping the program", async () => {
    const res = await postSigned(url, keys, slash("check", { program: "Lakeside Pediatrics" }));
    expect(res.json.type).toBe(9);
    const modal = res.json.data;
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    const inputs = modal.components.map((c: any) => c.component);
    const draft = inputs.find((i: any) => i.custom_id === "draft");
    expect(draft).toMatchObject({ type: 4, style: 2, required: true, max_length: 4000 });
    const program = inputs.find((i: any) => i.custom_id === "program");
    expect(program).toMatchObject({ style: 1, value: "Lakeside Pediatrics" });
    for (const c of modal.components) expect(c.label.length).toBeLessThanOrEqual(45);
  });

  it("runs the check when the modal comes back, ephemerally", async () => {
    const open = await postSigned(url, keys, slash("check"));
    const res = await postSigned(url, keys, modalSubmit(open.json.data.custom_id, { draft: "Dear Dr. Lee,\n\nThank you for the interview.\n\nAmara", program: "" }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(res.json.data)).toEqual([]);
    expect(res.json.data.content ?? "").not.toMatch(/needs draft/);
  });

  it("reads the older action-row modal layout the same way", async () => {
    const labels = await postSigned(url, keys, modalSubmit("modal:check", { draft: "Dear Dr. Lee, thank you. Amara" }));
    const rows = await postSigned(url, keys, modalSubmitRows("modal:check", { draft: "Dear Dr. Lee, thank you. Amara" }));
    expect(rows.json).toEqual(labels.json);
  });

  it("answers a modal that is not ours with a short ephemeral note", async () => {
    const res = await postSigned(url, keys, modalSubmit("something-else", { draft: "x" }));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe("POST /discord/interactions: the Check draft context menu", () => {
  it("checks the target message's text, ephemerally", async () => {
    const res = await postSigned(url, keys, messageCommand("Check draft", "Hey doc, can you guarantee me an interview?"));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(res.json.data)).toEqual([]);
  });

  it("says so when the message has no text", async () => {
    const res = await postSigned(url, keys, messageCommand("Check draft", ""));
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(res.json.data.content).toMatch(/no text/i);
  });
});

describe("POST /discord/interactions: buttons", () => {
  it("runs the follow-up a button carries (a suggested template)", async () => {
    const res = await postSigned(url, keys, button("run:template?id=request-time"));
    expect(res.json.type).toBe(4);
    const template = runtime.core.content.templates.get("request-time")!;
    expect(res.json.data.embeds[0].title).toBe(template.title);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("answers a button that is not ours with a short ephemeral note", async () => {
    const res = await postSigned(url, keys, button("somebody-else:1"));
    expect(res.json.type).toBe(4);
    expect(res.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe("POST /discord/interactions: deferral and follow-ups", () => {
  it("defers (type 5, ephemeral) and finishes through the webhook when the reply is not ready in time", async () => {
    const interaction = slash("template", { id: "thank-you", program: "Riverside Internal Medicine" });
    const res = await postSigned(deferringUrl, keys, interaction);
    expect(res.json).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await fake.waitFor(() => followupsFor(interaction.token).find((c) => c.method === "PATCH"));
    expect(edit.path).toBe(`/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    expect(edit.authorization).toBeUndefined();
    expect(discordLimitProblems(edit.body)).toEqual([]);
    expect(edit.body.embeds.map((e: any) => e.description).join("")).toContain("Riverside Internal Medicine");
  });

  it("retries a follow-up Discord rate-limited (429) and delivers it", async () => {
    fake.script({
      method: "PATCH",
      path: /\/messages\/@original$/,
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.2, global: false },
      headers: { "retry-after": "0.2", "x-ratelimit-scope": "user" },
      times: 1,
    });
    const interaction = slash("template", { id: "thank-you" });
    await postSigned(deferringUrl, keys, interaction);
    await fake.waitFor(() => (followupsFor(interaction.token).filter((c) => c.method === "PATCH").length === 2 ? true : undefined));
    expect(warnings).toEqual([]);
  });

  it("drops a follow-up for an interaction Discord no longer knows (10062) with a warning, nothing unhandled", async () => {
    fake.script({ method: "PATCH", path: /\/messages\/@original$/, status: 404, body: { message: "Unknown interaction", code: 10062 }, times: 1 });
    const interaction = slash("template", { id: "thank-you" });
    await postSigned(deferringUrl, keys, interaction);
    await fake.waitFor(() => (warnings.length ? warnings : undefined));
    expect(warnings[0]).toMatch(/10062/);
    expect(warnings[0]).not.toContain(interaction.token);
    expect((await postSigned(url, keys, ping())).json).toEqual({ type: 1 });
  });

  it("drops a follow-up Discord says was already acknowledged (40060) with a warning", async () => {
    fake.script({ method: "PATCH", path: /\/messages\/@original$/, status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 }, times: 1 });
    const interaction = slash("help");
    await postSigned(deferringUrl, keys, interaction);
    await fake.waitFor(() => (warnings.length ? warnings : undefined));
    expect(warnings[0]).toMatch(/40060/);
  });

  it("left no promise rejection unhandled", () => {
    expect(unhandled).toEqual([]);
  });
});
