/** Generated Slack request bodies for the fuzz suite: slash commands, interactivity payloads, Events API JSON, and garbage. */
import type { CommandDef } from "../../src/core/command.js";
import { generateLine, optionValue } from "./fuzz-calls.js";
import type { Rng } from "./fuzz-random.js";
import { formBody, interactivityBody } from "./slack-signing.js";
import { asText, hostilePiece, hostileText, jsonValue, optionKey, wrongValue } from "./fuzz-text.js";

/** A request body to sign and send, its content type, and what kind of input it is. */
export interface SlackCase {
  label: string;
  body: Buffer;
  contentType: string;
  /** True for a well-formed slash command of a known command: it must be answered with 200 and a message. */
  answerable: boolean;
  /**
   * True when a part only Slack or the app itself writes (ids, response_url, modal metadata, button values,
   * the payload's structure) is garbage; such a request may end in a logged error, never in a 5xx.
   */
  tampered: boolean;
}

/** Garbage put into platform-written parts of the current case; reset per case. */
const tamper = { count: 0 };

/** Counts a platform-written part as garbage when `broken`, and passes the value through. */
function mark<T>(value: T, broken: boolean): T {
  if (broken) tamper.count++;
  return value;
}

const FORM = "application/x-www-form-urlencoded";

/**
 * Where replies may be sent: the fake's capture URL for this case, nowhere, or an address that refuses at once.
 * Slack always sends a working response_url with commands, shortcuts and message buttons; only our own modal
 * metadata may lack one.
 */
function responseUrl(rng: Rng, capture: string, mayBeAbsent = false): string | undefined {
  const url = rng.weighted<string | undefined>([
    [10, capture],
    [1, undefined],
    [1, "not a url"],
    [1, "http://127.0.0.1:1/refused"],
  ]);
  return mark(url, url !== capture && !(url === undefined && mayBeAbsent));
}


/** A slash command form, as Slack posts it; now and then with fields missing, repeated or odd. */
function slashCommand(rng: Rng, defs: readonly CommandDef[], ids: { capture: string; channel: string }, hints?: Parameters<typeof generateLine>[2]): { body: string; answerable: boolean } {
  const line = generateLine(rng, defs, hints);
  const m = /^\s*\/?(\S*)\s?/.exec(line)!;
  const command = `/${m[1]}`;
  const fields: Record<string, string> = {
    token: "legacy",
    team_id: "T0001",
    team_domain: "fake",
    channel_id: ids.channel,
    channel_name: "applicants",
    user_id: `U${rng.int(1, 40)}`,
    user_name: "amara",
    command,
    text: line.slice(m[0].length),
    api_app_id: "A0001",
    trigger_id: "1337.42.trigger",
  };
  const url = responseUrl(rng, ids.capture);
  if (url) fields.response_url = url;
  let answerable = defs.some((d) => `/${d.name}` === command) && url === ids.capture;
  if (rng.chance(0.15)) {
    answerable = false;
    tamper.count++;
    const key = rng.pick(Object.keys(fields));
    if (rng.chance(0.5)) delete fields[key];
    else fields[key] = rng.chance(0.5) ? hostilePiece(rng) : "";
  }
  let body = formBody(fields);
  if (rng.chance(0.05)) {
    answerable = false;
    tamper.count++;
    body += `&${formBody({ [rng.pick(["command", "text", "user_id", "team_id"])]: hostilePiece(rng) })}`;
  }
  if (rng.chance(0.03)) {
    answerable = false;
    tamper.count++;
    body += `&${formBody({ [optionKey(rng)]: hostileText(rng, 3) })}`;
  }
  return { body, answerable };
}

const user = (rng: Rng) => ({ id: `U${rng.int(1, 40)}`, name: "amara", team_id: "T0001" });
const team = { id: "T0001", domain: "fake" };

