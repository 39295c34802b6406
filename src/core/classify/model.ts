import { stemmer } from "stemmer";
import type { Content } from "../../content/schemas.js";
import { trainingQuestions } from "../guides/model.js";
import { softmaxModel, termFeatures, trainOnTexts, type SoftmaxData } from "../model/softmax.js";
import { LABELS, normalizeMessage, type Label } from "./labels.js";

/**
 * The message model: softmax regression over a program message's stemmed words and adjacent word pairs (function
 * words kept: "rank us first" and "rank you first" differ), trained on content/messages. It backs up the
 * labelling rules (labels.ts) in classify.ts.
 */
export type MessageModelData = SoftmaxData;

/** Most words of a message that are looked at (keeps the model fast on hostile input). */
export const MAX_MESSAGE_WORDS = 400;

/** How likely each label is, given a program's message. */
export interface MessageModel {
  /** Probability of each label (summing to 1); empty when no word of the message was seen in training. */
  predict(message: string): Map<Label, number>;
}

/** Whether a text holds a program's message at all, rather than only the applicant's own question. */
export interface DetectorModel {
  /** Probability (0–1) that the text is or quotes a program's message; 0 when no word of it was seen in training. */
  probability(text: string): number;
}

/** The detector's two classes. */
export const DETECTOR_CLASSES = { message: "message", question: "question" } as const;

/** A message's features: lower-cased, chat shorthand spelled out, stemmed words and adjacent pairs. */
export function messageFeatures(message: string): string[] {
  const words: string[] = [];
  for (const m of normalizeMessage(message).matchAll(/#?[a-z0-9]+(?:'[a-z]+)?/g)) {
    words.push(stemmer(m[0].replace("'", "")));
    if (words.length >= MAX_MESSAGE_WORDS) break;
  }
  return termFeatures(words);
}

/** What the model learns from, per label: content/messages. */
export function trainingMessages(content: Pick<Content, "messages">): Map<string, string[]> {
  return new Map(LABELS.map((label) => [label, [...(content.messages.get(label) ?? [])]]));
}

/**
 * Trains the message model. A training message wrapped in the applicant's question ("the PD wrote '…', is that
 * allowed?") is learnt from the part the classifier would read: `programWords` (the speaker analysis's program part).
 */
export function trainMessageModel(examples: ReadonlyMap<string, readonly string[]>, programWords: (text: string) => string | null = () => null): MessageModelData {
  return trainOnTexts(examples, (m) => messageFeatures(programWords(m) ?? m));
}

/** The message model over trained data. */
export function messageModel(data: MessageModelData): MessageModel {
  const model = softmaxModel(data);
  return { predict: (message) => model.predict(messageFeatures(message)) as Map<Label, number> };
}

/** What the detector learns from: every training message (whole, as typed) against every training question for /ask. */
export function detectorExamples(content: Pick<Content, "guides" | "questions" | "messages">): Map<string, string[]> {
  return new Map([
    [DETECTOR_CLASSES.message, [...content.messages.values()].flat()],
    [DETECTOR_CLASSES.question, [...trainingQuestions(content).values()].flat()],
  ]);
}

/** Trains the detector (same features as the message model, over the whole text). */
export function trainDetectorModel(examples: ReadonlyMap<string, readonly string[]>): MessageModelData {
  return trainOnTexts(examples, messageFeatures);
}

/** The detector over trained data. */
export function detectorModel(data: MessageModelData): DetectorModel {
  const model = softmaxModel(data);
  return { probability: (text) => model.predict(messageFeatures(text)).get(DETECTOR_CLASSES.message) ?? 0 };
}
