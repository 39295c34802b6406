import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MODEL_PARAMS, MODEL_VERSION, trainingQuestions, trainQuestionModel, type QuestionModelData } from "../core/guides/model.js";
import { buildSynonymTable } from "../core/guides/text.js";
import type { Content } from "./schemas.js";

/** The question model trained at build time (`npm run build`), next to the compiled code. */
export const QUESTION_MODEL_FILE = fileURLToPath(new URL("../question-model.json", import.meta.url));

interface ModelFile {
  key: string;
  topics: string[];
  features: string[];
  bias: number[];
  /** Float64 weights, little-endian, base64. */
  weights: string;
}

/** Names exactly what the model learns from (training questions, synonyms, parameters, version). */
export function questionModelKey(content: Pick<Content, "guides" | "questions" | "synonyms">): string {
  const what = [MODEL_VERSION, MODEL_PARAMS, content.synonyms, [...trainingQuestions(content)]];
  return createHash("sha1").update(JSON.stringify(what)).digest("base64");
}

/** Trains the model for `content` and writes it with its key. */
export function writeQuestionModel(content: Content, file: string = QUESTION_MODEL_FILE): QuestionModelData {
  const data = trainQuestionModel(trainingQuestions(content), buildSynonymTable(content.synonyms));
  const weights = Buffer.from(data.weights.buffer, data.weights.byteOffset, data.weights.byteLength).toString("base64");
  const out: ModelFile = { key: questionModelKey(content), topics: data.topics, features: data.features, bias: data.bias, weights };
  writeFileSync(file, JSON.stringify(out));
  return data;
}

/** The build's model when it was trained on exactly this content; undefined when missing or stale (then the asker trains its own). */
export function readQuestionModel(content: Content, file: string = QUESTION_MODEL_FILE): QuestionModelData | undefined {
  let saved: ModelFile;
  try {
    saved = JSON.parse(readFileSync(file, "utf8")) as ModelFile;
  } catch {
    return undefined;
  }
  if (saved.key !== questionModelKey(content)) return undefined;
  const bytes = Buffer.from(saved.weights, "base64");
  const weights = new Float64Array(bytes.byteLength / 8);
  Buffer.from(weights.buffer).set(bytes);
  if (weights.length !== saved.features.length * saved.topics.length) return undefined;
  return { version: MODEL_VERSION, topics: saved.topics, features: saved.features, bias: saved.bias, weights };
}
