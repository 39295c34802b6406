import { defineCommand, stringOption, type CommandCall, type CommandContext, type CommandDef } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply, type Reply } from "../src/core/reply.js";
import { serverKeyOf, type ServerSettings, type Store, type Visibility } from "../src/core/store.js";
import { closestNames } from "../src/core/suggest.js";

/** Longest extra disclaimer line. */
export const DISCLAIMER_MAX = 200;

const ruleOption = { name: "rule", description: "A tip or warning rule id, e.g. missing-aamc-id", type: "string", required: true, autocomplete: true, maxLength: 64 } as const;

function serverOf(ctx: CommandContext): { serverId: string; store: Store } {
  const serverId = serverKeyOf(ctx.caller);
  if (!serverId) throw new UserError("forbidden", MESSAGES.serverOnly("settings"));
  if (!ctx.store) throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
  return { serverId, store: ctx.store };
}

/** The commands whose reply visibility a server chooses (privacy "server"). */
function choosable(ctx: CommandContext): CommandDef[] {
  return ctx.commands.filter((c) => c.privacy === "server");
}

function settingsReply(ctx: CommandContext, settings: ServerSettings, saved: boolean): Reply {
  const lines = [
    ...choosable(ctx).map((c) => MESSAGES.settings.visibility(c.name, settings.visibility[c.name] ?? "private")),
    MESSAGES.settings.disclaimer(settings.disclaimer),
    MESSAGES.settings.disabled(settings.disabledRules),
  ];
  return makeReply("notice", { title: MESSAGES.settings.title, text: [...(saved ? [MESSAGES.settings.saved] : []), ...lines].join("\n") }, { settings });
}

/** The rule a rule-off/rule-on names: it must exist, and only tips and warnings may be turned off. */
function ruleFor(ctx: CommandContext, call: CommandCall): string {
  const id = (stringOption(call, "rule") ?? "").trim().toLowerCase();
  const rule = ctx.content.rules.get(id);
  if (!rule) {
    const close = closestNames(id, ctx.content.rules.keys());
    throw new UserError("not-found", MESSAGES.settings.unknownRule(id, close), close);
  }
  if (rule.severity === "violation") throw new UserError("forbidden", MESSAGES.settings.violationLocked(id));
  return id;
}

/** The command a visibility change names: one whose privacy the server chooses. */
function commandFor(ctx: CommandContext, call: CommandCall): string {
  const name = (stringOption(call, "command") ?? "").trim().replace(/^\//, "").toLowerCase();
  const names = choosable(ctx).map((c) => c.name);
  if (!names.includes(name)) throw new UserError("bad-input", MESSAGES.badChoice("command", name, names), closestNames(name, names));
  return name;
}

function change(ctx: CommandContext, call: CommandCall, settings: ServerSettings): ServerSettings {
  switch (call.subcommand) {
    case "visibility": {
      const command = commandFor(ctx, call);
      return { ...settings, visibility: { ...settings.visibility, [command]: stringOption(call, "visibility") as Visibility } };
    }
    case "disclaimer": {
      const text = stringOption(call, "text")?.replace(/\s+/g, " ").trim();
      const { disclaimer: _old, ...rest } = settings;
      return text ? { ...rest, disclaimer: text } : rest;
    }
    case "rule-off": {
      const id = ruleFor(ctx, call);
      return { ...settings, disabledRules: [...new Set([...settings.disabledRules, id])].sort() };
    }
    case "rule-on": {
      const id = ruleFor(ctx, call);
      return { ...settings, disabledRules: settings.disabledRules.filter((r) => r !== id) };
    }
    default:
      return settings;
  }
}

/** /settings: a server's choices for its members (admins only): reply visibility, an extra disclaimer, tip/warning rules off. */
export default defineCommand({
  name: "settings",
  description: "Server settings for matchguide (server admins)",
  example: "/settings rule-off rule=missing-aamc-id",
  options: [],
  subcommands: [
    { name: "show", description: "Show this server's settings", options: [] },
    {
      name: "visibility",
      description: "Whether a command's replies are private or visible to the channel",
      options: [
        { name: "command", description: "Which command", type: "string", required: true, autocomplete: true, maxLength: 32 },
        { name: "visibility", description: "private (only the asker) or public (the channel)", type: "string", required: true, choices: ["private", "public"] },
      ],
      positional: ["command", "visibility"],
    },
    {
      name: "disclaimer",
      description: "An extra line under every answer (leave empty to remove it)",
      options: [{ name: "text", description: "The line, e.g. Ask a moderator before sending", type: "string", maxLength: DISCLAIMER_MAX }],
    },
    { name: "rule-off", description: "Turn a tip or warning rule off for this server", options: [ruleOption], positional: ["rule"] },
    { name: "rule-on", description: "Turn a rule back on", options: [ruleOption], positional: ["rule"] },
  ],
  privacy: "private",
  store: "changes",
  admin: true,
  serverOnly: true,
  autocomplete(ctx, option, value) {
    const needle = value.trim().toLowerCase();
    if (option === "command") return choosable(ctx).filter((c) => c.name.includes(needle)).map((c) => ({ name: `/${c.name}`, value: c.name }));
    return [...ctx.content.rules.values()]
      .filter((r) => r.severity !== "violation" && (!needle || r.id.includes(needle)))
      .slice(0, 25)
      .map((r) => ({ name: `${r.id} (${r.severity})`, value: r.id }));
  },
  async run(ctx, call) {
    const { serverId, store } = serverOf(ctx);
    const settings = await store.getSettings(serverId);
    if (call.subcommand === "show" || !call.subcommand) return settingsReply(ctx, settings, false);
    if (!ctx.caller.isAdmin) throw new UserError("forbidden", MESSAGES.settings.adminOnly);
    const next = change(ctx, call, settings);
    await store.saveSettings(serverId, next);
    return settingsReply(ctx, next, true);
  },
});
