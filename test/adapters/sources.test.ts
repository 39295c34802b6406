import { describe, expect, it } from "vitest";
import askCommand from "../../commands/ask.js";
import { renderReply } from "../../src/adapters/discord/render.js";
import { renderSlackReply } from "../../src/adapters/slack/render.js";
import { renderPlain } from "../../src/adapters/text.js";
import { loadContent } from "../../src/content/load.js";
import type { CommandContext } from "../../src/core/command.js";
import { createCore } from "../../src/core/core.js";
import type { Reply } from "../../src/core/reply.js";
import { runCli } from "../helpers/cli.js";

const content = loadContent();
const core = createCore(content);
const ctx: CommandContext = { core, content, caller: { id: "cli:t", platform: "cli" }, store: null, now: () => new Date(), commands: [askCommand], serverSettings: async () => null };
/** A source id that is a file name (the seed guides are stored as 000_<hash>.txt). */
const FILE_NAME = /\b\w+\.(?:txt|md|ya?ml|json)\b/;

/** A question that /ask answers with this guide: its title, or else the first of its examples that does. */
function questionFor(id: string): string {
  const g = content.guides.get(id)!;
  const question = [g.title, ...g.examples].find((q) => {
    const a = core.asker.ask(q);
    return a.kind === "answer" && a.topic === id;
  });
  if (!question) throw new Error(`${id}: no question answered with this guide`);
  return question;
}

/** The /ask reply for a question. */
async function replyFor(question: string): Promise<Reply> {
  return askCommand.run(ctx, { name: "ask", options: { question } } as never) as Promise<Reply>;
}

describe("sources people can open, on every adapter", () => {
  const guides = [...content.guides.values()];

  it("renders every topic on Discord, Slack and plain text with source titles and links, never a file name", async () => {
    for (const g of guides) {
      const reply = await replyFor(questionFor(g.id));
      if (reply.kind !== "answer") throw new Error(`${g.id}: expected an answer`);
      expect(reply.data.topic, g.id).toBe(g.id);
      const titles = g.sources.map((id) => content.sources.get(id)!.title);
      const urls = g.sources.map((id) => content.sources.get(id)!.url);
      expect(reply.data.sources).toEqual(titles);
      expect(reply.data.links).toEqual(urls);

      const discord = JSON.stringify(renderReply(reply));
      const slack = JSON.stringify(renderSlackReply(reply));
      const plain = renderPlain(reply);
      for (const [name, out] of [["discord", discord], ["slack", slack], ["plain", plain]] as const) {
        expect(out, `${name} ${g.id}`).not.toMatch(FILE_NAME);
      }
      expect(discord).toContain(`[${titles[0]}](${urls[0]})`.replace(/"/g, '\\"'));
      expect(slack).toContain(`<${urls[0]}|`);
      expect(plain).toContain(`${titles[0]} <${urls[0]}>`);
    }
  });

  it("keeps sources as title strings in the CLI JSON and adds links in the same order, for every topic", async () => {
    const input = guides.map((g) => JSON.stringify({ command: "ask", text: questionFor(g.id) })).join("\n");
    const { stdout, code } = await runCli(["batch"], `${input}\n`);
    expect(code).toBe(0);
    const answers = stdout.trim().split("\n").map((l) => JSON.parse(l) as { topic: string; sources: string[]; links: string[] });
    expect(answers).toHaveLength(guides.length);
    answers.forEach((a, i) => {
      const g = guides[i];
      expect(a.topic).toBe(g.id);
      expect(a.sources).toEqual(g.sources.map((id) => content.sources.get(id)!.title));
      expect(a.links).toEqual(g.sources.map((id) => content.sources.get(id)!.url));
      expect(JSON.stringify(a.sources)).not.toMatch(FILE_NAME);
    });
  });
});
