/** The SPEC's program-message labels, safest first. */
export const LABELS = ["routine", "interest-signal", "rank-highly", "asks-ranking", "commitment-pressure", "prematch-offer"] as const;

export type Label = (typeof LABELS)[number];

/** Labels that must never come back as `routine` or `interest-signal` (SPEC safety rule). */
export const PRESSURE_LABELS: ReadonlySet<Label> = new Set(["asks-ranking", "commitment-pressure", "prematch-offer"]);

/** What the classifier decided about one program message. */
export interface MessageVerdict {
  label: Label;
  /** Set when the label was raised to a pressure label only because of a cautionary word: that word. */
  doubt: string | null;
  /** Set when the label was raised to a pressure label because the message model found its wording close to pressure messages. */
  resembles?: boolean;
  /** The message says the position is not in the NRMP Match. */
  outsideNrmp: boolean;
  /** The message is about a second look. */
  secondLook: boolean;
}

/* Every pattern below is linear-time: literal alternations and bounded gaps ([^.?!]{0,N}), no nested quantifiers. */
const TOP = String.raw`(?:#\s?1\b|number\s?(?:one|1)\b|no\.?\s?1\b|1st\b|first\b|top\b)`;
const GAP = (n: number) => String.raw`[^.?!\n]{0,${n}}`;

const re = (source: string) => new RegExp(source, "i");

/** A contract, signing, or a way around the Match. */
const OFFER = [
  String.raw`\b(?:sign|signed|signing|return)\b${GAP(30)}\b(?:contract|agreement)`,
  String.raw`\b(?:contract|agreement)\b${GAP(30)}\b(?:attached|enclosed|sign|signed|before|now|today|this week)\b`,
  String.raw`\b(?:employment|residency|job|position)\s+(?:contract|agreement)\b`,
  String.raw`\b(?:give|send|offer|extend|mail)\s+(?:you\s+)?(?:a\s+|an\s+|the\s+|your\s+)?(?:contract|agreement)\b`,
  String.raw`\boutside\s+(?:of\s+)?the\s+(?:nrmp\s+)?match\b`,
  String.raw`\b(?:skip|bypass|avoid)\s+the\s+(?:nrmp\s+)?match\b`,
  String.raw`\bwithdraw(?:ing)?\s+(?:yourself\s+)?from\s+the\s+(?:nrmp|match)\b`,
  String.raw`\b(?:not|never|don't|dont|do not|won't|wont)\s+(?:need|have)\s+to\s+(?:go\s+through|participate|enter|rank|be\s+in)\b`,
  String.raw`\bpre\s?-?\s?match\s+(?:offer|contract|position|spot)\b`,
  String.raw`\b(?:offer|offering|extend|extending|give|giving)\s+(?:you\s+)?(?:a\s+|an\s+|the\s+|our\s+)?(?:guaranteed\s+)?(?:offer|pgy|position|spot|place|job|residency\s+(?:position|spot))\b`,
  String.raw`\bfill\b${GAP(20)}\bdirectly\b`,
  String.raw`\b(?:job|position|spot)\s+is\s+yours\b${GAP(30)}\b(?:contract|sign|withdraw)`,
].map(re);

/** The position is said to sit outside the NRMP Match (a possibly legitimate offer). */
const OUTSIDE_NRMP = [
  String.raw`\b(?:not|doesn't|does not|don't|do not)\s+(?:participate|take\s+part)\s+in\s+the\s+(?:nrmp|match)\b`,
  String.raw`\bnot\s+(?:in|part\s+of)\s+the\s+(?:nrmp|match)\b`,
  String.raw`\bnon-?\s?(?:nrmp|match|participating)\b`,
].map(re);

