import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.js";
import { contentWith, loadError, removeContentCopies } from "../helpers/content.js";

const SPEC_TEMPLATE_IDS = [
  "visa-inquiry",
  "pre-interview-interest",
  "application-update",
  "thank-you",
  "strong-interest",
  "first-choice",
  "clarify-nrmp-status",
  "request-time",
  "decline-commitment",
  "answer-rank-question",
  "reply-to-interest",
  "unmatched-followup",
  "cancel-interview",
  "post-match-thanks",
];

const SPEC_TOPIC_IDS = [
  "prematch-communication", "prematch-offer", "non-nrmp-positions", "responding-to-offer",
  "rank-questions-and-pressure", "rank-highly-messages", "first-choice-letter", "letter-of-interest",
  "thank-you-email", "update-letter", "pre-interview-interest", "visa-sponsorship", "h1b-requirements",
  "email-etiquette", "email-frequency", "communication-timeline", "asking-about-chances", "communication-log",
  "mentor-advocacy", "unmatched-next-steps", "honesty", "second-look", "specialty-medical-genetics",
  "specialty-global-health", "specialty-med-psych", "specialty-pediatrics", "rank-list-strategy", "interview-scheduling",
  "after-match", "program-silence", "prelim-and-advanced",
];

afterEach(removeContentCopies);

