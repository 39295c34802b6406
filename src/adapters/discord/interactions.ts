import { DiscordAPIError, REST } from "@discordjs/rest";
import {
  ApplicationCommandType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
  type APIInteractionResponse,
} from "discord-api-types/v10";
import type { Config } from "../../config.js";
import { formOption, type CommandCall } from "../../core/command.js";
import { errorReply, optionsFor } from "../../core/dispatch.js";
import { isUserError, UserError } from "../../core/errors.js";
import { MESSAGES } from "../../core/messages.js";
import type { Reply } from "../../core/reply.js";
import { contextFor, execute, type Runtime } from "../../runtime.js";
import { DEFER_AFTER_MS } from "./limits.js";
import { callerFromInteraction, parseInteraction } from "./parse.js";
import { renderChoices, renderModal, renderReply, type DiscordMessage } from "./render.js";

/** Discord API error codes handled where they arise. */
export const DISCORD_ERRORS = { unknownWebhook: 10015, unknownInteraction: 10062, alreadyAcknowledged: 40060 } as const;

/** What to answer an interaction with, and what to send once that answer reached Discord. */
export interface InteractionOutcome {
  response: APIInteractionResponse;
  /** Messages to send through the interaction webhook after the response (the rest of a long reply). */
  followups: DiscordMessage[];
  /** For a deferred response: the reply still being worked on, to be put into the original message. */
  pending?: Promise<DiscordMessage[]>;
}

/** Options of the shared handler. */
export interface HandlerOptions {
  /** Replies not ready after this long are deferred (type 5); 0 defers every command. */
  deferAfterMs?: number;
  /** One-line operational warnings (never user text, never tokens). */
  warn?: (line: string) => void;
}

/** The one path every Discord interaction takes, whatever brought it (HTTP endpoint or gateway). */
export interface InteractionHandler {
  /** Parses, runs and renders an interaction; never rejects. */
  handle(interaction: APIInteraction): Promise<InteractionOutcome>;
  /** Sends an outcome's follow-ups and finishes a deferred reply; never rejects. */
  deliver(interaction: APIInteraction, outcome: InteractionOutcome): Promise<void>;
  /** Answers over REST (gateway mode): the callback, then `deliver`; never rejects. */
  answerByCallback(interaction: APIInteraction): Promise<void>;
  /** Resolves once every delivery under way has finished. */
  idle(): Promise<void>;
  /** Shutdown: deferred replies still being worked on get a short apology instead of waiting any longer. */
  abandonPending(): void;
}

/** The REST client for Discord, pointed at DISCORD_API_URL when set (tests use a local fake). */
export function createDiscordRest(config: Pick<Config, "DISCORD_API_URL" | "DISCORD_TOKEN">): REST {
  const rest = new REST({ version: "10", ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, "") } : {}) });
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  return rest;
}

/** A short description of a failed Discord call, without the URL (it holds the interaction token). */
export function describeApiError(err: unknown): string {
  if (asApiError(err)) return `Discord API error ${(err as DiscordAPIError).code} (HTTP ${(err as DiscordAPIError).status})`;
  return `${(err as Error)?.name ?? "Error"}: ${(err as Error)?.message ?? String(err)}`;
}

/** The error as a DiscordAPIError, also when it comes from discord.js's own copy of @discordjs/rest. */
function asApiError(err: unknown): DiscordAPIError | null {
  if (err instanceof DiscordAPIError) return err;
  const e = err as { name?: unknown; code?: unknown; status?: unknown } | null;
  return e && typeof e.name === "string" && e.name.startsWith("DiscordAPIError") && typeof e.status === "number" ? (err as DiscordAPIError) : null;
}

function isApiError(err: unknown, code: number): boolean {
  return asApiError(err)?.code === code;
}

function delay(ms: number): { promise: Promise<"timeout">; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

function messageResponse(message: DiscordMessage): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: message } as APIInteractionResponse;
}

