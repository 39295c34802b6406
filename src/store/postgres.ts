import type { LogEntry } from "../core/store.js";
import { LOG_MAX_ENTRIES } from "../core/store.js";
import { legacyEntries, LEGACY_LOG_PREFIX, NAMESPACE, type Backend } from "./store.js";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE}_log (seq BIGSERIAL PRIMARY KEY, user_id TEXT NOT NULL, id TEXT NOT NULL,
     program TEXT NOT NULL, program_key TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, UNIQUE (user_id, id))`,
  `CREATE INDEX IF NOT EXISTS ${NAMESPACE}_log_program ON ${NAMESPACE}_log (user_id, program_key)`,
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE}_kv (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires BIGINT)`,
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE}_rate (key VARCHAR(255) PRIMARY KEY, points INTEGER NOT NULL DEFAULT 0, expire BIGINT)`,
];

/** Inside the transaction that holds the user's advisory lock: the cap, the id and the program's first name read where the row is written. */
const ADD = `INSERT INTO ${NAMESPACE}_log (user_id, id, program, program_key, kind, date)
  SELECT $1, $2, COALESCE((SELECT program FROM ${NAMESPACE}_log WHERE user_id = $1 AND program_key = $4 ORDER BY seq LIMIT 1), $3), $4, $5, $6
  WHERE (SELECT count(*) FROM ${NAMESPACE}_log WHERE user_id = $1) < $7
  ON CONFLICT (user_id, id) DO NOTHING`;
const LIST = `SELECT id, program, kind, date FROM ${NAMESPACE}_log WHERE user_id = $1 ORDER BY seq`;
const CLAIM = `INSERT INTO ${NAMESPACE}_kv (key, value, expires) VALUES ($1, '1', $2)
  ON CONFLICT (key) DO UPDATE SET expires = EXCLUDED.expires WHERE ${NAMESPACE}_kv.expires < $3 RETURNING key`;

/** Moves logs kept the old way (@keyv/postgres's `keyv` table, one value per user) into the log table, keeping their ids. */
async function moveLegacyLogs(client: import("pg").PoolClient): Promise<void> {
  const { rows: tables } = await client.query("SELECT to_regclass('public.keyv') AS t");
  if (!tables[0]?.t) return;
  const prefix = `${NAMESPACE}:${LEGACY_LOG_PREFIX}`;
  const { rows } = await client.query("SELECT key, value FROM keyv WHERE key LIKE $1", [`${prefix}%`]);
  for (const row of rows) {
    const userId = String(row.key).slice(prefix.length);
    for (const e of legacyEntries(row.value)) await client.query(ADD, [userId, e.id, e.program, e.programKey, e.kind, e.date, LOG_MAX_ENTRIES]);
    await client.query("DELETE FROM keyv WHERE key = $1", [row.key]);
  }
}

/**
 * PostgreSQL (shared by every replica), straight over a `pg` pool of our own: one row per log entry, each
 * add one transaction under the user's advisory lock; settings and replayed ids in a key-value table;
 * rate limits are rate-limiter-flexible's atomic Postgres limiter on the same pool. The pool's `error`
 * events (a server that went away under an idle connection) are counted instead of crashing the process.
 */
/** `connectTimeoutMs`: longest wait for a pooled connection (the store's own timeout also bounds every operation). */
export async function openPostgresBackend(url: string, connectTimeoutMs: number): Promise<Backend> {
  const [{ default: pg }, { RateLimiterPostgres }] = await Promise.all([import("pg"), import("rate-limiter-flexible")]);
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs, max: 20 });
  let driverErrors = 0;
  pool.on("error", () => driverErrors++);
  let schema: Promise<void> | undefined;
  /** Creates the tables once per process (again after a failure); two replicas creating them at once is fine. */
  const ready = () =>
    (schema ??= (async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${NAMESPACE}:schema`]);
        for (const statement of SCHEMA) await client.query(statement);
        await moveLegacyLogs(client);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    })().catch((err: unknown) => {
      schema = undefined;
      throw err;
    }));
  const query = async (sql: string, values: unknown[] = []) => {
    await ready();
    return (await pool.query(sql, values)).rows as Record<string, unknown>[];
  };
  const rows = async (userId: string) => (await query(LIST, [userId])) as unknown as LogEntry[];
  const settingsKey = (serverId: string) => `${NAMESPACE}:settings:${serverId}`;
  return {
    kind: "postgres",
    listLog: rows,
    async addLog(userId, e, max) {
      await ready();
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`${NAMESPACE}:log:${userId}`]);
        await client.query(ADD, [userId, e.id, e.program, e.programKey, e.kind, e.date, max]);
        const { rows: entries } = await client.query(LIST, [userId]);
        await client.query("COMMIT");
        return entries as LogEntry[];
      } catch (err) {
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    removeLog: async (userId, id) => (await query(`DELETE FROM ${NAMESPACE}_log WHERE user_id = $1 AND id = $2 RETURNING id`, [userId, id])).length > 0,
    async clearLog(userId) {
      return (await query(`DELETE FROM ${NAMESPACE}_log WHERE user_id = $1 RETURNING id`, [userId])).length;
    },
    async claim(key, ttlMs) {
      const now = Date.now();
      return (await query(CLAIM, [`${NAMESPACE}:seen:${key}`, now + ttlMs, now])).length > 0;
    },
    async putDraft(key, value, ttlMs) {
      await query(
        `INSERT INTO ${NAMESPACE}_kv (key, value, expires) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, expires = EXCLUDED.expires`,
        [key, JSON.stringify(value), Date.now() + ttlMs],
      );
    },
    async takeDraft(key) {
      const [row] = await query(`DELETE FROM ${NAMESPACE}_kv WHERE key = $1 RETURNING value, expires`, [key]);
      return row && Number(row.expires) >= Date.now() ? JSON.parse(String(row.value)) : undefined;
    },
    async readSettings(serverId) {
      const [row] = await query(`SELECT value FROM ${NAMESPACE}_kv WHERE key = $1`, [settingsKey(serverId)]);
      return row ? JSON.parse(String(row.value)) : undefined;
    },
    async writeSettings(serverId, settings) {
      await query(`INSERT INTO ${NAMESPACE}_kv (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [
        settingsKey(serverId),
        JSON.stringify(settings),
      ]);
    },
    ready,
    async ping() {
      await query("SELECT 1");
    },
    limiter({ points, duration, keyPrefix, insuranceLimiter }) {
      void ready().catch(() => {});
      return new RateLimiterPostgres({ storeClient: pool, storeType: "pool", tableName: `${NAMESPACE}_rate`, tableCreated: true, points, duration, keyPrefix, insuranceLimiter });
    },
    async sweepExpired() {
      const now = Date.now();
      await query(`DELETE FROM ${NAMESPACE}_kv WHERE expires < $1`, [now]);
      await query(`DELETE FROM ${NAMESPACE}_rate WHERE expire < $1`, [now]);
    },
    driverErrors: () => driverErrors,
    close: () => pool.end(),
  };
}