describe("the shipped content", () => {
  const content = loadContent();

  it("holds every SPEC template id, each with a subject, cautions and a body of at most 300 words", () => {
    for (const id of SPEC_TEMPLATE_IDS) {
      const t = content.templates.get(id);
      expect(t, id).toBeDefined();
      expect(t!.subject.length).toBeGreaterThan(0);
      expect(t!.cautions.length).toBeGreaterThan(0);
      expect(t!.body.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(300);
    }
  });

  it("holds every SPEC topic id as a guide", () => {
    for (const id of SPEC_TOPIC_IDS) expect(content.guides.has(id), id).toBe(true);
    expect(SPEC_TOPIC_IDS).toHaveLength(31);
    expect(SPEC_TEMPLATE_IDS).toHaveLength(14);
  });

  it("gives every guide source a readable title and a public https address", () => {
    for (const g of content.guides.values()) {
      for (const id of g.sources) {
        const source = content.sources.get(id);
        expect(source, `${g.file}: ${id}`).toBeDefined();
        expect(source!.title).not.toMatch(/\.txt$/);
        expect(source!.url).toMatch(/^https:\/\//);
      }
    }
  });

  it("offers cancel-interview in interview season and post-match-thanks after Match Day", () => {
    const calendar = content.extra.get("calendar.yaml") as { phases: { id: string; templates: string[] }[] };
    const phase = (id: string) => calendar.phases.find((p) => p.id === id)!;
    expect(phase("interview-season").templates).toContain("cancel-interview");
    expect(phase("after-match").templates).toContain("post-match-thanks");
  });

  it("cautions that a first-choice letter goes to one program only, and only if true", () => {
    const cautions = content.templates.get("first-choice")!.cautions.join(" ").toLowerCase();
    expect(cautions).toMatch(/\bone program\b/);
    expect(cautions).toMatch(/\b(true|truly|honest)\b/);
  });
});

describe("reviewed dates", () => {
  const content = loadContent();

  it("every guide and template carries the day it was last checked, as a real YYYY-MM-DD date", () => {
    for (const item of [...content.guides.values(), ...content.templates.values()]) {
      expect(item.reviewed, item.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(`${item.reviewed}T00:00:00Z`).toISOString().slice(0, 10), item.file).toBe(item.reviewed);
    }
  });

  it.each([
    ["guides/honesty.md", "content/guides/honesty.md"],
    ["templates/thank-you.md", "content/templates/thank-you.md"],
  ])("names the file and the field when %s has no reviewed date", (rel, file) => {
    const err = loadError(contentWith(rel, (t) => t.replace(/^reviewed: .*\n/m, "")));
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[./]/g, "\\$&")}: reviewed: missing`));
  });

  it.each(["2026-13-01", "December 2026", "2026-02-30"])("names the file and the field when reviewed is %s", (value) => {
    const err = loadError(contentWith("guides/honesty.md", (t) => t.replace(/^reviewed: .*$/m, `reviewed: "${value}"`)));
    expect(err.message).toMatch(/^content\/guides\/honesty\.md: reviewed: must be /);
  });
});

describe("content/sources.yaml", () => {
  it("names the guide and the field when a guide cites a source it does not list", () => {
    const err = loadError(contentWith("guides/honesty.md", (t) => t.replace(/^sources: \[/m, "sources: [Some Unlisted Report, ")));
    expect(err.message).toMatch(/^content\/guides\/honesty\.md: sources\[0\]: unknown source "Some Unlisted Report"/);
  });

  it("rejects a file name as a title", () => {
    const err = loadError(contentWith("sources.yaml", (t) => t.replace(/title: "Residency Advisor: pre-match guide \(medical genetics\)"/, "title: 000_ba44c710040dace8.txt")));
    expect(err.message).toMatch(/^content\/sources\.yaml: sources\[0\]\.title: must be a readable title/);
  });

  it("rejects an address that is not https", () => {
    const err = loadError(contentWith("sources.yaml", (t) => t.replace("https://www.nrmp.org/matching-algorithm/", "ftp://example.org/x")));
    expect(err.message).toMatch(/^content\/sources\.yaml: sources\[\d+\]\.url: /);
  });
});

describe("template sections", () => {
  it("names the file when a {{#field:word}} section is not closed", () => {
    const err = loadError(contentWith("templates/visa-inquiry.md", (t) => t.replace("{{/visa}}", "")));
    expect(err.message).toMatch(/^content\/templates\/visa-inquiry\.md: body: .*section/);
  });

  it("names the file when a section names an undeclared field", () => {
    const err = loadError(contentWith("templates/thank-you.md", (t) => `${t}\n{{#visa:H-1B}}x{{/visa}}\n`));
    expect(err.message).toMatch(/^content\/templates\/thank-you\.md: body: section \{\{#visa/);
  });
});

describe("a malformed content file", () => {
  it("names the file and the field when a template field label has the wrong type", () => {
    const dir = contentWith("templates/first-choice.md", (t) => t.replace(/label: .*/, "label: [not, a, string]"));
    const err = loadError(dir);
    expect(err.message).toMatch(/^content\/templates\/first-choice\.md: fields\[0\]\.label: /);
    expect(err.message.split("\n")).toHaveLength(1);
  });

  it("names the file and the unknown field", () => {
    const dir = contentWith("guides/honesty.md", (t) => t.replace(/^title:/m, "titel: x\ntitle:"));
    expect(loadError(dir).message).toMatch(/^content\/guides\/honesty\.md: titel: unknown field$/);
  });

  it("names the file when a required field is missing", () => {
    const dir = contentWith("templates/thank-you.md", (t) => t.replace(/^subject:.*$/m, ""));
    expect(loadError(dir).message).toMatch(/^content\/templates\/thank-you\.md: subject: /);
  });

  it("rejects a slot the template does not declare", () => {
    const dir = contentWith("templates/thank-you.md", (t) => `${t}\n{{nickname}}\n`);
    expect(loadError(dir).message).toBe("content/templates/thank-you.md: body: slot {{nickname}} is not declared in fields");
  });

  it("rejects YAML that does not parse, naming the file", () => {
    const dir = contentWith("templates/visa-inquiry.md", (t) => t.replace(/^title:(.*)$/m, "title: [unclosed"));
    expect(loadError(dir).message).toMatch(/^content\/templates\/visa-inquiry\.md: not valid YAML/);
  });

  it("rejects a related id that is not a topic", () => {
    const dir = contentWith("guides/honesty.md", (t) => t.replace(/^related:.*$/m, "related: [no-such-topic]"));
    expect(loadError(dir).message).toBe('content/guides/honesty.md: related[0]: unknown topic id "no-such-topic"');
  });

  const questionsFile = (topic: string, questions: string[]) =>
    `topic: ${topic}\nquestions:\n${questions.map((q) => `  - "${q}"`).join("\n")}\n`;
  const tenQuestions = Array.from({ length: 10 }, (_, i) => `may I say the true thing number ${i}`);

  it("rejects a training-question file whose topic is not its file name", () => {
    const dir = contentWith("questions/honesty.yaml", () => questionsFile("second-look", tenQuestions));
    expect(loadError(dir).message).toBe("content/questions/honesty.yaml: topic: must match the file name (honesty)");
  });

  it("rejects a training-question file for a topic that has no guide", () => {
    const dir = contentWith("questions/no-such-topic.yaml", () => questionsFile("no-such-topic", tenQuestions));
    expect(loadError(dir).message).toBe('content/questions/no-such-topic.yaml: topic: unknown topic id "no-such-topic"');
  });

  it("rejects a training-message file whose label is not its file name, or not a SPEC label", () => {
    const ten = Array.from({ length: 10 }, (_, i) => `Your interview is on day ${i}.`);
    const file = (label: string) => `label: ${label}\nmessages:\n${ten.map((m) => `  - "${m}"`).join("\n")}\n`;
    expect(loadError(contentWith("messages/routine.yaml", () => file("rank-highly"))).message).toBe(
      "content/messages/routine.yaml: label: must match the file name (routine)",
    );
    expect(loadError(contentWith("messages/routine.yaml", () => file("friendly"))).message).toMatch(/^content\/messages\/routine\.yaml: label: /);
  });

  it("rejects a repeated training question and an empty one, naming the field", () => {
    const repeated = contentWith("questions/honesty.yaml", () => questionsFile("honesty", [...tenQuestions, "May I say the true thing number 3"]));
    expect(loadError(repeated).message).toBe("content/questions/honesty.yaml: questions: must not repeat a question");
    const empty = contentWith("questions/honesty.yaml", () => questionsFile("honesty", [...tenQuestions, " "]));
    expect(loadError(empty).message).toBe("content/questions/honesty.yaml: questions[10]: must not be empty");
  });
});
