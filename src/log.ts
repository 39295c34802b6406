import { pino } from "pino";
import type { RuntimeLog } from "./runtime.js";

/** Longest error message kept in a log line. */
const ERROR_MESSAGE_MAX = 300;

/**
 * An error as a log line may show it: type, message, code, HTTP status and call stack — never the request
 * body, form data or response a platform error carries (they can hold a draft or a question).
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: typeof err === "string" ? err.slice(0, ERROR_MESSAGE_MAX) : "non-error thrown" };
  const e = err as Error & { code?: unknown; status?: unknown };
  return {
    type: e.name,
    message: String(e.message).slice(0, ERROR_MESSAGE_MAX),
    ...(typeof e.code === "string" || typeof e.code === "number" ? { code: e.code } : {}),
    ...(typeof e.status === "number" ? { status: e.status } : {}),
    ...(e.stack ? { stack: e.stack.split("\n").slice(1).join("\n") } : {}),
  };
}

/** The server's structured log: JSON lines on stderr, level from LOG_LEVEL (default info). Never given a user's text. */
export function createServerLog(level = process.env.LOG_LEVEL ?? "info"): RuntimeLog & { warn(fields: Record<string, unknown>, message: string): void; flush(cb?: (err?: Error) => void): void } {
  const destination = pino.destination({ dest: 2, sync: false });
  // A closed stderr must not crash the process, break the reply being logged, or keep the process from exiting.
  destination.on("error", () => {});
  const safe = {
    write(line: string) {
      try {
        destination.write(line);
      } catch {
        // The log line is lost; the answer it describes is not.
      }
      return true;
    },
    flush(cb?: (err?: Error) => void) {
      try {
        destination.flush(cb);
      } catch (err) {
        cb?.(err as Error);
      }
    },
  };
  return pino({ level, base: { service: "matchguide" }, serializers: { err: serializeError } }, safe);
}
