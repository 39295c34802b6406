/** Command calls and command text generated from the command definitions (whatever COMMANDS lists at run time). */
import type { CommandDef, OptionDef } from "../../src/core/command.js";
import type { Rng } from "./fuzz-random.js";
import { asText, draftText, hostilePiece, hostileText, optionKey, wrongValue } from "./fuzz-text.js";

/** A call as an adapter could hand it over: option values of any JSON type (the CLI batch passes them through). */
export interface FuzzCall {
  name: string;
  subcommand?: string;
  options: Record<string, unknown>;
}

/** The option definitions a call of `def` (with `subcommand`) may use. */
function optionDefs(def: CommandDef, subcommand: string | undefined): OptionDef[] {
  if (!def.subcommands) return def.options;
  return def.subcommands.find((s) => s.name === subcommand)?.options ?? [];
}

/** Values a command itself suggests for an option (its autocomplete), so generated calls reach past "not found". */
export type Hints = (def: CommandDef, opt: OptionDef) => readonly string[];

/** A value for one option: mostly the right type, sometimes just over its limit, sometimes wrong. */
export function optionValue(rng: Rng, def: CommandDef, opt: OptionDef, hints?: Hints): unknown {
  const mode = rng.weighted<string>([
    [12, "right"],
    [2, "limit"],
    [2, "wrong"],
  ]);
  if (mode === "wrong") return wrongValue(rng);
  const known = opt.choices?.length ? opt.choices : (hints?.(def, opt) ?? []);
  if (known.length && rng.chance(0.7)) return mode === "limit" ? `${rng.pick(known)}${hostilePiece(rng)}` : rng.pick(known);
  if (/YYYY-MM-DD/.test(opt.description) && rng.chance(0.7)) return dateLike(rng);
  if (opt.type === "integer") {
    return rng.pick<() => unknown>([() => rng.int(-5, 400), () => String(rng.int(-99, 999)), () => "12abc", () => "9".repeat(16), () => 1.5, () => " 7 "])();
  }
  if (opt.type === "boolean") return rng.pick([true, false, "true", "no", "on", "0", "maybe", 1, 0]);
  if (mode === "limit" && opt.maxLength !== undefined) {
    const base = hostileText(rng, 4) || "x";
    return base.repeat(Math.ceil((opt.maxLength + rng.int(-2, 3)) / base.length)).slice(0, opt.maxLength + rng.int(-2, 3));
  }
  if (opt.multiline || opt.name === def.rest) return rng.chance(0.6) ? draftText(rng) : hostileText(rng);
  return hostileText(rng, 4, opt.maxLength);
}

/** A date as an applicant might type it: valid, impossible, or in another format. */
function dateLike(rng: Rng): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return rng.weighted<() => string>([
    [6, () => `${rng.int(2023, 2027)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`],
    [1, () => rng.pick(["2025-02-29", "2024-02-29", "2025-13-01", "2025-00-10", "2025-04-31", "0000-00-00", "9999-12-31", "1970-01-01"])],
    [1, () => rng.pick(["03/15/2025", "15.3.2025", "2025/03/15", "2025-3-5", "today", "yesterday", "٢٠٢٥-٠٣-١٥", "２０２５-０３-１５", " 2025-03-15 "])],
  ])();
}

/** A subcommand name: a real one, a near miss, none, or noise. */
function subcommandFor(rng: Rng, def: CommandDef): string | undefined {
  if (!def.subcommands) return rng.chance(0.05) ? hostilePiece(rng) : undefined;
  return rng.weighted<() => string | undefined>([
    [8, () => rng.pick(def.subcommands!).name],
    [1, () => rng.pick(def.subcommands!).name.toUpperCase()],
    [1, () => undefined],
    [1, () => hostilePiece(rng)],
  ])();
}