/** A demand for commitment, with or without anything offered back. */
const DEMAND = [
  // Plural: "cancel your interviews"; a single interview is often the program's own ("cancel your interview with us").
  String.raw`\bcancel\b${GAP(30)}\binterviews\b`,
  String.raw`\bwithdraw\b${GAP(30)}\b(?:applications?|interviews?)\b`,
  String.raw`\bcommit(?:ment)?\b${GAP(20)}\b(?:now|today|tonight|immediately|right away|by|before|within)\b`,
  String.raw`\bcommit\s+to\s+(?:us|our|this\s+program)\b`,
  String.raw`\b(?:need|want|require|expect)\b${GAP(15)}\bcommitment\b`,
  String.raw`\b(?:we|or)\s+(?:will\s+)?move\s+on\b`,
  String.raw`\bgive\s+(?:your|the)\s+(?:place|spot|position)\s+to\b`,
  String.raw`\bonly\b${GAP(30)}\b(?:take|rank|accept|consider|interview)\b${GAP(30)}\b(?:commit|promise|tell\s+us|confirm|rank\s+us|first\s+choice|top\s+choice)`,
  // Dropping other programs: "skip the rest of your interview trail", "decline your remaining interviews".
  String.raw`\b(?:cancel|cancell?ed|skip|decline|drop|give\s+up|withdraw\s+from|stop\s+attending|not\s+attend)\b${GAP(25)}\b(?:other|remaining|rest\s+of|further|additional|more)\b${GAP(20)}\b(?:interviews?|interview\s+trail|trail|programs?|offers?)\b`,
  String.raw`\b(?:still\s+)?interviewing\s+elsewhere\b`,
  // Dropping an interview somewhere else: "skip your interview at County", "decline the interview you have at Northgate".
  String.raw`\b(?:cancel|skip|decline|drop|miss|withdraw\s+from)\s+(?:your|the)\s+interviews?\b${GAP(30)}\b(?:at|with)\s+(?!us\b|our\b|this\b|the\s+program\b|least\b|any\b|noon\b|the\s+coordinator\b)[a-z]`,
  // Exclusion unless the applicant commits: "we don't rank anyone who hasn't told us we're first".
  String.raw`\b(?:only|don't|dont|do\s+not|won't|wont|will\s+not|cannot|can't|cant|no)\b${GAP(25)}\b(?:rank|ranks|consider|considering|keep|list|room|place)\b${GAP(40)}\b(?:who|unless|until|if|once)\b${GAP(40)}(?:\b(?:committed|commit|all\s+in|made\s+up|told\s+us|tell\s+us|cancel|cancell?ed|promise)\b|${TOP})`,
  // A trade: "provided you do the same for us", "contingent on your commitment", "all we need in return is your word".
  String.raw`\b(?:provided|contingent\s+on|in\s+return|in\s+exchange|on\s+condition|as\s+long\s+as)\b${GAP(40)}(?:\b(?:rank|ranking|commit|commitment|confirm|word|promise|same\s+for\s+us|head\s+your|list\s+us)\b|${TOP})`,
  String.raw`\b(?:only|until|unless)\b${GAP(40)}\b(?:named\s+us|name\s+us|ranking\s+us|rank\s+us|head\s+(?:their|your)|put\s+us)\b`,
  String.raw`\b(?:go|goes|going)\s+to\b${GAP(40)}\bwho\b${GAP(30)}\b(?:confirms?|commits?|promises?|tells?\s+us|names?\s+us)\b`,
  // A threat: "do not expect to be on our list".
  String.raw`\b(?:not|don't|dont|won't|wont)\b${GAP(15)}\b(?:expect\s+to\s+)?be\s+on\s+our\s+(?:rank\s+)?list\b`,
].map(re);

/** Something promised in return: a spot, a guarantee, a match. */
const REWARD = [
  String.raw`\bguarantee(?:d|s)?\b`,
  String.raw`\bis\s+yours\b`,
  String.raw`\byou(?:'re|\s+are)\s+in\b(?!\s+(?:our|the|their|a|an|touch|good)\b)`,
  String.raw`\b(?:will|would|going\s+to|gonna)\s+match\b`,
  String.raw`\bmake\s+sure\s+you\s+match\b`,
  String.raw`\brank(?:ed)?\s+(?:you\s+)?to\s+match\b`,
  String.raw`\btop\s+of\s+our\s+(?:rank\s+)?list\b`,
  String.raw`\bput\s+you\s+at\s+the\s+top\b`,
  String.raw`\b100\s?%`,
].map(re);

