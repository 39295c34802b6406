import { text } from "node:stream/consumers";
import { ContentError } from "../../content/load.js";
import { createRuntime } from "../../runtime.js";
import { lazyStore, StoreConfigError } from "../../store/open.js";
import { runCli, storeNeeded } from "./cli.js";

/** Entry point of `npm run cli`. */
async function main(): Promise<void> {
  let runtime;
  const argv = process.argv.slice(2);
  try {
    const store = storeNeeded(argv) ? lazyStore(process.env.STORE_URL?.trim() || undefined) : null;
    runtime = createRuntime({ store });
  } catch (err) {
    if (err instanceof ContentError || err instanceof StoreConfigError) {
      process.stderr.write(`${err instanceof ContentError ? "content error" : "configuration error"}: ${err.message}\n`);
      process.exitCode = err instanceof ContentError ? 1 : 2;
      return;
    }
    throw err;
  }
  const result = await runCli(runtime, argv, () => text(process.stdin));
  await runtime.store?.close();
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
  // A store driver may leave a timer behind (the Redis connect timeout); the run is over, so do not wait for it.
  if (runtime.store) setTimeout(() => process.exit(), 0).unref();
}

await main();
