import { describe, expect, it } from "vitest";
import { loadContent } from "../../../src/content/load.js";
import { createAsker, CANDIDATES_MAX } from "../../../src/core/guides/ask.js";
import { createScopeCheck } from "../../../src/core/guides/scope.js";
import { contentWith, removeContentCopies } from "../../helpers/content.js";
import { afterEach } from "vitest";

const content = loadContent();
const asker = createAsker(content);
const scope = content.extra.get("scope.yaml") as { title: string; general_ask: string; areas: { id: string; ask: string }[] };

afterEach(removeContentCopies);

describe("/ask says when a question is outside what it covers", () => {
  it.each([
    ["which question bank should I use for Step 2 CK revision?", "exams"],
    ["I'm a PGY-1 in family medicine and want to transfer to another program next year", "residency-life"],
    ["how long does the green card process take for doctors on an H-1B?", "immigration"],
    ["how do I open a bank account before my SSN arrives?", "settling-in"],
  ])("answers %j as outside, naming where to ask, with the nearest topics", (question, area) => {
    const outcome = asker.explain(question);
    if (outcome.kind !== "answer") throw new Error("expected an answer");
    expect(outcome.data.outside).toBe(true);
    expect(outcome.data.title).toBe(scope.title);
    expect(outcome.data.answer).toContain(scope.areas.find((a) => a.id === area)!.ask);
    expect(outcome.data.sources).toEqual([]);
    expect(outcome.candidates).toHaveLength(CANDIDATES_MAX);
    expect(outcome.data.topic).toBe(outcome.candidates[0].id);
    expect(outcome.data.related).toEqual(outcome.candidates.slice(1).map((c) => c.id));
  });

  it.each([
    ["my step 2 ck score came out after I applied, should I send programs an update?", "update-letter"],
    ["how much notice do I need to give to cancel an interview?", "interview-scheduling"],
    ["I matched but got a better offer, can I take it?", "after-match"],
    ["can I ask a program whether they sponsor the H-1B or only the J-1?", "visa-sponsorship"],
  ])("keeps answering %j from its guide", (question, topic) => {
    const answer = asker.ask(question);
    expect(answer.kind).toBe("answer");
    if (answer.kind !== "answer") return;
    expect(answer.outside).toBeUndefined();
    expect(answer.topic).toBe(topic);
  });

  it("keeps a signal that comes with a question plainly about program communication in scope", () => {
    const question =
      "background: IMG applying IM, I passed Step 3 last week and a resident told me their call schedule is light. " +
      "Should I send the program director an update letter about the Step 3 pass, and how soon after my interview thank-you note?";
    const answer = asker.ask(question);
    expect(answer.kind === "answer" && answer.outside).toBeFalsy();
  });

  it("learns what lies outside from content/outside.yaml: a question with no signal, in the guides' words, still found outside", () => {
    const question = "can i do a fellowship in cardiology after IM residency on a J1";
    const answer = asker.ask(question);
    expect(answer.kind === "answer" && answer.outside).toBe(true);
    const cooking = Array.from({ length: 12 }, (_, i) => `  - how long do I boil pasta shape number ${i} for dinner`).join("\n");
    const dir = contentWith("outside.yaml", () => `questions:\n${cooking}\n`);
    const without = createAsker(loadContent(dir)).ask(question);
    expect(without.kind === "answer" && without.outside).toBeFalsy();
  });

  it("learns its signals from content/scope.yaml, not from code", () => {
    const dir = contentWith("scope.yaml", (t) => t.replace("signals: [qbank,", "signals: [zebra crossing, qbank,"));
    const edited = createScopeCheck(loadContent(dir), [])!;
    expect(edited.outside("what is a zebra crossing", [])).toMatchObject({ id: "exams" });
    expect(createScopeCheck(content, [])!.outside("what is a zebra crossing", [])).toBeNull();
  });
});
