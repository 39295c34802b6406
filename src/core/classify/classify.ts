import { MESSAGES } from "../messages.js";
import type { ClassificationData } from "../reply.js";
import { findProgramMessage } from "./detect.js";
import { labelMessage, PRESSURE_LABELS, type Label, type MessageVerdict } from "./labels.js";

export { LABELS, PRESSURE_LABELS, type Label } from "./labels.js";

/** A classification with the display parts that do not go into the SPEC JSON. */
export interface ClassifiedMessage {
  data: ClassificationData & { label: Label };
  /** Short heading for the label. */
  title: string;
}

/** The guide topic that explains each label. */
function topicFor(v: MessageVerdict): string {
  switch (v.label) {
    case "routine":
      return v.secondLook ? "second-look" : "prematch-communication";
    case "interest-signal":
      return "prematch-communication";
    case "rank-highly":
      return "rank-highly-messages";
    case "asks-ranking":
    case "commitment-pressure":
      return "rank-questions-and-pressure";
    case "prematch-offer":
      return v.outsideNrmp ? "non-nrmp-positions" : "prematch-offer";
  }
}

/** The template that answers each label, or null when no reply is needed. */
function templateFor(v: MessageVerdict): string | null {
  switch (v.label) {
    case "routine":
      return null;
    case "interest-signal":
    case "rank-highly":
      return "reply-to-interest";
    case "asks-ranking":
      return "answer-rank-question";
    case "commitment-pressure":
      return "decline-commitment";
    case "prematch-offer":
      return v.outsideNrmp ? "request-time" : "clarify-nrmp-status";
  }
}

/** Builds the SPEC classification for a labelled message. */
export function describeVerdict(v: MessageVerdict): ClassifiedMessage {
  const text = MESSAGES.ask.labels[v.label];
  const verdict = v.doubt ? `${text.verdict} ${MESSAGES.ask.doubt(v.doubt)}` : text.verdict;
  return {
    title: text.title,
    data: { kind: "classification", label: v.label, topic: topicFor(v), verdict, advice: text.advice, template: templateFor(v) },
  };
}

/**
 * Classifies the program message in the user's text, or returns null when the text is a question of
 * the user's own. A message retold without quotes is classified only when it carries a warning sign.
 */
export function classifyInput(input: string): ClassifiedMessage | null {
  const message = findProgramMessage(input);
  if (!message) return null;
  const verdict = labelMessage(message.text);
  if (!message.delimited && verdict.label !== "rank-highly" && !PRESSURE_LABELS.has(verdict.label)) return null;
  return describeVerdict(verdict);
}
