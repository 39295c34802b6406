/** Bookkeeping for the fuzz suite: failures with the seed and case that reproduce them, and process-level listeners. */

/** One failing generated case. */
export interface FuzzFailure {
  stream: string;
  index: number;
  input: string;
  problems: string[];
}

/** A short, printable rendering of an input (huge strings cut in the middle, odd characters escaped). */
export function describeInput(input: unknown, max = 600): string {
  let text: string;
  try {
    text = JSON.stringify(input, (_k, v) => (v === undefined ? "<undefined>" : typeof v === "string" && v.length > 200 ? `${v.slice(0, 120)}…<${v.length} chars>…${v.slice(-40)}` : v)) ?? String(input);
  } catch {
    text = String(input);
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Collects the failures and counts the inputs of one fuzz file. */
export class FuzzLog {
  readonly failures: FuzzFailure[] = [];
  inputs = 0;
  /** How often each outcome came up (reply kinds, error codes, HTTP statuses), printed so coverage is visible. */
  readonly outcomes = new Map<string, number>();

  constructor(readonly seed: number) {}

  /** Counts one outcome. */
  tally(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** The outcome counts on one line, most frequent first. */
  summary(): string {
    return [...this.outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
  }

  /** Records the problems of case `index` of `stream` (nothing when there are none). */
  record(stream: string, index: number, input: unknown, problems: string[]): void {
    if (problems.length) this.failures.push({ stream, index, input: describeInput(input), problems: [...new Set(problems)] });
  }

  /** The failures (of one stream, or all), grouped by kind of problem, with the seed and one reproducing case each; empty when there are none. */
  report(stream?: string): string {
    const shown = this.failures.filter((f) => !stream || f.stream === stream);
    if (!shown.length) return "";
    const groups = new Map<string, FuzzFailure[]>();
    for (const f of shown) {
      const kind = f.problems[0].replace(/#\d+|\d+/g, "N").split(" | ")[0].slice(0, 160);
      groups.set(kind, [...(groups.get(kind) ?? []), f]);
    }
    const lines = [...groups].slice(0, 20).map(([kind, fs]) => {
      const f = fs[0];
      return `  ${fs.length}× ${kind}\n      e.g. [${f.stream} #${f.index}] ${f.problems.slice(0, 3).join("; ")}\n      input: ${f.input}`;
    });
    const more = groups.size > 20 ? `\n  …and ${groups.size - 20} more kinds` : "";
    return `${shown.length} failing case(s); reproduce with FUZZ_SEED=${this.seed}\n${lines.join("\n")}${more}`;
  }
}

/** Listens for unhandled rejections and uncaught exceptions while the fuzz runs; `stop` removes the listeners. */
export function watchProcess(): { errors: string[]; stop(): void } {
  const errors: string[] = [];
  const onRejection = (reason: unknown) => errors.push(`unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
  const onException = (err: unknown) => errors.push(`uncaught exception: ${(err as Error)?.stack ?? String(err)}`);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return {
    errors,
    stop() {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onException);
    },
  };
}

/** Stack of an internal error, for the report (the fuzz inputs are synthetic, so printing them is fine). */
export function stackOf(err: unknown): string {
  return ((err as Error)?.stack ?? String(err)).split("\n").slice(0, 6).join(" | ");
}
