import { describe, expect, it } from "vitest";
import { renderChoices, renderReply } from "../../../src/adapters/discord/render.js";
import { parseButton } from "../../../src/adapters/discord/parse.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { makeReply, type Finding, type Reply, type Severity } from "../../../src/core/reply.js";
import { discordLimitProblems } from "../../helpers/discord-limits.js";

const SEVERITIES: Severity[] = ["violation", "warning", "tip"];

/** `n` findings of every severity, with long excerpts, messages and fixes (the worst case for size). */
function findings(n: number, size = 1): Finding[] {
  return Array.from({ length: n }, (_, i) => ({
    rule: `rule-${i}`,
    severity: SEVERITIES[i % 3],
    start: i * 10,
    end: i * 10 + 8,
    excerpt: `excerpt ${i} @everyone **bold** `.repeat(2 * size),
    message: `Why finding ${i} matters. `.repeat(6 * size),
    suggestion: `Fix finding ${i} like this. `.repeat(5 * size),
    topic: "email-etiquette",
  }));
}

function checkReply(list: Finding[]): Reply {
  return makeReply("check", { title: "Draft check", text: `${list.length} finding(s), 420 words`, private: true }, { findings: list, words: 420 });
}

function fieldsOf(messages: ReturnType<typeof renderReply>) {
  return messages.flatMap((m) => (m.embeds ?? []).flatMap((e) => e.fields ?? []));
}

describe("renderReply: a check with 40 findings", () => {
  const list = findings(40);
  const messages = renderReply(checkReply(list));

  it("keeps every message within Discord's limits", () => {
    for (const m of messages) expect(discordLimitProblems(m)).toEqual([]);
    expect(messages.length).toBeLessThanOrEqual(5);
  });

  it("shows all 40 findings, each with its excerpt and its fix", () => {
    const fields = fieldsOf(messages);
    for (const [i, f] of list.entries()) {
      const field = fields.find((x) => x.name.startsWith(`${i + 1}. `) && x.name.endsWith(f.rule));
      expect(field, f.rule).toBeDefined();
      expect(field!.value).toContain(`excerpt ${i}`);
      expect(field!.value).toContain(`${MESSAGES.discordFixLabel}:** Fix finding ${i}`);
    }
  });

  it("adds the silence hint to tips and warnings, never to violations", () => {
    const fields = fieldsOf(messages);
    for (const f of list) {
      const field = fields.find((x) => x.name.endsWith(` ${f.rule}`))!;
      expect(field.value.includes(MESSAGES.silenceHint(f.rule))).toBe(f.severity !== "violation");
    }
  });

  it("is ephemeral and pings nobody, in every message", () => {
    for (const m of messages) {
      expect(m.flags).toBe(64);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it("escapes markdown in excerpts so user text cannot restyle the reply", () => {
    const field = fieldsOf(messages)[0];
    expect(field.value).toContain("\\*\\*bold\\*\\*");
  });

  it("colours embeds by severity: red for violations, yellow for warnings", () => {
    const embeds = messages.flatMap((m) => m.embeds ?? []);
    expect(embeds[0].color).toBe(0xed4245);
    const warningEmbed = embeds.find((e) => e.fields?.some((f) => f.name.includes("warning")))!;
    expect(warningEmbed.color).toBe(0xfee75c);
  });
});

describe("renderReply: more than fits", () => {
  it("trims 300 oversized findings to what fits in five messages and says how many were left out", () => {
    const list = findings(300, 4);
    const messages = renderReply(checkReply(list));
    expect(messages.length).toBe(5);
    for (const m of messages) expect(discordLimitProblems(m)).toEqual([]);
    const shown = fieldsOf(messages).length;
    expect(shown).toBeLessThan(300);
    expect(messages.at(-1)!.content).toBe(MESSAGES.discordTrimmed(300 - shown));
  });

  it("shortens a 10,000-character text and a 5,000-character field with a note instead of failing", () => {
    const reply = makeReply("answer", { title: "T".repeat(400), text: "word ".repeat(2000), fields: [{ name: "F", value: "v".repeat(5000) }], footer: "f".repeat(3000) }, {
      kind: "answer",
      topic: "honesty",
      title: "x",
      answer: "x",
      related: [],
      sources: [],
    });
    const messages = renderReply(reply);
    for (const m of messages) expect(discordLimitProblems(m)).toEqual([]);
    expect(messages[0].embeds![0].description!.endsWith(MESSAGES.discordShortened)).toBe(true);
  });

  it("shortens a long error to Discord's 2,000-character content", () => {
    const reply = makeReply("error", { title: "Not quite", text: "e".repeat(5000), private: true }, { error: "x", code: "bad-input", suggestions: [] });
    const [m] = renderReply(reply);
    expect(m.content!.length).toBeLessThanOrEqual(2000);
    expect(m.flags).toBe(64);
  });
});

describe("renderReply: every reply kind", () => {
  const common = { title: "Title", text: "Text", fields: [{ name: "a", value: "b" }], followups: [{ label: "Get the template", command: "template", options: { id: "request-time" } }] };
  const replies: Reply[] = [
    makeReply("answer", common, { kind: "answer", topic: "honesty", title: "t", answer: "a", related: [], sources: [] }),
    makeReply("classification", common, { kind: "classification", label: "prematch-offer", topic: "prematch-offer", verdict: "v", advice: "a", template: "request-time" }),
    makeReply("template", common, { id: "thank-you", title: "t", subject: "s", body: "b", cautions: [], missing: [] }),
    makeReply("check", common, { findings: [], words: 3 }),
    makeReply("list", common, {}),
    makeReply("notice", common, {}),
    makeReply("error", common, { error: "e", code: "bad-input", suggestions: [] }),
  ];

  it("renders each kind within the limits, public when not private", () => {
    for (const r of replies) {
      const messages = renderReply(r);
      expect(messages.length, r.kind).toBeGreaterThan(0);
      for (const m of messages) {
        expect(discordLimitProblems(m), r.kind).toEqual([]);
        expect(m.flags, r.kind).toBeUndefined();
      }
    }
  });

  it("turns a suggested template into a button that runs /template with that id", () => {
    const classification = renderReply(replies[1]);
    const row = classification.at(-1)!.components![0];
    const btn = row.components[0];
    expect(btn.label).toBe("Get the template");
    expect(parseButton(btn.custom_id)).toEqual({ name: "template", options: { id: "request-time" } });
  });

  it("colours a forbidden-message classification red and a clean check green", () => {
    expect(renderReply(replies[1])[0].embeds![0].color).toBe(0xed4245);
    expect(renderReply(replies[3])[0].embeds![0].color).toBe(0x57f287);
  });
});

describe("renderChoices", () => {
  it("keeps at most 25 choices and drops values over 100 characters", () => {
    const choices = Array.from({ length: 40 }, (_, i) => ({ name: `n${i}`.repeat(60), value: i === 0 ? "v".repeat(101) : `v${i}` }));
    const res = renderChoices(choices);
    expect(res.data.choices.length).toBe(25);
    expect(res.data.choices[0].value).toBe("v1");
    for (const c of res.data.choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});
