import { defineCommand, stringOption } from "../src/core/command.js";
import { logContextFor } from "../src/core/log-context.js";
import { MESSAGES } from "../src/core/messages.js";
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
    { name: "program", description: "The program the draft is meant for", type: "string", maxLength: 200 },
    { name: "fix", description: "Also return the draft with every mechanical fix applied", type: "boolean" },
  ],
  rest: "draft",
  private: true,
  async run(ctx, call) {
    const program = stringOption(call, "program");
    const context = { ...(await logContextFor(ctx, program)), ...(program ? { program } : {}) };
    const data = ctx.core.checker.check(stringOption(call, "draft") ?? "", context, { fix: call.options.fix === true });
    const text = [MESSAGES.checkSummary(data.findings.length, data.words), ...(data.skipped?.length ? [MESSAGES.checkSkipped(data.skipped)] : [])].join("\n");
    return makeReply("check", { title: MESSAGES.checkTitle, text, private: true }, data);
  },
});
