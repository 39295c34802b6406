import { dayOf, daysBetween, isDay } from "../src/core/calendar.js";
import { defineCommand, stringOption, type CommandCall, type CommandContext } from "../src/core/command.js";
import { UserError } from "../src/core/errors.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply, type Reply } from "../src/core/reply.js";
import { programKey, sameProgram } from "../src/core/programs.js";
import { LOG_KINDS, LOG_MAX_ENTRIES, type LogEntry, type LogKind, type Store } from "../src/core/store.js";

/** Longest program name accepted. */
export const PROGRAM_NAME_MAX = 120;

const programOption = { name: "program", description: "The program, e.g. Riverside Internal Medicine", type: "string", maxLength: PROGRAM_NAME_MAX } as const;
const kindOption = { name: "kind", description: "What you sent", type: "string", choices: LOG_KINDS } as const;
const dateOption = { name: "date", description: "When you sent it, YYYY-MM-DD (default today)", type: "string", maxLength: 10 } as const;

function storeOf(ctx: CommandContext): Store {
  if (!ctx.store) throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
  return ctx.store;
}

/** The SPEC's public shape of an entry (the internal id stays inside). */
function publicEntry(e: LogEntry): { program: string; kind: LogKind; date: string } {
  return { program: e.program, kind: e.kind, date: e.date };
}

function entryLine(e: LogEntry, i: number): string {
  return `${i + 1}. ${e.date} · ${e.kind} · ${e.program}`;
}

/** A sent date: a real YYYY-MM-DD day, not after today (one day of slack for time zones). */
function parseSentDate(value: string | undefined, ctx: CommandContext): string {
  const today = dayOf(ctx.now());
  if (value === undefined) return today;
  const date = value.trim();
  if (!isDay(date)) throw new UserError("bad-input", MESSAGES.log.badDate(value));
  if (daysBetween(today, date) > 1) throw new UserError("bad-input", MESSAGES.log.futureDate(date));
  return date;
}

function parseProgram(call: CommandCall): string {
  const program = (stringOption(call, "program") ?? "").replace(/\s+/g, " ").trim();
  if (!programKey(program) || !/\p{L}/u.test(program)) throw new UserError("bad-input", MESSAGES.log.badProgram);
  return program;
}

/** One CSV cell: quoted when needed, and never read as a spreadsheet formula. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The log as CSV: a header line, then one line per entry, oldest first. */
export function logToCsv(entries: LogEntry[]): string {
  const lines = [["date", "program", "kind"], ...entries.map((e) => [e.date, e.program, e.kind])];
  return `${lines.map((l) => l.map(csvCell).join(",")).join("\n")}\n`;
}

async function add(ctx: CommandContext, call: CommandCall): Promise<Reply> {
  const program = parseProgram(call);
  const kind = stringOption(call, "kind") as LogKind;
  const date = parseSentDate(stringOption(call, "date"), ctx);
  const { added, entries } = await storeOf(ctx).addLog(ctx.caller.id, { program, kind, date }, ctx.caller.requestKey);
  if (!added) throw new UserError("bad-input", MESSAGES.log.full(LOG_MAX_ENTRIES));
  const others = entries.filter((e) => e.id !== added.id && e.kind === "first-choice" && !sameProgram(e.program, added.program));
  const clash = kind === "first-choice" ? [...new Set(others.map((e) => e.program))] : [];
  return makeReply(
    "notice",
    { title: MESSAGES.log.addedTitle, text: [MESSAGES.log.added(kind, added.program, date), ...(clash.length ? [MESSAGES.log.firstChoiceClash(clash)] : [])].join("\n\n") },
    { added: publicEntry(added), entries: entries.length, firstChoiceElsewhere: clash },
  );
}

async function list(ctx: CommandContext): Promise<Reply> {
  const entries = await storeOf(ctx).listLog(ctx.caller.id);
  const programs = new Set(entries.map((e) => programKey(e.program))).size;
  return makeReply(
    "list",
    { title: MESSAGES.log.listTitle, text: entries.length ? `${MESSAGES.log.counts(entries.length, programs)}\n${entries.map(entryLine).join("\n")}` : MESSAGES.log.empty },
    { entries: entries.map(publicEntry) },
  );
}

async function remove(ctx: CommandContext, call: CommandCall): Promise<Reply> {
  const store = storeOf(ctx);
  const number = call.options.number;
  const program = stringOption(call, "program");
  if (number === undefined && !program) throw new UserError("bad-input", MESSAGES.log.removeNeeds);
  const entries = await store.listLog(ctx.caller.id);
  let target: LogEntry | undefined;
  if (typeof number === "number") {
    target = entries[number - 1];
    if (!target) throw new UserError("not-found", MESSAGES.log.noSuchNumber(number, entries.length));
  } else {
    const kind = stringOption(call, "kind");
    const date = stringOption(call, "date")?.trim();
    const matches = entries.filter((e) => sameProgram(e.program, program!) && (!kind || e.kind === kind) && (!date || e.date === date));
    target = matches[matches.length - 1];
    if (!target) throw new UserError("not-found", MESSAGES.log.noMatch(program!));
  }
  if (!(await store.removeLog(ctx.caller.id, target.id))) throw new UserError("not-found", MESSAGES.log.noMatch(target.program));
  return makeReply("notice", { title: MESSAGES.log.removedTitle, text: MESSAGES.log.removed(target.kind, target.program, target.date) }, { removed: publicEntry(target) });
}

async function exportCsv(ctx: CommandContext): Promise<Reply> {
  const entries = await storeOf(ctx).listLog(ctx.caller.id);
  const csv = logToCsv(entries);
  return makeReply("notice", { title: MESSAGES.log.exportTitle, text: `${MESSAGES.log.exportText}\n\`\`\`\n${csv}\`\`\`` }, { csv, entries: entries.length });
}

async function clear(ctx: CommandContext): Promise<Reply> {
  const cleared = await storeOf(ctx).clearUser(ctx.caller.id);
  return makeReply("notice", { title: MESSAGES.log.clearedTitle, text: MESSAGES.log.cleared(cleared) }, { cleared });
}

/** /log: the applicant's own record of what was sent to which program; /check holds drafts to it. Always private. */
export default defineCommand({
  name: "log",
  description: "Your private record of messages sent to programs (only you see it)",
  example: '/log add program="Riverside IM" kind=thank-you',
  options: [],
  subcommands: [
    {
      name: "add",
      description: "Record a message you sent",
      options: [{ ...programOption, required: true }, { ...kindOption, required: true }, dateOption],
      positional: ["program", "kind", "date"],
    },
    { name: "list", description: "Show your log", options: [] },
    {
      name: "remove",
      description: "Remove one entry (by its number in /log list, or by program)",
      options: [{ name: "number", description: "The entry's number in /log list", type: "integer" }, programOption, kindOption, dateOption],
      positional: ["number"],
    },
    { name: "export", description: "Your log as CSV", options: [] },
    { name: "clear", description: "Delete your whole log and everything matchguide keeps about you", options: [] },
  ],
  privacy: "private",
  store: "changes",
  run(ctx, call) {
    switch (call.subcommand) {
      case "add":
        return add(ctx, call);
      case "remove":
        return remove(ctx, call);
      case "export":
        return exportCsv(ctx);
      case "clear":
        return clear(ctx);
      default:
        return list(ctx);
    }
  },
});
