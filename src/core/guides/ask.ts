import type { Content } from "../../content/schemas.js";
import { UserError } from "../errors.js";
import { MESSAGES } from "../messages.js";
import type { AnswerData, ClassificationData } from "../reply.js";

/** The answer to one /ask: a guide answer or a classification of a pasted program message. */
export type AskResult = AnswerData | ClassificationData;

/** Answers questions from content/guides. */
export interface Asker {
  ask(question: string): AskResult;
}

/** Builds the search index once; the returned asker is pure. */
export function createAsker(_content: Content): Asker {
  return {
    ask() {
      throw new UserError("not-available", MESSAGES.notAvailable("/ask"));
    },
  };
}
