import { dayOf, seasonBounds } from "./calendar.js";
import type { CheckContext } from "./checker/check.js";
import type { CommandContext } from "./command.js";
import { sameProgram } from "./programs.js";

/**
 * What the caller's log and server settings add to a /check: first-choice letters logged this
 * season (to programs other than `program`), how many messages went to `program` this season, and
 * the rules the server turned off. Without a store the check runs without them; when the store does not answer,
 * `logUnavailable` says so, and the check names the log-based rules it skipped.
 */
export async function logContextFor(ctx: CommandContext, program: string | undefined): Promise<CheckContext> {
  if (!ctx.store) return {};
  const [log, settings] = await Promise.all([ctx.store.listLog(ctx.caller.id).catch(() => null), ctx.serverSettings()]);
  const context: CheckContext = {};
  if (!log) context.logUnavailable = true;
  if (log) {
    const { start, end } = seasonBounds(ctx.content, dayOf(ctx.now()));
    const season = log.filter((e) => e.date >= start && e.date < end);
    const firstChoice: string[] = [];
    for (const e of season) {
      if (e.kind !== "first-choice" || (program && sameProgram(e.program, program))) continue;
      if (!firstChoice.some((p) => sameProgram(p, e.program))) firstChoice.push(e.program);
    }
    context.firstChoicePrograms = firstChoice;
    if (program) context.sentToProgram = season.filter((e) => sameProgram(e.program, program)).length;
  }
  if (settings?.disabledRules.length) context.disabledRules = [...settings.disabledRules];
  return context;
}
