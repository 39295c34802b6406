import {
  App,
  LogLevel,
  type AckFn,
  type AllMiddlewareArgs,
  type BlockAction,
  type ButtonAction,
  type Logger,
  type MessageShortcut,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackEventMiddlewareArgs,
  type SlackShortcutMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewSubmitAction,
  type webApi,
} from "@slack/bolt";
import type { Config } from "../../config.js";
import { formOption, messageActions, type Caller, type CommandCall, type CommandDef, type MessageActionDef } from "../../core/command.js";
import { errorReply } from "../../core/dispatch.js";
import { UserError } from "../../core/errors.js";
import { MESSAGES } from "../../core/messages.js";
import type { HttpServer } from "../../http/server.js";
import { execute, type Runtime } from "../../runtime.js";
import {
  commandForSlash,
  commandOfModal,
  modalCallbackId,
  decodeFollowup,
  decodeModalMetadata,
  encodeModalMetadata,
  FOLLOWUP_ACTION_PREFIX,
  modalOptions,
  parseSlashText,
  shortcutCallbackId,
  slackCaller,
  unescapeSlackText,
} from "./parse.js";
import { SharedServerReceiver } from "./receiver.js";
import { buildHomeView, HOME_MODAL_PREFIX, HOME_REMOVE_ACTION } from "./home.js";
import { renderModal, renderReplyView, renderSlackReply, type SlackMessage } from "./render.js";

/** How long a slash command may work before it is acknowledged without its answer (Slack allows 3 s). */
export const ACK_BUDGET_MS = 2000;
/** Web API call timeout. */
export const WEB_API_TIMEOUT_MS = 10_000;

type WebClient = webApi.WebClient;

/** Where a private result goes: the response_url when there is one, else chat.postEphemeral. */
interface PrivateTarget {
  client: WebClient;
  user: string;
  channel?: string;
  responseUrl?: string;
}

function stderrLogger(): Logger {
  const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
  let level = LogLevel.WARN;
  let name = "slack";
  const at = (l: LogLevel) => (...msg: unknown[]) => {
    if (order.indexOf(l) >= order.indexOf(level)) process.stderr.write(`${name} ${l}: ${msg.map(String).join(" ")}\n`);
  };
  return {
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: (n) => void (name = n),
  };
}

async function postToResponseUrl(url: string, message: SlackMessage): Promise<void> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ...message, response_type: "ephemeral", replace_original: false }),
  });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Sends a message only the user sees: through the response_url, falling back to chat.postEphemeral. */
async function sendPrivately(target: PrivateTarget, message: SlackMessage): Promise<void> {
  if (target.responseUrl) {
    try {
      return await postToResponseUrl(target.responseUrl, message);
    } catch (err) {
      if (!target.channel) throw err;
    }
  }
  if (!target.channel) throw new Error("no channel to answer in");
  await target.client.chat.postEphemeral({ channel: target.channel, user: target.user, text: message.text, blocks: message.blocks });
}

/** The caller; admin status is looked up (users.info) only for commands that need it. */
async function callerFor(client: WebClient, team: string, user: string, def: CommandDef | undefined): Promise<Caller> {
  if (!def?.admin) return slackCaller(team, user);
  const info = await client.users.info({ user }).catch(() => undefined);
  const u = info?.user;
  return slackCaller(team, user, Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner));
}

function teamOf(body: { team?: { id: string } | null; user?: { team_id?: string } }): string {
  return body.team?.id ?? body.user?.team_id ?? "unknown";
}

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const apology = (): SlackMessage => renderSlackReply(errorReply(new Error("listener failed")));

/**
 * Wraps a listener so that an error never escapes: it is logged (without the user's text) and the user
 * gets the short apology — as the ack body when nothing was acknowledged yet and `ackWithMessage`, else privately.
 */
