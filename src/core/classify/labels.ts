import { expandCue, LABELS, type LabelLexicon } from "../../content/schemas.js";

export { LABELS };

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

/** Sentences and "…, but …" clauses, in order. */
function clauses(text: string): string[] {
  return text.split(/(?<=[.?!;])\s+|\n|,\s*(?=but\b)/);
}

/** Labels program messages by the cues of content/classifier.yaml (`labels`). */
export interface Labeler {
  /** Labels one program message; a benign reading with a cautionary word is raised to a pressure label. */
  label(message: string): MessageVerdict;
  /** Whether the text carries any cue of a label other than routine. */
  hasCue(message: string): boolean;
  /** Whether the text says a position sits outside the NRMP Match ("non-NRMP program", "not in the Match"). */
  outsideNrmp(text: string): boolean;
  /** Every compiled pattern (for the linear-time check in the tests). */
  patterns: readonly RegExp[];
}

/** Compiles the label cues once. */
export function createLabeler(lexicon: LabelLexicon): Labeler {
  const list = (sources: readonly string[]) => sources.map((s) => new RegExp(expandCue(s), "i"));
  const one = (sources: readonly string[]) => new RegExp(sources.map(expandCue).join("|"), "i");
  const OFFER = list(lexicon.offer);
  const OUTSIDE_NRMP = list(lexicon.outside_nrmp);
  /** The contract every matched applicant gets after Match Day: not an offer outside the Match. */
  const AFTER_MATCH = one(lexicon.after_match);
  const DEMAND = list(lexicon.demand);
  const REWARD = list(lexicon.reward);
  const CONDITION = list(lexicon.condition);
  const ASKS_RANKING = list(lexicon.asks_ranking);
  const RANK_HIGHLY = list(lexicon.rank_highly);
  const INTEREST = list(lexicon.interest);
  /** In one sentence: the applicant's own list, or ranking the program high. */
  const YOUR_LIST = one(lexicon.your_list);
  /** The sentence asks for an answer: a question, or a request to tell, share or confirm. */
  const ASKING = one(lexicon.asking);
  /** The program says it is not asking or expecting anything ("we won't ask where we are on your list", "no bearing on how we rank"). */
  const NOT_ASKING = one(lexicon.not_asking);
  const SECOND_LOOK = one(lexicon.second_look);
  const CAUTION = lexicon.caution.map((c) => ({ pattern: new RegExp(expandCue(c.pattern), "i"), label: c.label }));

  /** The text without the clauses in which the program says it is not asking (the cautionary words still count). */
  const withoutNotAsking = (text: string) =>
    clauses(text)
      .filter((c) => !NOT_ASKING.test(c))
      .join("\n");
  /** Whether one sentence of a message asks about the applicant's list. */
  const asksAboutList = (text: string) => clauses(text).some((c) => YOUR_LIST.test(c) && ASKING.test(c));

  function label(message: string): MessageVerdict {
    const text = normalizeMessage(message);
    const outsideNrmp = any(OUTSIDE_NRMP, text);
    const secondLook = SECOND_LOOK.test(text);
    const asking = NOT_ASKING.test(text) ? withoutNotAsking(text) : text;
    const asks = any(ASKS_RANKING, asking) || asksAboutList(asking);
    const trade = (asks || any(CONDITION, asking)) && any(REWARD, asking);
    let verdict: Label;
    const offerText = AFTER_MATCH.test(text) ? clauses(text).filter((c) => !AFTER_MATCH.test(c)).join("\n") : text;
    if (any(OFFER, offerText)) verdict = "prematch-offer";
    else if (any(DEMAND, asking) || trade) verdict = "commitment-pressure";
    else if (asks) verdict = "asks-ranking";
    else if (any(RANK_HIGHLY, text)) verdict = "rank-highly";
    else if (any(INTEREST, text)) verdict = "interest-signal";
    else verdict = "routine";

    let doubt: string | null = null;
    if (verdict === "routine" || verdict === "interest-signal") {
      for (const { pattern, label: raised } of CAUTION) {
        const m = pattern.exec(text);
        if (m) {
          verdict = raised;
          doubt = m[0];
          break;
        }
      }
    }
    return { label: verdict, doubt, outsideNrmp, secondLook };
  }

  return {
    label,
    outsideNrmp: (message) => any(OUTSIDE_NRMP, normalizeMessage(message)),
    hasCue: (message) => {
      const text = normalizeMessage(message);
      return [OFFER, DEMAND, ASKS_RANKING, RANK_HIGHLY, INTEREST].some((l) => any(l, text));
    },
    patterns: [...OFFER, AFTER_MATCH, ...OUTSIDE_NRMP, ...DEMAND, ...REWARD, ...CONDITION, ...ASKS_RANKING, ...RANK_HIGHLY, ...INTEREST, ...CAUTION.map((c) => c.pattern), SECOND_LOOK, YOUR_LIST, ASKING, NOT_ASKING],
  };
}
