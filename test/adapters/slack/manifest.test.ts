import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import { buildSlackManifest, requestUrlFor, runManifestCli, usageHint } from "../../../src/adapters/slack/manifest.js";
import { defineCommand } from "../../../src/core/command.js";
import { makeReply } from "../../../src/core/reply.js";

describe("Slack manifest", () => {
  it("lists every command of commands/ with its description", () => {
    const manifest = buildSlackManifest({ url: "https://bot.example.org" });
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    for (const def of COMMANDS) {
      expect(manifest.features.slash_commands.find((c) => c.command === `/${def.name}`)?.description).toBe(def.description);
    }
  });

  it("points slash commands and interactivity at /slack/events under --url", () => {
    const manifest = buildSlackManifest({ url: "https://bot.example.org/base/" });
    for (const c of manifest.features.slash_commands) expect(c.url).toBe("https://bot.example.org/base/slack/events");
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: "https://bot.example.org/base/slack/events" });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("has the Check draft message shortcut", () => {
    expect(buildSlackManifest({ url: "https://x.org" }).features.shortcuts).toEqual([expect.objectContaining({ type: "message", callback_id: "check_draft", name: "Check draft" })]);
  });

  it("has the Home tab and subscribes to app_home_opened at /slack/events", () => {
    const manifest = buildSlackManifest({ url: "https://bot.example.org" });
    expect(manifest.features.app_home).toEqual({ home_tab_enabled: true, messages_tab_enabled: false, messages_tab_read_only_enabled: false });
    expect(manifest.settings.event_subscriptions).toEqual({ request_url: "https://bot.example.org/slack/events", bot_events: ["app_home_opened"] });
    expect(buildSlackManifest({ socketMode: true }).settings.event_subscriptions).toEqual({ bot_events: ["app_home_opened"] });
  });

  it("in Socket Mode carries no URLs", () => {
    const manifest = buildSlackManifest({ socketMode: true });
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain("http");
  });

  it("asks for minimal bot scopes, users:read only when a command needs admin checks", () => {
    expect(buildSlackManifest({ url: "https://x.org", commands: COMMANDS.filter((c) => !c.admin) }).oauth_config.scopes.bot).toEqual(["commands", "chat:write"]);
    const settings = defineCommand({ name: "settings", description: "Server settings", example: "/settings", options: [], privacy: "private", admin: true, run: () => makeReply("notice", { title: "t" }, {}) });
    expect(buildSlackManifest({ url: "https://x.org", commands: [...COMMANDS, settings] }).oauth_config.scopes.bot).toContain("users:read");
  });

  it("derives usage hints from the options", () => {
    const byName = (n: string) => COMMANDS.find((c) => c.name === n)!;
    expect(usageHint(byName("ask"))).toBe("<question>");
    expect(usageHint(byName("template"))).toBe('[id] [key="value" …]');
    expect(usageHint(byName("check"))).toBe("[draft]");
  });

  it("refuses a URL that is not http(s)", () => {
    expect(() => requestUrlFor("ftp://x.org")).toThrow();
  });

  it("the CLI writes the manifest with --out and exits 2 without --url or --socket", () => {
    const dir = mkdtempSync(join(tmpdir(), "slack-manifest-"));
    const out = join(dir, "manifest.json");
    expect(runManifestCli(["--url", "https://bot.example.org", "--out", out])).toBe(0);
    const written = JSON.parse(readFileSync(out, "utf8"));
    expect(written.features.slash_commands).toHaveLength(COMMANDS.length);
    expect(runManifestCli([])).toBe(2);
  });
});
