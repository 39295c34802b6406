/** Prints check p50/p99 on 300-word drafts beside write-good and alex. */
export async function runCheckBench(): Promise<void> {
  console.log("check bench: not built yet");
}
