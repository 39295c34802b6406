/** The storage port the core and commands use; `src/store/` implements it over keyv. */

export const LOG_KINDS = ["first-choice", "thank-you", "interest", "update", "visa-inquiry", "other"] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** One message the applicant logged as sent to a program. */
export interface LogEntry {
  id: string;
  program: string;
  kind: LogKind;
  /** YYYY-MM-DD */
  date: string;
}

/** A user's private data, keyed by the caller id. */
export interface Store {
  listLog(userId: string): Promise<LogEntry[]>;
  addLog(userId: string, entry: Omit<LogEntry, "id">): Promise<LogEntry>;
  removeLog(userId: string, id: string): Promise<boolean>;
  clearUser(userId: string): Promise<void>;
  close(): Promise<void>;
}
