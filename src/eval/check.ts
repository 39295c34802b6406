import { loadContent } from "../content/load.js";
import { createChecker, type CheckContext } from "../core/checker/check.js";
import { evalFiles, readJsonl } from "./ask.js";

/** Draft sets scored for /check. */
const CHECK_FILES = /^check.*\.jsonl$/;
const DEV_HEADING = "== DEV check sets (tuned on: figures show fit, not generalisation) ==";
const SEALED_HEADING =
  "== SEALED check sets (written blind; scored once opened with --first-sight <file> or named in test/eval/sealed/FIRST-SIGHT.md; never tune on these) ==";

/** One evaluation draft: the rule ids it should trigger (every severity), and its kind. */
export interface CheckCase {
  id: string;
  kind: "positive" | "clean" | "tricky";
  text: string;
  expect: string[];
  context?: CheckContext;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (n: number, d: number) => (d ? (n / d).toFixed(3) : "n/a");

/** Scores the checker on a set of cases: per (draft, rule) true/false positives over the given severities. */
export function scoreCheck(cases: CheckCase[], severities: ReadonlySet<string>) {
  const content = loadContent();
  const checker = createChecker(content);
  const inScope = (rule: string) => severities.has(content.rules.get(rule)?.severity ?? "");
  const tally: Tally = { tp: 0, fp: 0, fn: 0 };
  const misses: string[] = [];
  const alarms: string[] = [];
  let cleanAlarms = 0;
  let trickyAlarms = 0;
  for (const c of cases) {
    const found = new Set(checker.check(c.text, c.context ?? {}).findings.map((f) => f.rule).filter(inScope));
    const wanted = new Set(c.expect.filter(inScope));
    for (const r of found) {
      if (wanted.has(r)) tally.tp++;
      else {
        tally.fp++;
        alarms.push(`${c.id}:${r}`);
      }
    }
    for (const r of wanted) {
      if (!found.has(r)) {
        tally.fn++;
        misses.push(`${c.id}:${r}`);
      }
    }
    const extra = [...found].some((r) => !wanted.has(r));
    if (c.kind === "clean" && extra) cleanAlarms++;
    if (c.kind === "tricky" && extra) trickyAlarms++;
  }
  return { tally, misses, alarms, cleanAlarms, trickyAlarms };
}

/** Prints one set's figures; misses and false alarms (case ids only) for dev sets, never for sealed ones. */
function evalSet(file: string, kind: "dev" | "sealed"): void {
  const cases = readJsonl<CheckCase>(file);
  const count = (k: CheckCase["kind"]) => cases.filter((c) => c.kind === k).length;
  console.log(`check ${kind} (${file}: ${cases.length} drafts, ${count("positive")} positive, ${count("clean")} clean letters, ${count("tricky")} tricky negatives)`);
  const main = scoreCheck(cases, new Set(["violation", "warning"]));
  const t = main.tally;
  console.log(`  violations+warnings: precision ${ratio(t.tp, t.tp + t.fp)}  recall ${ratio(t.tp, t.tp + t.fn)}  (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`);
  console.log(`  clean-letter false alarms: ${main.cleanAlarms} of ${count("clean")}; tricky-negative false alarms: ${main.trickyAlarms} of ${count("tricky")}`);
  const all = scoreCheck(cases, new Set(["violation", "warning", "tip"]));
  const a = all.tally;
  console.log(`  all severities (tips too): precision ${ratio(a.tp, a.tp + a.fp)}  recall ${ratio(a.tp, a.tp + a.fn)}`);
  if (kind === "sealed") return;
  if (all.misses.length) console.log(`  missed: ${all.misses.join(" ")}`);
  if (all.alarms.length) console.log(`  false alarms: ${all.alarms.join(" ")}`);
}

/** Prints precision, recall and clean-letter false alarms of /check over the dev sets, then (unless --dev) the sealed ones. */
export async function runCheckEval(): Promise<void> {
  const kinds = process.argv.includes("--dev") ? (["dev"] as const) : (["dev", "sealed"] as const);
  for (const kind of kinds) {
    console.log(kind === "dev" ? DEV_HEADING : SEALED_HEADING);
    const files = evalFiles(kind, CHECK_FILES);
    if (files.length === 0) console.log(`  (no ${kind} check sets${kind === "sealed" ? " opened" : ""})`);
    for (const f of files) evalSet(f, kind);
  }
}
