import { defineCommand, stringOption } from "../src/core/command.js";
import { logContextFor } from "../src/core/log-context.js";
import { makeReply } from "../src/core/reply.js";

/** Longest draft accepted, in characters. */
export const DRAFT_MAX = 10_000;

/** /check: reviews a pasted draft email against the rules. Always private. */
export default defineCommand({
  name: "check",
  description: "Review a draft email for Match rule problems (only you see the result)",
  example: "/check Dear Dr. Lee, ... (paste your draft)",
  options: [
    { name: "draft", description: "The draft email (leave empty to paste it in a form)", type: "string", maxLength: DRAFT_MAX, multiline: true },
    { name: "program", description: "The program the draft is for", type: "string", maxLength: 200 },
  ],
  rest: "draft",
  private: true,
  async run(ctx, call) {
    const program = stringOption(call, "program");
    const context = { ...(await logContextFor(ctx, program)), ...(program ? { program } : {}) };
    const data = ctx.core.checker.check(stringOption(call, "draft") ?? "", context);
    return makeReply("check", { title: "Draft check", text: `${data.findings.length} finding(s), ${data.words} words`, private: true }, data);
  },
});
