import type { CommandDef } from "../src/core/command.js";
import ask from "./ask.js";
import check from "./check.js";
import help from "./help.js";
import log from "./log.js";
import settings from "./settings.js";
import template from "./template.js";
import timeline from "./timeline.js";

/** Every command, in /help order. A new command is one file plus one line here. */
export const COMMANDS: readonly CommandDef[] = [ask, template, check, log, timeline, settings, help];
