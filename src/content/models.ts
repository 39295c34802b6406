import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectorExamples, trainDetectorModel, trainMessageModel, trainingMessages } from "../core/classify/model.js";
import { programWordsOf } from "../core/guides/ask.js";
import { OUTSIDE_CLASS, questionModelExamples, trainingQuestions, trainQuestionModel } from "../core/guides/model.js";
import { MODEL_VERSION, SOFTMAX_PARAMS, type SoftmaxData } from "../core/model/softmax.js";
import { buildSynonymTable } from "../core/guides/text.js";
import type { Content } from "./schemas.js";

/** The models trained at build time (`npm run build`), next to the compiled code. */
export const MODELS_FILE = fileURLToPath(new URL("../models.json", import.meta.url));

type ModelKind = "questions" | "messages" | "detector";

interface SavedModel {
  key: string;
  classes: string[];
  features: string[];
  bias: number[];
  /** Float32 weights, little-endian, base64. */
  weights: string;
}

const sha1 = (data: unknown) => createHash("sha1").update(JSON.stringify(data)).digest("base64");

/** Digests of the training text, computed once per loaded content (three keys share two parts). */
const digests = new WeakMap<object, { questions?: string; messages?: string }>();

function partDigest(content: Pick<Content, "guides" | "questions" | "messages">, part: "questions" | "messages"): string {
  const memo = digests.get(content) ?? {};
  digests.set(content, memo);
  // Messages in load order with their labels: both the message model's and the detector's training order follow from it.
  return (memo[part] ??= part === "questions" ? sha1([...trainingQuestions(content)]) : sha1([...content.messages]));
}

/** Names exactly what a model learns from (its training text, synonyms for questions, parameters, version). */
export function modelKey(content: Pick<Content, "guides" | "questions" | "messages" | "synonyms" | "classifier" | "extra">, kind: ModelKind): string {
  const data =
    kind === "questions"
      ? [content.synonyms, partDigest(content, "questions"), sha1(questionModelExamples(content).get(OUTSIDE_CLASS) ?? [])]
      : kind === "messages"
        ? [partDigest(content, "messages")]
        : [partDigest(content, "questions"), partDigest(content, "messages")];
  return sha1([kind, MODEL_VERSION, SOFTMAX_PARAMS, data]);
}

function save(content: Content, kind: ModelKind, data: SoftmaxData): SavedModel {
  const weights = Buffer.from(data.weights.buffer, data.weights.byteOffset, data.weights.byteLength).toString("base64");
  return { key: modelKey(content, kind), classes: data.classes, features: data.features, bias: data.bias, weights };
}

/** Trains every model for `content` and writes them with their keys. */
export function writeModels(content: Content, file: string = MODELS_FILE): Record<ModelKind, SoftmaxData> {
  const models: Record<ModelKind, SoftmaxData> = {
    questions: trainQuestionModel(questionModelExamples(content), buildSynonymTable(content.synonyms)),
    messages: trainMessageModel(trainingMessages(content), programWordsOf(content)),
    detector: trainDetectorModel(detectorExamples(content)),
  };
  const saved = Object.fromEntries(Object.entries(models).map(([kind, data]) => [kind, save(content, kind as ModelKind, data)]));
  writeFileSync(file, JSON.stringify(saved));
  return models;
}

let lastRead: { file: string; stamp: string; models: Partial<Record<ModelKind, SavedModel>> } | undefined;

/** The parsed models file (read once while it stays unchanged), or undefined when missing or damaged. */
function readModelsFile(file: string): Partial<Record<ModelKind, SavedModel>> | undefined {
  try {
    const st = statSync(file);
    const stamp = `${st.mtimeMs}:${st.size}`;
    if (lastRead?.file !== file || lastRead.stamp !== stamp) {
      lastRead = { file, stamp, models: JSON.parse(readFileSync(file, "utf8")) as Partial<Record<ModelKind, SavedModel>> };
    }
    return lastRead.models;
  } catch {
    return undefined;
  }
}

/** The build's three models for this content, as `createAsker` takes them (each undefined when missing or stale). */
export function readModels(content: Content, file: string = MODELS_FILE) {
  return {
    model: readModel(content, "questions", file),
    messageModel: readModel(content, "messages", file),
    detector: readModel(content, "detector", file),
  };
}

/** One of the build's models when it was trained on exactly this content; undefined when missing or stale (then it is trained in the process). */
export function readModel(content: Content, kind: ModelKind, file: string = MODELS_FILE): SoftmaxData | undefined {
  const saved = readModelsFile(file)?.[kind];
  if (!saved || saved.key !== modelKey(content, kind)) return undefined;
  const bytes = Buffer.from(saved.weights, "base64");
  const weights = new Float32Array(bytes.byteLength / 4);
  Buffer.from(weights.buffer).set(bytes);
  if (weights.length !== saved.features.length * saved.classes.length) return undefined;
  return { version: MODEL_VERSION, classes: saved.classes, features: saved.features, bias: saved.bias, weights };
}
