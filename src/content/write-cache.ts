import { writeFileSync } from "node:fs";
import { CONTENT_CACHE_FILE, ContentError, contentCacheEntries, loadContent } from "./load.js";
import { writeQuestionModel } from "./question-model.js";

/** Build step: validates content/, writes the parsed YAML cache next to the compiled loader, and trains /ask's question model. */
try {
  const entries = contentCacheEntries();
  writeFileSync(CONTENT_CACHE_FILE, JSON.stringify(entries));
  writeQuestionModel(loadContent());
} catch (err) {
  if (!(err instanceof ContentError)) throw err;
  process.stderr.write(`content error: ${err.message}\n`);
  process.exitCode = 1;
}
