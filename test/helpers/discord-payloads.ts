/** Raw interaction payloads shaped as Discord sends them (API v10), for HTTP and gateway tests. */

export const APP_ID = "111111111111111111";
export const GUILD_ID = "222222222222222222";
export const USER_ID = "333333333333333333";
const MANAGE_GUILD = String(0x20);

let counter = 0;

interface Base {
  /** Permissions bitfield of the member (default: none). */
  permissions?: string;
  /** Send from a DM instead of a guild. */
  dm?: boolean;
  /**
   * Send through the user's own install (no guild, no member, the user in `authorizing_integration_owners`): context 1
   * (the bot's DM), 2 (a DM or group DM between users), or 0 (a server that did not install the app).
   */
  userInstall?: 0 | 1 | 2;
  /** Mark a guild interaction as coming through the guild's own install (`authorizing_integration_owners["0"]`). */
  guildInstall?: boolean;
}

/** Where a user-install interaction comes from, as Discord sends it. */
function userInstallWhere(user: Record<string, unknown>, context: 0 | 1 | 2, permissions: string): Record<string, unknown> {
  const owners = { authorizing_integration_owners: { "1": USER_ID } };
  if (context === 0) {
    return {
      ...owners,
      guild_id: GUILD_ID,
      channel: { id: "556", type: 0, name: "lounge", guild_id: GUILD_ID },
      channel_id: "556",
      member: { user, roles: [], permissions, joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
      context: 0,
    };
  }
  const channel = context === 1 ? { id: "444", type: 1 } : { id: "445", type: 3, recipients: [user] };
  return { ...owners, user, channel, channel_id: channel.id, context };
}

function base(type: number, opts: Base = {}): Record<string, unknown> {
  counter += 1;
  const user = { id: USER_ID, username: "amara", discriminator: "0", global_name: "Amara", avatar: null };
  const where = opts.userInstall !== undefined
    ? userInstallWhere(user, opts.userInstall, opts.permissions ?? "0")
    : opts.dm
    ? { user, channel: { id: "444", type: 1 }, channel_id: "444", context: 1 }
    : {
        guild_id: GUILD_ID,
        guild: { id: GUILD_ID, locale: "en-US", features: [] },
        channel: { id: "555", type: 0, name: "general", guild_id: GUILD_ID },
        channel_id: "555",
        member: { user, roles: [], permissions: opts.permissions ?? "0", joined_at: "2024-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0 },
        context: 0,
      };
  return {
    id: String(900000000000000000n + BigInt(counter)),
    application_id: APP_ID,
    type,
    token: `interaction-token-${counter}`,
    version: 1,
    locale: "en-US",
    guild_locale: "en-US",
    app_permissions: "0",
    entitlements: [],
    authorizing_integration_owners: opts.guildInstall ? { "0": GUILD_ID } : {},
    attachment_size_limit: 10_485_760,
    ...where,
  };
}

/** Chat-input option as Discord sends it: STRING (3), INTEGER (4) or BOOLEAN (5). */
function option(name: string, value: string | number | boolean, focused = false) {
  const type = typeof value === "string" ? 3 : typeof value === "number" ? 4 : 5;
  return { name, type, value, ...(focused ? { focused: true } : {}) };
}

/** A PING (type 1). */
export function ping() {
  return { id: "1", application_id: APP_ID, type: 1, token: "ping-token", version: 1 };
}

/** A slash command (type 2, data.type 1) with top-level options, or a subcommand's. */
export function slash(name: string, options: Record<string, string | number | boolean> = {}, opts: Base & { subcommand?: string } = {}) {
  const list = Object.entries(options).map(([k, v]) => option(k, v));
  return {
    ...base(2, opts),
    data: {
      id: "600",
      name,
      type: 1,
      options: opts.subcommand ? [{ name: opts.subcommand, type: 1, options: list }] : list,
    },
  };
}

/** An autocomplete request (type 4) with one focused option. */
export function autocomplete(name: string, focused: string, value: string, others: Record<string, string> = {}) {
  return {
    ...base(4),
    data: { id: "600", name, type: 1, options: [...Object.entries(others).map(([k, v]) => option(k, v)), option(focused, value, true)] },
  };
}

/** A modal submit (type 5) with text inputs, in the Label layout Discord sends today. */
export function modalSubmit(customId: string, values: Record<string, string>) {
  return {
    ...base(5),
    data: {
      custom_id: customId,
      components: Object.entries(values).map(([k, v], i) => ({ type: 18, id: i + 1, component: { type: 4, id: i + 10, custom_id: k, value: v } })),
    },
  };
}

/** A modal submit in the older action-row layout. */
export function modalSubmitRows(customId: string, values: Record<string, string>) {
  return {
    ...base(5),
    data: { custom_id: customId, components: Object.entries(values).map(([k, v]) => ({ type: 1, components: [{ type: 4, custom_id: k, value: v }] })) },
  };
}

/** A button press (type 3, component_type 2). */
export function button(customId: string) {
  return {
    ...base(3),
    message: { id: "777", channel_id: "555", content: "", embeds: [], type: 20, author: { id: "900", username: "matchguide", discriminator: "0", avatar: null } },
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A message context-menu command (type 2, data.type 3) on a message with this content. */
export function messageCommand(name: string, content: string, opts: Base = {}) {
  const target = "888888888888888888";
  return {
    ...base(2, opts),
    data: {
      id: "601",
      name,
      type: 3,
      target_id: target,
      resolved: {
        messages: {
          [target]: {
            id: target,
            channel_id: "555",
            content,
            author: { id: "12", username: "someone", discriminator: "0", avatar: null },
            embeds: [],
            attachments: [],
            mentions: [],
            mention_roles: [],
            pinned: false,
            mention_everyone: false,
            tts: false,
            timestamp: "2025-01-01T00:00:00.000Z",
            edited_timestamp: null,
            flags: 0,
            components: [],
            type: 0,
          },
        },
      },
    },
  };
}

/** Permissions string of a member who can manage the server. */
export const ADMIN_PERMISSIONS = MANAGE_GUILD;