function guarded<A extends { ack: AckFn<never> | AckFn<unknown> }>(
  runtime: Runtime,
  kind: string,
  targetOf: (args: A) => PrivateTarget,
  ackWithMessage: boolean,
  listener: (args: A) => Promise<void>,
): (args: A) => Promise<void> {
  return async (args) => {
    let acked = false;
    const ack = (async (response?: unknown) => {
      acked = true;
      await (args.ack as AckFn<unknown>)(response);
    }) as A["ack"];
    try {
      await runtime.track(listener({ ...args, ack }));
    } catch (err) {
      runtime.onInternalError(err, { name: `slack ${kind}` });
      try {
        if (!acked && ackWithMessage) return await ack(apology() as never);
        if (!acked) await ack();
        await sendPrivately(targetOf(args), apology());
      } catch {
        // The user could not be reached; the error is already logged.
      }
    }
  };
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
type ShortcutArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

async function onCommand(runtime: Runtime, { command, ack, respond, client }: CommandArgs): Promise<void> {
  let def: CommandDef;
  let call: CommandCall;
  try {
    def = commandForSlash(runtime.registry, command.command);
    call = parseSlashText(def, command.text ?? "");
  } catch (err) {
    return ack(renderSlackReply(errorReply(err)));
  }
  if (formOption(def, call)) {
    await ack();
    const meta = encodeModalMetadata({ channel: command.channel_id, responseUrl: command.response_url });
    await client.views.open({ trigger_id: command.trigger_id, view: renderModal(def, meta) });
    return;
  }
  const caller = await callerFor(client, command.team_id, command.user_id, def);
  const pending = execute(runtime, caller, call).then(renderSlackReply);
  const quick = await within(pending, ACK_BUDGET_MS);
  if (quick) await ack(quick);
  else {
    await ack();
    await respond(await pending);
  }
  await refreshHomeAfter(runtime, client, def, command.team_id, command.user_id);
}

/** Publishes the user's Home tab (their log, the season's phase, the form buttons): one views.publish. */
async function publishHome(runtime: Runtime, client: WebClient, team: string, user: string): Promise<void> {
  await client.views.publish({ user_id: user, view: await buildHomeView(runtime, slackCaller(team, user)) });
}

/** After a command that changes saved data, the user's Home tab is published again (a failure is logged, the answer already went out). */
async function refreshHomeAfter(runtime: Runtime, client: WebClient, def: CommandDef | undefined, team: string, user: string): Promise<void> {
  if (def?.store !== "changes") return;
  await publishHome(runtime, client, team, user).catch((err) => runtime.onInternalError(err, { name: "slack home" }));
}

async function onModalSubmit(runtime: Runtime, { ack, body, view, client }: ViewArgs): Promise<void> {
  const name = commandOfModal(view.callback_id) ?? "";
  const meta = decodeModalMetadata(view.private_metadata);
  const caller = await callerFor(client, teamOf(body), body.user.id, runtime.registry.get(name));
  if (!meta.channel && !meta.responseUrl) {
    // Opened from the Home tab: there is no channel, so the answer replaces the form itself (only the user sees it).
    const reply = await execute(runtime, caller, { name, options: modalOptions(view.state.values) });
    await ack({ response_action: "update", view: renderReplyView(reply) } as never);
    return;
  }
  await ack();
  const reply = await execute(runtime, caller, { name, options: modalOptions(view.state.values) });
  await sendPrivately({ client, user: body.user.id, ...decodeModalMetadata(view.private_metadata) }, renderSlackReply(reply));
}

async function onShortcut(runtime: Runtime, def: CommandDef, action: MessageActionDef, { ack, shortcut, client }: ShortcutArgs): Promise<void> {
  await ack();
  const text = unescapeSlackText(shortcut.message.text ?? "");
  const reply =
    text.trim() === ""
      ? errorReply(new UserError("empty-text", MESSAGES.slackShortcutNoText))
      : await execute(runtime, await callerFor(client, teamOf(shortcut), shortcut.user.id, def), { name: def.name, options: { [action.option]: text } });
  await sendPrivately(shortcutTarget({ shortcut, client } as ShortcutArgs), renderSlackReply(reply));
}

async function onFollowup(runtime: Runtime, { ack, body, action, respond, client }: ActionArgs): Promise<void> {
  await ack();
  const call = decodeFollowup(action.value);
  const def = call ? runtime.registry.get(call.name.toLowerCase()) : undefined;
  const reply = call
    ? await execute(runtime, await callerFor(client, teamOf(body), body.user.id, def), call)
    : errorReply(new UserError("not-found", MESSAGES.discordStaleInteraction));
  // A button on the Home tab has no message to answer under: the answer opens as a modal.
  if (!body.response_url) await client.views.open({ trigger_id: body.trigger_id, view: renderReplyView(reply) });
  else await respond({ ...renderSlackReply(reply), replace_original: false });
  await refreshHomeAfter(runtime, client, def, teamOf(body), body.user.id);
}

async function onHomeRemove(runtime: Runtime, { ack, body, action, client }: ActionArgs): Promise<void> {
  await ack();
  const caller = slackCaller(teamOf(body), body.user.id);
  if (runtime.store && action.value) await runtime.store.removeLog(caller.id, action.value);
  await publishHome(runtime, client, teamOf(body), body.user.id);
}

async function onHomeModal(runtime: Runtime, { ack, body, action, client }: ActionArgs): Promise<void> {
  await ack();
  const def = runtime.registry.get(action.action_id.slice(HOME_MODAL_PREFIX.length));
  if (def?.modal) await client.views.open({ trigger_id: body.trigger_id, view: renderModal(def, encodeModalMetadata({})) });
}

type HomeArgs = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

async function onHomeOpened(runtime: Runtime, { event, body, client }: HomeArgs): Promise<void> {
  if (event.tab !== undefined && event.tab !== "home") return;
  const team = (body as { team_id?: string }).team_id ?? "unknown";
  await publishHome(runtime, client, team, event.user);
}

const commandTarget = ({ command, client }: CommandArgs): PrivateTarget => ({
  client,
  user: command.user_id,
  channel: command.channel_id,
  responseUrl: command.response_url,
});
const viewTarget = ({ body, view, client }: ViewArgs): PrivateTarget => ({ client, user: body.user.id, ...decodeModalMetadata(view.private_metadata) });
const shortcutTarget = ({ shortcut, client }: ShortcutArgs): PrivateTarget => ({
  client,
  user: shortcut.user.id,
  channel: shortcut.channel?.id,
  responseUrl: shortcut.response_url,
});
const actionTarget = ({ body, client }: ActionArgs): PrivateTarget => ({
  client,
  user: body.user.id,
  ...(body.channel?.id ? { channel: body.channel.id } : {}),
  ...(body.response_url ? { responseUrl: body.response_url } : {}),
});

/** Registers every listener: all slash commands of the registry, their modals and message shortcuts, follow-up buttons. */
export function registerSlackListeners(app: App, runtime: Runtime): void {
  const commands = [...runtime.registry.values()];
  app.command(/^\/[\w-]+$/, guarded(runtime, "command", commandTarget, true, (a: CommandArgs) => onCommand(runtime, a)));
  for (const def of commands.filter((c) => c.modal)) {
    app.view<ViewSubmitAction>(modalCallbackId(def.name), guarded(runtime, "modal", viewTarget, false, (a: ViewArgs) => onModalSubmit(runtime, a)));
  }
  for (const { def, action } of messageActions(commands)) {
    app.shortcut<MessageShortcut>(
      { callback_id: shortcutCallbackId(action), type: "message_action" },
      guarded(runtime, "shortcut", shortcutTarget, false, (a: ShortcutArgs) => onShortcut(runtime, def, action, a)),
    );
  }
  app.event("app_home_opened", async (args) => {
    await runtime.track(onHomeOpened(runtime, args)).catch((err) => runtime.onInternalError(err, { name: "slack home" }));
  });
  app.action<BlockAction<ButtonAction>>(HOME_REMOVE_ACTION, guarded(runtime, "home remove", actionTarget, false, (a: ActionArgs) => onHomeRemove(runtime, a)));
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${HOME_MODAL_PREFIX}`),
    guarded(runtime, "home modal", actionTarget, false, (a: ActionArgs) => onHomeModal(runtime, a)),
  );
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${FOLLOWUP_ACTION_PREFIX}`),
    guarded(runtime, "button", actionTarget, false, (a: ActionArgs) => onFollowup(runtime, a)),
  );
  const onError: Parameters<App["error"]>[0] = async ({ error, body }) => {
    runtime.onInternalError(error, { name: "slack" });
    const url = (body as { response_url?: unknown } | undefined)?.response_url;
    if (typeof url === "string") await postToResponseUrl(url, apology()).catch(() => {});
  };
  app.error(onError);
}

function trailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** Starts the Bolt app (HTTP on the shared server, or Socket Mode). */
export async function startSlack(runtime: Runtime, config: Config, http: HttpServer): Promise<{ close(): Promise<void> }> {
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!config.SLACK_BOT_TOKEN) throw new Error("SLACK_BOT_TOKEN is not set");
  if (!socketMode && !config.SLACK_SIGNING_SECRET) throw new Error("SLACK_SIGNING_SECRET is not set (or set SLACK_APP_TOKEN for Socket Mode)");
  const logger = stderrLogger();
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    logger,
    logLevel: LogLevel.WARN,
    developerMode: false,
    deferInitialization: true,
    extendedErrorHandler: true,
    convoStore: false,
    clientOptions: {
      timeout: WEB_API_TIMEOUT_MS,
      retryConfig: { retries: 1 },
      ...(config.SLACK_API_URL ? { slackApiUrl: trailingSlash(config.SLACK_API_URL) } : {}),
    },
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : { receiver: new SharedServerReceiver({ http, signingSecret: config.SLACK_SIGNING_SECRET!, logger }) }),
  });
  registerSlackListeners(app, runtime);
  await app.init();
  await app.start();
  return {
    async close() {
      await app.stop();
    },
  };
}
