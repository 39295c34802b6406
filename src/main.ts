import { adaptersFor, ConfigError, describeAdapters, readConfig, type Config } from "./config.js";
import { ContentError } from "./content/load.js";
import { createHttpServer, type HttpServer } from "./http/server.js";
import { createRuntime, type Runtime } from "./runtime.js";
import { lazyStore, StoreConfigError } from "./store/open.js";

/** How often expired store entries (old rate-limit windows) are cleared. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Longest a shutdown waits for replies in flight; deferred ones still unfinished then get an apology. */
export const SHUTDOWN_GRACE_MS = 7_000;

/** Time left after the grace period to send those apologies. */
const APOLOGY_MS = 1_500;

/** Longest closing the adapters and the store may take. */
const CLOSE_MS = 500;

/** The process exits by then whatever is still open (a closed stderr, a hung store). */
const EXIT_DEADLINE_MS = 9_500;

/** Something started that must be closed on shutdown. */
interface Closable {
  close(): Promise<void>;
}

/** What the server mode started, in the order a shutdown takes it apart. */
interface Started {
  http: HttpServer;
  /** Work the platform adapters still owe users (follow-ups), beyond the runtime's own. */
  pending: Array<() => Promise<void>>;
  /** Makes the adapters give up waiting on unfinished replies and apologise instead. */
  abandon: Array<() => void>;
  adapters: Closable[];
}

async function startServers(runtime: Runtime, config: Config, metrics: import("./http/metrics.js").Metrics): Promise<Started> {
  const adapters = adaptersFor(config);
  const started: Started = { http: createHttpServer(health(runtime)), pending: [], abandon: [], adapters: [] };
  const { http } = started;
  http.route("GET", "/metrics", async (_req, _body, res) => {
    const text = await metrics.render();
    res.writeHead(200, { "content-type": metrics.contentType });
    res.end(text);
  });
  if (adapters.discordHttp) {
    const handler = (await import("./adapters/discord/http.js")).mountDiscordHttp(http, runtime, config);
    started.pending.push(() => handler.idle());
    started.abandon.push(() => handler.abandonPending());
  }
  if (adapters.slack) started.adapters.push(await (await import("./adapters/slack/app.js")).startSlack(runtime, config, http));
  const address = await http.listen(config.PORT, config.HOST);
  runtime.log.info({ address: address.address, port: address.port }, `listening on ${address.address}:${address.port}`);
  if (adapters.discordGateway) started.adapters.push(await (await import("./adapters/discord/client.js")).startDiscordGateway(runtime, config));
  return started;
}

function health(runtime: Runtime) {
  return async () => {
    const store = runtime.store ? await runtime.store.status() : null;
    return { ok: store?.ok ?? true, templates: runtime.core.content.templates.size, guides: runtime.core.content.guides.size, store };
  };
}

function delay(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => setTimeout(() => resolve("timeout"), ms).unref());
}

/** Resolves once the runtime and every adapter have no work in flight (work may start while waiting). */
async function idle(runtime: Runtime, started: Started): Promise<void> {
  do await Promise.all([runtime.idle(), ...started.pending.map((i) => i())]);
  while (runtime.inFlight() > 0);
}

/**
 * Stops taking work (no new connections; `Connection: close`, then 503 on open ones), lets replies in flight
 * finish including deferred follow-ups (bounded; the unfinished get an apology), closes the adapters and the store.
 */
async function shutdown(runtime: Runtime, started: Started, signal: string): Promise<void> {
  runtime.log.info({ signal }, "shutting down");
  const closing = started.http.close();
  // Once every connection has ended, every answer has been sent and every follow-up it owes is tracked.
  const drained = closing.then(() => idle(runtime, started));
  if ((await Promise.race([drained, delay(SHUTDOWN_GRACE_MS)])) === "timeout") {
    runtime.log.error({ graceMs: SHUTDOWN_GRACE_MS }, "replies still in flight at the end of the grace period; apologising");
    for (const abandon of started.abandon) abandon();
    await Promise.race([idle(runtime, started), delay(APOLOGY_MS)]);
  }
  await Promise.race([Promise.allSettled(started.adapters.map((a) => a.close())), delay(CLOSE_MS)]);
  await Promise.race([runtime.store?.close().catch(() => {}), delay(CLOSE_MS)]);
  runtime.log.info({}, "stopped");
}

/** Entry point of `npm start`: the configured adapters, or the local console when none is. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
    lazyStore(config.STORE_URL);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof StoreConfigError) {
      process.stderr.write(err.message.split("\n").map((line) => `configuration error: ${line}\n`).join(""));
      process.exit(2);
    }
    throw err;
  }
  const adapters = adaptersFor(config);
  let runtime: Runtime;
  try {
    if (adapters.console) runtime = createRuntime({ store: lazyStore(config.STORE_URL) });
    else {
      const [{ createServerLog }, { createMetrics }] = await Promise.all([import("./log.js"), import("./http/metrics.js")]);
      const log = createServerLog();
      const store = lazyStore(config.STORE_URL, { timeoutMs: config.STORE_TIMEOUT_MS });
      const metrics = createMetrics(() => store.status());
      runtime = createRuntime({ store, log, observe: (o) => metrics.observeCommand(o) });
      await serve(runtime, config, metrics, log);
      return;
    }
  } catch (err) {
    if (err instanceof ContentError) {
      process.stderr.write(`content error: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const { runConsole } = await import("./adapters/console/console.js");
  await runConsole(runtime, process.stdin, process.stdout);
  await runtime.store?.close();
}

async function serve(runtime: Runtime, config: Config, metrics: import("./http/metrics.js").Metrics, log: { flush(cb?: () => void): void }): Promise<void> {
  // A closed stderr must not crash the process; a promise nobody awaited is a bug to log, not a reason to die.
  process.stderr.on("error", () => {});
  process.on("unhandledRejection", (err) => runtime.onInternalError(err, { name: "unhandled rejection" }));
  runtime.log.info({ adapters: describeAdapters(adaptersFor(config)) }, "starting");
  runtime.core.warm();
  const store = await runtime.store?.status();
  if (store) runtime.log.info({ store: store.kind, answering: store.ok }, store.ok ? "store answering" : "store not answering (the bot answers without it)");
  const sweep = setInterval(() => void runtime.store?.sweepExpired().catch(() => {}), SWEEP_INTERVAL_MS);
  sweep.unref();
  const starting = startServers(runtime, config, metrics);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), EXIT_DEADLINE_MS).unref();
    void starting
      .then((started) => shutdown(runtime, started, signal))
      .finally(() => {
        // A flush to a closed stderr may never call back: exit shortly anyway.
        setTimeout(() => process.exit(0), CLOSE_MS).unref();
        log.flush(() => process.exit(0));
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  await starting;
}

await main();
