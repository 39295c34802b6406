import { text } from "node:stream/consumers";
import { ContentError } from "../../content/load.js";
import { createRuntime } from "../../runtime.js";
import { runCli } from "./cli.js";

/** Entry point of `npm run cli`. */
async function main(): Promise<void> {
  let runtime;
  try {
    runtime = createRuntime();
  } catch (err) {
    if (err instanceof ContentError) {
      process.stderr.write(`content error: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  const result = await runCli(runtime, process.argv.slice(2), () => text(process.stdin));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
}

await main();
