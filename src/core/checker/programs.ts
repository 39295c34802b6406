import { isQuoted, type Draft } from "./draft.js";

/** Words that describe a kind of program rather than name one (compared loosely, these do not tell programs apart). */
const GENERIC = new Set(
  (
    "the of at and for in on de la program programs residency residencies training department dept hospital hospitals " +
    "medical medicine center centre centers health healthcare system systems university univ college school clinic clinics " +
    "institute internal family pediatrics pediatric paediatrics psychiatry psych surgery surgical general categorical " +
    "preliminary prelim transitional year im fm peds em ent emergency neurology obgyn ob gyn obstetrics gynecology pathology " +
    "radiology anesthesiology anesthesia dermatology genetics genomics global track combined med network services gme " +
    "graduate education affiliated campus main"
  ).split(" "),
);

/** Capitalised names that are never a program. */
const NOT_PROGRAM = new Set(
  (
    "nrmp eras ecfmg usmle match step ck cs aamc freida soap us usa america american i dear dr doctor thank thanks sincerely " +
    "best regards kind warm respectfully j-1 h-1b visa mr mrs ms prof professor subject re my your our this that these " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september " +
    "october november december since as it its if when while although please hello hi hey"
  ).split(" "),
);

/** The words of a capitalised name that can name a program, lower-cased ("Riverside Internal Medicine Residency" → riverside); none means it names no program. */
export function distinctiveWords(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/['’]s\b/g, "")
    .replace(/&/g, " and ")
    .replace(/\bst\.?(?=\s)/g, "saint")
    .split(/[^a-z0-9-]+/)
    .filter((w) => w && !GENERIC.has(w) && !NOT_PROGRAM.has(w));
}

/** A program named in a draft: its span in the normalised text and the name as written. */
export interface ProgramMention {
  start: number;
  end: number;
  name: string;
}

const NAME =
  /\b[A-Z][A-Za-z'&-]*\.?(?:[ \t]+(?:of|at|the|and|for|in|on|de|la|&|[A-Z][A-Za-z'&-]*\.?)){0,7}/g;
const TRAILING_CONNECTOR = /(?:[ \t]+(?:of|at|the|and|for|in|on|de|la|&))+$/;
const LEADING = /^(?:The|Your|My|Our)[ \t]+/;
const PERSON = /^(?:Dr|Mr|Mrs|Ms|Mx|Prof|Professor)\b/;
/** Words just before a name that show the draft addresses that program. */
const ADDRESS_CUE =
  /\b(?:interest(?:ed)? in|join(?:ing)?|train(?:ing)? (?:at|with|in)|interview(?:ed|ing|s)? (?:at|with)|rank(?:ing)?|applied to|apply(?:ing)? to|application to|residents? at|residency at|program at|position at|medicine at|pediatrics at|psychiatry at|surgery at|genetics at|spot at|place at|future at|part of|visit(?:ed|ing)?(?: to)?|day at|time at|learn(?:ing)? at|opportunity (?:at|with)|match(?:ing)? (?:at|with|to)|team at|family at|faculty (?:of|at)|welcome (?:to|at)|return to|considering|consider|choose|chose|grateful to|thank you for (?:the |my )?interview at)[ \t]+(?:the[ \t]+)?$/i;
/** Words before a name that show it is where the applicant worked or studied, not the addressee. */
const EXPERIENCE_CUE =
  /\b(?:rotations?|rotated|observerships?|externships?|electives?|clerkships?|research|worked|working|work|graduated|studied|volunteer(?:ed|ing)?|USCE|shadow(?:ed|ing)?|experience|fellowship|internship|sub-?internship|trained|degree|school|from|mentor|supervisor)\b[^.!?\n]{0,40}$/i;
const NAMED_PROGRAM = /[ \t](?:Program|Residency|Residency Program)$/;
const CLAIM_AFTER = /^(?:'s)?[ \t]+(?:is|was|remains|will be|would be)[ \t]+(?:truly[ \t]+)?(?:my|the)[ \t]+(?:first|top|number one|#1|no\. 1)/i;

/** Programs the draft names as the one it is writing to (not places it worked or studied), outside quoted text. */
export function findProgramMentions(draft: Draft): ProgramMention[] {
  const text = draft.text;
  const out: ProgramMention[] = [];
  NAME.lastIndex = 0;
  for (let m = NAME.exec(text); m; m = NAME.exec(text)) {
    let start = m.index;
    let name = m[0].replace(TRAILING_CONNECTOR, "");
    const lead = LEADING.exec(name);
    if (lead) {
      start += lead[0].length;
      name = name.slice(lead[0].length);
    }
    if (PERSON.test(name)) continue;
    name = name.replace(/\.$/, "");
    const end = start + name.length;
    if (distinctiveWords(name).length === 0 || isQuoted(draft, start, end)) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    if (EXPERIENCE_CUE.test(before)) continue;
    const addressed = NAMED_PROGRAM.test(name) || ADDRESS_CUE.test(before) || CLAIM_AFTER.test(text.slice(end, end + 40));
    if (addressed) out.push({ start, end, name });
  }
  return out;
}
