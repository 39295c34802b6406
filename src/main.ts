import { adaptersFor, ConfigError, describeAdapters, readConfig, type Config } from "./config.js";
import { ContentError } from "./content/load.js";
import { createHttpServer } from "./http/server.js";
import { createRuntime, type Runtime } from "./runtime.js";
import { lazyStore, StoreConfigError } from "./store/open.js";

/** How often expired store entries (old rate-limit windows) are cleared. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Something started that must be closed on shutdown. */
interface Closable {
  close(): Promise<void>;
}

async function startServers(runtime: Runtime, config: Config): Promise<Closable[]> {
  const adapters = adaptersFor(config);
  const started: Closable[] = [];
  const http = createHttpServer(async () => {
    const store = runtime.store ? await runtime.store.status() : null;
    return { ok: store?.ok ?? true, templates: runtime.core.content.templates.size, guides: runtime.core.content.guides.size, store };
  });
  if (adapters.discordHttp) (await import("./adapters/discord/http.js")).mountDiscordHttp(http, runtime, config);
  if (adapters.slack) started.push(await (await import("./adapters/slack/app.js")).startSlack(runtime, config, http));
  const address = await http.listen(config.PORT, config.HOST);
  started.unshift(http);
  process.stderr.write(`matchguide listening on ${address.address}:${address.port}\n`);
  if (adapters.discordGateway) started.push(await (await import("./adapters/discord/client.js")).startDiscordGateway(runtime, config));
  return started;
}

/** Entry point of `npm start`: the configured adapters, or the local console when none is. */
async function main(): Promise<void> {
  let config: Config;
  let runtime: Runtime;
  try {
    config = readConfig();
    runtime = createRuntime({ store: lazyStore(config.STORE_URL) });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ContentError || err instanceof StoreConfigError) {
      const prefix = err instanceof ContentError ? "content error: " : "configuration error: ";
      process.stderr.write(err.message.split("\n").map((line) => `${prefix}${line}\n`).join(""));
      process.exit(err instanceof ContentError ? 1 : 2);
    }
    throw err;
  }
  if (adaptersFor(config).console) {
    const { runConsole } = await import("./adapters/console/console.js");
    await runConsole(runtime, process.stdin, process.stdout);
    await runtime.store?.close();
    return;
  }
  process.stderr.write(`${describeAdapters(adaptersFor(config))}\n`);
  runtime.core.warm();
  const store = await runtime.store?.status();
  if (store) process.stderr.write(`store: ${store.kind}, ${store.ok ? "answering" : "not answering (the bot answers without it)"}\n`);
  const sweep = setInterval(() => void runtime.store?.sweepExpired().catch(() => {}), SWEEP_INTERVAL_MS);
  sweep.unref();
  const started = await startServers(runtime, config);
  const stop = async () => {
    await Promise.allSettled(started.map((s) => s.close()));
    await runtime.store?.close().catch(() => {});
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

await main();
