import { defineCommand, stringOption } from "../src/core/command.js";
import { MESSAGES } from "../src/core/messages.js";
import { linkText, makeReply, type Field, type Followup } from "../src/core/reply.js";

/** Longest quote shown back in a classification reply, in characters. */
export const QUOTE_SHOWN_MAX = 300;

/** Longest question accepted, in characters. */
export const QUESTION_MAX = 4000;

/** /ask: a guide answer, or what a pasted program message is and what to do. */
export default defineCommand({
  name: "ask",
  description: "Ask a Match question, or paste what a program wrote to you",
  example: "/ask can I ask a program if they sponsor H-1B?",
  options: [{ name: "question", description: "Your question, or the program's message", type: "string", required: true, maxLength: QUESTION_MAX, multiline: true }],
  rest: "question",
  privacy: "server",
  disclaimer: true,
  modal: { option: "question", title: MESSAGES.ask.modalTitle, label: MESSAGES.ask.modalLabel },
  run(ctx, call) {
    const outcome = ctx.core.asker.explain(stringOption(call, "question") ?? "");
    const titleOf = (id: string) => ctx.content.guides.get(id)?.title ?? id;
    if (outcome.kind === "classification") {
      const { data } = outcome;
      const template = data.template ? ctx.content.templates.get(data.template) : undefined;
      const quote = data.quote.length > QUOTE_SHOWN_MAX ? `${data.quote.slice(0, QUOTE_SHOWN_MAX - 1)}…` : data.quote;
      const fields: Field[] = [];
      if (quote) fields.push({ name: MESSAGES.ask.quoteName, value: quote });
      const question = data.related[0] ? ctx.content.guides.get(data.related[0]) : undefined;
      if (question) fields.push({ name: MESSAGES.ask.questionName, value: `${question.title}: ${question.summary}` });
      fields.push({
        name: MESSAGES.ask.relatedName,
        value: [data.topic, ...data.related].map((id) => `${titleOf(id)} (${id})`).join("\n"),
      });
      const followups: Followup[] = [];
      if (template) {
        fields.push({ name: MESSAGES.ask.templateName, value: `${template.title} (/template ${template.id})` });
        followups.push({ label: MESSAGES.ask.templateFollowup(template.title), command: "template", options: { id: template.id } });
      }
      return makeReply(
        "classification",
        { title: outcome.title, text: `${data.verdict}\n\n${data.advice}`, fields, followups, footer: MESSAGES.reminder },
        data,
      );
    }
    const { data } = outcome;
    if (outcome.unsure) {
      return makeReply(
        "answer",
        {
          title: data.title,
          text: data.answer,
          followups: outcome.candidates.map((c) => ({ label: MESSAGES.ask.topicFollowup(c.title), command: "ask", options: { question: c.title } })),
          footer: MESSAGES.reminder,
        },
        data,
      );
    }
    const fields: Field[] = [];
    if (data.related.length) fields.push({ name: MESSAGES.ask.relatedName, value: data.related.map((id) => `${titleOf(id)} (${id})`).join("\n") });
    if (data.sources.length) fields.push({ name: MESSAGES.ask.sourcesName, value: data.sources.map((title, i) => linkText(title, data.links?.[i])).join("\n") });
    const footer = data.reviewed ? `${MESSAGES.reviewed(data.reviewed)} · ${MESSAGES.reminder}` : MESSAGES.reminder;
    return makeReply("answer", { title: data.title, text: data.answer, fields, footer }, data);
  },
});
