import { randomBytes } from "node:crypto";
import type Keyv from "keyv";
import { UserError } from "../core/errors.js";
import { MESSAGES } from "../core/messages.js";
import {
  DRAFT_KEEP_MS,
  defaultSettings,
  type KeptDraft,
  sameProgram,
  type LogEntry,
  type ServerSettings,
  type Store,
  type StoreStatus,
} from "../core/store.js";

/** Longest a store operation may take before the bot answers without it. */
export const STORE_TIMEOUT_MS = 2_000;

/** How long a server's settings are reused before they are read again (changes from other replicas show up within it). */
export const SETTINGS_CACHE_MS = 5_000;

/** Key names inside the keyv namespace; user and server ids are already platform-namespaced. */
export const KEYS = {
  log: (userId: string) => `log:${userId}`,
  rate: (userId: string) => `rate:${userId}`,
  settings: (serverId: string) => `settings:${serverId}`,
  draft: (userId: string, token: string) => `draft:${userId}:${token}`,
  health: "health",
} as const;

interface RateWindow {
  start: number;
  count: number;
}

/** How long an in-memory rate-limit window is kept after it starts (longer than any window in use). */
const RATE_WINDOW_KEEP_MS = 10 * 60_000;

/** Counts one command in the caller's current window (a new window when the last one ended). */
function nextWindow(saved: RateWindow | undefined, windowMs: number, now: Date, save: (w: RateWindow) => void): { count: number; resetInMs: number } {
  const t = now.getTime();
  const current = saved && t >= saved.start && t - saved.start < windowMs ? saved : { start: t, count: 0 };
  const next = { start: current.start, count: current.count + 1 };
  save(next);
  return { count: next.count, resetInMs: Math.max(1, current.start + windowMs - t) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`store operation timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isLogEntry(v: unknown): v is LogEntry {
  const e = v as LogEntry;
  return typeof e === "object" && e !== null && typeof e.id === "string" && typeof e.program === "string" && typeof e.kind === "string" && typeof e.date === "string";
}

function byDate(a: LogEntry, b: LogEntry): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** What `createKeyvStore` needs besides the keyv instance. */
export interface KeyvStoreOptions {
  kind: StoreStatus["kind"];
  /** Closes driver resources keyv does not own (e.g. a Redis client). */
  close?: () => Promise<void>;
  timeoutMs?: number;
}

/**
 * The Store over one keyv instance. keyv `error` events are counted, every operation is bounded
 * by a timeout, and any failure becomes `UserError("store-unavailable")`. Writes to one user's log
 * are serialised in this process.
 */
export function createKeyvStore(keyv: Keyv, options: KeyvStoreOptions): Store {
  const timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  let errors = 0;
  keyv.on("error", () => {
    errors++;
  });
  const locks = new Map<string, Promise<unknown>>();

  async function guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await withTimeout(op(), timeoutMs);
    } catch (err) {
      if (err instanceof UserError) throw err;
      errors++;
      throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
    }
  }

  /** Runs read-modify-write operations on one key one after another. */
  function serial<T>(key: string, op: () => Promise<T>): Promise<T> {
    const before = locks.get(key) ?? Promise.resolve();
    const run = before.then(op, op);
    const settled = run.catch(() => undefined);
    locks.set(key, settled);
    void settled.then(() => {
      if (locks.get(key) === settled) locks.delete(key);
    });
    return run;
  }

  /** Writes one key; keyv resolves false when the adapter swallowed a failure. */
  async function put(key: string, value: unknown, ttl?: number): Promise<void> {
    if (!(await keyv.set(key, value, ttl))) throw new Error(`store write of ${key.split(":")[0]} failed`);
  }

  const settingsCache = new Map<string, { value: Promise<ServerSettings>; until: number }>();
  // SQLite serves one machine, so one bot process: its rate-limit windows live in that process's memory
  // (a disk write per command capped throughput at a few hundred replies a second). Shared stores keep them.
  const localWindows = new Map<string, RateWindow>();
  if (options.kind === "sqlite") {
    const prune = setInterval(() => {
      const t = Date.now();
      for (const [user, w] of localWindows) if (t - w.start > RATE_WINDOW_KEEP_MS) localWindows.delete(user);
    }, RATE_WINDOW_KEEP_MS);
    prune.unref();
  }

  function readSettings(serverId: string): Promise<ServerSettings> {
    return guard(async () => {
      const saved = (await keyv.get(KEYS.settings(serverId))) as Partial<ServerSettings> | undefined;
      const base = defaultSettings();
      if (!saved || typeof saved !== "object") return base;
      return {
        visibility: { ...base.visibility, ...saved.visibility },
        ...(typeof saved.disclaimer === "string" && saved.disclaimer ? { disclaimer: saved.disclaimer } : {}),
        disabledRules: Array.isArray(saved.disabledRules) ? saved.disabledRules.filter((r) => typeof r === "string") : [],
      };
    });
  }

  async function readLog(userId: string): Promise<LogEntry[]> {
    const value: unknown = await keyv.get(KEYS.log(userId));
    return Array.isArray(value) ? value.filter(isLogEntry) : [];
  }

  return {
    listLog: (userId) => guard(async () => (await readLog(userId)).sort(byDate)),
    addLog: (userId, entry) =>
      guard(() =>
        serial(KEYS.log(userId), async () => {
          const entries = await readLog(userId);
          const known = entries.find((e) => sameProgram(e.program, entry.program));
          const added: LogEntry = { id: randomBytes(4).toString("hex"), ...entry, program: known?.program ?? entry.program.trim() };
          await put(KEYS.log(userId), [...entries, added]);
          return added;
        }),
      ),
    removeLog: (userId, id) =>
      guard(() =>
        serial(KEYS.log(userId), async () => {
          const entries = await readLog(userId);
          const kept = entries.filter((e) => e.id !== id);
          if (kept.length === entries.length) return false;
          if (kept.length) await put(KEYS.log(userId), kept);
          else await keyv.delete(KEYS.log(userId));
          return true;
        }),
      ),
    clearUser: (userId) =>
      guard(() =>
        serial(KEYS.log(userId), async () => {
          await keyv.delete(KEYS.log(userId));
          await keyv.delete(KEYS.rate(userId));
          localWindows.delete(userId);
        }),
      ),
    getSettings: (serverId) => {
      const cached = settingsCache.get(serverId);
      if (cached && cached.until > Date.now()) return cached.value;
      const value = readSettings(serverId);
      settingsCache.set(serverId, { value, until: Date.now() + SETTINGS_CACHE_MS });
      value.catch(() => settingsCache.delete(serverId));
      return value;
    },
    saveSettings: (serverId, settings) =>
      guard(async () => {
        await put(KEYS.settings(serverId), settings);
        settingsCache.set(serverId, { value: Promise.resolve(settings), until: Date.now() + SETTINGS_CACHE_MS });
      }),
    keepDraft: (userId, token, kept, ttlMs) =>
      guard(() => put(KEYS.draft(userId, token), { draft: kept.draft, ...(kept.program ? { program: kept.program } : {}) }, Math.min(ttlMs, DRAFT_KEEP_MS))),
    takeDraft: (userId, token) =>
      guard(() =>
        serial(KEYS.draft(userId, token), async () => {
          const value = (await keyv.get(KEYS.draft(userId, token))) as Partial<KeptDraft> | undefined;
          if (!value || typeof value.draft !== "string") return undefined;
          await keyv.delete(KEYS.draft(userId, token));
          return { draft: value.draft, ...(typeof value.program === "string" ? { program: value.program } : {}) };
        }),
      ),
    hit: (userId, windowMs, now) => {
      if (options.kind === "sqlite") return Promise.resolve(nextWindow(localWindows.get(userId), windowMs, now, (w) => localWindows.set(userId, w)));
      return guard(() =>
        serial(KEYS.rate(userId), async () => {
          const saved = (await keyv.get(KEYS.rate(userId))) as RateWindow | undefined;
          let written: RateWindow | undefined;
          const result = nextWindow(saved, windowMs, now, (w) => (written = w));
          await put(KEYS.rate(userId), written, result.resetInMs);
          return result;
        }),
      );
    },
    async status() {
      const ok = await guard(async () => {
        await keyv.get(KEYS.health);
        return true;
      }).catch(() => false);
      return { kind: options.kind, ok, errors };
    },
    async sweepExpired() {
      if (options.kind === "redis" || !keyv.iterator) return;
      const iterate = keyv.iterator;
      await guard(async () => {
        for await (const _entry of iterate(undefined)) {
          // keyv's iterator deletes each expired entry it meets.
        }
      });
    },
    async close() {
      await Promise.allSettled([keyv.disconnect(), options.close?.()]);
    },
  };
}
