import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { CHECK_MAX_CHARS, createChecker } from "../../../src/core/checker/check.js";
import { UserError } from "../../../src/core/errors.js";
import { renderTemplate } from "../../../src/core/templates/render.js";

const content = loadContent();
const checker = createChecker(content);

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof UserError ? err.code : "not a UserError";
  }
  return undefined;
}

describe("input limits", () => {
  it("rejects an empty or blank draft with empty-text", () => {
    expect(errorCode(() => checker.check(""))).toBe("empty-text");
    expect(errorCode(() => checker.check(" \n\t "))).toBe("empty-text");
  });
  it("rejects a draft over 10,000 characters with draft-too-long, naming the limit", () => {
    expect(errorCode(() => checker.check("a".repeat(CHECK_MAX_CHARS + 1)))).toBe("draft-too-long");
    expect(() => checker.check("a".repeat(CHECK_MAX_CHARS + 1))).toThrow(/10,000/);
    expect(errorCode(() => checker.check("a ".repeat(CHECK_MAX_CHARS / 2)))).toBeUndefined();
  });
});

describe("findings", () => {
  it("have exactly the SPEC shape and point at the words they quote", () => {
    const text = "Hey Dr. Lee,\n\nCan you guarantee me a spot? I will rank you #1 if you rank me highly.";
    const { findings, words } = checker.check(text);
    expect(words).toBe(19);
    expect(findings.length).toBeGreaterThanOrEqual(3);
    for (const f of findings) {
      const keys = ["rule", "severity", "start", "end", "excerpt", "message", "suggestion", "topic"];
      expect(Object.keys(f)).toEqual("replacement" in f ? [...keys, "replacement"] : keys);
      expect(text.slice(f.start, f.end)).toBe(f.excerpt);
      expect(content.guides.has(f.topic)).toBe(true);
    }
  });
  it("are sorted by position and never share a span", () => {
    const text = "I will rank you #1 if you rank me highly. Where do I stand? Hey, just checking in. [Program Name]";
    const { findings } = checker.check(text);
    const starts = findings.map((f) => f.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    for (let i = 1; i < findings.length; i++) expect(findings[i].start).toBeGreaterThanOrEqual(findings[i - 1].end);
  });
  it("reports a conditional trade once, as conditional-ranking, not also as a first-choice tip", () => {
    const rules = checker.check("I will rank you #1 if you rank me highly.").findings.map((f) => f.rule);
    expect(rules).toEqual(["conditional-ranking"]);
  });
  it("keeps offsets right around emoji, RTL text, zero-width joiners and CRLF", () => {
    const text = "مرحبا 👩‍⚕️ \u200Bdraft\r\n\r\nCan you gua\u200Brantee me a spot? 🙏🏽 Where do I  stand?\r\n";
    const { findings } = checker.check(text);
    const byRule = Object.fromEntries(findings.map((f) => [f.rule, f]));
    expect(byRule["requests-guarantee"].excerpt).toBe("Can you gua\u200Brantee me a spot? ");
    expect(byRule["asks-rank-position"].excerpt).toBe("🙏🏽 Where do I  stand?");
    for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.excerpt);
  });
  it("fills the too-long message with the count and the excess", () => {
    const text = Array.from({ length: 320 }, (_, i) => `w${i}`).join(" ");
    const f = checker.check(text).findings.find((x) => x.rule === "too-long");
    expect(f?.excerpt).toBe("w300");
    expect(f?.message).toMatch(/320 words, 20 more than the 300-word/);
    const far = checker.check(Array.from({ length: 400 }, () => "word").join(" ")).findings.find((x) => x.rule === "too-long");
    expect(far?.message).toMatch(/400 words, well past the 300-word budget \(100 too many\)/);
  });
});

describe("context", () => {
  it("honours disabledRules for tips and warnings but never for violations", () => {
    const text = "Hey,\n\nI have attached my CV. Can you guarantee me a spot?";
    const rules = (disabledRules: string[]) => checker.check(text, { disabledRules }).findings.map((f) => f.rule);
    expect(rules([])).toEqual(expect.arrayContaining(["informal-salutation", "attachment", "requests-guarantee"]));
    const off = rules(["informal-salutation", "attachment", "requests-guarantee"]);
    expect(off).not.toContain("informal-salutation");
    expect(off).not.toContain("attachment");
    expect(off).toContain("requests-guarantee");
  });
  it("compares program names loosely for multiple-first-choice and wrong-program", () => {
    const ctx = { firstChoicePrograms: ["riverside  internal medicine program"], program: "Riverside Internal Medicine Residency" };
    const text = "Riverside Internal Medicine is my first choice.";
    const rules = checker.check(text, ctx).findings.map((f) => f.rule);
    expect(rules).not.toContain("multiple-first-choice");
    expect(rules).not.toContain("wrong-program");
    const other = checker.check(text, { ...ctx, program: "Lakeside Pediatrics" }).findings.map((f) => f.rule);
    expect(other).toEqual(expect.arrayContaining(["multiple-first-choice", "wrong-program"]));
  });
  it("names the earlier program in the multiple-first-choice message", () => {
    const f = checker
      .check("Your program is my first choice.", { firstChoicePrograms: ["Riverside IM"], program: "Lakeside Peds" })
      .findings.find((x) => x.rule === "multiple-first-choice");
    expect(f?.message).toContain("Riverside IM");
  });
});

