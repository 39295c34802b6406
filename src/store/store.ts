import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { RateLimiterMemory, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from "rate-limiter-flexible";
import { UserError } from "../core/errors.js";
import { MESSAGES } from "../core/messages.js";
import { programKey } from "../core/programs.js";
import {
  DRAFT_KEEP_MS,
  defaultSettings,
  type KeptDraft,
  LOG_MAX_ENTRIES,
  type LogEntry,
  type RateLimit,
  type RateVerdict,
  type ServerSettings,
  type Store,
  type StoreStatus,
} from "../core/store.js";

/** Longest a store operation (or a rate-limit count on a shared store) may take before the bot answers without it (STORE_TIMEOUT_MS). */
export const STORE_TIMEOUT_MS = 2_000;

/** Longest a replay check may take, as a share of the store timeout, before this process's own memory of seen ids decides alone. */
const CLAIM_TIMEOUT_SHARE = 0.25;

/** How long a server's settings are reused before they are read again (changes from other replicas show up within it). */
export const SETTINGS_CACHE_MS = 5_000;

/** Most servers whose settings one process keeps in memory (least recently used go first). */
export const SETTINGS_CACHE_MAX = 5_000;

/** Where a draft kept for the "Apply fixes" button lives: its own key, never in a log (user ids are platform-namespaced). */
export const draftKey = (userId: string, token: string) => `draft:${userId}:${token}`;

/** Most claimed ids one process remembers by itself (the store keeps them all for their whole life). */
export const CLAIM_CACHE_MAX = 5_000;

/** The namespace every key and table lives under. */
export const NAMESPACE = "matchguide";

/** An entry as a backend stores it: with the program's identity key (see core/programs.ts). */
export interface StoredEntry extends LogEntry {
  programKey: string;
}

/** What one backend (SQLite, Redis, Postgres) does; each write is one atomic step of that backend. */
export interface Backend {
  kind: StoreStatus["kind"];
  /** The user's entries in the order they were added. */
  listLog(userId: string): Promise<LogEntry[]>;
  /**
   * In one atomic step: stores `entry` unless its id is already there or the log holds `max` entries, naming
   * the program as the log first named that programKey. Returns the log afterwards, in the order added.
   */
  addLog(userId: string, entry: StoredEntry, max: number): Promise<LogEntry[]>;
  removeLog(userId: string, id: string): Promise<boolean>;
  /** Deletes the user's log in one step so that nothing of it stays readable; returns how many entries went. */
  clearLog(userId: string): Promise<number>;
  /** True when `key` was not claimed within its life; claims it for `ttlMs`. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Keeps a value under `key` for `ttlMs` (a draft for the "Apply fixes" button). */
  putDraft(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Returns the value under `key` and deletes it in the same step (so a button works once); undefined when expired or absent. */
  takeDraft(key: string): Promise<unknown>;
  readSettings(serverId: string): Promise<unknown>;
  writeSettings(serverId: string, settings: ServerSettings): Promise<void>;
  ping(): Promise<void>;
  /** Resolves once the backend can take commands (connected, tables created). */
  ready(): Promise<void>;
  /** A rate limiter over this backend (atomic where the backend is shared). */
  limiter(options: { points: number; duration: number; keyPrefix: string; insuranceLimiter?: RateLimiterMemory }): RateLimiterAbstract;
  sweepExpired(): Promise<void>;
  /** Driver errors seen outside operations (keyv `error` events, a pool losing a connection). */
  driverErrors(): number;
  close(): Promise<void>;
}

/** Where logs lived before each entry became its own row or hash field: one keyv value per user, `log:<user id>`. */
export const LEGACY_LOG_PREFIX = "log:";

/** The entries of a log kept the old way (a keyv-serialised array), ready to be stored again with their ids. */
export function legacyEntries(serialized: unknown): StoredEntry[] {
  let parsed: unknown;
  try {
    parsed = typeof serialized === "string" ? JSON.parse(serialized) : serialized;
  } catch {
    return [];
  }
  const value = (parsed as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is LogEntry => typeof e?.id === "string" && typeof e.program === "string" && typeof e.kind === "string" && typeof e.date === "string")
    .map((e) => ({ id: e.id, program: e.program, kind: e.kind, date: e.date, programKey: programKey(e.program) }));
}

class StoreTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeout(`store operation timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function byDate(a: LogEntry, b: LogEntry): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** The id an entry gets: derived from the request's key (so a retry finds its own entry), or random. */
export function entryIdFor(requestKey?: string): string {
  return requestKey ? createHash("sha256").update(requestKey).digest("hex").slice(0, 16) : randomBytes(8).toString("hex");
}

function settingsFrom(saved: unknown): ServerSettings {
  const base = defaultSettings();
  if (!saved || typeof saved !== "object") return base;
  const s = saved as Partial<ServerSettings>;
  return {
    visibility: { ...base.visibility, ...s.visibility },
    ...(typeof s.disclaimer === "string" && s.disclaimer ? { disclaimer: s.disclaimer } : {}),
    disabledRules: Array.isArray(s.disabledRules) ? s.disabledRules.filter((r) => typeof r === "string") : [],
  };
}

/** Counts one command on a limiter: allowed, or refused with the time until a place frees up. */
async function consumeOn(limiter: RateLimiterAbstract, userId: string, onError: () => void): Promise<RateVerdict> {
  try {
    const res = await limiter.consume(userId);
    return { allowed: true, resetInMs: res.msBeforeNext };
  } catch (err) {
    if (err instanceof RateLimiterRes) return { allowed: false, resetInMs: Math.max(1, err.msBeforeNext) };
    onError();
    return { allowed: true, resetInMs: 0 };
  }
}

function memoryLimiter(limit: RateLimit): RateLimiterMemory {
  return new RateLimiterMemory({ points: limit.max, duration: Math.max(1, Math.ceil(limit.windowMs / 1000)) });
}

/** Rate limits and replay checks in this process's memory alone (bounded), for a store that cannot open. */
export function memoryLimits(): Pick<Store, "consume" | "claimOnce"> {
  const limiters = new Map<string, RateLimiterMemory>();
  const claimed = new LRUCache<string, true>({ max: CLAIM_CACHE_MAX, ttl: 15 * 60_000 });
  return {
    consume(userId, limit) {
      const id = `${limit.max}/${limit.windowMs}`;
      if (!limiters.has(id)) limiters.set(id, memoryLimiter(limit));
      return consumeOn(limiters.get(id)!, userId, () => {});
    },
    async claimOnce(key, ttlMs) {
      if (claimed.has(key)) return false;
      claimed.set(key, true, { ttl: ttlMs });
      return true;
    },
  };
}

/**
 * The Store over one backend. Every operation is bounded by a timeout; a read that fails becomes
 * `store-unavailable`, a write that was sent but not confirmed in time `store-unconfirmed` (it may have
 * landed). Rate limits come from rate-limiter-flexible with an in-memory insurance limiter.
 */
export function createStore(backend: Backend, options: { timeoutMs?: number } = {}): Store {
  const timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  let errors = 0;

  async function read<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(op(), timeoutMs);
    } catch (err) {
      if (err instanceof UserError) throw err;
      errors++;
      throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
    }
  }

  async function write<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(op(), timeoutMs);
    } catch (err) {
      if (err instanceof UserError) throw err;
      errors++;
      if (err instanceof StoreTimeout) throw new UserError("store-unconfirmed", MESSAGES.storeUnconfirmed);
      throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
    }
  }

  const settings = new LRUCache<string, Promise<ServerSettings>>({ max: SETTINGS_CACHE_MAX, ttl: SETTINGS_CACHE_MS });
  const claimed = new LRUCache<string, true>({ max: CLAIM_CACHE_MAX, ttl: 15 * 60_000 });
  const limiters = new Map<string, { limiter: RateLimiterAbstract; strict: RateLimiterAbstract; insurance: RateLimiterMemory }>();

  /** Per limit: the store's limiter alone (strict), the same counts with a timeout and insurance, and the insurance. */
  function limitersFor(limit: RateLimit) {
    const id = `${limit.max}/${limit.windowMs}`;
    let found = limiters.get(id);
    if (!found) {
      const insurance = memoryLimiter(limit);
      const options = { points: limit.max, duration: insurance.duration, keyPrefix: `${NAMESPACE}:rate` };
      const main = backend.limiter({ ...options, insuranceLimiter: insurance });
      const limiter = main === insurance ? insurance : new RLWrapperTimeouts({ limiter: main, timeoutMs, insuranceLimiter: insurance });
      found = { limiter, strict: main === insurance ? insurance : backend.limiter(options), insurance };
      limiters.set(id, found);
    }
    return found;
  }

  async function consumeStrict(userId: string, limit: RateLimit): Promise<RateVerdict> {
    const strict = limitersFor(limit).strict;
    try {
      return await withTimeout(backend.ready().then(() => strict.consume(userId)), timeoutMs).then((res) => ({ allowed: true, resetInMs: res.msBeforeNext }));
    } catch (err) {
      if (err instanceof RateLimiterRes) return { allowed: false, resetInMs: Math.max(1, err.msBeforeNext) };
      errors++;
      throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
    }
  }

  return {
    listLog: (userId) => read(async () => (await backend.listLog(userId)).sort(byDate)),
    async addLog(userId, entry, requestKey) {
      const program = entry.program.replace(/\s+/g, " ").trim();
      const stored = { id: entryIdFor(requestKey), ...entry, program, programKey: programKey(program) };
      const entries = await write(() => backend.addLog(userId, stored, LOG_MAX_ENTRIES));
      return { added: entries.find((e) => e.id === stored.id) ?? null, entries: entries.sort(byDate) };
    },
    removeLog: (userId, id) => write(() => backend.removeLog(userId, id)),
    clearUser: (userId) =>
      write(async () => {
        const cleared = await backend.clearLog(userId);
        await Promise.all([...limiters.values()].flatMap(({ strict, insurance }) => [strict.delete(userId), insurance.delete(userId)]));
        return cleared;
      }),
    getSettings(serverId) {
      const cached = settings.get(serverId);
      if (cached) return cached;
      const value = read(async () => settingsFrom(await backend.readSettings(serverId)));
      settings.set(serverId, value);
      value.catch(() => settings.delete(serverId));
      return value;
    },
    saveSettings: (serverId, value) =>
      write(async () => {
        await backend.writeSettings(serverId, value);
        settings.set(serverId, Promise.resolve(value));
      }),
    keepDraft: (userId, token, kept, ttlMs) =>
      write(() => backend.putDraft(draftKey(userId, token), { draft: kept.draft, ...(kept.program ? { program: kept.program } : {}) }, Math.min(ttlMs, DRAFT_KEEP_MS))),
    takeDraft: (userId, token) =>
      write(async () => {
        const value = (await backend.takeDraft(draftKey(userId, token))) as Partial<KeptDraft> | undefined;
        if (!value || typeof value.draft !== "string") return undefined;
        return { draft: value.draft, ...(typeof value.program === "string" ? { program: value.program } : {}) };
      }),
    consume: (userId, limit, strict) => (strict ? consumeStrict(userId, limit) : consumeOn(limitersFor(limit).limiter, userId, () => errors++)),
    async claimOnce(key, ttlMs) {
      if (claimed.has(key)) return false;
      claimed.set(key, true, { ttl: ttlMs });
      try {
        return await withTimeout(backend.claim(key, ttlMs), timeoutMs * CLAIM_TIMEOUT_SHARE);
      } catch {
        errors++;
        return true;
      }
    },
    async status() {
      const ok = await read(async () => {
        await backend.ping();
        return true;
      }).catch(() => false);
      return { kind: backend.kind, ok, errors: errors + backend.driverErrors(), settingsCached: settings.size };
    },
    sweepExpired: () => read(() => backend.sweepExpired()),
    close: () => backend.close(),
  };
}
