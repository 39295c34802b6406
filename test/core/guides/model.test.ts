import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { modelKey, readModel, writeModels } from "../../../src/content/models.js";
import { createAsker } from "../../../src/core/guides/ask.js";
import { questionFeatures, questionModel, trainingQuestions, trainQuestionModel } from "../../../src/core/guides/model.js";
import { buildSynonymTable } from "../../../src/core/guides/text.js";
import { contentWith, removeContentCopies } from "../../helpers/content.js";

const table = buildSynonymTable([["letter of intent", "LOI"]]);
const examples = new Map([
  ["visas", ["which visa does the program sponsor", "do they sponsor a J-1 visa", "visa sponsorship question", "sponsor my visa or not"]],
  ["thanks", ["when to send a thank you note", "thank you email after the interview", "thank you note length", "who gets the thank you email"]],
  ["intent", ["can I send an LOI to two programs", "letter of intent to my top program", "is a letter of intent binding", "LOI after ranking"]],
]);
const model = questionModel(trainQuestionModel(examples, table), table);
const top = (q: string) => [...model.predict(q)].sort((a, b) => b[1] - a[1])[0][0];

describe("question model", () => {
  it("gives every topic a probability, summing to 1", () => {
    const p = model.predict("thank you note for the program");
    expect([...p.keys()].sort()).toEqual(["intent", "thanks", "visas"]);
    expect([...p.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it("puts a question first under the topic whose training questions share its words", () => {
    expect(top("does this hospital sponsor visas")).toBe("visas");
    expect(top("thank-you email timing")).toBe("thanks");
    expect(top("LOI binding?")).toBe("intent");
    expect(model.predict("is a letter of intent binding")!.get("intent")).toBeGreaterThan(0.8);
  });

  it("reads synonyms and counts adjacent word pairs as features", () => {
    expect(questionFeatures("my LOI", table)).toEqual(expect.arrayContaining(["letter", "intent", "letter intent"]));
  });

  it("has no opinion on a question none of whose words it saw, nor from an empty training set", () => {
    expect(model.predict("weather in Lisbon").size).toBe(0);
    expect(model.predict("").size).toBe(0);
    expect(questionModel(trainQuestionModel(new Map(), table), table).predict("visa").size).toBe(0);
  });

  it("trains the same weights every time (fixed seed)", () => {
    const a = trainQuestionModel(examples, table);
    const b = trainQuestionModel(examples, table);
    expect(a.weights).toEqual(b.weights);
    expect(a.bias).toEqual(b.bias);
  });
});

describe("the models the build writes", () => {
  const dir = mkdtempSync(join(tmpdir(), "matchguide-model-"));
  const file = join(dir, "models.json");
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    removeContentCopies();
  });
  const content = loadContent();

  it("reads back exactly as trained, and ranks like a model trained in the process", () => {
    const written = writeModels(content, file);
    const read = readModel(content, "questions", file);
    expect(read).toBeDefined();
    expect(read!.weights).toEqual(written.questions.weights);
    expect(read!.features).toEqual(written.questions.features);
    expect(readModel(content, "messages", file)!.weights).toEqual(written.messages.weights);
    const fromFile = createAsker(content, { model: read });
    const trainedHere = createAsker(content);
    for (const q of trainingQuestions(content).get("honesty")!.slice(0, 10)) expect(fromFile.rank(q, 3)).toEqual(trainedHere.rank(q, 3));
  });

  it("is not used when the training questions changed since the build, or when it is missing or damaged", () => {
    writeModels(content, file);
    const edited = loadContent(contentWith("questions/honesty.yaml", (t) => `${t}  - "may I round my exam score up a little"\n`));
    expect(modelKey(edited, "questions")).not.toBe(modelKey(content, "questions"));
    expect(readModel(edited, "questions", file)).toBeUndefined();
    expect(readModel(edited, "messages", file)).toBeDefined();
    expect(readModel(content, "questions", join(dir, "missing.json"))).toBeUndefined();
    const newMessage = loadContent(contentWith("messages/routine.yaml", (t) => `${t}  - "Your badge for the interview day is ready at the front desk."\n`));
    expect(modelKey(newMessage, "questions")).toBe(modelKey(content, "questions"));
    expect(modelKey(newMessage, "messages")).not.toBe(modelKey(content, "messages"));
    expect(modelKey(newMessage, "detector")).not.toBe(modelKey(content, "detector"));
    expect(modelKey(edited, "detector")).not.toBe(modelKey(content, "detector"));
    expect(readModel(newMessage, "detector", file)).toBeUndefined();
    writeFileSync(join(dir, "bad.json"), "{not json");
    expect(readModel(content, "questions", join(dir, "bad.json"))).toBeUndefined();
  });
});
