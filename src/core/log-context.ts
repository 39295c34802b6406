import type { CheckContext } from "./checker/check.js";
import type { CommandContext } from "./command.js";

/** What the caller's log and server settings add to a /check (empty when there is no store). */
export async function logContextFor(_ctx: CommandContext, _program: string | undefined): Promise<CheckContext> {
  return {};
}
