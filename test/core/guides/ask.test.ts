import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createAsker, RELATED_MAX } from "../../../src/core/guides/ask.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { applySynonyms, buildSynonymTable, rawTokens } from "../../../src/core/guides/text.js";
import { UserError } from "../../../src/core/errors.js";
import askCommand from "../../../commands/ask.js";
import { createCore } from "../../../src/core/core.js";
import type { CommandContext } from "../../../src/core/command.js";
import { isPrivateReply } from "../../../src/core/dispatch.js";

const content = loadContent();
const asker = createAsker(content);
const SPEC_TOPICS = [
  "prematch-communication", "prematch-offer", "non-nrmp-positions", "responding-to-offer", "rank-questions-and-pressure",
  "rank-highly-messages", "first-choice-letter", "letter-of-interest", "thank-you-email", "update-letter", "pre-interview-interest",
  "visa-sponsorship", "h1b-requirements", "email-etiquette", "email-frequency", "communication-timeline", "asking-about-chances",
  "communication-log", "mentor-advocacy", "unmatched-next-steps", "honesty", "second-look", "specialty-medical-genetics",
  "specialty-global-health", "specialty-med-psych", "specialty-pediatrics", "rank-list-strategy", "interview-scheduling",
  "after-match", "program-silence", "prelim-and-advanced",
];

function context(): CommandContext {
  return { core: createCore(content), content, caller: { id: "cli:t", platform: "cli" }, store: null, now: () => new Date(), commands: [askCommand], serverSettings: async () => null };
}

describe("guides content", () => {
  it("has exactly one guide per SPEC topic id", () => {
    expect([...content.guides.keys()].sort()).toEqual([...SPEC_TOPICS].sort());
  });

  it("keeps what /ask shows for every topic within one chat message (1,800 characters)", () => {
    for (const g of content.guides.values()) {
      const related = g.related.slice(0, RELATED_MAX).map((id) => `${content.guides.get(id)!.title} (${id})`);
      const shown = [g.title, g.summary, ...g.key_points.map((k) => `• ${k}`), ...related, ...g.sources.map((id) => content.sources.get(id)!.title), MESSAGES.reminder].join("\n");
      expect(shown.length, g.id).toBeLessThanOrEqual(1800);
    }
  });
});

describe("synonyms", () => {
  const table = buildSynonymTable(content.synonyms);
  it("reads H-1B, H1B and h1b as the same term, and LOI as letter of intent", () => {
    const canon = (s: string) => applySynonyms(rawTokens(s), table).join(" ");
    expect(canon("H-1B")).toBe(canon("h1b"));
    expect(canon("H-1B")).toBe(canon("H1B visa"));
    expect(canon("LOI")).toBe(canon("letter of intent"));
    expect(canon("pre-match")).toBe(canon("prematch"));
  });

  it("prefers the longest phrase: a first-choice letter is a letter of intent, not just a first choice", () => {
    const canon = (s: string) => applySynonyms(rawTokens(s), table).join(" ");
    expect(canon("first-choice letter")).toBe(canon("LOI"));
    expect(canon("first choice")).not.toBe(canon("LOI"));
  });
});

