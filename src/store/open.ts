import { resolve } from "node:path";
import { UserError } from "../core/errors.js";
import { MESSAGES } from "../core/messages.js";
import type { Store, StoreStatus } from "../core/store.js";
import { createStore, memoryLimits, STORE_TIMEOUT_MS } from "./store.js";

/** The store used when `STORE_URL` is not set. */
export const DEFAULT_STORE_URL = "sqlite://data/matchguide.sqlite";

/** A `STORE_URL` that names no supported store. */
export class StoreConfigError extends Error {}

/** What a `STORE_URL` points at. */
export interface StoreTarget {
  kind: StoreStatus["kind"];
  url: string;
  /** SQLite: the database file (absolute), or `:memory:`. */
  file?: string;
}

/** Reads `sqlite://<path>`, `redis://…` / `rediss://…` or `postgres://…` / `postgresql://…`; throws StoreConfigError otherwise. */
export function parseStoreUrl(url: string = DEFAULT_STORE_URL, cwd = process.cwd()): StoreTarget {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed)?.[1].toLowerCase();
  if (scheme === "sqlite") {
    const path = trimmed.slice("sqlite://".length);
    if (!path) throw new StoreConfigError("STORE_URL: sqlite:// needs a file path, e.g. sqlite://data/matchguide.sqlite");
    const file = path === ":memory:" ? path : resolve(cwd, path);
    return { kind: "sqlite", url: `sqlite://${file}`, file };
  }
  if (scheme === "redis" || scheme === "rediss") return { kind: "redis", url: trimmed };
  if (scheme === "postgres" || scheme === "postgresql") return { kind: "postgres", url: trimmed };
  throw new StoreConfigError("STORE_URL: must start with sqlite://, redis:// or postgres://");
}

/** Opens the store a `STORE_URL` names, loading only that driver. Connection problems surface per operation, never here. */
export async function openStore(url?: string, options: { timeoutMs?: number } = {}): Promise<Store> {
  const target = parseStoreUrl(url);
  const backend =
    target.kind === "sqlite"
      ? await (await import("./sqlite.js")).openSqliteBackend(target.file!, target.url)
      : target.kind === "redis"
        ? await (await import("./redis.js")).openRedisBackend(target.url)
        : await (await import("./postgres.js")).openPostgresBackend(target.url, options.timeoutMs ?? STORE_TIMEOUT_MS);
  return createStore(backend, options);
}

/**
 * A store that opens on its first use (the CLI pays for a driver only when a command touches the
 * store). The URL is checked at once; a store that fails to open answers `store-unavailable`, and its
 * rate limits and replay checks fall back to this process's memory.
 */
export function lazyStore(url?: string, options: { timeoutMs?: number } = {}): Store {
  const target = parseStoreUrl(url);
  let opening: Promise<Store> | undefined;
  const memory = memoryLimits();
  const open = () =>
    (opening ??= openStore(target.url, options).catch(() => {
      opening = undefined;
      throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
    }));
  return {
    listLog: async (u) => (await open()).listLog(u),
    addLog: async (u, e, k) => (await open()).addLog(u, e, k),
    removeLog: async (u, id) => (await open()).removeLog(u, id),
    clearUser: async (u) => (await open()).clearUser(u),
    getSettings: async (s) => (await open()).getSettings(s),
    saveSettings: async (s, v) => (await open()).saveSettings(s, v),
    keepDraft: async (u, t, k, ms) => (await open()).keepDraft(u, t, k, ms),
    takeDraft: async (u, t) => (await open()).takeDraft(u, t),
    consume: (u, l, strict) => open().then((s) => s.consume(u, l, strict), () => memory.consume(u, l)),
    claimOnce: (k, t) => open().then((s) => s.claimOnce(k, t), () => memory.claimOnce(k, t)),
    sweepExpired: async () => (await open()).sweepExpired(),
    status: async () => (await open().catch(() => null))?.status() ?? { kind: target.kind, ok: false, errors: 1, settingsCached: 0 },
    async close() {
      const store = await opening?.catch(() => null);
      await store?.close();
    },
  };
}
