import { writeFileSync } from "node:fs";
import { CONTENT_CACHE_FILE, ContentError, contentCacheEntries } from "./load.js";

/** Build step: validates content/ and writes the parsed YAML cache next to the compiled loader. */
try {
  const entries = contentCacheEntries();
  writeFileSync(CONTENT_CACHE_FILE, JSON.stringify(entries));
} catch (err) {
  if (!(err instanceof ContentError)) throw err;
  process.stderr.write(`content error: ${err.message}\n`);
  process.exitCode = 1;
}