describe("precision: what a person means", () => {
  const violationsAndWarnings = (text: string) =>
    checker
      .check(text)
      .findings.filter((f) => f.severity !== "tip")
      .map((f) => f.rule);
  it.each([
    "I understand programs may not ask where I will rank them, and I will not ask where I stand either.",
    "> Can you promise to rank us first? We can guarantee you a spot.\n\nThank you for your message. I will rank programs in my true order of preference.",
    'You wrote "we will rank you highly if you commit to us now", and I appreciated the kind words.',
    'Your email said "please sign the contract before the Match".',
    "I will rank your program very highly.",
    "Your program is my first choice.",
    "On Mon, 4 Dec, Dr. Lee wrote:\nWill you cancel your other interviews and sign with us today?",
  ])("finds no violation or warning in %j", (text) => {
    expect(violationsAndWarnings(text)).toEqual([]);
  });
  it("still flags the applicant's own words after a quoted line", () => {
    expect(violationsAndWarnings("> We enjoyed meeting you.\n\nCan you guarantee me a spot?")).toEqual(["requests-guarantee"]);
  });
  it.each([
    ["a sentence that calls the act not allowed", "I know that asking where I stand on your list is not allowed, so I won't ask."],
    ["the applicant's own refusal", "I won't be posting any reviews; the video link simply did not work for my session."],
    ["a refusal that comes first", "Posting about programs online is not something I would ever do."],
    ["declining an offer outside the Match", "Thank you for the offer, but it would not be appropriate for me to withdraw from the Match."],
  ])("does not flag %s", (_why, text) => {
    expect(violationsAndWarnings(text)).toEqual([]);
  });
  it.each([
    ["a negation inside the condition", "If you do not interview me I will report your program to the ACGME.", "threat"],
    ["'not afraid to'", "I am not afraid to post these emails on Reddit.", "threat"],
    ["'don't be surprised'", "Don't be surprised if your program drops off my rank list.", "threat"],
    ["a title's full stop inside the sentence", "Should you rank me to match, I will tell Dr. Lee that your program is first on my list.", "conditional-ranking"],
  ])("still flags a rule break with %s", (_why, text, rule) => {
    expect(violationsAndWarnings(text)).toContain(rule);
  });
});

describe("clause groups: the parts of a rule break in one sentence, in the writer's own words", () => {
  const rulesOf = (text: string) => checker.check(text).findings.map((f) => f.rule);
  it.each([
    ["conditional-ranking", "Should your committee see fit to rank me in a matching position, Brookdale will be the first program on my list."],
    ["conditional-ranking", "I'm willing to make you my top pick on the condition that I'm on your list to match."],
    ["commitment-outside-match", "If a pre-match position were available at your hospital, I would accept it immediately."],
    ["commitment-outside-match", "honestly i'd skip the whole match thing if you could just take me directly"],
    ["threat", "I plan to share my experience with your program on SDN so other applicants know."],
    ["threat", "I'll have no choice but to put Eastwood near the bottom of my list."],
    ["asks-rank-position", "I'm just curious whether I made the cut for your rank list."],
    ["asks-interview-guarantee", "Is there any way my file could be given priority since I live nearby?"],
    ["h1b-without-step3", "I can train on either a J1 or an H1B visa."],
  ])("flags %s in %j", (rule, text) => {
    expect(rulesOf(text)).toContain(rule);
  });
  it.each([
    "If I match with you, I will bring my quality improvement experience to the wards.",
    "If you offer a global health track, I'd love to hear more about how residents join it.",
    "I am happy to accept your interview invitation for Tuesday.",
    "I will write to everyone on the team to thank them.",
    "Could you tell me whether the program sponsors H-1B visas?",
    "My Step 3 is booked for February 10, so I hope to be considered for an H-1B.",
  ])("finds no violation or warning in %j", (text) => {
    expect(checker.check(text).findings.filter((f) => f.severity !== "tip").map((f) => f.rule)).toEqual([]);
  });
});

describe("the templates, filled with their examples", () => {
  for (const t of content.templates.values()) {
    it(`${t.id} gets no violation, no warning, and no missing-subject or missing-aamc-id tip`, () => {
      const fields = Object.fromEntries(t.fields.flatMap((f) => (f.example ? [[f.key, f.example]] : [])));
      const data = renderTemplate(t, fields);
      expect(data.missing).toEqual([]);
      const text = `Subject: ${data.subject}\n\n${data.body}`;
      for (const context of [{}, { program: fields.program }]) {
        const findings = checker.check(text, context).findings;
        expect(findings.filter((f) => f.severity !== "tip")).toEqual([]);
        expect(findings.map((f) => f.rule)).not.toEqual(expect.arrayContaining(["missing-subject"]));
        expect(findings.map((f) => f.rule)).not.toContain("missing-aamc-id");
      }
    });
  }
});
