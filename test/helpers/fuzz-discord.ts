/** Generated Discord interaction bodies for the fuzz suite: well-formed ones from the command definitions, mutated ones, and raw garbage. */
import type { CommandDef, OptionDef } from "../../src/core/command.js";
import { ADMIN_PERMISSIONS, autocomplete, button, messageCommand, modalSubmit, modalSubmitRows, ping, slash } from "./discord-payloads.js";
import { commandName, optionValue } from "./fuzz-calls.js";
import type { Rng } from "./fuzz-random.js";
import { asText, hostilePiece, hostileText, jsonValue, optionKey, wrongValue } from "./fuzz-text.js";

/** A request body to sign and send, and what kind of input it is (for the report and the expectations). */
export interface DiscordCase {
  label: string;
  body: Buffer;
  /** The interaction's token when it has one (its follow-ups are found by it). */
  token?: string;
  /** True when the body is JSON holding an object with a numeric `type` (anything else must get 400). */
  interaction: boolean;
  /** True when parts of the interaction were damaged on purpose: 200 or 400 are both right. */
  damaged: boolean;
}

const OPTION_TYPE: Record<OptionDef["type"], number> = { string: 3, integer: 4, boolean: 5 };

/** Parts of the current case given a type Discord never sends (an object as an option value…); reset per case. */
const damage = { count: 0 };

/** One option as Discord sends it, now and then with a type code or value that does not match. */
function discordOption(rng: Rng, def: CommandDef, opt: OptionDef): Record<string, unknown> {
  const value = optionValue(rng, def, opt);
  const type = rng.chance(0.9) ? OPTION_TYPE[opt.type] : rng.pick([1, 2, 3, 4, 5, 6, 10, 11, 99, "3", null]);
  if (typeof type !== "number" || (value !== undefined && !["string", "number", "boolean"].includes(typeof value))) damage.count++;
  return { name: rng.chance(0.95) ? opt.name : optionKey(rng), type, ...(value === undefined && rng.chance(0.5) ? {} : { value }) };
}

function optionsOf(def: CommandDef, subcommand: string | undefined): OptionDef[] {
  return def.subcommands ? (def.subcommands.find((s) => s.name === subcommand)?.options ?? []) : def.options;
}

/** A chat-input command for a definition (or an unknown name), subcommands included. */
function chatInput(rng: Rng, defs: readonly CommandDef[]): Record<string, unknown> {
  const { name, def } = commandName(rng, defs);
  const perms = rng.pick([undefined, "0", ADMIN_PERMISSIONS, "8", "-1", "abc", "9".repeat(40), "2251799813685247"]);
  const payload = slash(name, {}, { ...(perms !== undefined ? { permissions: perms } : {}), dm: rng.chance(0.2) }) as any;
  if (!def) {
    payload.data.options = rng.chance(0.5) ? [] : [{ name: optionKey(rng), type: 3, value: hostileText(rng, 4) }];
    return payload;
  }
  const sub = def.subcommands ? (rng.chance(0.9) ? rng.pick(def.subcommands).name : hostilePiece(rng)) : undefined;
  const list = optionsOf(def, sub)
    .filter((o) => (o.required ? rng.chance(0.9) : rng.chance(0.5)))
    .map((o) => discordOption(rng, def, o));
  if (rng.chance(0.1)) list.push({ name: optionKey(rng), type: 3, value: hostileText(rng, 3) });
  payload.data.options = sub !== undefined ? [{ name: sub, type: 1, options: list }] : list;
  return payload;
}

/** An autocomplete request on one of a definition's options (autocompleting or not). */
function autocompleteRequest(rng: Rng, defs: readonly CommandDef[]): Record<string, unknown> {
  const { name, def } = commandName(rng, defs);
  const options = def ? optionsOf(def, def.subcommands?.[0]?.name) : [];
  const focused = options.length && rng.chance(0.9) ? rng.pick(options).name : optionKey(rng);
  const value = rng.chance(0.85) ? hostileText(rng, 3) : (wrongValue(rng) as string);
  if (value !== undefined && !["string", "number", "boolean"].includes(typeof value)) damage.count++;
  const payload = autocomplete(name, focused, "", {}) as any;
  payload.data.options[0].value = value;
  if (def?.subcommands) payload.data.options = [{ name: rng.pick(def.subcommands).name, type: 1, options: payload.data.options }];
  return payload;
}

/** A modal submit for a definition's modal (or another custom_id), in either component layout. */
function modal(rng: Rng, defs: readonly CommandDef[]): Record<string, unknown> {
  const { name, def } = commandName(rng, defs);
  const customId = rng.weighted<string>([
    [8, `modal:${name}`],
    [1, hostilePiece(rng)],
    [1, `modal:${hostilePiece(rng)}`],
  ]);
  const values: Record<string, string> = {};
  for (const opt of def?.options ?? []) if (rng.chance(0.7)) values[opt.name] = asText(optionValue(rng, def!, opt));
  if (rng.chance(0.15)) values[optionKey(rng)] = hostileText(rng, 3);
  return rng.chance(0.7) ? modalSubmit(customId, values) : modalSubmitRows(customId, values);
}

