/** Prints /ask top-1/top-3, the baseline and classifier figures over test/eval/{ask,classify}.jsonl. */
export async function runAskEval(): Promise<void> {
  console.log("ask eval: not built yet");
}