/** The /check modal submitted, with generated values and metadata. */
function viewSubmission(rng: Rng, defs: readonly CommandDef[], capture: string): unknown {
  const def = rng.pick(defs);
  const values: Record<string, Record<string, { type: string; value: unknown }>> = {};
  for (const opt of def.options) if (rng.chance(0.7)) values[opt.name] = { [opt.name]: { type: "plain_text_input", value: rng.chance(0.9) ? asText(optionValue(rng, def, opt)) : mark(wrongValue(rng), true) } };
  if (rng.chance(0.1)) values[optionKey(rng)] = { x: { type: "plain_text_input", value: hostileText(rng, 3) } };
  const url = responseUrl(rng, capture, true);
  const metadata = rng.weighted<() => string>([
    [6, () => JSON.stringify({ channel: "C0001", ...(url ? { responseUrl: url } : {}) })],
    [1, () => mark("", true)],
    [1, () => mark(hostileText(rng, 3), true)],
    [1, () => mark(JSON.stringify(jsonValue(rng)), true)],
  ])();
  return {
    type: "view_submission",
    team,
    user: user(rng),
    api_app_id: "A0001",
    token: "legacy",
    trigger_id: "1337.44.trigger",
    view: {
      id: "V0001",
      type: "modal",
      callback_id: rng.chance(0.9) ? "check_modal" : hostilePiece(rng),
      team_id: "T0001",
      private_metadata: metadata,
      state: { values: rng.chance(0.95) ? values : mark(jsonValue(rng), true) },
    },
  };
}

/** The "Check draft" message shortcut on a message with generated text. */
function shortcut(rng: Rng, capture: string, channel: string): unknown {
  const url = responseUrl(rng, capture);
  return {
    type: "message_action",
    callback_id: rng.chance(0.9) ? "check_draft" : hostilePiece(rng),
    trigger_id: "1337.43.trigger",
    ...(url ? { response_url: url } : {}),
    message_ts: "1700000000.000200",
    message: rng.chance(0.9)
      ? { type: "message", ts: "1700000000.000200", user: "U0002", ...(rng.chance(0.9) ? { text: rng.chance(0.9) ? hostileText(rng) : mark(wrongValue(rng), true) } : {}) }
      : mark(jsonValue(rng), true),
    user: user(rng),
    channel: { id: channel, name: "applicants" },
    team,
    token: "legacy",
    action_ts: "1700000001.000000",
  };
}

/** A follow-up button press carrying a generated command and options. */
function buttonPress(rng: Rng, defs: readonly CommandDef[], capture: string, channel: string): unknown {
  const def = rng.pick(defs);
  const options: Record<string, unknown> = {};
  for (const opt of def.options) if (rng.chance(0.5)) options[opt.name] = rng.chance(0.9) ? asText(optionValue(rng, def, opt)) : mark(wrongValue(rng), true);
  const sub = def.subcommands && rng.chance(0.9) ? ` ${rng.pick(def.subcommands).name}` : "";
  const value = rng.weighted<() => string>([
    [8, () => JSON.stringify({ c: `${def.name}${sub}`, o: options })],
    [1, () => mark(hostileText(rng, 3), true)],
    [1, () => mark(JSON.stringify(jsonValue(rng)), true)],
  ])();
  const url = responseUrl(rng, capture);
  return {
    type: "block_actions",
    team,
    user: user(rng),
    api_app_id: "A0001",
    token: "legacy",
    container: { type: "message", message_ts: "1700000000.000300", channel_id: channel, is_ephemeral: true },
    trigger_id: "1337.45.trigger",
    channel: { id: channel, name: "applicants" },
    ...(url ? { response_url: url } : {}),
    actions: [{ type: "button", action_id: rng.chance(0.9) ? `followup:${rng.int(0, 3)}` : hostilePiece(rng), block_id: "b1", text: { type: "plain_text", text: "x" }, value, action_ts: "1700000002.000000" }],
  };
}

/** Interactivity payloads of kinds the app has no listener for, or of no kind at all. */
function strangePayload(rng: Rng): unknown {
  return rng.pick<() => unknown>([
    () => ({ type: rng.pick(["view_closed", "block_suggestion", "shortcut", "interactive_message", "dialog_submission", "workflow_step_edit"]), team, user: user(rng), callback_id: hostilePiece(rng), view: { id: "V1", callback_id: "check_modal" } }),
    () => ({ type: hostilePiece(rng), team, user: user(rng) }),
    () => ({ team, user: user(rng) }),
    () => jsonValue(rng),
  ])();
}

