/** Prints ask p50/p99 and the index build time. */
export async function runAskBench(): Promise<void> {
  console.log("ask bench: not built yet");
}
