import { App, LogLevel } from "@slack/bolt";

/**
 * The Slack floor of `npm run bench:http`: a bare Bolt app on its own HTTPReceiver whose one command listener
 * only acknowledges. auth.test goes to the bench's local fake Web API (BENCH_SLACK_API_URL). Run as its own process.
 */
const port = Number(process.env.BENCH_PORT);
const app = new App({
  token: process.env.BENCH_SLACK_BOT_TOKEN,
  signingSecret: process.env.BENCH_SLACK_SIGNING_SECRET ?? "",
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.BENCH_SLACK_API_URL },
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
await app.start({ port, host: "127.0.0.1" });
process.once("SIGTERM", () => void app.stop().finally(() => process.exit(0)));
