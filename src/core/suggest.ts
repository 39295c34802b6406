import { distance } from "fastest-levenshtein";

/** The candidates closest to `input` (prefix/substring matches first, then small edit distance), best first. */
export function closestNames(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const needle = input.trim().toLowerCase();
  if (!needle) return [];
  const scored: { name: string; score: number }[] = [];
  for (const name of candidates) {
    const hay = name.toLowerCase();
    let score: number;
    if (hay.startsWith(needle) || needle.startsWith(hay)) score = 0;
    else if (hay.includes(needle) || needle.includes(hay)) score = 1;
    else {
      const d = distance(needle, hay);
      if (d > Math.max(2, Math.floor(hay.length / 3))) continue;
      score = 1 + d;
    }
    scored.push({ name, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)).slice(0, limit).map((s) => s.name);
}
