import { createRequire } from "node:module";
import { text } from "node:stream/consumers";

/**
 * Run as its own process by the check benchmark: write-good over a JSONL batch on stdin ({"text": ...} per line),
 * one JSON line of suggestions out per line, so it is timed the same way as `npm run cli -- batch`.
 */
const require = createRequire(import.meta.url);
const writeGood = require("write-good") as (text: string) => unknown[];
const out: string[] = [];
for (const line of (await text(process.stdin)).split("\n")) {
  if (line.trim()) out.push(JSON.stringify(writeGood((JSON.parse(line) as { text: string }).text)));
}
process.stdout.write(out.length ? `${out.join("\n")}\n` : "");
