import type { Content, Guide } from "../../content/schemas.js";
import { createClassifier } from "../classify/classify.js";
import { createLabeler, PRESSURE_LABELS, type Label } from "../classify/labels.js";
import { createSpeakerAnalyzer } from "../classify/speaker.js";
import {
  detectorExamples,
  detectorModel,
  messageModel as toMessageModel,
  trainDetectorModel,
  trainingMessages,
  trainMessageModel,
  type MessageModelData,
} from "../classify/model.js";
import { UserError } from "../errors.js";
import { MESSAGES } from "../messages.js";
import type { AnswerData, ClassificationData } from "../reply.js";
import { questionModelExamples, trainQuestionModel, type QuestionModelData } from "./model.js";
import { createScopeCheck, domainTerms, type ScopeArea } from "./scope.js";
import { buildGuideIndex, type TopicHit } from "./search.js";
import { buildSynonymTable } from "./text.js";

/** The answer to one /ask: a guide answer or a classification of a pasted program message. */
export type AskResult = AnswerData | ClassificationData;

/** Most related topics an answer lists (SPEC). */
export const RELATED_MAX = 3;
/** How many topics an "I'm not sure" answer offers. */
export const CANDIDATES_MAX = 3;
/** Below this text match (boosted BM25 summed over fields) for every topic, the question is too weakly matched to answer. */
export const MIN_SCORE = 60;
/** When no topic matched at least this share of the question's terms, the answer is "I'm not sure". */
export const MIN_COVERAGE = 0.34;

/** Fewest words the applicant's own part needs to be searched as a question of its own. */
export const MIN_QUESTION_WORDS = 3;
/** A warning verdict's guide comes first when it is among this many of the question's best topics. */
export const VERDICT_TOPIC_REACH = 3;
/** Fewest search terms (after stop words) that make the applicant's own part a clear question that chooses the guide. */
export const MIN_QUESTION_TERMS = 3;

/** The program's words of a training message, as the classifier reads them (the speaker analysis of content/classifier.yaml). */
export function programWordsOf(content: Pick<Content, "classifier">): (text: string) => string | null {
  const speaker = createSpeakerAnalyzer(content.classifier.speaker, createLabeler(content.classifier.labels).hasCue);
  return (text) => speaker.split(text).program;
}

/** Offered when a question matches nothing at all: the broadest topics. */
const GENERAL_TOPICS = ["prematch-communication", "communication-timeline", "email-etiquette"];

/** A topic named by id and title. */
export interface TopicRef {
  id: string;
  title: string;
}

/** An /ask result with the parts a chat reply shows beyond the SPEC JSON. */
export type AskOutcome =
  | { kind: "answer"; data: AnswerData; summary: string; keyPoints: string[]; unsure: boolean; candidates: TopicRef[] }
  | { kind: "classification"; data: ClassificationData; title: string };

/** Answers questions from content/guides. */
export interface Asker {
  /** The SPEC JSON answer. */
  ask(question: string): AskResult;
  /** The answer with its display parts (summary, key points, "not sure" candidates, label title). */
  explain(question: string): AskOutcome;
  /** Guide topics ranked for the question, best first. */
  rank(question: string, limit?: number): TopicHit[];
}

function bulletList(lines: readonly string[]): string {
  return lines.map((l) => `• ${l}`).join("\n");
}

/** The trained models an asker uses; a missing one is trained from the content here (about 0.1 s). */
export interface AskerOptions {
  /** /ask's question model (the build's copy: src/content/models.ts). */
  model?: QuestionModelData;
  /** The program-message model; `null` finds and labels messages by the rules alone (then `detector` is not used). */
  messageModel?: MessageModelData | null;
  /** The model that tells a program's message from an applicant's question. */
  detector?: MessageModelData;
  /** Weight of the question model in the ranking (search.ts MODEL_WEIGHT unless given; 0 ranks by text alone). */
  modelWeight?: number;
  /** Boost of a title anchor (search.ts ANCHOR_BOOST unless given; 0 turns anchors off, as `npm run eval -- --ablate` does). */
  anchorBoost?: number;
  /** Boost of a cue phrase of content/cues.yaml (the file's own unless given; 0 turns cues off). */
  cueBoost?: number;
}

