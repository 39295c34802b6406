import { existsSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { LogEntry } from "../core/store.js";
import { LOG_MAX_ENTRIES } from "../core/store.js";
import { legacyEntries, LEGACY_LOG_PREFIX, NAMESPACE, STORE_TIMEOUT_MS, type Backend } from "./store.js";

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

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE}_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, id TEXT NOT NULL,
     program TEXT NOT NULL, program_key TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, UNIQUE (user_id, id))`,
  `CREATE INDEX IF NOT EXISTS ${NAMESPACE}_log_program ON ${NAMESPACE}_log (user_id, program_key)`,
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE}_seen (key TEXT PRIMARY KEY, expires INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE}_draft (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER NOT NULL)`,
];

/** One statement, so one transaction: the cap, the id and the program's first name are read where the row is written. */
const ADD = `INSERT INTO ${NAMESPACE}_log (user_id, id, program, program_key, kind, date)
  SELECT ?1, ?2, COALESCE((SELECT program FROM ${NAMESPACE}_log WHERE user_id = ?1 AND program_key = ?4 ORDER BY seq LIMIT 1), ?3), ?4, ?5, ?6
  WHERE (SELECT count(*) FROM ${NAMESPACE}_log WHERE user_id = ?1) < ?7
  ON CONFLICT (user_id, id) DO NOTHING`;
const LIST = `SELECT id, program, kind, date FROM ${NAMESPACE}_log WHERE user_id = ? ORDER BY seq`;
const CLAIM = `INSERT INTO ${NAMESPACE}_seen (key, expires) VALUES (?1, ?2)
  ON CONFLICT (key) DO UPDATE SET expires = excluded.expires WHERE ${NAMESPACE}_seen.expires < ?3 RETURNING key`;

/** Moves logs kept the old way (one keyv value per user) into the log table, keeping their ids; safe to repeat. */
async function moveLegacyLogs(query: (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>): Promise<void> {
  const prefix = `${NAMESPACE}:${LEGACY_LOG_PREFIX}`;
  const old = await query("SELECT key, value FROM keyv WHERE key LIKE ?", `${prefix}%`).catch(() => []);
  for (const row of old) {
    const userId = String(row.key).slice(prefix.length);
    for (const e of legacyEntries(row.value)) await query(ADD, userId, e.id, e.program, e.programKey, e.kind, e.date, LOG_MAX_ENTRIES);
    await query("DELETE FROM keyv WHERE key = ?", row.key);
  }
}

/**
 * SQLite (one machine): keyv's SQLite adapter for settings, and over its connection a table with one row per
 * log entry. Deleted rows are overwritten (`secure_delete`) and a clear checkpoints and truncates the WAL,
 * so a cleared log is not left readable in the file or its WAL. Rate limits live in this process's memory.
 */
export async function openSqliteBackend(file: string, url: string): Promise<Backend> {
  if (file !== ":memory:") makeFolders(dirname(file));
  const [{ default: Keyv }, { default: KeyvSqlite }, { RateLimiterMemory }] = await Promise.all([
    import("keyv"),
    import("@keyv/sqlite"),
    import("rate-limiter-flexible"),
  ]);
  const adapter = new KeyvSqlite({ uri: url, busyTimeout: STORE_TIMEOUT_MS });
  let driverErrors = 0;
  const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, throwOnErrors: true });
  keyv.on("error", () => driverErrors++);
  const query = (sql: string, ...params: unknown[]) => adapter.query(sql, ...params) as Promise<Record<string, unknown>[]>;
  // Write-ahead logging with NORMAL sync: a write no longer waits for a full fsync, and a crash can lose at
  // most the last moments, never corrupt the file.
  if (file !== ":memory:") await query("PRAGMA journal_mode=WAL");
  await query("PRAGMA synchronous=NORMAL");
  await query("PRAGMA secure_delete=ON");
  for (const statement of SCHEMA) await query(statement);
  await moveLegacyLogs(query);
  const rows = async (userId: string): Promise<LogEntry[]> => (await query(LIST, userId)) as unknown as LogEntry[];
  return {
    kind: "sqlite",
    listLog: rows,
    async addLog(userId, e, max) {
      await query(ADD, userId, e.id, e.program, e.programKey, e.kind, e.date, max);
      return rows(userId);
    },
    async removeLog(userId, id) {
      return (await query(`DELETE FROM ${NAMESPACE}_log WHERE user_id = ? AND id = ? RETURNING id`, userId, id)).length > 0;
    },
    async clearLog(userId) {
      const gone = await query(`DELETE FROM ${NAMESPACE}_log WHERE user_id = ? RETURNING id`, userId);
      if (file !== ":memory:") await query("PRAGMA wal_checkpoint(TRUNCATE)");
      return gone.length;
    },
    async claim(key, ttlMs) {
      const now = Date.now();
      return (await query(CLAIM, key, now + ttlMs, now)).length > 0;
    },
    async putDraft(key, value, ttlMs) {
      await query(`INSERT OR REPLACE INTO ${NAMESPACE}_draft (key, value, expires) VALUES (?, ?, ?)`, key, JSON.stringify(value), Date.now() + ttlMs);
    },
    async takeDraft(key) {
      // One statement: of two presses of one button, only one gets the draft.
      const [row] = (await query(`DELETE FROM ${NAMESPACE}_draft WHERE key = ? RETURNING value, expires`, key)) as { value: string; expires: number }[];
      return row && Number(row.expires) >= Date.now() ? JSON.parse(row.value) : undefined;
    },
    readSettings: (serverId) => keyv.get(`settings:${serverId}`),
    async writeSettings(serverId, settings) {
      if (!(await keyv.set(`settings:${serverId}`, settings))) throw new Error("store write of settings failed");
    },
    async ready() {},
    async ping() {
      await query("SELECT 1");
    },
    limiter: ({ points, duration, insuranceLimiter }) => insuranceLimiter ?? new RateLimiterMemory({ points, duration }),
    async sweepExpired() {
      await query(`DELETE FROM ${NAMESPACE}_seen WHERE expires < ?`, Date.now());
      await query(`DELETE FROM ${NAMESPACE}_draft WHERE expires < ?`, Date.now());
    },
    driverErrors: () => driverErrors,
    close: () => keyv.disconnect(),
  };
}
