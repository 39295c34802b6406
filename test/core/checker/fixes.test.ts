import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createChecker, type CheckContext } from "../../../src/core/checker/check.js";
import { applyFixes } from "../../../src/core/checker/fixes.js";
import type { Finding } from "../../../src/core/reply.js";

const content = loadContent();
const checker = createChecker(content);
const fix = (text: string, context: CheckContext = {}) => checker.check(text, context, { fix: true });
const fixedOf = (text: string, context: CheckContext = {}) => fix(text, context).fixed as string;

const devDir = fileURLToPath(new URL("../../eval/dev/", import.meta.url));
const drafts = readdirSync(devDir)
  .filter((f) => /^check.*\.jsonl$/.test(f))
  .flatMap((f) =>
    readFileSync(devDir + f, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => ({ file: f, ...(JSON.parse(l) as { id: string; text: string; context?: CheckContext }) })),
  );

/** Fails unless `fixed` is `text` with each replacement put in for its span and nothing else changed. */
function expectOnlySpansChanged(text: string, fixed: string, findings: Finding[]): void {
  const spans = findings.filter((f) => f.replacement !== undefined).sort((a, b) => a.start - b.start || a.end - b.end);
  let from = 0;
  let at = 0;
  for (const f of spans) {
    const kept = text.slice(from, f.start);
    expect(fixed.slice(at, at + kept.length)).toBe(kept);
    at += kept.length;
    expect(fixed.slice(at, at + f.replacement!.length)).toBe(f.replacement);
    at += f.replacement!.length;
    from = f.end;
  }
  expect(fixed.slice(at)).toBe(text.slice(from));
}

describe("fixes over the dev eval drafts", () => {
  it("has the dev drafts to run over", () => {
    expect(drafts.length).toBeGreaterThan(200);
    expect(drafts.filter((d) => fix(d.text, d.context).findings.some((f) => f.replacement !== undefined)).length).toBeGreaterThan(80);
  });
  for (const d of drafts) {
    it(`${d.file} ${d.id}: fixed once is final, and only the spans changed`, () => {
      const first = fix(d.text, d.context ?? {});
      const fixed = first.fixed as string;
      expectOnlySpansChanged(d.text, fixed, first.findings);
      if (fixed.trim() === "") return;
      const again = fix(fixed, d.context ?? {});
      expect(again.findings.filter((f) => f.replacement !== undefined)).toEqual([]);
      expect(again.fixed).toBe(fixed);
    });
  }
});

describe("fix kinds", () => {
  it("answers the acceptance draft with a formal greeting and no condition, and nothing left to flag as a violation", () => {
    const fixed = fixedOf("Hi PD,\nIf you rank me to match I will rank you first.\n");
    expect(fixed).toBe("Dear Program Director,\nI will rank you first.\n");
    expect(checker.check(fixed).findings.filter((f) => f.severity === "violation")).toEqual([]);
  });
  it("drops a trailing condition and keeps the applicant's own clause", () => {
    expect(fixedOf("I can put you as my top choice on the condition that I end up high on yours.")).toBe("I can put you as my top choice.");
  });
  it("turns a greeting into a formal one from the name in the draft, keeping the gap visible when only an initial or first name is known", () => {
    expect(fixedOf("Hey Dr. Fischer,\n\nThank you for the interview.")).toMatch(/^Dear Dr\. Fischer,\n/);
    expect(fixedOf("Hello Program Director,\n\nThank you for meeting me.")).toMatch(/^Dear Program Director,\n/);
    expect(fixedOf("Hi guys,\n\nThank you for meeting me.")).toMatch(/^Dear Selection Committee,\n/);
    expect(fixedOf("Hey Dr. K,\n\nThank you for meeting me.")).toMatch(/^Dear Dr\. \[Last name\],\n/);
    expect(fixedOf("Hiii Dr. Patel,\n\nThank you for meeting me.")).toMatch(/^Dear Dr\. Patel,\n/);
  });
  it("replaces only the greeting when the letter goes on after it on the same line", () => {
    expect(fixedOf("hi dr m, loved the interview day.")).toBe("Dear Dr. [Last name], loved the interview day.");
  });
  it("deletes a rank question with its line when it stands alone, and leaves the rest byte for byte", () => {
    const text = "Dear Dr. Lee,\r\n\r\nThank you for the interview.\r\nWhere do I stand on your list?\r\nBest,\r\nAna";
    expect(fixedOf(text)).toBe("Subject: [What the email is about] – [Your name], AAMC ID [number]\n\nDear Dr. Lee,\r\n\r\nThank you for the interview.\r\nBest,\r\nAna\nAAMC ID: [number]");
  });
  it("rewrites a second first-choice claim to 'one of my top choices' when the log holds one to another program", () => {
    const context = { firstChoicePrograms: ["Harbor IM"], program: "Westbrook Internal Medicine" };
    const r = fix("Westbrook is my first choice.", context);
    expect(r.findings.find((f) => f.rule === "multiple-first-choice")?.replacement).toBe("one of my top choices");
    expect(r.fixed).toBe("Westbrook is one of my top choices.");
    expect(fix("Westbrook is my first choice.").findings.every((f) => f.replacement === undefined)).toBe(true);
  });
  it("puts the program the draft is for in place of another program's name", () => {
    expect(fixedOf("I look forward to training at Lakeside Internal Medicine.", { program: "Riverside Internal Medicine" })).toBe(
      "I look forward to training at Riverside Internal Medicine.",
    );
  });
  it("adds a subject line and an AAMC ID line with placeholders to a whole email, never to a fragment", () => {
    const whole = fixedOf("Dear Dr. Lee,\n\nThank you for the interview.\n\nSincerely,\nAna Lima\n");
    expect(whole.startsWith("Subject: [")).toBe(true);
    expect(whole).toContain("Sincerely,\nAna Lima\nAAMC ID: [number]\n");
    expect(fixedOf("Dear Dr. Lee,\n\nThank you for the interview.")).toBe("Dear Dr. Lee,\n\nThank you for the interview.");
  });
  it("leaves a placeholder for the person: it has no replacement", () => {
    const r = fix("I am drawn to [Program Name].");
    expect(r.findings.find((f) => f.rule === "unfilled-placeholder")?.replacement).toBeUndefined();
  });
  it("applies replacements in span order and never twice over one span", () => {
    expect(applyFixes("abcdef", [{ start: 4, end: 5, replacement: "E" }, { start: 0, end: 0, replacement: ">" }, { start: 1, end: 3, replacement: "" }, { start: 2, end: 4, replacement: "x" }])).toBe(">adEf");
  });
});
