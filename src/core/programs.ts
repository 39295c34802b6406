/**
 * Program identity: the one place that decides whether two program names mean the same program.
 * A name is read as an institution ("Riverside", "Saint Mary") plus, when it names one, a specialty
 * ("Internal Medicine" = "IM"). The store, the log context and the checker all use it, so
 * "Riverside IM" = "Riverside Internal Medicine" ≠ "Riverside Pediatrics" everywhere.
 */

/** Specialties and the ways applicants write them (token sequences; the longest match wins). */
const SPECIALTIES: Record<string, string[]> = {
  "medicine-psychiatry": ["internal medicine psychiatry", "medicine psychiatry", "med psych", "im psych", "im psychiatry"],
  "medicine-pediatrics": ["internal medicine pediatrics", "medicine pediatrics", "med peds", "im peds", "im pediatrics"],
  "internal-medicine": ["internal medicine", "im"],
  "family-medicine": ["family medicine", "family practice", "fm"],
  "emergency-medicine": ["emergency medicine", "em"],
  pediatrics: ["pediatrics", "pediatric", "paediatrics", "paediatric", "peds", "paeds"],
  psychiatry: ["psychiatry", "psych"],
  "general-surgery": ["general surgery", "surgery", "surgical", "gs"],
  "obstetrics-gynecology": ["obstetrics and gynecology", "obstetrics gynecology", "ob gyn", "obgyn", "obstetrics"],
  neurology: ["neurology", "neuro"],
  "medical-genetics": ["medical genetics and genomics", "medical genetics", "genetics", "genomics"],
  anesthesiology: ["anesthesiology", "anesthesia"],
  radiology: ["diagnostic radiology", "radiology"],
  pathology: ["pathology"],
  dermatology: ["dermatology"],
};

/** Specialty phrases as token lists, longest first. */
const SPECIALTY_PHRASES: Array<{ tokens: string[]; specialty: string }> = Object.entries(SPECIALTIES)
  .flatMap(([specialty, phrases]) => phrases.map((p) => ({ tokens: p.split(" "), specialty })))
  .sort((a, b) => b.tokens.length - a.tokens.length);

/** Words that describe a kind of place or training rather than name an institution. */
const GENERIC = new Set(
  (
    "the of at and for in on de la program programs programme residency residencies training department dept hospital " +
    "hospitals medical medicine center centers health healthcare system systems university college school clinic clinics " +
    "institute categorical preliminary prelim transitional year track combined network services gme graduate education " +
    "affiliated campus main global"
  ).split(" "),
);

/** Spellings of the same institution word. */
const SAME_WORD: Record<string, string> = { st: "saint", univ: "university", u: "university", hosp: "hospital", ctr: "center", centre: "center" };

/** A program name read as institution words and a specialty. */
export interface ProgramIdentity {
  /** Distinctive words of the institution, lower-case, in order ("Riverside"). */
  institution: string[];
  /** The specialty named, or null when the name names none. */
  specialty: string | null;
}

/** Lower-case words of a name: accents, apostrophes, "&" and punctuation aside. */
function tokensOf(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w !== "")
    .map((w) => SAME_WORD[w] ?? w);
}

function phraseAt(tokens: string[], at: number): { length: number; specialty: string } | null {
  for (const { tokens: phrase, specialty } of SPECIALTY_PHRASES) {
    if (phrase.every((t, i) => tokens[at + i] === t)) return { length: phrase.length, specialty };
  }
  return null;
}

/** Reads a program name as its institution words and specialty ("Riverside IM" → riverside + internal-medicine). */
export function programIdentity(name: string): ProgramIdentity {
  const tokens = tokensOf(name);
  const institution: string[] = [];
  let specialty: string | null = null;
  for (let i = 0; i < tokens.length; ) {
    const found = phraseAt(tokens, i);
    if (found) {
      specialty ??= found.specialty;
      i += found.length;
      continue;
    }
    if (!GENERIC.has(tokens[i])) institution.push(tokens[i]);
    i++;
  }
  return { institution, specialty };
}

/**
 * The exact key a program is stored under: its institution words and specialty, so spelling, case,
 * abbreviations (IM, Peds, St.) and "Program"/"Residency" do not matter. Empty when the name names nothing.
 */
export function programKey(name: string): string {
  const { institution, specialty } = programIdentity(name);
  if (institution.length === 0 && !specialty) return "";
  return specialty ? `${institution.join(" ")}|${specialty}` : institution.join(" ");
}

/**
 * Whether two names can mean the same program: one's institution words contain the other's, and they
 * do not name two different specialties ("Riverside" matches "Riverside IM"; "Riverside Pediatrics"
 * does not match "Riverside Internal Medicine").
 */
export function sameProgram(a: string, b: string): boolean {
  const ia = programIdentity(a);
  const ib = programIdentity(b);
  if (ia.specialty && ib.specialty && ia.specialty !== ib.specialty) return false;
  if (ia.institution.length === 0 || ib.institution.length === 0) return true;
  const sa = new Set(ia.institution);
  const sb = new Set(ib.institution);
  return ia.institution.every((w) => sb.has(w)) || ib.institution.every((w) => sa.has(w));
}