/** Builds the shared interaction handler over a runtime and a REST client. */
export function createInteractionHandler(runtime: Runtime, rest: REST, options: HandlerOptions = {}): InteractionHandler {
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS;
  const warn = options.warn ?? ((line: string) => process.stderr.write(`discord: ${line}\n`));
  const inFlight = new Set<Promise<void>>();
  let abandon!: () => void;
  const abandoned = new Promise<null>((resolve) => (abandon = () => resolve(null)));

  const render = (reply: Reply): DiscordMessage[] => {
    try {
      return renderReply(reply);
    } catch (err) {
      runtime.onInternalError(err, { name: `discord render ${reply.kind}` });
      return renderReply(errorReply(err));
    }
  };

  const userError = (message: string): InteractionOutcome => ({
    response: messageResponse(render(errorReply(new UserError("not-found", message)))[0]),
    followups: [],
  });

  async function runCall(interaction: APIInteraction, call: CommandCall): Promise<InteractionOutcome> {
    const def = runtime.registry.get(call.name.toLowerCase());
    const isChatInput = interaction.type === InteractionType.ApplicationCommand && interaction.data.type === ApplicationCommandType.ChatInput;
    if (def && isChatInput) {
      const opt = formOption(def, call);
      if (opt) return { response: { type: InteractionResponseType.Modal, data: renderModal(def, opt, call) }, followups: [] };
    }
    const isMessageCommand = interaction.type === InteractionType.ApplicationCommand && interaction.data.type === ApplicationCommandType.Message;
    const action = isMessageCommand ? def?.messageAction : undefined;
    if (action && String(call.options[action.option] ?? "").trim() === "") return userError(MESSAGES.discordNoMessageText);
    const work = execute(runtime, callerFromInteraction(interaction), call);
    const timer = delay(deferAfterMs);
    const first = deferAfterMs <= 0 ? "timeout" : await Promise.race([work, timer.promise]);
    timer.cancel();
    if (first !== "timeout") {
      const [head, ...rest] = render(first);
      return { response: messageResponse(head), followups: rest };
    }
    return {
      response: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } },
      followups: [],
      pending: work.then(render),
    };
  }

  async function handle(interaction: APIInteraction): Promise<InteractionOutcome> {
    try {
      const parsed = parseInteraction(interaction, [...runtime.registry.values()]);
      switch (parsed.kind) {
        case "ping":
          return { response: { type: InteractionResponseType.Pong }, followups: [] };
        case "unsupported":
          return userError(MESSAGES.discordStaleInteraction);
        case "autocomplete": {
          const def = runtime.registry.get(parsed.command);
          let choices = def?.autocomplete?.(contextFor(runtime, callerFromInteraction(interaction)), parsed.option, parsed.value) ?? [];
          if (!def?.autocomplete) {
            const opt = def ? optionsFor(def, parsed.subcommand).find((o) => o.name === parsed.option) : undefined;
            const needle = parsed.value.toLowerCase();
            choices = (opt?.choices ?? []).filter((c) => c.toLowerCase().includes(needle)).map((c) => ({ name: c, value: c }));
          }
          return { response: renderChoices(choices) as APIInteractionResponse, followups: [] };
        }
        case "command":
          return await runCall(interaction, parsed.call);
      }
    } catch (err) {
      if (!isUserError(err)) runtime.onInternalError(err, { name: "discord interaction" });
      const isAutocomplete = interaction?.type === InteractionType.ApplicationCommandAutocomplete;
      if (isAutocomplete) return { response: renderChoices([]) as APIInteractionResponse, followups: [] };
      return { response: messageResponse(renderReply(errorReply(err))[0]), followups: [] };
    }
  }

  async function send(interaction: APIInteraction, outcome: InteractionOutcome): Promise<void> {
    const appId = interaction.application_id;
    const token = interaction.token;
    let messages = outcome.followups;
    if (outcome.pending) {
      const ready = await Promise.race([outcome.pending, abandoned]);
      const [head, ...others] = ready ?? render(errorReply(new UserError("not-available", MESSAGES.shutdownApology)));
      await rest.patch(Routes.webhookMessage(appId, token, "@original"), { body: head, auth: false });
      messages = others;
    }
    for (const message of messages) await rest.post(Routes.webhook(appId, token), { body: message, auth: false });
  }

  function track(work: Promise<void>): Promise<void> {
    const guarded = work.catch((err) => {
      if (isApiError(err, DISCORD_ERRORS.unknownInteraction) || isApiError(err, DISCORD_ERRORS.unknownWebhook)) {
        warn(`follow-up dropped: the interaction expired (${describeApiError(err)})`);
      } else if (isApiError(err, DISCORD_ERRORS.alreadyAcknowledged)) {
        warn(`follow-up dropped: the interaction was already acknowledged (${describeApiError(err)})`);
      } else {
        warn(`follow-up failed: ${describeApiError(err)}`);
      }
    });
    inFlight.add(guarded);
    void guarded.finally(() => inFlight.delete(guarded));
    return guarded;
  }

  function deliver(interaction: APIInteraction, outcome: InteractionOutcome): Promise<void> {
    if (!outcome.pending && outcome.followups.length === 0) return Promise.resolve();
    return track(send(interaction, outcome));
  }

  async function answerByCallback(interaction: APIInteraction): Promise<void> {
    const outcome = await handle(interaction);
    try {
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: outcome.response, auth: false });
    } catch (err) {
      if (isApiError(err, DISCORD_ERRORS.alreadyAcknowledged) && outcome.response.type === InteractionResponseType.ChannelMessageWithSource) {
        warn(`interaction already acknowledged; answering with a follow-up (${describeApiError(err)})`);
        const data = outcome.response.data as DiscordMessage;
        await track(send(interaction, { ...outcome, followups: [data, ...outcome.followups] }));
        return;
      }
      warn(`interaction not answered: ${describeApiError(err)}`);
      return;
    }
    await deliver(interaction, outcome);
  }

  return {
    handle,
    deliver,
    answerByCallback: (interaction) => answerByCallback(interaction).catch((err) => warn(`interaction failed: ${describeApiError(err)}`)),
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    abandonPending: () => abandon(),
  };
}
