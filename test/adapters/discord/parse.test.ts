import { describe, expect, it } from "vitest";
import { callerFromInteraction, followupCustomId, parseButton, parseInteraction } from "../../../src/adapters/discord/parse.js";
import { ADMIN_PERMISSIONS, GUILD_ID, USER_ID, autocomplete, slash } from "../../helpers/discord-payloads.js";

describe("callerFromInteraction", () => {
  it("namespaces the user id, keeps the guild, and reads Manage Server as admin", () => {
    expect(callerFromInteraction(slash("help", {}, { permissions: ADMIN_PERMISSIONS }) as any)).toEqual({
      id: `discord:${USER_ID}`,
      platform: "discord",
      serverId: GUILD_ID,
      isAdmin: true,
      requestKey: expect.stringMatching(/^discord:\d+$/),
    });
  });

  it("counts Administrator as admin and a plain member as not", () => {
    expect(callerFromInteraction(slash("help", {}, { permissions: String(0x8) }) as any).isAdmin).toBe(true);
    expect(callerFromInteraction(slash("help", {}, { permissions: String(0x400 | 0x800) }) as any).isAdmin).toBe(false);
  });

  it("reads the user of a DM, with no server", () => {
    const caller = callerFromInteraction(slash("help", {}, { dm: true }) as any);
    expect(caller).toEqual({ id: `discord:${USER_ID}`, platform: "discord", isAdmin: false, requestKey: expect.stringMatching(/^discord:\d+$/) });
  });
});

describe("parseInteraction", () => {
  it("reads a subcommand and its options", () => {
    const parsed = parseInteraction(slash("log", { program: "Riverside IM", kind: "thank-you" }, { subcommand: "add" }) as any);
    expect(parsed).toEqual({ kind: "command", call: { name: "log", subcommand: "add", options: { program: "Riverside IM", kind: "thank-you" } } });
  });

  it("finds the focused option of an autocomplete request", () => {
    const parsed = parseInteraction(autocomplete("template", "id", "thank", { program: "X" }) as any);
    expect(parsed).toEqual({ kind: "autocomplete", command: "template", option: "id", value: "thank" });
  });
});

describe("follow-up buttons", () => {
  it("round-trips a command, subcommand and options with spaces and symbols through custom_id", () => {
    const id = followupCustomId({ label: "x", command: "/log add", options: { program: "St. Mary's & Co = 1" } })!;
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseButton(id)).toEqual({ name: "log", subcommand: "add", options: { program: "St. Mary's & Co = 1" } });
  });

  it("gives no custom_id when it would pass Discord's 100 characters", () => {
    expect(followupCustomId({ label: "x", command: "template", options: { id: "x".repeat(120) } })).toBeNull();
  });
});
