/** Discord user install: the commands in the bot's DM, in DMs and group DMs, and in servers that did not install the app. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import { mountDiscordHttp } from "../../../src/adapters/discord/http.js";
import { readConfig } from "../../../src/config.js";
import { createRegistry } from "../../../src/core/dispatch.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { parseCommandText } from "../../../src/core/parse-text.js";
import { createHttpServer, type HttpServer } from "../../../src/http/server.js";
import { createRuntime, type Runtime } from "../../../src/runtime.js";
import { openStore } from "../../../src/store/open.js";
import { startFakeDiscord, type FakeDiscord } from "../../helpers/discord-fake.js";
import { APP_ID, GUILD_ID, messageCommand, slash } from "../../helpers/discord-payloads.js";
import { generateDiscordKeys, postSigned, type DiscordKeys } from "../../helpers/discord-signing.js";

const EPHEMERAL = 64;
const registry = createRegistry(COMMANDS);

let runtime: Runtime;
let fake: FakeDiscord;
let keys: DiscordKeys;
let http: HttpServer;
let url: string;

interface Response {
  type: number;
  data: { flags?: number; content?: string; embeds?: { title?: string; description?: string }[] };
}

/** Every visible text of a response. */
function textOf(res: Response): string {
  return [res.data.content ?? "", ...(res.data.embeds ?? []).flatMap((e) => [e.title ?? "", e.description ?? ""])].join("\n");
}

/** The slash interaction a command's own /help example makes, sent as Discord would from a user install. */
function exampleSlash(name: string, userInstall: 0 | 1 | 2) {
  const call = parseCommandText(registry, COMMANDS.find((c) => c.name === name)!.example);
  const options = Object.fromEntries(Object.entries(call.options).filter(([, v]) => typeof v !== "object")) as Record<string, string | number | boolean>;
  return slash(call.name, options, { userInstall, ...(call.subcommand ? { subcommand: call.subcommand } : {}) });
}

beforeAll(async () => {
  const store = await openStore(`sqlite://${join(mkdtempSync(join(tmpdir(), "user-install-")), "store.sqlite")}`);
  runtime = createRuntime({ store });
  await store.saveSettings(`discord:${GUILD_ID}`, { visibility: { ask: "public" }, disabledRules: [] });
  fake = await startFakeDiscord({ applicationId: APP_ID });
  keys = generateDiscordKeys();
  http = createHttpServer(async () => ({ ok: true }));
  mountDiscordHttp(http, runtime, readConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_API_URL: fake.apiUrl }), { warn: () => {} });
  url = `http://127.0.0.1:${(await http.listen(0, "127.0.0.1")).port}/discord/interactions`;
});

afterAll(async () => {
  await http?.close();
  await fake?.close();
  await runtime?.store?.close();
});

describe.each([1, 2] as const)("a user install in context %i (no guild, no member)", (context) => {
  for (const def of COMMANDS.filter((c) => !c.serverOnly)) {
    it(`answers /${def.name} (its /help example) like anywhere else, ephemeral unless the command is public`, async () => {
      const res = await postSigned(url, keys, exampleSlash(def.name, context));
      expect(res.status).toBe(200);
      const body = res.json as Response;
      expect(body.type).toBe(4);
      expect(textOf(body)).not.toContain(MESSAGES.internalError);
      expect(body.data.embeds?.[0]?.title).not.toBe("Not quite");
      expect(Boolean((body.data.flags ?? 0) & EPHEMERAL)).toBe(def.privacy !== "public");
    });
  }

  it("runs the Check draft message action on a DM's message, ephemerally", async () => {
    const res = await postSigned(url, keys, messageCommand("Check draft", "Hey doc, will you rank me highly?", { userInstall: context }));
    const body = res.json as Response;
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(body.data.embeds?.[0]?.title).toBe(MESSAGES.checkTitle);
  });

  it("opens the /check modal without a draft", async () => {
    const res = await postSigned(url, keys, slash("check", {}, { userInstall: context }));
    expect((res.json as Response).type).toBe(9);
  });

  it("refuses /settings in one clear, private line", async () => {
    const res = await postSigned(url, keys, slash("settings", {}, { userInstall: context, subcommand: "show" }));
    const body = res.json as Response;
    expect(body.type).toBe(4);
    expect((body.data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(textOf(body)).toContain(MESSAGES.serverOnly("settings"));
    expect(MESSAGES.serverOnly("settings")).not.toContain("\n");
  });
});

describe("server settings apply only where the server installed the app", () => {
  it("keeps /ask private through a user install in a server whose admins made it public", async () => {
    const res = await postSigned(url, keys, slash("ask", { question: "how often can I email a program" }, { userInstall: 0 }));
    expect(((res.json as Response).data.flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it("shows /ask to the channel through that server's own install", async () => {
    const res = await postSigned(url, keys, slash("ask", { question: "how often can I email a program" }, { guildInstall: true }));
    expect(((res.json as Response).data.flags ?? 0) & EPHEMERAL).toBe(0);
  });

  it("refuses /settings through a user install in a server that did not install the app", async () => {
    const res = await postSigned(url, keys, slash("settings", {}, { userInstall: 0, subcommand: "show", permissions: String(0x20) }));
    expect(textOf(res.json as Response)).toContain(MESSAGES.serverOnly("settings"));
  });
});
