import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createClassifier, labelWithModel as labelWith, type ClassifierModels } from "../../../src/core/classify/classify.js";
import { PRESSURE_LABELS } from "../../../src/core/classify/labels.js";
import {
  detectorModel,
  messageFeatures,
  messageModel,
  trainDetectorModel,
  trainMessageModel,
  type MessageModel,
} from "../../../src/core/classify/model.js";
import { MESSAGES } from "../../../src/core/messages.js";

const lexicon = loadContent().classifier;
const { labeler } = createClassifier(lexicon);
const labelMessage = (text: string) => labeler.label(text);
const labelWithModel = (text: string, model?: MessageModel) => labelWith(labeler, text, model);
const classifyInput = (text: string, models: ClassifierModels = {}) => createClassifier(lexicon, models).classify(text);

/** A model that always gives these probabilities, to pin down how its vote combines with the rules. */
function fixed(probabilities: Record<string, number>): MessageModel {
  return { predict: () => new Map(Object.entries(probabilities)) as ReturnType<MessageModel["predict"]> };
}

describe("message features", () => {
  it("keep function words and chat shorthand, stemmed, with adjacent pairs", () => {
    const f = messageFeatures("Rank us #1 and u r in");
    expect(f).toEqual(expect.arrayContaining(["rank", "us", "#1", "rank us", "you"]));
    expect(f).not.toContain("u");
  });
});

describe("labelling with the message model", () => {
  const benign = "Thank you for visiting us last week; the parking garage is on Elm Street.";

  it("raises a message the rules read as benign to the likeliest pressure label when the model points at pressure, and says why", () => {
    expect(labelMessage(benign).label).toBe("routine");
    const v = labelWithModel(benign, fixed({ routine: 0.4, "commitment-pressure": 0.35, "asks-ranking": 0.2, "prematch-offer": 0.05 }));
    expect(v.label).toBe("commitment-pressure");
    expect(v.resembles).toBe(true);
    const c = classifyInput(`they wrote: "${benign}"`, { labels: fixed({ routine: 0.1, "prematch-offer": 0.9 }) });
    expect(c?.data.label).toBe("prematch-offer");
    expect(c?.data.verdict).toContain(MESSAGES.ask.doubtWording);
  });

  it("never lowers a pressure reading of the rules to a benign label, however sure the model is", () => {
    const pressure = "Cancel your other interviews and the position is yours.";
    expect(PRESSURE_LABELS.has(labelMessage(pressure).label)).toBe(true);
    const v = labelWithModel(pressure, fixed({ routine: 0.98, "interest-signal": 0.02 }));
    expect(PRESSURE_LABELS.has(v.label)).toBe(true);
  });

  it("does not force a 'we will rank you highly' reading into pressure: the votes decide among the other labels", () => {
    const text = "We will rank you highly.";
    expect(labelMessage(text).label).toBe("rank-highly");
    const v = labelWithModel(text, fixed({ "rank-highly": 0.2, "asks-ranking": 0.5, "commitment-pressure": 0.3 }));
    expect(v.label).toBe("rank-highly");
    expect(v.resembles).toBeFalsy();
  });

  it("keeps the rules' label when the model has no opinion", () => {
    expect(labelWithModel(benign, { predict: () => new Map() })).toEqual(labelMessage(benign));
  });
});

describe("trained message models", () => {
  const labels = messageModel(
    trainMessageModel(
      new Map([
        ["routine", ["your interview is on Monday at 9", "the zoom link for your interview is below", "please upload your interview documents"]],
        ["prematch-offer", ["direct hire outside the match", "direct hire if you sign", "sign the contract, direct hire, skip the match"]],
      ]),
    ),
  );
  const detector = detectorModel(
    trainDetectorModel(
      new Map([
        ["message", ["direct hire possible here", "a direct hire spot is open now", "direct hire, no match needed"]],
        ["question", ["how do i write a thank you email", "how many programs should i email", "should i write to programs"]],
      ]),
    ),
  );

  it("learn labels from training messages", () => {
    const p = labels.predict("direct hire for you");
    expect(p.get("prematch-offer")).toBeGreaterThan(p.get("routine")!);
  });

  it("find a program message the rules miss, and leave the applicant's own question alone", () => {
    const text = "direct hire possible, no waiting.";
    expect(classifyInput(text)).toBeNull();
    expect(classifyInput(text, { labels, detector })?.data.label).toBe("prematch-offer");
    expect(classifyInput("how do i write a thank you email to programs", { labels, detector })).toBeNull();
  });
});
