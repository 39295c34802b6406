import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readConfig } from "../../../src/config.js";
import { startDiscordGateway } from "../../../src/adapters/discord/client.js";
import { createRuntime } from "../../../src/runtime.js";
import { startFakeDiscord, type FakeDiscord } from "../../helpers/discord-fake.js";
import { discordLimitProblems } from "../../helpers/discord-limits.js";
import { APP_ID, autocomplete, messageCommand, slash } from "../../helpers/discord-payloads.js";

const EPHEMERAL = 64;

let fake: FakeDiscord;
let gateway: { close(): Promise<void> };
const warnings: string[] = [];

function callbackOf(interaction: { id: string; token: string }) {
  return fake.waitFor(() => fake.calls.find((c) => c.method === "POST" && c.path === `/interactions/${interaction.id}/${interaction.token}/callback`));
}

beforeAll(async () => {
  fake = await startFakeDiscord({ applicationId: APP_ID });
  const config = readConfig({ DISCORD_TOKEN: "gateway-token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl });
  gateway = await startDiscordGateway(createRuntime(), config, { warn: (line) => warnings.push(line) });
});

afterAll(async () => {
  await gateway?.close();
  await fake?.close();
});

beforeEach(() => {
  fake.reset();
  warnings.length = 0;
});

describe("gateway mode (discord.js Client logged in to a fake gateway)", () => {
  it("identifies with the bot token", () => {
    expect(fake.identifies[0].token).toBe("gateway-token");
  });

  it("answers a slash command from INTERACTION_CREATE through the interaction callback", async () => {
    const interaction = slash("template", { id: "first-choice", program: "Lakeside Pediatrics" });
    fake.dispatch("INTERACTION_CREATE", interaction);
    const call = await callbackOf(interaction);
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(call.body.data)).toEqual([]);
    expect(call.body.data.embeds[0].description).toContain("Lakeside Pediatrics");
  });

  it("answers autocomplete with template ids", async () => {
    const interaction = autocomplete("template", "id", "visa");
    fake.dispatch("INTERACTION_CREATE", interaction);
    const call = await callbackOf(interaction);
    expect(call.body.type).toBe(8);
    expect(call.body.data.choices.map((c: any) => c.value)).toContain("visa-inquiry");
  });

  it("opens the /check modal and runs the Check draft context menu ephemerally", async () => {
    const open = slash("check");
    fake.dispatch("INTERACTION_CREATE", open);
    expect((await callbackOf(open)).body.type).toBe(9);
    const menu = messageCommand("Check draft", "Hey doc, where will you rank me?");
    fake.dispatch("INTERACTION_CREATE", menu);
    const call = await callbackOf(menu);
    expect(call.body.type).toBe(4);
    expect(call.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("falls back to a follow-up when Discord says the interaction was already acknowledged (40060)", async () => {
    fake.script({ method: "POST", path: /\/callback$/, status: 400, body: { message: "Interaction has already been acknowledged.", code: 40060 }, times: 1 });
    const interaction = slash("help");
    fake.dispatch("INTERACTION_CREATE", interaction);
    const followup = await fake.waitFor(() => fake.calls.find((c) => c.method === "POST" && c.path === `/webhooks/${APP_ID}/${interaction.token}`));
    expect(followup.body.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(warnings.some((w) => w.includes("40060"))).toBe(true);
  });

  it("gives up quietly on an interaction Discord no longer knows (10062) and keeps answering others", async () => {
    fake.script({ method: "POST", path: /\/callback$/, status: 404, body: { message: "Unknown interaction", code: 10062 }, times: 1 });
    const lost = slash("help");
    fake.dispatch("INTERACTION_CREATE", lost);
    await fake.waitFor(() => (warnings.some((w) => w.includes("10062")) ? true : undefined));
    const next = slash("help");
    fake.dispatch("INTERACTION_CREATE", next);
    expect((await callbackOf(next)).body.type).toBe(4);
  });
});