/** Builds the search index once; the returned asker is pure. */
export function createAsker(content: Content, options: AskerOptions = {}): Asker {
  const guides = content.guides;
  const cues = content.extra.get("cues.yaml") as { boost: number; topics: Record<string, string[]> } | undefined;
  const model = options.model ?? trainQuestionModel(questionModelExamples(content), buildSynonymTable(content.synonyms));
  const messageData =
    options.messageModel === undefined ? trainMessageModel(trainingMessages(content), programWordsOf(content)) : options.messageModel;
  const classifier = createClassifier(
    content.classifier,
    messageData ? { labels: toMessageModel(messageData), detector: detectorModel(options.detector ?? trainDetectorModel(detectorExamples(content))) } : {},
  );
  const cueData = cues && options.cueBoost !== undefined ? { ...cues, boost: options.cueBoost } : cues;
  const index = buildGuideIndex(guides.values(), content.synonyms, { modelWeight: options.modelWeight, anchorBoost: options.anchorBoost }, cueData, model);
  const scope = createScopeCheck(content, domainTerms(model));
  const fallback = [...GENERAL_TOPICS.filter((id) => guides.has(id)), ...guides.keys()].slice(0, CANDIDATES_MAX);

  function related(guide: Guide, hits: readonly TopicHit[]): string[] {
    const ids = [...guide.related, ...hits.map((h) => h.id)].filter((id) => id !== guide.id && guides.has(id));
    return [...new Set(ids)].slice(0, RELATED_MAX);
  }

  function answerFor(guide: Guide, hits: readonly TopicHit[]): AskOutcome {
    return {
      kind: "answer",
      data: {
        kind: "answer",
        topic: guide.id,
        title: guide.title,
        answer: `${guide.summary}\n${bulletList(guide.key_points)}`,
        related: related(guide, hits),
        sources: guide.sources.map((id) => content.sources.get(id)?.title ?? id),
        links: guide.sources.map((id) => content.sources.get(id)?.url ?? ""),
        reviewed: guide.reviewed,
      },
      summary: guide.summary,
      keyPoints: [...guide.key_points],
      unsure: false,
      candidates: [],
    };
  }

  function notSure(hits: readonly TopicHit[]): AskOutcome {
    const ids = [...new Set([...hits.map((h) => h.id), ...fallback])].slice(0, CANDIDATES_MAX);
    const candidates = ids.map((id) => ({ id, title: guides.get(id)!.title }));
    return {
      kind: "answer",
      data: {
        kind: "answer",
        topic: ids[0],
        title: MESSAGES.ask.notSureTitle,
        answer: `${MESSAGES.ask.notSure}\n${bulletList(candidates.map((c) => `${c.title} (${c.id})`))}`,
        related: ids.slice(1),
        sources: [],
      },
      summary: MESSAGES.ask.notSure,
      keyPoints: [],
      unsure: true,
      candidates,
    };
  }

  const handling = new Set(content.classifier.handling_topics);
  const responding = content.classifier.responding;
  const respondIntent = new RegExp(responding.intent.join("|"), "iu");

  /** "This is outside what I cover": the area and where to ask, then the nearest topics as candidates. */
  function outsideScope(area: ScopeArea | { id: "unknown" }, hits: readonly TopicHit[]): AskOutcome {
    const text = scope!.text;
    const ids = [...new Set([...hits.map((h) => h.id), ...fallback])].slice(0, CANDIDATES_MAX);
    const candidates = ids.map((id) => ({ id, title: guides.get(id)!.title }));
    const where = "ask" in area ? text.area_line.replace("{area}", area.title).replace("{ask}", area.ask) : text.general_ask;
    const summary = `${text.intro} ${where}`;
    return {
      kind: "answer",
      data: {
        kind: "answer",
        topic: ids[0],
        title: text.title,
        answer: `${summary}\n${text.nearest}\n${bulletList(candidates.map((c) => `${c.title} (${c.id})`))}${"ask" in area ? `\n${text.general_ask}` : ""}`,
        related: ids.slice(1),
        sources: [],
        outside: true,
      },
      summary,
      keyPoints: [],
      unsure: true,
      candidates,
    };
  }

  const isWeak = (hits: readonly TopicHit[]) =>
    !hits.length || Math.max(0, ...hits.map((h) => h.match)) < MIN_SCORE || Math.max(0, ...hits.map((h) => h.coverage)) < MIN_COVERAGE;

  /**
   * One reply for both halves: the verdict on the program's words, and the applicant's own question answered with topics.
   * When the applicant asks a clear question of their own, its guide comes first and the guide that explains the verdict
   * second, unless the verdict is a warning sign whose guide is among the question's best topics anyway; otherwise the
   * verdict's guide comes first, then its related guides.
   */
  function classificationFor(classified: NonNullable<ReturnType<typeof classifier.classify>>, question: string): AskOutcome {
    const { data, voices } = classified;
    const own = voices.applicant.split(/\s+/).filter(Boolean).length >= MIN_QUESTION_WORDS ? voices.applicant : "";
    // The applicant's own words decide whether they ask something of their own; the whole text, quote included, says
    // what it is about ("they said H-1B only with Step 3 — normal?" is an H-1B question).
    const hits = own ? index.search(question, CANDIDATES_MAX + RELATED_MAX) : [];
    const clear = !isWeak(hits) && index.terms(own).length >= MIN_QUESTION_TERMS;
    const benign = data.label === "routine" || data.label === "interest-signal";
    const pressure = PRESSURE_LABELS.has(data.label as Label);
    const verdictNear = !benign && hits.slice(0, VERDICT_TOPIC_REACH).some((h) => h.id === data.topic);
    // A pressure or offer verdict leads with a guide that says how to handle it (SPEC safety rule): the question's own
    // best guide when it is one of those, else the verdict's. Any other verdict yields to a clear question's best guide.
    const chosen = !clear ? data.topic : pressure ? (handling.has(hits[0].id) ? hits[0].id : data.topic) : verdictNear ? data.topic : hits[0].id;
    // "How do I answer this?" about an offer: the guide on answering one leads (content/classifier.yaml `responding`).
    const respondTopic = responding.topics[data.label];
    const topic = respondTopic && guides.has(respondTopic) && respondIntent.test(voices.applicant) ? respondTopic : chosen;
    const ids = [data.topic, ...(clear ? hits.map((h) => h.id) : []), ...(guides.get(data.topic)?.related ?? [])];
    const related = [...new Set(ids)].filter((id) => id !== topic && guides.has(id)).slice(0, RELATED_MAX);
    return { kind: "classification", data: { ...data, topic, related }, title: classified.title };
  }

  function explain(question: string): AskOutcome {
    if (!question.trim()) throw new UserError("empty-text", MESSAGES.ask.emptyQuestion);
    const classified = classifier.classify(question);
    if (classified) return classificationFor(classified, question);
    const hits = index.search(question, CANDIDATES_MAX + RELATED_MAX);
    const area = scope?.outside(question, hits, index.outside(question));
    if (area) return outsideScope(area, hits);
    if (isWeak(hits)) return notSure(hits);
    return answerFor(guides.get(hits[0].id)!, hits.slice(1));
  }

  return {
    explain,
    ask: (question) => explain(question).data,
    rank: (question, limit) => index.search(question, limit),
  };
}
