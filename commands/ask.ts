import { defineCommand, stringOption } from "../src/core/command.js";
import { MESSAGES } from "../src/core/messages.js";
import { makeReply } from "../src/core/reply.js";

/** Longest question accepted, in characters. */
export const QUESTION_MAX = 4000;

/** /ask: a guide answer, or what a pasted program message is and what to do. */
export default defineCommand({
  name: "ask",
  description: "Ask a Match question, or paste what a program wrote to you",
  example: "/ask can I ask a program if they sponsor H-1B?",
  options: [{ name: "question", description: "Your question, or the program's message", type: "string", required: true, maxLength: QUESTION_MAX, multiline: true }],
  rest: "question",
  run(ctx, call) {
    const result = ctx.core.asker.ask(stringOption(call, "question") ?? "");
    if (result.kind === "classification") {
      return makeReply("classification", { title: result.label, private: true, text: `${result.verdict}\n\n${result.advice}`, footer: MESSAGES.reminder }, result);
    }
    return makeReply("answer", { title: result.title, private: true, text: result.answer, footer: MESSAGES.reminder }, result);
  },
});
