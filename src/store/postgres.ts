import KeyvPostgres from "@keyv/postgres";
import pg from "pg";

/**
 * @keyv/postgres with a pool of our own: the pool's `error` events (a server that went away under an
 * idle connection) are listened to instead of crashing the process, and connecting is bounded in time.
 */
export async function createPostgresAdapter(uri: string, connectTimeoutMs: number): Promise<{ adapter: KeyvPostgres; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: uri, connectionTimeoutMillis: connectTimeoutMs, max: 4 });
  class PooledPostgres extends KeyvPostgres {
    override async connect() {
      return async (sql: string, values?: unknown[]) => (await pool.query(sql, values)).rows;
    }
    override async disconnect() {}
  }
  const adapter = new PooledPostgres({ uri });
  pool.on("error", (err) => adapter.emit("error", err));
  return { adapter, close: () => pool.end() };
}
