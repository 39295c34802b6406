/** Prints precision, recall and clean-letter false alarms of /check over test/eval/check.jsonl. */
export async function runCheckEval(): Promise<void> {
  console.log("check eval: not built yet");
}
