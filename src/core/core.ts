import type { Content } from "../content/schemas.js";
import type { MessageModelData } from "./classify/model.js";
import type { QuestionModelData } from "./guides/model.js";
import { createChecker, type Checker } from "./checker/check.js";
import { createAsker, type Asker } from "./guides/ask.js";

/** The engines built from the content; each is built on first use (the CLI needs one), or all at once by `warm`. */
export interface Core {
  content: Content;
  readonly checker: Checker;
  readonly asker: Asker;
  /** Builds every engine now (servers call this at start-up). */
  warm(): void;
}

/** Where the trained models come from (the runtime reads the build's copies); when one gives none, the asker trains its own. */
export interface CoreModels {
  questionModel?: () => QuestionModelData | undefined;
  messageModel?: () => MessageModelData | undefined;
  detector?: () => MessageModelData | undefined;
}

/** Builds the engines from validated content, lazily. */
export function createCore(content: Content, models: CoreModels = {}): Core {
  let checker: Checker | undefined;
  let asker: Asker | undefined;
  const core: Core = {
    content,
    get checker() {
      return (checker ??= createChecker(content));
    },
    get asker() {
      return (asker ??= createAsker(content, {
        model: models.questionModel?.(),
        messageModel: models.messageModel?.(),
        detector: models.detector?.(),
      }));
    },
    warm() {
      void core.checker;
      void core.asker;
    },
  };
  return core;
}
