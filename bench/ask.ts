import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { loadContent } from "../src/content/load.js";
import { readModel, readModels } from "../src/content/models.js";
import { createAsker } from "../src/core/guides/ask.js";
import { questionModelExamples, trainQuestionModel } from "../src/core/guides/model.js";
import { buildSynonymTable } from "../src/core/guides/text.js";

const EVAL_DIR = fileURLToPath(new URL("../../test/eval/dev/", import.meta.url));
const ROUNDS = 20;
const BUILDS = 10;
/** Fresh processes timed for the first build (one sample is mostly JIT and GC noise). */
const COLD_RUNS = 5;
const COLD_SCRIPT = fileURLToPath(new URL("./cold-ask.js", import.meta.url));

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function lines(name: string, key: string): string[] {
  return readFileSync(`${EVAL_DIR}${name}`, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as Record<string, string>)[key]);
}

/** Prints ask p50/p99 and the index build time. */
export async function runAskBench(): Promise<void> {
  const content = loadContent();
  const builds: number[] = [];
  const reads: number[] = [];
  const trains: number[] = [];
  const c0 = performance.now();
  const models = readModels(content);
  let asker = createAsker(content, models);
  const cold = performance.now() - c0;
  if (!models.model || !models.messageModel || !models.detector) throw new Error("no build-time models for this content: run `npm run build` first");
  for (let i = 0; i < BUILDS; i++) {
    const r0 = performance.now();
    const model = readModel(content, "questions");
    const t0 = performance.now();
    asker = createAsker(content, { ...models, model });
    builds.push(performance.now() - r0);
    reads.push(t0 - r0);
  }
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    trainQuestionModel(questionModelExamples(content), buildSynonymTable(content.synonyms));
    trains.push(performance.now() - t0);
  }
  const colds = Array.from({ length: COLD_RUNS }, () => {
    const run = spawnSync(process.execPath, [COLD_SCRIPT], { encoding: "utf8" });
    if (run.status !== 0) throw new Error(`cold-start run failed: ${run.stderr.trim().split("\n")[0]}`);
    return Number(run.stdout.trim());
  }).sort((a, b) => a - b);
  reads.sort((a, b) => a - b);
  trains.sort((a, b) => a - b);
  builds.sort((a, b) => a - b);

  const questions = [...lines("ask.jsonl", "question"), ...lines("ask-fresh5.jsonl", "question"), ...lines("classify.jsonl", "text")];
  const hostile = "rank ".repeat(2000).slice(0, 10_000);
  for (const q of questions) asker.ask(q);
  const times: number[] = [];
  const perQuestion: number[][] = questions.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    questions.forEach((q, i) => {
      const s = performance.now();
      asker.ask(q);
      const ms = performance.now() - s;
      times.push(ms);
      perQuestion[i].push(ms);
    });
  }
  times.sort((a, b) => a - b);
  const medians = perQuestion.map((t) => quantile([...t].sort((a, b) => a - b), 0.5)).sort((a, b) => a - b);
  const h0 = performance.now();
  asker.ask(hostile);
  const hostileMs = performance.now() - h0;
  console.log(`ask (${questions.length} questions × ${ROUNDS} rounds, in-process)`);
  console.log(`  p50 ${quantile(times, 0.5).toFixed(3)} ms  p99 ${quantile(times, 0.99).toFixed(3)} ms  max ${times[times.length - 1].toFixed(3)} ms  (target p99 ≤ 5 ms)`);
  console.log(`  per question (median of ${ROUNDS} runs): p50 ${quantile(medians, 0.5).toFixed(3)} ms  p99 ${quantile(medians, 0.99).toFixed(3)} ms; load average ${loadavg()[0].toFixed(2)}`);
  console.log(
    `  index build (with the build's models): median ${quantile(builds, 0.5).toFixed(1)} ms, max ${builds[builds.length - 1].toFixed(1)} ms over ${BUILDS}  (target ≤ 50 ms)\n` +
      `  start-up, the first build in a fresh process (code not yet compiled, models file parsed): median ${quantile(colds, 0.5).toFixed(1)} ms, ` +
      `max ${colds[colds.length - 1].toFixed(1)} ms over ${COLD_RUNS} processes (in this one ${cold.toFixed(1)} ms)`,
  );
  console.log(`    of which finding the build's question model (content hash; the file is parsed once per process): median ${quantile(reads, 0.5).toFixed(1)} ms; training it (done by \`npm run build\`, or at start-up when the content changed since): median ${quantile(trains, 0.5).toFixed(1)} ms`);
  console.log(`  10,000-character hostile question: ${hostileMs.toFixed(2)} ms`);
}
