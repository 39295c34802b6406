import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import {
  BLOCKS_MAX,
  HEADER_MAX,
  renderModal,
  renderSlackReply,
  SECTION_MAX,
  splitText,
  toMrkdwn,
} from "../../../src/adapters/slack/render.js";
import { decodeFollowup } from "../../../src/adapters/slack/parse.js";
import { MESSAGES } from "../../../src/core/messages.js";
import { makeReply, type Finding, type Reply, type Severity } from "../../../src/core/reply.js";

interface AnyBlock {
  type: string;
  text?: { type: string; text: string };
  elements?: { type: string; text?: string | { text: string }; value?: string; action_id?: string }[];
}

const SEVERITIES: Severity[] = ["violation", "warning", "tip"];

function finding(i: number, excerptLength = 40): Finding {
  return {
    rule: `rule-${i}`,
    severity: SEVERITIES[i % 3],
    start: i * 10,
    end: i * 10 + excerptLength,
    excerpt: `excerpt ${i} `.padEnd(excerptLength, "x"),
    message: `Message ${i}: why this matters. `.repeat(20),
    suggestion: `Suggestion ${i}: what to write instead. `.repeat(20),
    topic: "email-etiquette",
  };
}

function checkReply(count: number, excerptLength = 40): Reply {
  const findings = Array.from({ length: count }, (_, i) => finding(i, excerptLength));
  return makeReply("check", { title: "Draft check", text: `${count} finding(s), 300 words`, private: true, footer: MESSAGES.reminder }, { findings, words: 300 });
}

function blocksOf(reply: Reply): AnyBlock[] {
  return renderSlackReply(reply).blocks as AnyBlock[];
}

function expectWithinLimits(blocks: AnyBlock[]): void {
  expect(blocks.length).toBeLessThanOrEqual(BLOCKS_MAX);
  for (const b of blocks) {
    if (b.type === "header") expect(b.text!.text.length).toBeLessThanOrEqual(HEADER_MAX);
    if (b.type === "section") expect(b.text!.text.length).toBeLessThanOrEqual(SECTION_MAX);
    if (b.type === "context") for (const e of b.elements ?? []) expect(String(e.text).length).toBeLessThanOrEqual(SECTION_MAX);
  }
}

