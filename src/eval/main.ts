import { runAskEval } from "./ask.js";
import { runCheckEval } from "./check.js";

/** Entry point of `npm run eval`: prints the quality figures of every evaluation set. */
await runCheckEval();
await runAskEval();
