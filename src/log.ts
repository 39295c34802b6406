import { pino } from "pino";
import type { RuntimeLog } from "./runtime.js";

/** The server's structured log: JSON lines on stderr, level from LOG_LEVEL (default info). Never given a user's text. */
export function createServerLog(level = process.env.LOG_LEVEL ?? "info"): RuntimeLog & { warn(fields: Record<string, unknown>, message: string): void; flush(): void } {
  return pino({ level, base: { service: "matchguide" } }, pino.destination({ dest: 2, sync: false }));
}