/** A condition the applicant must meet. */
const CONDITION = [String.raw`\b(?:if|once|when|as\s+long\s+as|provided)\b${GAP(30)}\b(?:rank|commit|promise|tell\s+us|confirm)`].map(re);

/** The program asks how the applicant will rank it, or for a promise to rank it first. */
const ASKS_RANKING = [
  String.raw`\b(?:where|how)\b${GAP(30)}\brank(?:ing|ed)?\b`,
  String.raw`\b(?:are\s+we|is\s+our\s+program|is\s+this\s+program|we\s+are|we're|if\s+our\s+program\s+is|they\s+are|they're)\b${GAP(25)}\b(?:your|my|their)\s+${TOP}`,
  String.raw`\b(?:will|would|do|are|plan|intend|going|promise|commit)\b${GAP(30)}\brank(?:ing)?\s+(?:us|our\s+program|them|this\s+program)\b`,
  String.raw`\b(?:confirm|tell\s+us|let\s+us\s+know|promise)\b${GAP(30)}${TOP}`,
  String.raw`\b(?:put|place|list)\s+(?:us|our\s+program)\b${GAP(20)}${TOP}`,
  String.raw`\brank(?:ing)?\s+intentions?\b`,
  String.raw`\bprograms?\s+you\s+are\s+ranking\b`,
  String.raw`\b(?:tell|share|send|give|disclose|reveal|show)\s+(?:us|him|her|them)\s+(?:your|my)\s+(?:top|rank|ranks|ranking|rankings|rank\s+list|list|first\s+choice)\b`,
  String.raw`\bwhat\s+(?:are|is)\s+(?:your|my)\s+(?:top|first)\s+(?:\d+|three|five|choice|choices|programs?)\b`,
  String.raw`\b(?:rank|ranking)\s+(?:above|ahead\s+of|over)\s+(?:us|ours)\b`,
  String.raw`\b(?:high|top)\s+(?:on|of)\s+your\s+(?:rank\s+)?list\b`,
  String.raw`\brank\s+us\s+${TOP}`,
  String.raw`\b(?:where|how\s+high|how\s+far)\b${GAP(30)}\b(?:your|ur)\s+(?:rank\s+|ranking\s+|rank\s+order\s+)?list\b`,
].map(re);

/** In one sentence: the applicant's own list, or ranking the program high ("your ROL", "your first pick", "rank Mercy first"). */
const YOUR_LIST = re(
  String.raw`\b(?:your|ur|yours)\s+(?:own\s+)?(?:rank(?:ing)?\s+(?:order\s+)?(?:list|plans?|order)|rank\s+order|rankings?|rol|list|top\s+(?:spot|choice|pick|program|half|two|three|five|\d)|first\s+(?:pick|choice|spot|program)|choices|intended\s+rank|plans)\b|\b(?:rank|ranking|list|listing|put|putting|place|placing)\s+(?!(?:you|me|him|her|them)\b)${GAP(30)}\b(?:first|highly|high|at\s+the\s+top|number\s+one|#1|1st|ahead|above|top)\b|\bhead\s+(?:of\s+)?your\b|\bnumber\b${GAP(20)}\b(?:give|assign)\b|\bwhere\s+(?:do\s+|does\s+|will\s+|would\s+)?(?:we|our\s+program|this\s+program|their\s+program)\s+(?:fall|falls|stand|stands|sit|sits|fit|fits|land|lands|rank|ranks|end\s+up|are|is|would\s+be)\b|\bwhere\s+are\s+we\b|\bon\s+yours\b|\b(?:their|her|his|my)\s+(?:rank(?:ing)?\s+)?(?:list|rank\s+list|top\s+(?:\d|two|three|five))\b|\b(?:higher|lower|ahead|above)\b${GAP(20)}\b(?:list|ours|us)\b|\btell\s+(?:me|us)\s+(?:that\s+)?you(?:'ll|\s+will|ll)\s+(?:come|join|rank|sign|commit)\b`,
);
/** The sentence asks for an answer: a question, or a request to tell, share or confirm. */
const ASKING = re(
  String.raw`\?|\b(?:let\s+us\s+know|let\s+me\s+know|tell\s+(?:us|me)|share|confirm|reply|respond|know\s+(?:whether|if|where|how)|curious|wondered|wonder|may\s+(?:we|i)\s+ask|(?:would|'d)\s+love\s+to\s+(?:know|hear)|grateful|appreciate|assurance|drop\s+(?:me|us)\s+a\s+line|help\s+us\s+understand|(?:like|love)\s+to\s+hear|asked|asks|asking|tell\s+me\s+you)\b`,
);
/** The program says it is not asking ("we won't ask where we are on your list"). */
const NOT_ASKING = re(
  String.raw`\b(?:not|never|won't|wont|can't|cant|cannot|aren't|arent|don't|dont|no\s+need\s+to)\s+(?:be\s+)?(?:asking|ask|allowed\s+to\s+ask|permitted\s+to\s+ask|going\s+to\s+ask|need\s+(?:you\s+)?to\s+(?:tell|share|reply|respond)|expect)\b|\bhowever\s+you\s+(?:like|want|wish)\b|\bno\s+(?:reply|response)\b`,
);

