/** Polls `find` every 10 ms until it returns something, or throws `timeoutMessage` after `timeoutMs`. */
export async function waitUntil<T>(find: () => T | undefined, timeoutMs: number, timeoutMessage: string): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(timeoutMessage);
    await new Promise((r) => setTimeout(r, 10));
  }
}
