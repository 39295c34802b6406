import type { Content } from "../../content/schemas.js";
import { softmaxModel, termFeatures, trainOnTexts, type SoftmaxData } from "../model/softmax.js";
import { analyze, MAX_QUERY_WORDS, type SynonymTable } from "./text.js";

/**
 * /ask's question model: softmax regression over a question's search terms and adjacent term pairs, trained on each
 * guide's example questions and content/questions. Its probability joins the BM25 text match in the ranking.
 */
export type QuestionModelData = SoftmaxData;

/** How likely each topic is, given a question. */
export interface QuestionModel {
  /** Probability of each topic (summing to 1); empty when no word of the question was seen in training. */
  predict(question: string): Map<string, number>;
  /** The same from the question's search terms, in order (`analyze` output), when the caller has them already. */
  predictTerms(terms: readonly string[]): Map<string, number>;
}

/** A question's features: its search terms (synonyms, stop words and stemming as for the index) and adjacent pairs. */
export function questionFeatures(question: string, table: SynonymTable): string[] {
  return termFeatures(analyze(question, table, MAX_QUERY_WORDS));
}

/**
 * The question model's class for questions outside what the guides cover (content/outside.yaml). It is no topic: search
 * leaves it out of the ranking, and its probability tells the scope check (scope.ts) that a question lies outside.
 * Learnt among the topics rather than by a separate in/out model, because competing with 31 specific topics makes it
 * sharper: on the dev sets a separate two-class model found 83.3% of offdomain-dev2 where this class finds 91.7%, with the
 * same in-domain questions wrongly called outside (4–5 of 1,517) — dev figures.
 */
export const OUTSIDE_CLASS = "(outside)";

/** The questions of content/outside.yaml, when there is one. */
export function outsideQuestions(content: Pick<Content, "extra">): string[] {
  return (content.extra.get("outside.yaml") as { questions: string[] } | undefined)?.questions ?? [];
}

/** What the model learns from, per topic: the guide's example questions, then content/questions. */
export function trainingQuestions(content: Pick<Content, "guides" | "questions">): Map<string, string[]> {
  return new Map([...content.guides.values()].map((g) => [g.id, [...g.examples, ...(content.questions.get(g.id) ?? [])]]));
}

/** The question model's classes and texts: every topic's training questions, then the questions outside them all. */
export function questionModelExamples(content: Pick<Content, "guides" | "questions" | "extra">): Map<string, string[]> {
  const examples = trainingQuestions(content);
  const outside = outsideQuestions(content);
  return outside.length ? examples.set(OUTSIDE_CLASS, outside) : examples;
}

/** Trains the question model. */
export function trainQuestionModel(examples: ReadonlyMap<string, readonly string[]>, table: SynonymTable): QuestionModelData {
  return trainOnTexts(examples, (q) => questionFeatures(q, table));
}

/** The question model over trained data. */
export function questionModel(data: QuestionModelData, table: SynonymTable): QuestionModel {
  const model = softmaxModel(data);
  const predictTerms = (terms: readonly string[]) => model.predict(termFeatures(terms));
  return {
    predictTerms,
    predict: (question) => predictTerms(analyze(question, table, MAX_QUERY_WORDS)),
  };
}
