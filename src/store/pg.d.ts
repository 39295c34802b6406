/** The small part of `pg` (a dependency of @keyv/postgres, shipped without types) that the store uses. */
declare module "pg" {
  export interface PoolConfig {
    connectionString?: string;
    connectionTimeoutMillis?: number;
    idleTimeoutMillis?: number;
    max?: number;
    [option: string]: unknown;
  }
  export class Pool {
    constructor(config?: PoolConfig);
    query(sql: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
    on(event: "error", listener: (err: Error) => void): this;
    end(): Promise<void>;
  }
  const pg: { Pool: typeof Pool };
  export default pg;
}
