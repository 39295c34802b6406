import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { loadContent } from "../content/load.js";
import { readModels } from "../content/models.js";
import { LABELS, PRESSURE_LABELS, type Label } from "../core/classify/classify.js";
import { createAsker } from "../core/guides/ask.js";

const EVAL_DIR = fileURLToPath(new URL("../../../test/eval/", import.meta.url));
/** Sets tuned on (dev) and sets written blind and scored once at first sight (sealed; see sealed/FIRST-SIGHT.md). */
export const EVAL_KINDS = { dev: "dev/", sealed: "sealed/" } as const;

/** Where each sealed set's first-sight figures are recorded; a sealed set is scored only once it is named there or opened. */
export const FIRST_SIGHT_FILE = `${EVAL_DIR}${EVAL_KINDS.sealed}FIRST-SIGHT.md`;

/**
 * Sealed sets that may be scored: those FIRST-SIGHT.md names (their first sight is on record) and those opened now with
 * `npm run eval -- --first-sight <file>` (print, then record the figures with the commit). An unopened set stays unseen.
 */
export function openedSealedSets(argv: readonly string[] = process.argv): Set<string> {
  const opened = new Set<string>();
  if (existsSync(FIRST_SIGHT_FILE)) for (const m of readFileSync(FIRST_SIGHT_FILE, "utf8").matchAll(/`([\w.-]+\.jsonl)`/g)) opened.add(m[1]);
  argv.forEach((a, i) => {
    if (a === "--first-sight" && argv[i + 1]) opened.add(argv[i + 1]);
  });
  return opened;
}

/** The eval files of one kind whose names match, sorted (sealed ones only once opened). */
export function evalFiles(kind: keyof typeof EVAL_KINDS, name: RegExp): string[] {
  const dir = `${EVAL_DIR}${EVAL_KINDS[kind]}`;
  if (!existsSync(dir)) return [];
  const opened = kind === "sealed" ? openedSealedSets() : null;
  return readdirSync(dir)
    .filter((f) => name.test(f) && (!opened || opened.has(f)))
    .sort((a, b) => a.localeCompare(b, "en", { numeric: true }))
    .map((f) => `${EVAL_KINDS[kind]}${f}`);
}

interface AskCase {
  question: string;
  topic: string;
  style: "formal" | "informal";
}

interface OffDomainCase {
  question: string;
  domain: "out";
}

interface ClassifyCase {
  text: string;
  label: Label;
  wrapped: boolean;
  /** Told in the applicant's words, without quotes (newer sets). */
  retold?: boolean;
  /** The topic the applicant's own question around the message needs, when there is one (newer sets). */
  topic?: string | null;
}

