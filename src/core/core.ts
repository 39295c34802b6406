import type { Content } from "../content/schemas.js";
import { createChecker, type Checker } from "./checker/check.js";
import { createAsker, type Asker } from "./guides/ask.js";

/** The engines built once from the content at start-up. */
export interface Core {
  content: Content;
  checker: Checker;
  asker: Asker;
}

/** Builds every engine from validated content. */
export function createCore(content: Content): Core {
  return { content, checker: createChecker(content), asker: createAsker(content) };
}
