import { performance } from "node:perf_hooks";
import { loadContent } from "../src/content/load.js";
import { readModels } from "../src/content/models.js";
import { createAsker } from "../src/core/guides/ask.js";

/**
 * Run as its own process by the ask benchmark: prints how long the first /ask index build takes in a fresh process
 * (reading the build's three models, then building the index), the cost a bot pays once at start-up.
 */
const content = loadContent();
const t0 = performance.now();
createAsker(content, readModels(content));
console.log((performance.now() - t0).toFixed(2));