describe("renderSlackReply", () => {
  it("keeps a 40-finding reply within Block Kit limits, one section per finding", () => {
    const blocks = blocksOf(checkReply(40, 2000));
    expectWithinLimits(blocks);
    const sections = blocks.filter((b) => b.type === "section").map((b) => b.text!.text);
    for (let i = 0; i < 40; i++) expect(sections.filter((s) => s.includes(`\`rule-${i}\``))).toHaveLength(1);
    expect(blocks[0].type).toBe("header");
    expect(blocks.at(-1)).toMatchObject({ type: "context" });
  });

  it("trims a longer reply to 50 blocks with a note saying how many are not shown", () => {
    const blocks = blocksOf(checkReply(70));
    expect(blocks).toHaveLength(BLOCKS_MAX);
    expectWithinLimits(blocks);
    const shown = blocks.filter((b) => b.type === "section" && /`rule-\d+`/.test(b.text!.text)).length;
    const note = blocks.find((b) => b.type === "section" && b.text!.text.includes("more not shown"));
    expect(note?.text?.text).toContain(String(70 - shown));
    expect(blocks.at(-1)?.type).toBe("context");
  });

  it("adds the silence hint to tips and warnings but not to violations", () => {
    const blocks = blocksOf(checkReply(3));
    const text = (rule: string) => blocks.find((b) => b.text?.text.includes(`\`${rule}\``))!.text!.text;
    expect(text("rule-0")).not.toContain("rule-off");
    expect(text("rule-1")).toContain(MESSAGES.silenceHint("rule-1"));
    expect(text("rule-2")).toContain(MESSAGES.silenceHint("rule-2"));
  });

  it("shows each finding's excerpt and fix", () => {
    const f = finding(1);
    const section = blocksOf(checkReply(2)).find((b) => b.text?.text.includes("`rule-1`"))!.text!.text;
    expect(section).toContain(`> ${f.excerpt}`);
    expect(section).toContain(`*${MESSAGES.slackFixLabel}:*`);
    expect(section).toContain("Suggestion 1");
  });

  it("splits long text into sections of at most 3,000 characters without losing any", () => {
    const text = Array.from({ length: 400 }, (_, i) => `Line ${i} of a long guide answer with some words.`).join("\n");
    const reply = makeReply("answer", { title: "Long", text }, { kind: "answer", topic: "t", title: "Long", answer: text, related: [], sources: [] });
    const sections = blocksOf(reply).filter((b) => b.type === "section").map((b) => b.text!.text);
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SECTION_MAX);
    expect(sections.join("\n")).toBe(text);
  });

  it("renders a template body as copyable preformatted text", () => {
    const text = "Subject: Thank you\n\nDear Dr. Lee,\n\nThank you.";
    const reply = makeReply("template", { title: "Thank you", text, private: true }, { id: "thank-you", title: "Thank you", subject: "Thank you", body: "", cautions: [], missing: [] });
    const section = blocksOf(reply).find((b) => b.type === "section")!;
    expect(section.text!.text).toBe(`\`\`\`${text}\`\`\``);
  });

  it("turns follow-ups into buttons whose value runs the suggested command", () => {
    const reply = makeReply(
      "classification",
      { title: "asks-ranking", text: "Not allowed.", followups: [{ label: "Reply template", command: "template", options: { id: "answer-rank-question" } }] },
      { kind: "classification", label: "asks-ranking", topic: "rank-questions-and-pressure", verdict: "", advice: "", template: "answer-rank-question" },
    );
    const actions = blocksOf(reply).find((b) => b.type === "actions")!;
    const button = actions.elements![0];
    expect(button.action_id).toBe("followup:0");
    expect(decodeFollowup(button.value)).toEqual({ name: "template", options: { id: "answer-rank-question" } });
  });

  it("is ephemeral when the reply is private and in the channel otherwise", () => {
    const base = { kind: "notice" } as const;
    expect(renderSlackReply(makeReply(base.kind, { title: "t", private: true }, {})).response_type).toBe("ephemeral");
    expect(renderSlackReply(makeReply(base.kind, { title: "t" }, {})).response_type).toBe("in_channel");
  });

  it("escapes Slack markup so user text cannot ping a channel", () => {
    const reply = makeReply("notice", { title: "t", text: "hello <!channel> & <@U1>" }, {});
    const section = blocksOf(reply).find((b) => b.type === "section")!;
    expect(section.text!.text).toBe("hello &lt;!channel&gt; &amp; &lt;@U1&gt;");
  });

  it("cuts an over-long title to the header limit", () => {
    const blocks = blocksOf(makeReply("notice", { title: "T".repeat(500) }, {}));
    expect(blocks[0].text!.text.length).toBe(HEADER_MAX);
  });

  it("handles 10,000 characters of hostile markup in linear time", () => {
    const hostile = ["**".repeat(5000), `**${"a".repeat(9998)}`, "*".repeat(10_000), `${"\n".repeat(5000)}${" ".repeat(5000)}`];
    for (const text of hostile) {
      const blocks = blocksOf(makeReply("notice", { title: "t", text }, {}));
      expectWithinLimits(blocks);
    }
  });
});

describe("splitText and toMrkdwn", () => {
  it("prefers line breaks when splitting", () => {
    expect(splitText("aaaa\nbbbb\ncccc", 10)).toEqual(["aaaa\nbbbb", "cccc"]);
  });

  it("converts **bold** to Slack *bold*", () => {
    expect(toMrkdwn("a **b** c")).toBe("a *b* c");
  });
});

describe("renderModal", () => {
  it("has a required multi-line draft input and an optional program input within Slack's limits", () => {
    const check = COMMANDS.find((c) => c.name === "check")!;
    const view = renderModal(check, "{}") as unknown as { title: { text: string }; blocks: { block_id: string; optional: boolean; element: { multiline: boolean; max_length: number } }[] };
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const draft = view.blocks.find((b) => b.block_id === "draft")!;
    expect(draft.optional).toBe(false);
    expect(draft.element.multiline).toBe(true);
    expect(draft.element.max_length).toBe(3000);
    expect(view.blocks.find((b) => b.block_id === "program")?.optional).toBe(true);
  });
});
