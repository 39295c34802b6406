import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ContentError, DEFAULT_CONTENT_DIR, loadContent } from "../../src/content/load.js";

const made: string[] = [];

/** A copy of the real content/ with one file edited (or added: `edit` gets ""), in a temporary folder (removed by `removeContentCopies`). */
export function contentWith(relPath: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), "matchguide-content-"));
  made.push(dir);
  cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
  const path = join(dir, relPath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, edit(existsSync(path) ? readFileSync(path, "utf8") : ""));
  return dir;
}

/** Removes every copy `contentWith` made. */
export function removeContentCopies(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The ContentError loading `dir` raises; fails when it loads. */
export function loadError(dir: string): ContentError {
  try {
    loadContent(dir);
  } catch (err) {
    if (err instanceof ContentError) return err;
    throw err;
  }
  throw new Error("expected a ContentError");
}
