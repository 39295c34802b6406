/** The storage port the core and commands use; `src/store/` implements it over keyv. */

export const LOG_KINDS = ["first-choice", "thank-you", "interest", "update", "visa-inquiry", "other"] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** Most entries one user's log may hold. */
export const LOG_MAX_ENTRIES = 500;

/** One message the applicant logged as sent to a program. */
export interface LogEntry {
  id: string;
  program: string;
  kind: LogKind;
  /** YYYY-MM-DD */
  date: string;
}

export type Visibility = "private" | "public";

/** What a server's admins chose for their members. */
export interface ServerSettings {
  /** Per command whose privacy is "server": what the admins chose (absent: private). */
  visibility: Partial<Record<string, Visibility>>;
  /** An extra line under answers (e.g. "Ask in #mentors before sending"). */
  disclaimer?: string;
  /** tip/warning rule ids turned off (violations cannot be). */
  disabledRules: string[];
}

/** The settings of a server nobody has configured. */
export function defaultSettings(): ServerSettings {
  return { visibility: {}, disabledRules: [] };
}

/** Longest a draft kept for an "Apply fixes" button lives (the life of an interaction token). */
export const DRAFT_KEEP_MS = 15 * 60_000;

/** A checked draft kept for its "Apply fixes" button: only the text and the program it was checked for. */
export interface KeptDraft {
  draft: string;
  program?: string;
}

/** How the store is doing, for /healthz and metrics. */
export interface StoreStatus {
  kind: "sqlite" | "redis" | "postgres";
  ok: boolean;
  /** keyv `error` events and failed operations since start. */
  errors: number;
  /** Server settings held in this process's cache (bounded). */
  settingsCached: number;
}

/** How many commands one user may run per window. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** What counting one command against a user's limit found. */
export interface RateVerdict {
  allowed: boolean;
  /** Milliseconds until the window frees a place again. */
  resetInMs: number;
}

/** A log after an add: the entry as stored (null when the log was full) and the whole log, oldest first. */
export interface LogAdded {
  added: LogEntry | null;
  entries: LogEntry[];
}

/**
 * A user's private data and a server's settings. Every method rejects with
 * `UserError("store-unavailable")` when the store does not answer, or with `UserError("store-unconfirmed")`
 * when a write was sent but not confirmed in time (it may have landed). Each change is one atomic step
 * of the backend, so two processes never lose each other's writes.
 */
export interface Store {
  listLog(userId: string): Promise<LogEntry[]>;
  /**
   * Adds an entry unless the log already holds LOG_MAX_ENTRIES (checked in the same step); a program already
   * in the log keeps the name it was first logged under. With `requestKey` (the platform's interaction id)
   * a retry or replay of the same request stores nothing twice.
   */
  addLog(userId: string, entry: Omit<LogEntry, "id">, requestKey?: string): Promise<LogAdded>;
  removeLog(userId: string, id: string): Promise<boolean>;
  /** Deletes everything kept for the user (log and rate-limit counter) in one step, leaving nothing readable behind; returns how many entries went. */
  clearUser(userId: string): Promise<number>;
  getSettings(serverId: string): Promise<ServerSettings>;
  saveSettings(serverId: string, settings: ServerSettings): Promise<void>;
  /**
   * Keeps a draft for the user's "Apply fixes" button under `token`, expiring after `ttlMs` (at most DRAFT_KEEP_MS).
   * It lives under its own key (`draft:<user>:<token>`) in the store (a draft table on SQLite, keyv on Redis, the kv table on
   * Postgres, with an expiry), never in a log.
   */
  keepDraft(userId: string, token: string, kept: KeptDraft, ttlMs: number): Promise<void>;
  /** Returns the kept draft and deletes it (a button works once); undefined when it expired or never was. */
  takeDraft(userId: string, token: string): Promise<KeptDraft | undefined>;
  /**
   * Counts one command for the user, atomically across processes on Redis and Postgres. When the store is slow
   * or down an in-memory insurance limiter decides, unless `strict` (a command that changes saved data): then
   * the count must come from the store, or it rejects with `store-unavailable`.
   */
  consume(userId: string, limit: RateLimit, strict?: boolean): Promise<RateVerdict>;
  /** True the first time `key` is claimed within `ttlMs` (across processes; this process alone while the store is down). */
  claimOnce(key: string, ttlMs: number): Promise<boolean>;
  status(): Promise<StoreStatus>;
  /** Deletes expired entries (claimed ids, rate-limit rows) that nobody read again; Redis expires them itself. */
  sweepExpired(): Promise<void>;
  close(): Promise<void>;
}

/** The settings key of the caller's server, namespaced per platform (`discord:<guild>`, `slack:<team>`); undefined outside a server. */
export function serverKeyOf(caller: { platform: string; serverId?: string }): string | undefined {
  return caller.serverId ? `${caller.platform}:${caller.serverId}` : undefined;
}
