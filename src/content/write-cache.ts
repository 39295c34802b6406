import { writeFileSync } from "node:fs";
import { CONTENT_CACHE_FILE, ContentError, contentCacheEntries, loadContent } from "./load.js";
import { writeModels } from "./models.js";

/** Build step: validates content/, writes the parsed YAML cache next to the compiled loader, and trains the /ask question model and the program-message model. */
try {
  const entries = contentCacheEntries();
  writeFileSync(CONTENT_CACHE_FILE, JSON.stringify(entries));
  writeModels(loadContent());
} catch (err) {
  if (!(err instanceof ContentError)) throw err;
  process.stderr.write(`content error: ${err.message}\n`);
  process.exitCode = 1;
}