/** A command name: one of the definitions', a case or spelling variant, or something unknown. */
export function commandName(rng: Rng, defs: readonly CommandDef[]): { name: string; def?: CommandDef } {
  const def = rng.pick(defs);
  return rng.weighted<() => { name: string; def?: CommandDef }>([
    [30, () => ({ name: def.name, def })],
    [1, () => ({ name: def.name.toUpperCase(), def })],
    [1, () => ({ name: `${def.name.slice(0, -1)}${rng.pick(["x", "", def.name.slice(-1).repeat(2)])}` })],
    [1, () => ({ name: hostilePiece(rng) })],
    [1, () => ({ name: rng.pick(["", " ", "__proto__", "constructor", "toString", "ask ", "/ask", "help\n", "x".repeat(5000)]) })],
  ])();
}

/** A whole call for one of the definitions (or an unknown command): known options, unknown ones, wrong types. */
export function generateCall(rng: Rng, defs: readonly CommandDef[], hints?: Hints): FuzzCall {
  const { name, def } = commandName(rng, defs);
  if (!def) return { name, options: rng.chance(0.5) ? {} : { [optionKey(rng)]: hostileText(rng, 3) } };
  const subcommand = subcommandFor(rng, def);
  const opts = optionDefs(def, subcommand);
  const options: Record<string, unknown> = {};
  for (const opt of opts) {
    if (opt.required || opt.name === def.rest ? rng.chance(0.9) : rng.chance(0.5)) options[rng.chance(0.05) ? opt.name.toUpperCase() : opt.name] = optionValue(rng, def, opt, hints);
  }
  if (rng.chance(0.15)) options[optionKey(rng)] = rng.chance(0.7) ? hostileText(rng, 3) : wrongValue(rng);
  return { name, ...(subcommand !== undefined ? { subcommand } : {}), options };
}

/** Quotes a value for command text, the way a user might (or might not). */
function quoteValue(rng: Rng, value: string): string {
  return rng.weighted<() => string>([
    [4, () => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`],
    [2, () => value],
    [1, () => `\u201c${value}\u201d`],
    [1, () => `"${value}`],
    [1, () => `${value}"`],
  ])();
}

/** A line of command text (Slack and console syntax) for one of the definitions or an unknown command. */
export function generateLine(rng: Rng, defs: readonly CommandDef[], hints?: Hints): string {
  const { name, def } = commandName(rng, defs);
  const slash = rng.chance(0.9) ? "/" : "";
  const lead = rng.pick(["", "", "", " ", "\t", "\u200b", "\n"]);
  if (!def) return `${lead}${slash}${name} ${hostileText(rng, 6)}`;
  const parts: string[] = [];
  const subcommand = subcommandFor(rng, def);
  if (subcommand !== undefined) parts.push(subcommand);
  const sub = def.subcommands?.find((s) => s.name === subcommand);
  const opts = optionDefs(def, subcommand);
  const rest = sub ? undefined : def.rest;
  if (rest && rng.chance(0.8)) {
    const text = opts.find((o) => o.name === rest) ? asText(optionValue(rng, def, opts.find((o) => o.name === rest)!, hints)) : hostileText(rng);
    return `${lead}${slash}${name}${rng.pick([" ", "\n", "  ", " \n"])}${text}`;
  }
  const positional = sub ? (sub.positional ?? []) : (def.positional ?? []);
  for (const p of positional) if (rng.chance(0.7)) parts.push(quoteValue(rng, asText(optionValue(rng, def, opts.find((o) => o.name === p) ?? opts[0], hints))));
  for (const opt of opts) {
    if (!rng.chance(0.4)) continue;
    const raw = optionValue(rng, def, opt, hints);
    parts.push(`${opt.name}=${quoteValue(rng, asText(raw))}`);
  }
  if (rng.chance(0.2)) parts.push(`${optionKey(rng).replace(/\s/g, "") || "k"}=${quoteValue(rng, hostilePiece(rng))}`);
  if (rng.chance(0.2)) parts.push(hostilePiece(rng));
  return `${lead}${slash}${name} ${parts.join(rng.pick([" ", "  ", "\t", "\n"]))}`;
}
