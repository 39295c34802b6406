import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type Keyv from "keyv";
import { UserError } from "../core/errors.js";
import { MESSAGES } from "../core/messages.js";
import type { Store, StoreStatus } from "../core/store.js";
import { createKeyvStore, STORE_TIMEOUT_MS } from "./store.js";

/** The store used when `STORE_URL` is not set. */
export const DEFAULT_STORE_URL = "sqlite://data/matchguide.sqlite";

/** The keyv namespace every key lives under. */
export const NAMESPACE = "matchguide";

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

/** How long connecting to Redis or Postgres may take before an operation fails. */
const CONNECT_TIMEOUT_MS = 1_000;

/** Creates a folder and its missing parents one by one (Node's recursive mkdir can spin forever under /proc). */
function makeFolders(folder: string): void {
  const missing: string[] = [];
  let at = folder;
  while (!existsSync(at) && dirname(at) !== at) {
    missing.unshift(at);
    at = dirname(at);
  }
  for (const f of missing) mkdirSync(f);
}

async function openSqlite(target: StoreTarget): Promise<{ keyv: Keyv; close?: () => Promise<void> }> {
  if (target.file && target.file !== ":memory:") makeFolders(dirname(target.file));
  const [{ default: KeyvClass }, { default: KeyvSqlite }] = await Promise.all([import("keyv"), import("@keyv/sqlite")]);
  const adapter = new KeyvSqlite({ uri: target.url, busyTimeout: STORE_TIMEOUT_MS });
  // Write-ahead logging with NORMAL sync: a write no longer waits for a full fsync (about 70 → thousands
  // of writes a second here), and a crash can lose at most the last moments, never corrupt the file.
  if (target.file !== ":memory:") await adapter.query("PRAGMA journal_mode=WAL").catch(() => {});
  await adapter.query("PRAGMA synchronous=NORMAL").catch(() => {});
  return { keyv: new KeyvClass({ store: adapter, namespace: NAMESPACE, throwOnErrors: true }) };
}

async function openRedis(target: StoreTarget): Promise<{ keyv: Keyv; close?: () => Promise<void> }> {
  const [{ default: KeyvClass }, { default: KeyvRedis, createClient }] = await Promise.all([import("keyv"), import("@keyv/redis")]);
  // Offline commands fail at once instead of queueing. A server that never answered fails the
  // operation at once (the next one tries again); one that went away is retried in the background.
  let connectedOnce = false;
  const client = createClient({
    url: target.url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (attempt: number, cause: Error) => (connectedOnce ? Math.min(100 * 2 ** attempt, 2_000) : cause),
    },
  });
  client.on("ready", () => {
    connectedOnce = true;
  });
  client.on("error", () => {});
  const adapter = new KeyvRedis(client, {
    namespace: NAMESPACE,
    throwOnConnectError: true,
    throwOnErrors: true,
    connectionTimeout: CONNECT_TIMEOUT_MS,
  });
  return { keyv: new KeyvClass({ store: adapter, namespace: NAMESPACE, useKeyPrefix: false, throwOnErrors: true }) };
}

async function openPostgres(target: StoreTarget): Promise<{ keyv: Keyv; close?: () => Promise<void> }> {
  const [{ default: KeyvClass }, { createPostgresAdapter }] = await Promise.all([import("keyv"), import("./postgres.js")]);
  const { adapter, close } = await createPostgresAdapter(target.url, CONNECT_TIMEOUT_MS);
  return { keyv: new KeyvClass({ store: adapter, namespace: NAMESPACE, throwOnErrors: true }), close };
}

/** Opens the store a `STORE_URL` names, loading only that driver. Connection problems surface per operation, never here. */
export async function openStore(url?: string): Promise<Store> {
  const target = parseStoreUrl(url);
  const opened = target.kind === "sqlite" ? await openSqlite(target) : target.kind === "redis" ? await openRedis(target) : await openPostgres(target);
  return createKeyvStore(opened.keyv, { kind: target.kind, ...(opened.close ? { close: opened.close } : {}) });
}

/**
 * A store that opens on its first use (the CLI pays for a driver only when a command touches the
 * store). The URL is checked at once; a store that fails to open answers `store-unavailable`.
 */
export function lazyStore(url?: string): Store {
  const target = parseStoreUrl(url);
  let opening: Promise<Store> | undefined;
  const open = () =>
    (opening ??= openStore(target.url).catch(() => {
      opening = undefined;
      throw new UserError("store-unavailable", MESSAGES.storeUnavailable);
    }));
  return {
    listLog: async (u) => (await open()).listLog(u),
    addLog: async (u, e) => (await open()).addLog(u, e),
    removeLog: async (u, id) => (await open()).removeLog(u, id),
    clearUser: async (u) => (await open()).clearUser(u),
    getSettings: async (s) => (await open()).getSettings(s),
    saveSettings: async (s, v) => (await open()).saveSettings(s, v),
    hit: async (u, w, n) => (await open()).hit(u, w, n),
    keepDraft: async (u, t, k, ms) => (await open()).keepDraft(u, t, k, ms),
    takeDraft: async (u, t) => (await open()).takeDraft(u, t),
    sweepExpired: async () => (await open()).sweepExpired(),
    status: async () => (await open().catch(() => null))?.status() ?? { kind: target.kind, ok: false, errors: 1 },
    async close() {
      const store = await opening?.catch(() => null);
      await store?.close();
    },
  };
}
