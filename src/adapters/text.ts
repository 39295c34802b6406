import type { CommandCall, CommandDef } from "../core/command.js";
import { MESSAGES } from "../core/messages.js";
import { LINK, type Finding, type Reply } from "../core/reply.js";

/** The text a call gave its command's rest option (the draft a check's spans point into), if any. */
export function restText(def: CommandDef | undefined, call: CommandCall): string | undefined {
  const value = def?.rest ? call.options[def.rest] : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Draws `^^^` under a finding's excerpt, on the line of the draft where it starts. */
export function underlineFinding(text: string, f: Finding): string {
  const lineStart = text.lastIndexOf("\n", f.start - 1) + 1;
  const nl = text.indexOf("\n", f.start);
  const lineEnd = nl < 0 ? text.length : nl;
  const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
  const pad = " ".repeat(f.start - lineStart);
  const width = Math.max(1, Math.min(f.end, lineEnd) - f.start);
  return `    ${line}\n    ${pad}${"^".repeat(width)}`;
}

function renderFindings(reply: Extract<Reply, { kind: "check" }>, draft?: string): string {
  if (reply.data.findings.length === 0) return "No problems found.";
  return reply.data.findings
    .map((f, i) => {
      const where = draft ? underlineFinding(draft, f) : `    "${f.excerpt}"`;
      return `${i + 1}. [${f.severity}] ${f.rule} (${f.start}-${f.end})\n${where}\n   ${f.message}\n   Fix: ${f.suggestion}\n   See: /ask ${f.topic}`;
    })
    .join("\n\n");
}

/** Renders any reply as plain text for a terminal (the CLI without --json and the local console). */
export function renderPlain(reply: Reply, draft?: string): string {
  const parts: string[] = [];
  switch (reply.kind) {
    case "error":
      return `Error: ${reply.text}`;
    case "check":
      parts.push(`${reply.title}: ${reply.text}`, renderFindings(reply, draft));
      if (reply.data.fixed !== undefined) parts.push(`== ${MESSAGES.fixedTitle} ==\n${reply.data.fixed}`);
      break;
    case "answer":
    case "classification":
    case "template":
    case "list":
    case "notice":
      parts.push(`== ${reply.title} ==`);
      if (reply.text) parts.push(reply.text);
      break;
  }
  for (const f of reply.fields) parts.push(`${f.name}:\n${f.value.replace(LINK, "$1 <$2>")}`);
  if (reply.followups.length) parts.push(`Next: ${reply.followups.map((f) => `${f.label} (${f.command})`).join(" · ")}`);
  if (reply.footer) parts.push(reply.footer);
  return parts.join("\n\n");
}