/** Sentences and "…, but …" clauses, in order. */
function clauses(text: string): string[] {
  return text.split(/(?<=[.?!;])\s+|\n|,\s*(?=but\b)/);
}

/** The text without the clauses in which the program says it is not asking (the cautionary words still count). */
function withoutNotAsking(text: string): string {
  return clauses(text)
    .filter((c) => !NOT_ASKING.test(c))
    .join("\n");
}

/** Whether one sentence of a message asks about the applicant's list. */
function asksAboutList(text: string): boolean {
  return clauses(text).some((c) => YOUR_LIST.test(c) && ASKING.test(c));
}

/** "We will rank you highly" and its relatives. */
const RANK_HIGHLY = [
  String.raw`\brank(?:ed|ing)?\s+(?:you|me)\s+(?:very\s+|quite\s+|really\s+|so\s+)?(?:highly|high|favorably|favourably|well|at\s+the\s+top|near\s+the\s+top|in\s+(?:our|their)\s+top|to\s+match)\b`,
  String.raw`\branked\s+(?:very\s+)?(?:highly|high|favorably|favourably|to\s+match|near\s+the\s+top|at\s+the\s+top)\b`,
  String.raw`\b(?:you\s+are|you're|you\s+will\s+be|i'm|im|i\s+am)\s+(?:very\s+)?(?:high\b|among\s+the\s+top|in\s+(?:our|their)\s+top|at\s+the\s+top|near\s+the\s+top)`,
  String.raw`\btop\s+(?:group|tier|\d+|ten|candidates)\b`,
  String.raw`\b(?:high|top)\s+(?:on|of)\s+(?:our|the|their)\s+(?:rank\s+)?list\b`,
  String.raw`\blikely\s+to\s+match\b`,
].map(re);

/** Warm words after an interview. */
const INTEREST = [
  String.raw`\b(?:great|good|excellent|wonderful|perfect|strong|ideal|natural)\s+(?:fit|addition)\b`,
  String.raw`\bimpress(?:ed|ive)\b`,
  String.raw`\b(?:enjoyed|loved|pleasure|glad|happy|great)\b${GAP(25)}\b(?:meeting|meet|talking|speaking|getting\s+to\s+know|conversation|learning|hear|hearing|having\s+you)\b`,
  String.raw`\binterview\s+went\s+(?:great|well|very\s+well)\b`,
  String.raw`\bstood\s+out\b`,
  String.raw`\bstrong\s+impression\b`,
  String.raw`\bthrive\b`,
  String.raw`\bfit\s+right\s+in\b`,
  String.raw`\bvalues?\b`,
  String.raw`\bhope\b${GAP(25)}\b(?:consider|stay\s+in\s+touch|join)\b`,
  String.raw`\blook(?:ing)?\s+forward\b`,
  String.raw`\bexcited\s+about\b`,
].map(re);

