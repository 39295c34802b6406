import type { CommandCall, CommandDef } from "./command.js";
import { UserError } from "./errors.js";
import { MESSAGES } from "./messages.js";
import { findCommand, type CommandRegistry } from "./dispatch.js";

/** One word of command text: `key="value"` or a bare value. */
export interface Token {
  key?: string;
  value: string;
}

const OPEN_QUOTES = new Set(['"', "\u201c", "\u201e"]);
const CLOSE_QUOTES = new Set(['"', "\u201d", "\u201c"]);

/** Splits command text into words; `key=value` or Discord-style `key:value`; double quotes (straight or curly) group words, `\"` escapes a quote. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let value = "";
  let key: string | undefined;
  let started = false;
  let quoted = false;
  let sawQuote = false;
  const push = () => {
    if (started) tokens.push(key !== undefined ? { key, value } : { value });
    value = "";
    key = undefined;
    started = false;
    sawQuote = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === "\\" && i + 1 < text.length && (CLOSE_QUOTES.has(text[i + 1]) || text[i + 1] === "\\")) value += text[++i];
      else if (CLOSE_QUOTES.has(c)) quoted = false;
      else value += c;
    } else if (/\s/.test(c)) push();
    else if (OPEN_QUOTES.has(c)) {
      quoted = true;
      started = true;
      sawQuote = true;
    } else if ((c === "=" || c === ":") && key === undefined && !sawQuote && /^[A-Za-z][\w-]*$/.test(value)) {
      key = value;
      value = "";
      started = true;
    } else {
      value += c;
      started = true;
    }
  }
  if (quoted) throw new UserError("bad-input", MESSAGES.unclosedQuote);
  push();
  return tokens;
}

function splitName(line: string): { name: string; rest: string } {
  const m = /^\s*\/?([^\s]*)/.exec(line)!;
  return { name: m[1], rest: line.slice(m[0].length) };
}

function parseArgs(def: CommandDef, text: string, positional: string[] = [], rest?: string): Record<string, string> {
  if (rest) return text.trim() ? { [rest]: text.replace(/^[ \t]*\r?\n?/, "").trimEnd() } : {};
  const options: Record<string, string> = {};
  let next = 0;
  for (const t of tokenize(text)) {
    if (t.key !== undefined) options[t.key.toLowerCase()] = t.value;
    else if (next < positional.length) options[positional[next++]] = t.value;
    else throw new UserError("bad-input", MESSAGES.unexpectedWord(def.name, t.value));
  }
  return options;
}

/** Parses `/name [sub] args` (Slack and console syntax) into a call; `rest` commands take the whole text. */
export function parseCommandText(registry: CommandRegistry, line: string): CommandCall {
  const { name, rest } = splitName(line);
  const def = findCommand(registry, name);
  return parseCommandArgs(def, rest);
}

/** Parses the text after the command name (Slack gives it separately). */
export function parseCommandArgs(def: CommandDef, text: string): CommandCall {
  if (def.subcommands) {
    const { name: sub, rest } = splitName(text);
    const subDef = def.subcommands.find((s) => s.name === sub.toLowerCase());
    if (!subDef) return { name: def.name, ...(sub ? { subcommand: sub } : {}), options: {} };
    return { name: def.name, subcommand: subDef.name, options: parseArgs(def, rest, subDef.positional) };
  }
  return { name: def.name, options: parseArgs(def, text, def.positional, def.rest) };
}
