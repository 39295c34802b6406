import type { LogEntry } from "../core/store.js";
import { LOG_MAX_ENTRIES } from "../core/store.js";
import { legacyEntries, LEGACY_LOG_PREFIX, NAMESPACE, type Backend } from "./store.js";

/** How long connecting may take before an operation fails. */
const CONNECT_TIMEOUT_MS = 1_000;

const logKey = (userId: string) => `${NAMESPACE}:log:${userId}`;
const namesKey = (userId: string) => `${NAMESPACE}:log-names:${userId}`;
const seenKey = (key: string) => `${NAMESPACE}:seen:${key}`;

/**
 * One script, so one atomic step across every replica: KEYS[1] holds the entries (id → JSON), KEYS[2] the
 * first name of each program key and the insertion counter. Stores nothing when the id is already there
 * or the log is full; returns the log's entries.
 */
const ADD_SCRIPT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 and redis.call('HLEN', KEYS[1]) < tonumber(ARGV[6]) then
  redis.call('HSETNX', KEYS[2], 'p:' .. ARGV[2], ARGV[3])
  local seq = redis.call('HINCRBY', KEYS[2], '#seq', 1)
  local name = redis.call('HGET', KEYS[2], 'p:' .. ARGV[2])
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode({id = ARGV[1], program = name, kind = ARGV[4], date = ARGV[5], seq = seq}))
end
return redis.call('HVALS', KEYS[1])`;

/** Deletes a user's log and program names in one step; returns how many entries there were. */
const CLEAR_SCRIPT = `local n = redis.call('HLEN', KEYS[1]) redis.call('DEL', KEYS[1], KEYS[2]) return n`;

interface Row extends LogEntry {
  seq: number;
}

function entriesOf(values: unknown): LogEntry[] {
  if (!Array.isArray(values)) return [];
  return values
    .map((v) => JSON.parse(String(v)) as Row)
    .sort((a, b) => a.seq - b.seq)
    .map(({ id, program, kind, date }) => ({ id, program, kind, date }));
}

/**
 * Redis (shared by every replica): keyv's Redis adapter for settings; each user's log is a hash written by
 * one Lua script; replayed ids are claimed with SET NX PX; rate limits are rate-limiter-flexible's atomic
 * Redis limiter. Offline commands fail at once instead of queueing.
 */
export async function openRedisBackend(url: string): Promise<Backend> {
  const [{ default: Keyv }, { default: KeyvRedis, createClient }, { RateLimiterRedis }] = await Promise.all([
    import("keyv"),
    import("@keyv/redis"),
    import("rate-limiter-flexible"),
  ]);
  // A server that never answered fails the operation at once (the next one tries again); one that went
  // away is retried in the background.
  let connectedOnce = false;
  let driverErrors = 0;
  const client = createClient({
    url,
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
  const adapter = new KeyvRedis(client, { namespace: NAMESPACE, throwOnConnectError: true, throwOnErrors: true, connectionTimeout: CONNECT_TIMEOUT_MS });
  const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, useKeyPrefix: false, throwOnErrors: true });
  keyv.on("error", () => driverErrors++);
  /** The client once connected (keyv's adapter connects it; callers at the same moment share one attempt). */
  let connecting: Promise<unknown> | undefined;
  let moving: Promise<void> | undefined;
  const ready = async () => {
    if (!client.isReady) await (connecting ??= adapter.getClient().finally(() => (connecting = undefined)));
    await (moving ??= moveLegacyLogs().catch(() => {
      moving = undefined;
    }));
    return client;
  };
  /** Moves logs kept the old way (keyv's `matchguide::log:<user>` strings) into the per-user hashes, keeping their ids. */
  async function moveLegacyLogs(): Promise<void> {
    const prefix = `${NAMESPACE}::${LEGACY_LOG_PREFIX}`;
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of keys) {
        const userId = key.slice(prefix.length);
        for (const e of legacyEntries(await client.get(key))) {
          await client.eval(ADD_SCRIPT, { keys: [logKey(userId), namesKey(userId)], arguments: [e.id, e.programKey, e.program, e.kind, e.date, String(LOG_MAX_ENTRIES)] });
        }
        await client.del(key);
      }
    }
  }
  return {
    kind: "redis",
    listLog: async (userId) => entriesOf(await (await ready()).hVals(logKey(userId))),
    async addLog(userId, e, max) {
      const values = await (await ready()).eval(ADD_SCRIPT, {
        keys: [logKey(userId), namesKey(userId)],
        arguments: [e.id, e.programKey, e.program, e.kind, e.date, String(max)],
      });
      return entriesOf(values);
    },
    removeLog: async (userId, id) => (await (await ready()).hDel(logKey(userId), id)) > 0,
    async clearLog(userId) {
      return Number(await (await ready()).eval(CLEAR_SCRIPT, { keys: [logKey(userId), namesKey(userId)] }));
    },
    claim: async (key, ttlMs) => (await (await ready()).set(seenKey(key), "1", { condition: "NX", expiration: { type: "PX", value: ttlMs } })) === "OK",
    async putDraft(key, value, ttlMs) {
      if (!(await keyv.set(key, value, ttlMs))) throw new Error("store write of a draft failed");
    },
    async takeDraft(key) {
      const value = await keyv.get(key);
      // DEL answers 1 to one caller only: of two presses of one button, only one gets the draft.
      return value !== undefined && (await keyv.delete(key)) ? value : undefined;
    },
    readSettings: (serverId) => keyv.get(`settings:${serverId}`),
    async writeSettings(serverId, settings) {
      if (!(await keyv.set(`settings:${serverId}`, settings))) throw new Error("store write of settings failed");
    },
    async ready() {
      await ready();
    },
    async ping() {
      await (await ready()).ping();
    },
    limiter({ points, duration, keyPrefix, insuranceLimiter }) {
      void ready().catch(() => {});
      return new RateLimiterRedis({ storeClient: client, useRedisPackage: true, points, duration, keyPrefix, insuranceLimiter });
    },
    async sweepExpired() {},
    driverErrors: () => driverErrors,
    async close() {
      await keyv.disconnect().catch(() => {});
    },
  };
}