describe("asker: guide answers", () => {
  it("ranks each guide first for its own title", () => {
    for (const g of content.guides.values()) expect(asker.rank(g.title, 1)[0].id, g.title).toBe(g.id);
  });

  it("answers a plain question about US mentors as a guide question, not as a program's message", () => {
    expect(asker.ask("Can a US attending vouch for you with a program?").kind).toBe("answer");
  });

  it("understands abbreviations and typos", () => {
    expect(asker.ask("how many LOIs can I send").topic).toBe("first-choice-letter");
    expect(asker.ask("do i need step3 for h1b").topic).toBe("h1b-requirements");
    expect(asker.ask("secnd look mandatory?").topic).toBe("second-look");
  });

  it("returns the SPEC answer shape with up to three related topics, other than the answer's own", () => {
    const a = asker.ask("when should I send a thank you email after the interview");
    expect(Object.keys(a)).toEqual(["kind", "topic", "title", "answer", "related", "sources", "links", "reviewed"]);
    if (a.kind !== "answer") throw new Error("expected an answer");
    expect(a.topic).toBe("thank-you-email");
    expect(a.related.length).toBeGreaterThan(0);
    expect(a.related.length).toBeLessThanOrEqual(RELATED_MAX);
    expect(a.related).not.toContain(a.topic);
    for (const id of a.related) expect(content.guides.has(id)).toBe(true);
    const ids = content.guides.get("thank-you-email")!.sources;
    expect(a.sources).toEqual(ids.map((id) => content.sources.get(id)!.title));
    expect(a.links).toEqual(ids.map((id) => content.sources.get(id)!.url));
    expect(a.answer).toContain(content.guides.get("thank-you-email")!.summary);
    expect(a.reviewed).toBe(content.guides.get("thank-you-email")!.reviewed);
    expect(a.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("says it is not sure, with three closest topics, when nothing matches well", () => {
    const outcome = asker.explain("what about the other one");
    expect(outcome.kind).toBe("answer");
    if (outcome.kind !== "answer") return;
    expect(outcome.unsure).toBe(true);
    expect(outcome.data.title).toBe(MESSAGES.ask.notSureTitle);
    expect(outcome.candidates).toHaveLength(3);
    for (const c of outcome.candidates) expect(outcome.data.answer).toContain(c.title);
    expect(content.guides.has(outcome.data.topic)).toBe(true);
  });

  it("rejects an empty question with a user error", () => {
    expect(() => asker.ask("   ")).toThrow(UserError);
  });

  it("stays fast and finite on 10,000 characters of hostile input", () => {
    const hostile = `${"\"a ".repeat(2500)}${"'x".repeat(1200)}`;
    const a = asker.ask(hostile.slice(0, 10_000));
    expect(["answer", "classification"]).toContain(a.kind);
  });
});

describe("asker: one reply for the program's words and the applicant's question", () => {
  it("gives the verdict on a quoted message and the applicant's own question's topic", () => {
    const r = asker.ask('the coordinator wrote "your interview is moved to Jan 14, same zoom link" - do I need to send another thank you email after it?');
    expect(r.kind).toBe("classification");
    if (r.kind !== "classification") return;
    expect(r.label).toBe("routine");
    expect(r.quote).toBe("your interview is moved to Jan 14, same zoom link");
    expect([r.topic, ...r.related]).toContain("thank-you-email");
  });

  it("leads with a guide that says how to handle a pressure message, whatever else the question is about", () => {
    const r = asker.ask('a peds program emailed "rank us first and we will make sure you match" - is that normal in pediatrics?');
    expect(r.kind).toBe("classification");
    if (r.kind !== "classification") return;
    expect(r.label).toBe("commitment-pressure");
    expect(content.classifier.handling_topics).toContain(r.topic);
    expect(r.related.length).toBeLessThanOrEqual(RELATED_MAX);
  });
});

describe("/ask command reply", () => {
  it("is private, ends with when its guide was reviewed and the guidance reminder, and lists related topics and sources", async () => {
    const reply = await askCommand.run(context(), { name: "ask", options: { question: "how often can I email a program" } });
    expect(reply.kind).toBe("answer");
    expect(isPrivateReply(askCommand, reply, null)).toBe(true);
    const reviewed = content.guides.get("email-frequency")!.reviewed;
    expect(reply.footer).toBe(`${MESSAGES.reviewed(reviewed)} · ${MESSAGES.reminder}`);
    expect(reply.footer).toMatch(/^Reviewed (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} · /);
    expect(reply.fields.map((f) => f.name)).toEqual([MESSAGES.ask.relatedName, MESSAGES.ask.sourcesName]);
    expect(reply.text.length + reply.title.length + (reply.footer?.length ?? 0)).toBeLessThanOrEqual(1800);
  });

  it("offers the suggested template as a follow-up for a pasted pressure message", async () => {
    const reply = await askCommand.run(context(), {
      name: "ask",
      options: { question: 'the PD emailed me: "Cancel your other interviews and the position is yours."' },
    });
    expect(reply.kind).toBe("classification");
    if (reply.kind !== "classification") return;
    expect(reply.data.label).toBe("commitment-pressure");
    expect(reply.followups).toEqual([{ label: expect.any(String), command: "template", options: { id: reply.data.template } }]);
    expect(reply.footer).toBe(MESSAGES.reminder);
    expect(isPrivateReply(askCommand, reply, null)).toBe(true);
  });

  it("keeps reply.data exactly the SPEC classification shape", async () => {
    const reply = await askCommand.run(context(), { name: "ask", options: { question: 'they wrote: "We will rank you very highly."' } });
    expect(Object.keys(reply.data)).toEqual(["kind", "label", "topic", "verdict", "advice", "template", "quote", "related"]);
  });
});