/** Reads a JSONL file of eval cases. */
export function readJsonl<T>(name: string): T[] {
  return readFileSync(`${EVAL_DIR}${name}`, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Question sets scored for /ask topics (every ask*.jsonl, the new-topic sets of issue 18 included). */
const ASK_FILES = /^ask.*\.jsonl$/;
/** Off-domain question sets ({"question","domain":"out"}): scored for the share answered as out of scope. */
const OFFDOMAIN_FILES = /^offdomain.*\.jsonl$/;
/** Program-message sets scored for the classifier. */
const CLASSIFY_FILES = /^classify.*\.jsonl$/;
const DEV_HEADING = "== DEV sets (tuned on: figures show fit, not generalisation) ==";
const SEALED_HEADING =
  "== SEALED sets (written blind; the first-sight figures are in test/eval/sealed/FIRST-SIGHT.md; never tune on these) ==";

/** A pressure or offer message read as routine, interest-signal or not as a message at all (the SPEC's safety rule). */
const isUnsafe = (want: Label, got: string) => PRESSURE_LABELS.has(want) && (got === "routine" || got === "interest-signal" || got === "(answer)");

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : "n/a");

/**
 * Prints /ask top-1/top-3, the baseline, the ranking without the question model and the share wrongly called "outside
 * what I cover" over every ask*.jsonl of a kind, then all of them pooled, then the share of offdomain*.jsonl questions
 * answered as out of scope, then the classifier figures over classify*.jsonl. (The former development sets ask-dev.jsonl and ask-fresh.jsonl
 * are training questions in content/questions now, so they are no longer scored.)
 */
export async function runAskEval(options: { verbose?: boolean } = {}): Promise<void> {
  const verbose = options.verbose ?? process.argv.includes("--verbose");
  const content = loadContent();
  const models = readModels(content);
  const asker = createAsker(content, models);
  const textOnly = createAsker(content, { ...models, modelWeight: 0 });
  const rulesOnly = createAsker(content, { ...models, messageModel: null });
  const pooled = { n: 0, top1: 0, top3: 0, base1: 0, text1: 0, outside: 0 };
  const baseline = new MiniSearch<{ id: string; body: string }>({ fields: ["body"] });
  baseline.addAll([...content.guides.values()].map((g) => ({ id: g.id, body: g.body })));

  /** Scores one question set; `label` names it in the output. */
  function evalSet(file: string, label: string): void {
    const cases = readJsonl<AskCase>(file);
    let top1 = 0;
    let top3 = 0;
    let base1 = 0;
    let base3 = 0;
    let text1 = 0;
    let unsure = 0;
    let outside = 0;
    let classified = 0;
    const byStyle: Record<string, { n: number; ok: number }> = {};
    const misses: string[] = [];
    const confused = new Map<string, number>();
    for (const c of cases) {
      const outcome = asker.explain(c.question);
      const ranked = [...new Set([outcome.data.topic, ...asker.rank(c.question, 3).map((h) => h.id)])].slice(0, 3);
      const ok = outcome.data.topic === c.topic;
      if (ok) top1++;
      else {
        misses.push(`  want ${c.topic}, got ${outcome.data.topic} (${outcome.kind}${outcome.kind === "answer" && outcome.unsure ? ", not sure" : ""}): ${c.question}`);
        const pair = `${c.topic} -> ${outcome.data.topic}`;
        confused.set(pair, (confused.get(pair) ?? 0) + 1);
      }
      if (ranked.includes(c.topic)) top3++;
      if (outcome.kind === "answer" && outcome.data.outside) outside++;
      else if (outcome.kind === "answer" && outcome.unsure) unsure++;
      if (outcome.kind === "classification") classified++;
      const s = (byStyle[c.style] ??= { n: 0, ok: 0 });
      s.n++;
      if (ok) s.ok++;
      const b = baseline.search(c.question).map((r) => r.id as string);
      if (b[0] === c.topic) base1++;
      if (b.slice(0, 3).includes(c.topic)) base3++;
      if (textOnly.ask(c.question).topic === c.topic) text1++;
    }
    const n = cases.length;
    console.log(`ask ${label} (${file}: ${n} questions, ${content.guides.size} topics)`);
    console.log(`  top-1 ${pct(top1, n)}  top-3 ${pct(top3, n)}`);
    console.log(`  baseline (plain minisearch over guide bodies, default options): top-1 ${pct(base1, n)}  top-3 ${pct(base3, n)}`);
    console.log(`  top-1 above baseline: ${((100 * (top1 - base1)) / n).toFixed(1)} points; without the question model (text match only): top-1 ${pct(text1, n)}`);
    Object.assign(pooled, { n: pooled.n + n, top1: pooled.top1 + top1, top3: pooled.top3 + top3, base1: pooled.base1 + base1, text1: pooled.text1 + text1, outside: pooled.outside + outside });
    console.log(`  by style: ${Object.entries(byStyle).map(([k, v]) => `${k} ${pct(v.ok, v.n)} of ${v.n}`).join(", ")}`);
    console.log(`  answered "not sure": ${unsure}; wrongly "outside what I cover": ${outside} (${pct(outside, n)}); read as a program message: ${classified}`);
    if (confused.size) {
      const rows = [...confused].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      console.log(`  top-1 confusions (expected -> got: count): ${rows.map(([k, v]) => `${k}: ${v}`).join("; ")}`);
    }
    if (verbose && misses.length) console.log(`  misses:\n${misses.join("\n")}`);
  }
  /** Scores one off-domain set: the share answered "outside what I cover", and what the rest got instead. */
  function offDomainSet(file: string, label: string): void {
    const cases = readJsonl<OffDomainCase>(file);
    let outside = 0;
    const answered = new Map<string, number>();
    const misses: string[] = [];
    for (const c of cases) {
      const outcome = asker.explain(c.question);
      if (outcome.kind === "answer" && outcome.data.outside) outside++;
      else {
        const got = outcome.kind === "classification" ? `classified ${outcome.data.label}` : outcome.unsure ? "not sure" : outcome.data.topic;
        answered.set(got, (answered.get(got) ?? 0) + 1);
        misses.push(`  got ${got}: ${c.question}`);
      }
    }
    console.log(`off-domain ${label} (${file}: ${cases.length} questions outside what the guides cover)`);
    console.log(`  answered as out of scope: ${pct(outside, cases.length)} (${outside} of ${cases.length})`);
    if (answered.size) {
      const rows = [...answered].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      console.log(`  answered instead (got: count): ${rows.map(([k, v]) => `${k}: ${v}`).join("; ")}`);
    }
    if (verbose && misses.length) console.log(`  misses:\n${misses.join("\n")}`);
  }
  /** Scores the classifier on one message set. */
  function classifySet(file: string, title: string): void {
    const messages = readJsonl<ClassifyCase>(file);
    const cols = [...LABELS, "(answer)"] as const;
    const matrix = new Map<string, Map<string, number>>(LABELS.map((l) => [l, new Map(cols.map((c) => [c, 0]))]));
    let correct = 0;
    let rulesCorrect = 0;
    let rulesUnsafe = 0;
    let unsafe = 0;
    const wrapped = { n: 0, ok: 0 };
    const retold = { n: 0, ok: 0 };
    const question = { n: 0, ok: 0 };
    const wrong: string[] = [];
    for (const m of messages) {
      const result = asker.ask(m.text);
      const got = result.kind === "classification" ? result.label : "(answer)";
      matrix.get(m.label)!.set(got, matrix.get(m.label)!.get(got)! + 1);
      if (got === m.label) correct++;
      else wrong.push(`  want ${m.label}, got ${got}: ${m.text}`);
      const rules = rulesOnly.ask(m.text);
      const rulesGot = rules.kind === "classification" ? rules.label : "(answer)";
      if (rulesGot === m.label) rulesCorrect++;
      if (isUnsafe(m.label, rulesGot)) rulesUnsafe++;
      if (isUnsafe(m.label, got)) unsafe++;
      if (m.wrapped) {
        wrapped.n++;
        if (got === m.label) wrapped.ok++;
      }
      if (m.retold) {
        retold.n++;
        if (got === m.label) retold.ok++;
      }
      if (m.topic) {
        question.n++;
        const answered = result.kind === "classification" ? [result.topic, ...(result.related ?? [])] : [result.topic, ...result.related];
        if (answered.includes(m.topic)) question.ok++;
        else if (verbose) wrong.push(`  question topic ${m.topic} not in ${answered.join(",")}: ${m.text}`);
      }
    }
    console.log(`${title} (${file}: ${messages.length} messages, ${wrapped.n} wrapped in a question)`);
    console.log(`  accuracy ${pct(correct, messages.length)}  (wrapped ${pct(wrapped.ok, wrapped.n)}${retold.n ? `, retold ${pct(retold.ok, retold.n)} of ${retold.n}` : ""})`);
    if (question.n) console.log(`  the applicant's own question answered (its topic first or among related): ${pct(question.ok, question.n)} of ${question.n}`);
    console.log(`  unsafe (a pressure/offer message read as routine, interest-signal or not as a message): ${unsafe}`);
    console.log(`  rules alone (without the message model): accuracy ${pct(rulesCorrect, messages.length)}, unsafe ${rulesUnsafe}`);
    const short = (s: string) => s.replace("commitment-", "commit-").replace("interest-", "int-").padStart(13);
    console.log(`  confusion (rows: expected, columns: got)\n  ${"".padStart(19)}${cols.map(short).join("")}`);
    for (const [label, row] of matrix) console.log(`  ${label.padStart(19)}${cols.map((c) => String(row.get(c)).padStart(13)).join("")}`);
    if (verbose && wrong.length) console.log(`  wrong:\n${wrong.join("\n")}`);
  }
  const kinds = process.argv.includes("--dev") ? (["dev"] as const) : (["dev", "sealed"] as const);
  if (process.argv.includes("--ablate")) {
    ablate(content, models, kinds);
    return;
  }
  for (const kind of kinds) {
    Object.assign(pooled, { n: 0, top1: 0, top3: 0, base1: 0, text1: 0, outside: 0 });
    console.log(kind === "dev" ? DEV_HEADING : SEALED_HEADING);
    const files = evalFiles(kind, ASK_FILES);
    for (const f of files) evalSet(f, kind);
    if (files.length > 1) {
      console.log(
        `ask ${kind}, all ${pooled.n} questions pooled: top-1 ${pct(pooled.top1, pooled.n)}  top-3 ${pct(pooled.top3, pooled.n)}  ` +
          `baseline top-1 ${pct(pooled.base1, pooled.n)}  without the question model top-1 ${pct(pooled.text1, pooled.n)}  ` +
          `wrongly "outside": ${pooled.outside} (${pct(pooled.outside, pooled.n)})`,
      );
    }
    for (const f of evalFiles(kind, OFFDOMAIN_FILES)) offDomainSet(f, kind);
    for (const f of evalFiles(kind, CLASSIFY_FILES)) classifySet(f, `classify ${kind}`);
  }
  const unopened = existsSync(`${EVAL_DIR}${EVAL_KINDS.sealed}`)
    ? readdirSync(`${EVAL_DIR}${EVAL_KINDS.sealed}`).filter((f) => f.endsWith(".jsonl") && !openedSealedSets().has(f))
    : [];
  if (unopened.length) console.log(`sealed sets not opened yet (never looked at; open one with --first-sight <file>): ${unopened.join(", ")}`);
}

/**
 * `npm run eval -- --ablate`: /ask's ranking with each hand-made part turned off in turn (cue phrases of
 * content/cues.yaml, title anchors, both, and the question model for scale), pooled top-1 and top-3 per kind of set.
 * Decisions use the dev rows; sealed rows (opened sets only) are printed for the record, never tuned on.
 */
function ablate(content: ReturnType<typeof loadContent>, models: ReturnType<typeof readModels>, kinds: readonly ("dev" | "sealed")[]): void {
  const variants: [string, Parameters<typeof createAsker>[1]][] = [
    ["full", {}],
    ["no cue phrases", { cueBoost: 0 }],
    ["no title anchors", { anchorBoost: 0 }],
    ["no cues, no anchors", { cueBoost: 0, anchorBoost: 0 }],
    ["no question model", { modelWeight: 0 }],
  ];
  const askers = variants.map(([name, o]) => [name, createAsker(content, { ...models, ...o })] as const);
  console.log("/ask ablation (pooled over every ask*.jsonl of the kind; top-1 / top-3)");
  console.log(`  ${"variant".padEnd(22)}${kinds.map((k) => `${k} top-1`.padStart(14) + `${k} top-3`.padStart(14)).join("")}`);
  const sets = new Map(kinds.map((k) => [k, evalFiles(k, ASK_FILES).flatMap((f) => readJsonl<AskCase>(f))]));
  for (const [name, asker] of askers) {
    const cols = kinds.map((k) => {
      const cases = sets.get(k)!;
      let top1 = 0;
      let top3 = 0;
      for (const c of cases) {
        const topic = asker.ask(c.question).topic;
        if (topic === c.topic) top1++;
        if ([...new Set([topic, ...asker.rank(c.question, 3).map((h) => h.id)])].slice(0, 3).includes(c.topic)) top3++;
      }
      return pct(top1, cases.length).padStart(14) + pct(top3, cases.length).padStart(14);
    });
    console.log(`  ${name.padEnd(22)}${cols.join("")}`);
  }
}
