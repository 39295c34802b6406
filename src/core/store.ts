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

/** Commands whose reply visibility a server may choose. */
export const VISIBILITY_COMMANDS = ["ask", "template"] as const;
export type VisibilityCommand = (typeof VISIBILITY_COMMANDS)[number];

/** What a server's admins chose for their members. */
export interface ServerSettings {
  visibility: Record<VisibilityCommand, Visibility>;
  /** An extra line under answers (e.g. "Ask in #mentors before sending"). */
  disclaimer?: string;
  /** tip/warning rule ids turned off (violations cannot be). */
  disabledRules: string[];
}

/** The settings of a server nobody has configured. */
export function defaultSettings(): ServerSettings {
  return { visibility: { ask: "private", template: "private" }, disabledRules: [] };
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
}

/**
 * A user's private data and a server's settings. Every method rejects with
 * `UserError("store-unavailable")` when the store does not answer; nothing is half-written
 * (each change is one write of one key).
 */
export interface Store {
  listLog(userId: string): Promise<LogEntry[]>;
  /** Adds an entry; a program already in the log keeps the name it was first logged under. */
  addLog(userId: string, entry: Omit<LogEntry, "id">): Promise<LogEntry>;
  removeLog(userId: string, id: string): Promise<boolean>;
  /** Deletes everything kept for the user (log and rate-limit counter). */
  clearUser(userId: string): Promise<void>;
  getSettings(serverId: string): Promise<ServerSettings>;
  saveSettings(serverId: string, settings: ServerSettings): Promise<void>;
  /**
   * Keeps a draft for the user's "Apply fixes" button under `token`, expiring after `ttlMs` (at most DRAFT_KEEP_MS).
   * It lives under its own key (`draft:<user>:<token>`) in the store's keyv namespace, never in a log.
   */
  keepDraft(userId: string, token: string, kept: KeptDraft, ttlMs: number): Promise<void>;
  /** Returns the kept draft and deletes it (a button works once); undefined when it expired or never was. */
  takeDraft(userId: string, token: string): Promise<KeptDraft | undefined>;
  /** Counts one command for the user in the current fixed window: the count so far and when the window ends. */
  hit(userId: string, windowMs: number, now: Date): Promise<{ count: number; resetInMs: number }>;
  status(): Promise<StoreStatus>;
  /** Deletes expired entries (rate-limit windows) that nobody read again; Redis expires them itself. */
  sweepExpired(): Promise<void>;
  close(): Promise<void>;
}

/** The settings key of the caller's server, namespaced per platform (`discord:<guild>`, `slack:<team>`); undefined outside a server. */
export function serverKeyOf(caller: { platform: string; serverId?: string }): string | undefined {
  return caller.serverId ? `${caller.platform}:${caller.serverId}` : undefined;
}

const SUFFIXES = new Set(["program", "programme", "residency", "the"]);
const ABBREVIATIONS: Record<string, string> = {
  im: "internal medicine",
  fm: "family medicine",
  em: "emergency medicine",
  peds: "pediatrics",
  paeds: "pediatrics",
  psych: "psychiatry",
  gs: "general surgery",
  obgyn: "obstetrics gynecology",
  neuro: "neurology",
  med: "medicine",
  univ: "university",
  u: "university",
  st: "saint",
  hosp: "hospital",
  ctr: "center",
  centre: "center",
};

/**
 * The comparison key of a program name: case, accents, punctuation, spacing, "the", common
 * abbreviations (IM, Peds…) and trailing "Program"/"Residency" do not matter.
 */
export function programKey(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w !== "")
    .flatMap((w) => (ABBREVIATIONS[w] ?? w).split(" "));
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1])) words.pop();
  while (words.length > 1 && words[0] === "the") words.shift();
  return words.join(" ");
}

/** Whether two program names mean the same program (loosely, see `programKey`). */
export function sameProgram(a: string, b: string): boolean {
  return programKey(a) === programKey(b);
}
