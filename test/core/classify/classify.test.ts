import { describe, expect, it } from "vitest";
import { createClassifier } from "../../../src/core/classify/classify.js";
import { LABELS, PRESSURE_LABELS } from "../../../src/core/classify/labels.js";
import { loadContent } from "../../../src/content/load.js";
import { MESSAGES } from "../../../src/core/messages.js";

const content = loadContent();
const classifier = createClassifier(content.classifier);
const labelMessage = (text: string) => classifier.labeler.label(text);
const classifyInput = (text: string) => classifier.classify(text);
const split = (text: string) => classifier.speaker.split(text);

describe("who is speaking: the program's words and the applicant's", () => {
  it("takes the quoted words when the user quotes the program, and keeps the question as the applicant's", () => {
    const v = split('the PD wrote "we will rank you to match" — should I send an LOI?');
    expect(v).toMatchObject({ quote: "we will rank you to match", form: "quote" });
    expect(v.applicant).toContain("should I send an LOI?");
    expect(v.applicant).not.toContain("rank you to match");
  });

  it("reads curly, single and '>' quotes the same way", () => {
    expect(split("they emailed \u201cplease tell us if we are your first choice\u201d, what now?").quote).toBe("please tell us if we are your first choice");
    expect(split("they said 'you are ranked to match' yesterday").quote).toBe("you are ranked to match");
    expect(split("> We would love to know where we stand on your list.\nhow do I answer this?").quote).toBe("We would love to know where we stand on your list.");
  });

  it("does not take apostrophes inside words for quotes", () => {
    expect(split("I don't know if they're serious, it's odd").quote).toBeNull();
  });

  it("takes a pasted letter from its greeting to its signature, leaving the question after it", () => {
    const v = split("Dear Dr. Osei,\nThank you for interviewing with us. Please rank us first and we will make sure you match.\nBest,\nDr. Hale\n\nis this allowed??");
    expect(v.form).toBe("paste");
    expect(v.quote).toContain("Please rank us first");
    expect(v.applicant).toContain("is this allowed");
  });

  it("takes the program's lines of a transcript and leaves the applicant's own lines", () => {
    const v = split("PD: so where are we on your list?\nMe: I said I can't share that\nwas that rude?");
    expect(v).toMatchObject({ quote: "so where are we on your list?", form: "transcript" });
    expect(v.applicant).toContain("I can't share that");
  });

  it("turns retold speech back into the program's own words", () => {
    const v = split("the PD told me to let them know if they're my #1, what do I do");
    expect(v.form).toBe("retold");
    expect(v.program).toMatch(/let us know if we're your #1/);
    expect(v.applicant).toContain("what do I do");
    expect(split("on the phone the PD said if I really want to come they can do something about it. what does that mean?").program).toMatch(
      /if you really want to come we can do something about it/,
    );
  });

  it("never reads the applicant's own statements and plans as a program's message", () => {
    for (const text of [
      "Should I tell my top program I'll rank them #1, is that against the rules?",
      "I told two programs they were my first choice, did I break a rule?",
      "what should I say if a PD asks where I'm ranking them?",
      "can a program ask me where I will rank them?",
      "I want to let my #1 know they are my first choice",
      'should I write "you are my first choice" in the letter?',
      "is it ok if my mentor emailed the program saying rank me high",
      "How many programs should I send a letter of interest to?",
      'Is sending a "just checking in" email a good idea?',
      "can we email programs after the interview?",
    ]) {
      expect(split(text).program, text).toBeNull();
      expect(classifyInput(text), text).toBeNull();
    }
  });

  it("reads a question about how to write an email as the applicant's own, even when it starts with a greeting", () => {
    expect(split("Dear Dr or Dear Program Director, which greeting is correct?").program).toBeNull();
    expect(split("Dear Dr. Lee, we enjoyed meeting you and hope you will consider us.").program).not.toBeNull();
  });

  it("reads a program's promise told without a speech verb when it carries a warning sign, and nothing else", () => {
    const c = classifyInput("my mentor said the PD at his hospital will give me a position outside the match if i say yes by friday. what do i say?");
    expect(c?.data.label).toBe("prematch-offer");
    expect(c?.voices.quote).toMatch(/^PD at his hospital will give me a position outside the match/);
    expect(classifyInput("the program will only sponsor J1, should i ask about H1B?")).toBeNull();
    expect(classifyInput("can a program offer me a contract outside the match?")).toBeNull();
  });

  it("reads an attribution to someone who is not the program as nobody's message", () => {
    expect(split("my mentor said I should send an LOI to my top program, is that true?").program).toBeNull();
  });
});

describe("labelling program messages", () => {
  const cases: [string, string][] = [
    ["We are happy to invite you to interview on March 3; please pick a slot in the portal.", "routine"],
    ["It was lovely meeting you, and we think you would be a great fit here.", "interest-signal"],
    ["We wanted you to know we will be ranking you very highly.", "rank-highly"],
    ["Please let us know whether you will rank our program first.", "asks-ranking"],
    ["Rank us first and we guarantee you a position.", "commitment-pressure"],
    ["We can offer you a contract now, outside the Match, if you sign this week.", "prematch-offer"],
  ];
  it.each(cases)("labels %j as %s", (text, label) => {
    expect(labelMessage(text).label).toBe(label);
  });

  it("errs toward a pressure label, and says why, when a friendly note mentions a commitment word", () => {
    const v = labelMessage("We enjoyed meeting you. Let us know if you can commit.");
    expect(PRESSURE_LABELS.has(v.label)).toBe(true);
    expect(v.doubt).toBe("commit");
    const c = classifyInput('they wrote: "We enjoyed meeting you. Let us know if you can commit."');
    expect(c?.data.verdict).toContain(MESSAGES.ask.doubt("commit"));
  });

  it("does not mistake a noun like 'your commitment to global health' for pressure", () => {
    expect(labelMessage("Your commitment to global health really impressed our faculty.").label).toBe("interest-signal");
  });

  it("reads a question about the applicant's list as asking about ranking, not as routine", () => {
    expect(labelMessage("Where are we on your list?").label).toBe("asks-ranking");
    expect(labelMessage("Just curious how high we are on your list.").label).toBe("asks-ranking");
  });

  it("reads a demand to disclose the applicant's top programs as asking about ranking", () => {
    expect(labelMessage("The PD told me I must tell him my top 3 programs before the end of the week").label).toBe("asks-ranking");
    expect(labelMessage("Could you share with us your rank list plans? What are your top choices?").label).toBe("asks-ranking");
    expect(labelMessage("You are in our top group of candidates this year").label).toBe("rank-highly");
  });

  it("reads questions and requests about the applicant's list in everyday wording as asking about ranking", () => {
    for (const text of [
      "Is our program at the head of your list? Just curious before our meeting.",
      "We'd love to hear where we land on yours.",
      "Kindly tell me whether you plan to put our program first.",
      "Which number will you give our program?",
    ]) {
      expect(labelMessage(text).label, text).toBe("asks-ranking");
    }
  });

  it("reads trades, exclusions and demands to drop other programs as commitment pressure", () => {
    for (const text of [
      "We would be glad to put you first on our list, provided you do the same for us.",
      "We only have room on our list for applicants who have told us we are their first choice.",
      "Please skip your remaining interviews so we know you are serious.",
      "If we hear you ranked another program above us, do not expect to be on our list.",
      "Honestly, skip your interview at Lakeview next week; we will look after you here.",
    ]) {
      expect(labelMessage(text).label, text).toBe("commitment-pressure");
    }
  });

  it("does not read a program that says it is not asking, or a routine cancellation note, as pressure", () => {
    expect(labelMessage("We won't ask about your plans. We enjoyed meeting you and wish you well.").label).toBe("interest-signal");
    expect(labelMessage("Your interview is on Monday at 9. If you need to cancel, reply to this email.").label).toBe("routine");
    expect(labelMessage("If you cannot attend, please cancel your interview at least 48 hours ahead in the scheduler.").label).toBe("routine");
    expect(labelMessage("Please cancel the interview with us through the portal if your plans change.").label).toBe("routine");
  });

  it("reads the applicant's own question about being ranked high as a 'rank you highly' message, not a rank question", () => {
    expect(labelMessage("they are going to rank me high, does that mean I matched?").label).toBe("rank-highly");
  });

  it("still reads the question after a program says it may not ask", () => {
    expect(labelMessage("We aren't allowed to ask about your list, but are we your #1?").label).toBe("asks-ranking");
    expect(labelMessage("I know we can't ask. Still, where do we fall on your rank list?").label).toBe("asks-ranking");
  });

  it("reads chat shorthand the same as full words", () => {
    expect(labelMessage("will u rank us #1?").label).toBe("asks-ranking");
  });
});

describe("classification results", () => {
  it("returns the SPEC shape with a known topic and the suggested template per label", () => {
    const expected: Record<string, (string | null)[]> = {
      "asks-ranking": ["answer-rank-question"],
      "commitment-pressure": ["clarify-nrmp-status", "decline-commitment"],
      "prematch-offer": ["request-time", "clarify-nrmp-status"],
      "interest-signal": ["reply-to-interest"],
      "rank-highly": ["reply-to-interest"],
      routine: [null],
    };
    const samples = [
      'PD asked: "Where will you rank our program?"',
      'they emailed: "Cancel your other interviews and the spot is yours."',
      'is this a pre-match offer: "sign the contract and skip the Match"',
      'they wrote: "We really enjoyed meeting you!"',
      'the PD said "you are ranked to match"',
      'coordinator wrote: "Your interview is on Monday at 9 am, the link follows."',
    ];
    const seen = new Set<string>();
    for (const s of samples) {
      const c = classifyInput(s);
      expect(c, s).not.toBeNull();
      const data = c!.data;
      expect(Object.keys(data)).toEqual(["kind", "label", "topic", "verdict", "advice", "template", "quote", "related"]);
      expect(content.guides.has(data.topic)).toBe(true);
      expect(expected[data.label]).toContain(data.template);
      if (data.template) expect(content.templates.has(data.template)).toBe(true);
      seen.add(data.label);
    }
    expect([...seen].sort()).toEqual([...LABELS].sort());
  });

  it("suggests asking for time when the offer says the position is outside the NRMP Match", () => {
    const c = classifyInput('they wrote: "We offer you a position in our research track, which is not in the Match."');
    expect(c?.data.label).toBe("prematch-offer");
    expect(c?.data.template).toBe("request-time");
    expect(c?.data.topic).toBe("non-nrmp-positions");
  });

  it("reads a retold logistics message as routine and keeps the applicant's question apart", () => {
    const c = classifyInput("the program said no emails after the interview, should I still send a thank you?");
    expect(c?.data.label).toBe("routine");
    expect(c?.voices.applicant).toContain("should I still send a thank you");
  });

  it("classifies a retold message that carries a pressure cue", () => {
    expect(classifyInput("the APD keeps asking me will I rank them number one")?.data.label).toBe("asks-ranking");
  });
});

describe("pattern safety", () => {
  it("runs every pattern over 10,000-character hostile strings without stalling", () => {
    const hostile = [
      "you are ".repeat(1250),
      " ".repeat(10_000),
      "rank us ".repeat(1250),
      "if ".repeat(3333),
      "'a ".repeat(3333),
      "the program ".repeat(833),
      "the pd also said ".repeat(600),
      "one of the programs kind of basically ".repeat(260),
      "> a\n".repeat(2500),
      "dear dr x,\n".repeat(900),
      '"'.repeat(10_000),
      "- Dr ".repeat(2000),
      "got an email from ".repeat(550),
    ].map((h) => h.slice(0, 10_000));
    for (const p of [...classifier.labeler.patterns, ...classifier.speaker.patterns]) {
      for (const h of hostile) {
        p.lastIndex = 0;
        expect(typeof p.test(h)).toBe("boolean");
      }
    }
  });

  it("splits voices and classifies 10,000 characters of hostile input", () => {
    for (const h of ["the pd also said ".repeat(600), "> a\n".repeat(2500), "dear dr x,\n".repeat(900), "- Dr ".repeat(2000), "\u201c".repeat(10_000)]) {
      expect(typeof split(h.slice(0, 10_000)).applicant).toBe("string");
    }
  });

  it("answers 10,000 characters of hostile input", () => {
    const hostile = `they said: ${"rank us ".repeat(1300)}`.slice(0, 10_000);
    expect(classifyInput(hostile)?.data.kind).toBe("classification");
    expect(labelMessage("'".repeat(10_000)).label).toBe("routine");
  });
});
