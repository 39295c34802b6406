import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../../src/config.js";
import { mountDiscordHttp } from "../../../src/adapters/discord/http.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime, type Runtime } from "../../../src/runtime.js";
import { openStore } from "../../../src/store/open.js";
import { startFakeDiscord, type FakeDiscord } from "../../helpers/discord-fake.js";
import { discordLimitProblems } from "../../helpers/discord-limits.js";
import { APP_ID, button, slash } from "../../helpers/discord-payloads.js";
import { generateDiscordKeys, postSigned, type DiscordKeys } from "../../helpers/discord-signing.js";

const EPHEMERAL = 64;
const DRAFT = "Hi PD,\nIf you rank me to match I will rank you first.\nWhere do I stand on your list?\n";

let dir: string;
let runtime: Runtime;
let fake: FakeDiscord;
let keys: DiscordKeys;
let http: HttpServer;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mg-discord-fix-"));
  runtime = createRuntime({ store: await openStore(`sqlite://${join(dir, "store.sqlite")}`) });
  fake = await startFakeDiscord({ applicationId: APP_ID });
  keys = generateDiscordKeys();
  http = createHttpServer(async () => ({ ok: true }));
  mountDiscordHttp(http, runtime, readConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl }));
  const address = await http.listen(0, "127.0.0.1");
  url = `http://127.0.0.1:${address.port}/discord/interactions`;
});

afterAll(async () => {
  await http?.close();
  await fake?.close();
  await runtime?.store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The custom_ids of the buttons of a message. */
function buttonIds(data: { components?: { components: { custom_id: string; label: string }[] }[] }): { id: string; label: string }[] {
  return (data.components ?? []).flatMap((row) => row.components.map((b) => ({ id: b.custom_id, label: b.label })));
}

describe("Discord: the Apply fixes button under /check", () => {
  it("answers ephemerally with the corrected draft in a code block and what is left to decide, once", async () => {
    const checked = await postSigned(url, keys, slash("check", { draft: DRAFT }));
    expect(checked.json.type).toBe(4);
    const apply = buttonIds(checked.json.data).find((b) => b.label === MESSAGES.applyFixesLabel);
    expect(apply?.id).toMatch(/^run:check\?apply=[\w-]+$/);
    expect(JSON.stringify(checked.json.data)).not.toContain("```");

    const res = await postSigned(url, keys, button(apply!.id));
    expect(res.status).toBe(200);
    expect(res.json.type).toBe(4);
    const data = res.json.data;
    expect(data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(discordLimitProblems(data)).toEqual([]);
    expect(data.embeds[0].title).toBe(MESSAGES.fixedTitle);
    const block = data.embeds.map((e: { description?: string }) => e.description ?? "").find((d: string) => d.startsWith("```"));
    expect(block).toBe("```\nDear Program Director,\nI will rank you first.\n\n```");
    const left = data.embeds.flatMap((e: { fields?: { name: string }[] }) => (e.fields ?? []).map((f) => f.name)).join("\n");
    expect(left).toContain("first-choice-claim");
    expect(left).not.toContain("conditional-ranking");
    expect(fake.calls.filter((c) => c.path.startsWith("/channels"))).toEqual([]);

    const again = await postSigned(url, keys, button(apply!.id));
    expect(again.json.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(again.json.data.content).toContain(MESSAGES.fixedExpired);
  });

  it("offers no button when nothing in the draft has a mechanical fix", async () => {
    const checked = await postSigned(url, keys, slash("check", { draft: "Dear Dr. Lee,\n\nI am drawn to [Program Name]." }));
    expect(buttonIds(checked.json.data).some((b) => b.label === MESSAGES.applyFixesLabel)).toBe(false);
  });
});
