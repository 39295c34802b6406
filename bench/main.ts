import { runAskBench } from "./ask.js";
import { runCheckBench } from "./check.js";

/** Entry point of `npm run bench`: prints in-process latency figures. */
await runCheckBench();
await runAskBench();