/** A follow-up button press: one of ours (`run:<command>?<query>`) with generated parts, or a stranger's. */
function buttonPress(rng: Rng, defs: readonly CommandDef[]): Record<string, unknown> {
  const { name, def } = commandName(rng, defs);
  const query = new URLSearchParams();
  for (const opt of def?.options ?? []) if (rng.chance(0.4)) query.set(opt.name, asText(optionValue(rng, def!, opt)));
  const sub = def?.subcommands ? `/${rng.pick(def.subcommands).name}` : "";
  const id = rng.weighted<string>([
    [8, `run:${name}${sub}${query.size ? `?${query}` : ""}`.slice(0, 100)],
    [1, hostilePiece(rng)],
    [1, `run:${hostileText(rng, 3)}`],
  ]);
  return button(id);
}

/** Structural damage to a well-formed interaction: missing or wrong-typed parts. */
function mutate(rng: Rng, payload: any): void {
  const isObject = (v: unknown) => Boolean(v) && typeof v === "object" && !Array.isArray(v);
  const paths: (() => void)[] = [
    () => delete payload.data,
    () => (payload.data = jsonValue(rng)),
    () => isObject(payload.data) && (payload.data.options = jsonValue(rng)),
    () => isObject(payload.data) && (payload.data.name = wrongValue(rng)),
    () => isObject(payload.data) && (payload.data.custom_id = wrongValue(rng)),
    () => isObject(payload.data) && (payload.data.components = jsonValue(rng)),
    () => isObject(payload.data) && (payload.data.type = rng.pick([0, 1, 2, 3, 4, 99, "1", null])),
    () => isObject(payload.data) && (payload.data.component_type = rng.pick([1, 2, 3, 4, 99, "2", null])),
    () => isObject(payload.data) && delete payload.data.resolved,
    () => isObject(payload.data) && (payload.data.target_id = wrongValue(rng)),
    () => delete payload.member,
    () => (payload.member = jsonValue(rng)),
    () => isObject(payload.member) && (payload.member.permissions = wrongValue(rng)),
    () => isObject(payload.member) && (payload.member.user = jsonValue(rng)),
    () => (payload.user = jsonValue(rng)),
    () => (payload.guild_id = wrongValue(rng)),
    () => (payload.application_id = wrongValue(rng)),
    // Odd but URL-safe tokens: the local fake Discord decodes request paths and cannot take broken percent-encoding.
    () => (payload.token = rng.pick(["", "..", ".", "x".repeat(5000), "a.b-c_d", "ABC123"])),
    () => (payload.type = rng.pick([0, 6, 7, 99, -1, 1.5, 2 ** 40])),
    () => (payload[optionKey(rng)] = jsonValue(rng)),
  ];
  for (let i = rng.int(1, 3); i > 0; i--) rng.pick(paths)();
}

/** Bodies that are not an interaction at all: bad JSON, other JSON types, odd bytes, too large. */
function rawBody(rng: Rng): Buffer {
  return rng.pick<() => Buffer>([
    () => Buffer.from(""),
    () => Buffer.from("{"),
    () => Buffer.from("{\"type\":1"),
    () => Buffer.from("null"),
    () => Buffer.from("[]"),
    () => Buffer.from("[{\"type\":1}]"),
    () => Buffer.from("1"),
    () => Buffer.from("\"type\""),
    () => Buffer.from("{\"type\":\"1\"}"),
    () => Buffer.from("{\"type\":null}"),
    () => Buffer.from("{}"),
    () => Buffer.from("\ufeff{\"type\":1}"),
    () => Buffer.from("{\"type\":1,\"type\":2}"),
    () => Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
    () => Buffer.from([0x7b, 0x22, 0x74, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    () => Buffer.from(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    () => Buffer.from(`{"type":2,"data":${"{\"a\":".repeat(5000)}1${"}".repeat(5000)}}`),
    () => Buffer.from(`{"type":2,"pad":"${"x".repeat(1_000_100)}"}`),
    () => Buffer.from(hostileText(rng)),
    () => Buffer.from(JSON.stringify(jsonValue(rng))),
  ])();
}

/** One generated request body for the interactions endpoint. */
export function generateDiscordCase(rng: Rng, defs: readonly CommandDef[], index: number): DiscordCase {
  const kind = rng.weighted<string>([
    [1, "ping"],
    [10, "command"],
    [3, "autocomplete"],
    [3, "modal"],
    [2, "button"],
    [2, "message-command"],
    [4, "mutated"],
    [2, "raw"],
  ]);
  if (kind === "raw") {
    const body = rawBody(rng);
    let interaction = false;
    try {
      const v = JSON.parse(body.toString("utf8"));
      interaction = Boolean(v) && typeof v === "object" && typeof v.type === "number";
    } catch {
      interaction = false;
    }
    return { label: kind, body, interaction, damaged: true };
  }
  const make: Record<string, () => any> = {
    ping: () => ping(),
    command: () => chatInput(rng, defs),
    autocomplete: () => autocompleteRequest(rng, defs),
    modal: () => modal(rng, defs),
    button: () => buttonPress(rng, defs),
    "message-command": () => messageCommand(rng.chance(0.9) ? "Check draft" : hostilePiece(rng), rng.chance(0.9) ? hostileText(rng) : ""),
    mutated: () => rng.pick([chatInput, autocompleteRequest, modal, buttonPress])(rng, defs),
  };
  damage.count = 0;
  const payload = make[kind]();
  payload.token = `fuzz-token-${index}`;
  if (kind === "mutated") mutate(rng, payload);
  return {
    label: kind,
    body: Buffer.from(JSON.stringify(payload)),
    ...(typeof payload.token === "string" ? { token: payload.token } : {}),
    interaction: typeof payload.type === "number",
    damaged: kind === "mutated" || damage.count > 0,
  };
}
