import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.js";
import { createChecker } from "../../src/core/checker/check.js";
import { renderTemplate } from "../../src/core/templates/render.js";

const content = loadContent();
const checker = createChecker(content);
const VISAS = ["J-1", "H-1B", "J-1 and H-1B"];

/** Findings that would stop a careful applicant, other than the slots still to fill. */
function problems(subject: string, body: string, program?: string): string[] {
  const draft = `Subject: ${subject}\n\n${body}`;
  return checker
    .check(draft, { program })
    .findings.filter((f) => f.severity !== "tip" && f.rule !== "unfilled-placeholder")
    .map((f) => `${f.rule}: ${f.excerpt}`);
}

describe("every template, rendered with every visa value, passes /check", () => {
  for (const t of content.templates.values()) {
    for (const visa of VISAS) {
      it(`${t.id} with visa ${visa} and every other field filled`, () => {
        const fields = Object.fromEntries(t.fields.map((f) => [f.key, f.example ?? "x"]));
        const out = renderTemplate(t, { ...fields, visa });
        expect(problems(out.subject, out.body, fields.program)).toEqual([]);
      });

      it(`${t.id} with visa ${visa} and nothing else filled`, () => {
        const out = renderTemplate(t, { visa });
        expect(problems(out.subject, out.body)).toEqual([]);
      });
    }
  }
});

describe("the H-1B line of the visa templates", () => {
  const withVisa = [...content.templates.values()].filter((t) => t.fields.some((f) => f.key === "visa"));

  it("asks for the Step 3 pass only when the visa mentions H-1B", () => {
    expect(withVisa.length).toBeGreaterThan(0);
    for (const t of withVisa) {
      expect(renderTemplate(t, { visa: "J-1" }).body, t.id).not.toMatch(/Step 3/);
      expect(renderTemplate(t, { visa: "J-1" }).missing, t.id).not.toContain("step3_date");
      const h1b = renderTemplate(t, { visa: "J-1 and H-1B" });
      expect(h1b.body, t.id).toMatch(/passed USMLE Step 3/);
      expect(h1b.missing, t.id).toContain("step3_date");
    }
  });

  it("is flagged by /check when the applicant deletes the Step 3 line but keeps H-1B", () => {
    for (const t of withVisa) {
      const fields = Object.fromEntries(t.fields.map((f) => [f.key, f.example ?? "x"]));
      const out = renderTemplate(t, { ...fields, visa: "H-1B" });
      const edited = out.body.replace(/[^.\n]*passed USMLE Step 3[^.\n]*\./, "");
      const rules = checker.check(`Subject: ${out.subject}\n\n${edited}`).findings.map((f) => f.rule);
      expect(rules, t.id).toContain("h1b-without-step3");
    }
  });
});
