import { MESSAGES } from "../messages.js";
import type { ClassificationData } from "../reply.js";
import { findProgramMessage, quotedSpans, type ProgramMessage } from "./detect.js";
import { LABELS, labelMessage, PRESSURE_LABELS, type Label, type MessageVerdict } from "./labels.js";
import type { DetectorModel, MessageModel } from "./model.js";

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
  const verdict = v.doubt
    ? `${text.verdict} ${MESSAGES.ask.doubt(v.doubt)}`
    : v.resembles
      ? `${text.verdict} ${MESSAGES.ask.doubtWording}`
      : text.verdict;
  return {
    title: text.title,
    data: { kind: "classification", label: v.label, topic: topicFor(v), verdict, advice: text.advice, template: templateFor(v) },
  };
}

/** Labels the SPEC's safety rule forbids for a pressure message. */
const SAFE_LABELS: ReadonlySet<Label> = new Set(["routine", "interest-signal"]);

/** The vote of the rules' label when one of their patterns named it outright (an offer, a demand, a rank question, "we will rank you highly"). */
export const EXPLICIT_VOTE = 2;
/** Weight of the message model's probability of a label against the rules' label, which counts 1 (or EXPLICIT_VOTE). */
export const MESSAGE_MODEL_WEIGHT = 3;
/**
 * When the rules read a message as routine or interest but the model gives the three pressure labels together at
 * least this probability, the message is read as the likeliest pressure label (the SPEC's safety rule: when in doubt
 * between a benign and a pressure label, err toward the pressure label, and say why).
 */
export const PRESSURE_RAISE = 0.3;
/**
 * When the detection rules (detect.ts) find no program message, the detector model still reads the text as one at
 * this probability or above (its quoted parts, or the whole text when nothing is quoted). MESSAGE_MODEL_WEIGHT,
 * PRESSURE_RAISE and this were chosen by 5-fold cross-validation over content/messages and content/questions (two
 * fold splits): the fewest pressure messages read as benign, then the best accuracy; never on the eval sets.
 */
export const DETECT_THRESHOLD = 0.9;

/** The trained models the classifier may use besides its rules. */
export interface ClassifierModels {
  labels?: MessageModel;
  detector?: DetectorModel;
}

/**
 * Labels one program message by the rules (labels.ts) and, when given, the message model: the label with the most
 * votes (the rules' label 1, or EXPLICIT_VOTE when a rule named it outright; each label the model's probability
 * times MESSAGE_MODEL_WEIGHT) among the pressure labels when the rules read pressure or the model raises a routine
 * or interest reading, otherwise among the other labels. A pressure reading by the rules is never lowered.
 */
export function labelWithModel(
  text: string,
  model?: MessageModel,
  tuning: { weight?: number; raise?: number; explicit?: number } = {},
): MessageVerdict {
  const rules = labelMessage(text);
  const p = model?.predict(text);
  if (!p || p.size === 0) return rules;
  const weight = tuning.weight ?? MESSAGE_MODEL_WEIGHT;
  let pressureMass = 0;
  for (const l of PRESSURE_LABELS) pressureMass += p.get(l) ?? 0;
  const rulesPressure = PRESSURE_LABELS.has(rules.label);
  const rulesSafe = SAFE_LABELS.has(rules.label);
  const raised = rulesSafe && pressureMass >= (tuning.raise ?? PRESSURE_RAISE);
  // Pressure read by the rules, or raised from a routine or interest reading (the readings the SPEC's safety rule
  // forbids for pressure), stays pressure; anything else stays among the other labels.
  const pressure = rulesPressure || raised;
  const rulesVote = rules.doubt === null && !rulesSafe ? (tuning.explicit ?? EXPLICIT_VOTE) : 1;
  let best: Label = rules.label;
  let bestScore = -1;
  for (const l of LABELS) {
    if (PRESSURE_LABELS.has(l) !== pressure) continue;
    const score = (l === rules.label ? rulesVote : 0) + weight * (p.get(l) ?? 0);
    if (score > bestScore) [best, bestScore] = [l, score];
  }
  if (best === rules.label) return rules;
  return { ...rules, label: best, resembles: raised };
}

/** Labels that make a retold message worth classifying. */
function isWarningSign(label: Label): boolean {
  return label === "rank-highly" || PRESSURE_LABELS.has(label);
}

/** The program's message the detector model finds where the rules found none: the quoted parts, else the whole text. */
function detectedByModel(input: string, detector: DetectorModel | undefined): ProgramMessage | null {
  if (!detector || !input.trim() || detector.probability(input) < DETECT_THRESHOLD) return null;
  const quotes = quotedSpans(input);
  return { text: quotes.length ? quotes.join("\n") : input.trim(), delimited: true };
}

/**
 * Classifies the program message in the user's text, or returns null when the text is a question of
 * the user's own. A message retold without quotes is classified only when it carries a warning sign.
 */
export function classifyInput(input: string, models: ClassifierModels = {}): ClassifiedMessage | null {
  const message = findProgramMessage(input) ?? detectedByModel(input, models.detector);
  if (!message) return null;
  // A retold message reads like a question of the user's own, so the rules alone decide whether it is one at all.
  if (!message.delimited && !isWarningSign(labelMessage(message.text).label)) return null;
  const verdict = labelWithModel(message.text, models.labels);
  if (!message.delimited && !isWarningSign(verdict.label)) return null;
  return describeVerdict(verdict);
}
