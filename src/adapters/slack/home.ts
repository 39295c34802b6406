import type { types } from "@slack/bolt";
import type { Caller, CommandDef } from "../../core/command.js";
import { MESSAGES } from "../../core/messages.js";
import type { LogEntry } from "../../core/store.js";
import { execute, type Runtime } from "../../runtime.js";
import { escapeMrkdwn, renderSlackReply, truncate, HEADER_MAX, SECTION_MAX, BUTTON_TEXT_MAX } from "./render.js";

type KnownBlock = types.KnownBlock;

/** Most blocks a Home tab view may hold (Slack's limit). */
export const HOME_BLOCKS_MAX = 100;
/** Log entries shown on the Home tab, latest first (each is one section with its remove button). */
export const HOME_LOG_MAX = 40;
/** Action id of a log entry's remove button (`home:remove`, the entry id as its value). */
export const HOME_REMOVE_ACTION = "home:remove";
/** Action ids of the buttons that open a command's modal start with this (`home:modal:<command>`). */
export const HOME_MODAL_PREFIX = "home:modal:";

/** The Home tab view Slack publishes for one user. */
export interface HomeView {
  type: "home";
  blocks: KnownBlock[];
}

function entrySection(e: LogEntry): KnownBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncate(escapeMrkdwn(`${e.date} · ${e.kind} · ${e.program}`), SECTION_MAX) },
    accessory: { type: "button", action_id: HOME_REMOVE_ACTION, value: e.id, text: { type: "plain_text", text: MESSAGES.home.remove } },
  };
}

/** The caller's log, latest first, each entry with a remove button; a line saying why when it cannot be read. */
async function logBlocks(runtime: Runtime, caller: Caller): Promise<KnownBlock[]> {
  const head: KnownBlock = { type: "header", text: { type: "plain_text", text: MESSAGES.home.logTitle } };
  const entries = runtime.store ? await runtime.store.listLog(caller.id).catch(() => null) : null;
  const note = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(text) } });
  if (!entries) return [head, note(MESSAGES.storeUnavailable)];
  if (!entries.length) return [head, note(MESSAGES.log.empty)];
  const latest = [...entries].reverse();
  const shown = latest.slice(0, HOME_LOG_MAX).map(entrySection);
  return [head, ...shown, ...(latest.length > HOME_LOG_MAX ? [note(MESSAGES.home.more(latest.length - HOME_LOG_MAX))] : [])];
}

/** The answers of the commands that show on the Home tab (`home` trait: /timeline's phase, next date and templates), as rendered for Slack. */
async function homeCommandBlocks(runtime: Runtime, caller: Caller, defs: readonly CommandDef[]): Promise<KnownBlock[]> {
  const replies = await Promise.all(defs.filter((d) => d.home).map((d) => execute(runtime, caller, { name: d.name, options: {} })));
  return replies.flatMap((reply) => renderSlackReply(reply).blocks);
}

/** A button per command that collects long text in a modal ("Check a draft"). */
function modalButtons(defs: readonly CommandDef[]): KnownBlock[] {
  const buttons = defs.flatMap((d) =>
    d.modal ? [{ type: "button" as const, action_id: `${HOME_MODAL_PREFIX}${d.name}`, text: { type: "plain_text" as const, text: truncate(d.modal.title, BUTTON_TEXT_MAX) } }] : [],
  );
  return buttons.length ? [{ type: "actions", elements: buttons.slice(0, 25) }] : [];
}

/** The caller's Home tab: a header, the form buttons, the Home commands' answers (the season's phase), and the log. Within Slack's 100 blocks. */
export async function buildHomeView(runtime: Runtime, caller: Caller): Promise<HomeView> {
  const defs = [...runtime.registry.values()];
  const [commands, log] = await Promise.all([homeCommandBlocks(runtime, caller, defs), logBlocks(runtime, caller)]);
  const head: KnownBlock[] = [{ type: "header", text: { type: "plain_text", text: truncate(MESSAGES.home.title, HEADER_MAX) } }, ...modalButtons(defs)];
  const blocks = [...head, ...commands, { type: "divider" } as KnownBlock, ...log];
  return { type: "home", blocks: blocks.slice(0, HOME_BLOCKS_MAX) };
}