/** Words that make a benign reading doubtful, with the pressure label they point to. */
const CAUTION: readonly { pattern: RegExp; label: Label }[] = [
  { pattern: re(String.raw`\b(?:contract|agreement)\b`), label: "prematch-offer" },
  { pattern: re(String.raw`\bsign(?:ed|ing)?\b(?!\s+up)`), label: "prematch-offer" },
  { pattern: re(String.raw`\b(?:commit|commits|committed|committing)\b`), label: "commitment-pressure" },
  { pattern: re(String.raw`\bcommitment\s+(?:to|from)\s+(?:us|our|this\s+program)\b`), label: "commitment-pressure" },
  { pattern: re(String.raw`\bpromise[sd]?\b`), label: "commitment-pressure" },
  { pattern: re(String.raw`\bguarantee[sd]?\b`), label: "commitment-pressure" },
  { pattern: re(String.raw`\bexclusive(?:ly)?\b`), label: "commitment-pressure" },
  { pattern: re(String.raw`\bwithdraw\b`), label: "commitment-pressure" },
  { pattern: re(String.raw`\b(?:first|top)\s+choice\b`), label: "asks-ranking" },
  { pattern: re(String.raw`#\s?1\b|\bnumber\s+(?:one|1)\b`), label: "asks-ranking" },
  { pattern: re(String.raw`\brank\s+(?:us|our)\b`), label: "asks-ranking" },
  { pattern: re(String.raw`\b(?:on|in)\s+your\s+(?:rank\s+|ranking\s+)?list\b`), label: "asks-ranking" },
];

const SECOND_LOOK = re(String.raw`\b(?:second|2nd)\s+look\b|\brevisit\b`);

/** Every pattern the labeller uses (for the linear-time check in the tests). */
export const LABEL_PATTERNS: readonly RegExp[] = [
  ...OFFER, ...OUTSIDE_NRMP, ...DEMAND, ...REWARD, ...CONDITION, ...ASKS_RANKING, ...RANK_HIGHLY, ...INTEREST,
  ...CAUTION.map((c) => c.pattern), SECOND_LOOK, YOUR_LIST, ASKING, NOT_ASKING,
];

/** Lower-cases and spells out chat shorthand (u → you, r → are) so one set of patterns reads both. */
export function normalizeMessage(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u00ab\u00bb]/g, '"')
    .replace(/\bu\b/g, "you")
    .replace(/\bur\b/g, "your")
    .replace(/\br\b/g, "are")
    .replace(/\s+/g, " ");
}

const any = (patterns: readonly RegExp[], text: string) => patterns.some((p) => p.test(text));

/** Whether the text carries any cue of a label other than routine (used to tell a paste from a question). */
export function hasLabelCue(message: string): boolean {
  const text = normalizeMessage(message);
  return [OFFER, DEMAND, ASKS_RANKING, RANK_HIGHLY, INTEREST].some((list) => any(list, text));
}

/** Labels one program message; a benign reading with a cautionary word is raised to a pressure label. */
export function labelMessage(message: string): MessageVerdict {
  const text = normalizeMessage(message);
  const outsideNrmp = any(OUTSIDE_NRMP, text);
  const secondLook = SECOND_LOOK.test(text);
  const asking = NOT_ASKING.test(text) ? withoutNotAsking(text) : text;
  const asks = any(ASKS_RANKING, asking) || asksAboutList(asking);
  const trade = (asks || any(CONDITION, text)) && any(REWARD, text);
  let label: Label;
  if (any(OFFER, text)) label = "prematch-offer";
  else if (any(DEMAND, text) || trade) label = "commitment-pressure";
  else if (asks) label = "asks-ranking";
  else if (any(RANK_HIGHLY, text)) label = "rank-highly";
  else if (any(INTEREST, text)) label = "interest-signal";
  else label = "routine";

  let doubt: string | null = null;
  if (label === "routine" || label === "interest-signal") {
    for (const { pattern, label: raised } of CAUTION) {
      const m = pattern.exec(text);
      if (m) {
        label = raised;
        doubt = m[0];
        break;
      }
    }
  }
  return { label, doubt, outsideNrmp, secondLook };
}
