import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.js";

/** /ask learns from guide examples and content/questions; the eval sets must not be among them, even reworded slightly. */
const EVAL_DIR = new URL("../eval/", import.meta.url);
/** Every line of the eval files whose name matches, with the text in `field`. */
function evalTexts(name: RegExp, field: "question" | "text"): { file: string; line: number; question: string }[] {
  return ["dev/", "sealed/"]
    .flatMap((dir) => (existsSync(new URL(dir, EVAL_DIR)) ? readdirSync(new URL(dir, EVAL_DIR)).map((f) => `${dir}${f}`) : []))
    .filter((f) => name.test(f.slice(f.indexOf("/") + 1)))
    .flatMap((f) =>
      readFileSync(new URL(f, EVAL_DIR), "utf8")
        .split(/\r?\n/)
        .map((l, i) => ({ l, line: i + 1 }))
        .filter(({ l }) => l.trim())
        .map(({ l, line }) => ({ file: f, line, question: (JSON.parse(l) as Record<string, string>)[field] })),
    );
}
const evalQuestions = evalTexts(/^ask.*\.jsonl$/, "question");
const evalMessages = evalTexts(/^classify.*\.jsonl$/, "text");
const evalOffDomain = evalTexts(/^offdomain.*\.jsonl$/, "question");

/** How a copy is reported: a sealed set's text is never printed (it is read only at first sight), only its file and line. */
const named = (e: { file: string; line: number; question: string }) => (e.file.startsWith("sealed/") ? `${e.file}:${e.line}` : `${e.file}: "${e.question}"`);

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z0-9]+/g) ?? []);

/** Share of words two questions have in common (Jaccard over their word sets). */
function overlap(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const w of a) if (b.has(w)) common++;
  return common / (a.size + b.size - common);
}

/** At or above this word overlap a training question counts as a copy of an eval question. */
export const COPY_OVERLAP = 0.75;

describe("eval sets stay independent of what /ask learns from", () => {
  const content = loadContent();
  const training = [...content.guides.values()].flatMap((g) => [...g.examples, ...(content.questions.get(g.id) ?? [])]);

  it("has eval questions and training questions to compare", () => {
    expect(evalQuestions.length).toBeGreaterThan(500);
    expect(training.length).toBeGreaterThan(26 * 5);
  });

  it("holds no eval question, or a near copy of one, among guide examples or content/questions", () => {
    const trainingWords = training.map((q) => ({ q, w: words(q) }));
    const copies: string[] = [];
    for (const e of evalQuestions) {
      const ew = words(e.question);
      for (const t of trainingWords) {
        if (overlap(ew, t.w) >= COPY_OVERLAP) copies.push(`${named(e)} ~ "${t.q}"`);
      }
    }
    expect(copies).toEqual([]);
  });

  it("holds no off-domain eval question, or a near copy of one, among content/outside.yaml", () => {
    const outside = ((content.extra.get("outside.yaml") as { questions: string[] } | undefined)?.questions ?? []).map((q) => ({ q, w: words(q) }));
    expect(evalOffDomain.length).toBeGreaterThan(100);
    expect(outside.length).toBeGreaterThan(100);
    const copies: string[] = [];
    for (const e of evalOffDomain) {
      const ew = words(e.question);
      for (const t of outside) if (overlap(ew, t.w) >= COPY_OVERLAP) copies.push(`${named(e)} ~ "${t.q}"`);
    }
    expect(copies).toEqual([]);
  });

  it("holds no eval program message, or a near copy of one, among content/messages", () => {
    const trainingWords = [...content.messages.values()].flat().map((m) => ({ m, w: words(m) }));
    expect(evalMessages.length).toBeGreaterThan(200);
    expect(trainingWords.length).toBeGreaterThan(6 * 10);
    const copies: string[] = [];
    for (const e of evalMessages) {
      const ew = words(e.question);
      for (const t of trainingWords) if (overlap(ew, t.w) >= COPY_OVERLAP) copies.push(`${named(e)} ~ "${t.m}"`);
    }
    expect(copies).toEqual([]);
  });

  it("would notice a copy", () => {
    const e = evalQuestions[0].question;
    expect(overlap(words(e), words(`${e}?`))).toBeGreaterThanOrEqual(COPY_OVERLAP);
  });
});
