import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createAsker } from "../../../src/core/guides/ask.js";
import { buildCueTable, buildSynonymTable, matchCues, phraseTerms } from "../../../src/core/guides/text.js";
import { contentWith, loadError, removeContentCopies } from "../../helpers/content.js";

const content = loadContent();
const table = buildSynonymTable(content.synonyms);

function cuesIn(question: string, topics: Record<string, string[]>): Record<string, number> {
  return Object.fromEntries(matchCues(phraseTerms(question, table), buildCueTable(topics, table)));
}

describe("cue phrases", () => {
  it("match whole phrases after synonyms and with any word ending", () => {
    const topics = { "rank-highly-messages": ["rank me highly"], "h1b-requirements": ["eligible for h1b"] };
    expect(cuesIn("The PD said they RANKED me highly", topics)).toEqual({ "rank-highly-messages": 1 });
    expect(cuesIn("am I eligible for an H-1B?", topics)).toEqual({});
    expect(cuesIn("am I eligible for H-1B?", topics)).toEqual({ "h1b-requirements": 1 });
    expect(cuesIn("I will rank you highly", topics)).toEqual({});
  });

  it("let the longer phrase win where two overlap, so a negation is not read as its opposite", () => {
    const topics = { "prematch-offer": ["in the match"], "non-nrmp-positions": ["not in the match"] };
    expect(cuesIn("the hospital is not in the match", topics)).toEqual({ "non-nrmp-positions": 1 });
    expect(cuesIn("the hospital is in the match", topics)).toEqual({ "prematch-offer": 1 });
  });

  it("read 'a + b' as both parts anywhere in the question, in any order", () => {
    const topics = { "h1b-requirements": ["h1b + step3"] };
    expect(cuesIn("is Step 3 needed before an H1B?", topics)).toEqual({ "h1b-requirements": 1 });
    expect(cuesIn("h1b or j1, which is better?", topics)).toEqual({});
    expect(cuesIn("when do I take step 3?", topics)).toEqual({});
  });

  it("count each distinct phrase once per occurrence, per topic", () => {
    const topics = { "email-frequency": ["how often", "too many emails"], honesty: ["lie"] };
    expect(cuesIn("how often is too many emails? how often?", topics)).toEqual({ "email-frequency": 3 });
  });

  it("break a near-tie between neighbouring topics in the shipped content", () => {
    const asker = createAsker(content);
    expect(asker.rank("the hospital is not participating in NRMP and wants me to sign a contract", 1)[0].id).toBe("non-nrmp-positions");
    expect(asker.rank("a program in the Match wants me to sign a contract before Match Day", 1)[0].id).toBe("prematch-offer");
  });
});

describe("content/cues.yaml validation", () => {
  afterEach(removeContentCopies);
  const loadWith = (edit: (text: string) => string) => loadError(contentWith("cues.yaml", edit));

  it("names an unknown topic id", () => {
    const err = loadWith((t) => t.replace("  second-look:\n", "  second-looks:\n"));
    expect(err.message).toMatch(/^content\/cues\.yaml: topics\.second-looks: unknown topic id/);
  });

  it("names a missing or out-of-range boost", () => {
    expect(loadWith((t) => t.replace(/^boost: .*$/m, "boost: -1")).message).toMatch(/^content\/cues\.yaml: boost/);
  });

  it("names an empty phrase list", () => {
    const err = loadWith((t) => t.replace(/  second-look:\n(    - .*\n)+/, "  second-look: []\n"));
    expect(err.message).toMatch(/^content\/cues\.yaml: topics\.second-look/);
  });
});