/** Events API and other JSON bodies. */
function jsonBody(rng: Rng): string {
  return rng.pick<() => string>([
    () => JSON.stringify({ type: "url_verification", challenge: rng.chance(0.8) ? hostileText(rng, 3) : wrongValue(rng), token: "legacy" }),
    () => JSON.stringify({ type: "event_callback", team_id: "T0001", api_app_id: "A0001", event: { type: rng.pick(["app_mention", "message", "app_home_opened", hostilePiece(rng)]), user: "U1", text: hostileText(rng, 4), channel: "C1", ts: "1.2" }, event_id: "Ev1", event_time: 1 }),
    () => JSON.stringify({ type: "app_rate_limited", team_id: "T0001", minute_rate_limited: 1 }),
    () => JSON.stringify(jsonValue(rng)),
    () => rng.pick(["{", "", "[]", "null", "1", "\"x\"", "{\"type\":", "\ufeff{}"]),
  ])();
}

/** Bodies that are not what they claim: broken forms, broken payload JSON, odd content types, too large. */
function brokenBody(rng: Rng): { body: string | Buffer; contentType: string } {
  return rng.pick<() => { body: string | Buffer; contentType: string }>([
    () => ({ body: "payload=%7Bnot%20json", contentType: FORM }),
    () => ({ body: `payload=${encodeURIComponent(rng.pick(["[]", "null", "1", "\"x\"", "true", "[{\"type\":\"block_actions\"}]"]))}`, contentType: FORM }),
    () => ({ body: rng.pick(["", "%%%", "=", "&&&", "a=1&a=2", "payload", "payload=", "command=%E0%A4%A", "ssl_check=1", "ssl_check=1&token=x"]), contentType: FORM }),
    () => ({ body: Buffer.from([0xff, 0xfe, 0x3d, 0x80]), contentType: FORM }),
    () => ({ body: hostileText(rng), contentType: rng.pick(["text/plain", "", "application/octet-stream", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=utf-16"]) }),
    () => ({ body: `command=%2Fask&text=${"x".repeat(1_000_100)}`, contentType: FORM }),
    () => ({ body: `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [], deep: JSON.parse(`${"[".repeat(3000)}${"]".repeat(3000)}`) }))}`, contentType: FORM }),
  ])();
}

/** One generated request body for the events endpoint; `index` names its reply targets so deliveries can be traced back. */
export function generateSlackCase(rng: Rng, defs: readonly CommandDef[], index: number, capture: string, hints?: Parameters<typeof generateLine>[2]): SlackCase {
  const channel = `C${index}`;
  tamper.count = 0;
  const made = makeCase(rng, defs, capture, channel, hints);
  return { ...made, tampered: tamper.count > 0 || ["strange", "json", "broken"].includes(made.label) };
}

function makeCase(rng: Rng, defs: readonly CommandDef[], capture: string, channel: string, hints: Parameters<typeof generateLine>[2]): Omit<SlackCase, "tampered"> {
  const kind = rng.weighted<string>([
    [10, "slash"],
    [3, "modal"],
    [2, "shortcut"],
    [3, "button"],
    [1, "strange"],
    [1, "json"],
    [2, "broken"],
  ]);
  switch (kind) {
    case "slash": {
      const { body, answerable } = slashCommand(rng, defs, { capture, channel }, hints);
      return { label: kind, body: Buffer.from(body), contentType: FORM, answerable };
    }
    case "modal":
      return { label: kind, body: Buffer.from(interactivityBody(viewSubmission(rng, defs, capture))), contentType: FORM, answerable: false };
    case "shortcut":
      return { label: kind, body: Buffer.from(interactivityBody(shortcut(rng, capture, channel))), contentType: FORM, answerable: false };
    case "button":
      return { label: kind, body: Buffer.from(interactivityBody(buttonPress(rng, defs, capture, channel))), contentType: FORM, answerable: false };
    case "strange":
      return { label: kind, body: Buffer.from(interactivityBody(strangePayload(rng))), contentType: FORM, answerable: false };
    case "json":
      return { label: kind, body: Buffer.from(jsonBody(rng)), contentType: "application/json", answerable: false };
    default: {
      const { body, contentType } = brokenBody(rng);
      return { label: kind, body: Buffer.isBuffer(body) ? body : Buffer.from(body), contentType, answerable: false };
    }
  }
}
