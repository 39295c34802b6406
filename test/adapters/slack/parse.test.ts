import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.js";
import {
  commandForSlash,
  decodeFollowup,
  decodeModalMetadata,
  encodeFollowup,
  encodeModalMetadata,
  METADATA_MAX,
  modalOptions,
  parseSlashText,
  slackCaller,
  unescapeSlackText,
} from "../../../src/adapters/slack/parse.js";
import { createRegistry } from "../../../src/core/dispatch.js";
import { UserError } from "../../../src/core/errors.js";

const registry = createRegistry(COMMANDS);
const def = (name: string) => commandForSlash(registry, `/${name}`);

describe("parseSlashText", () => {
  it("reads the SPEC's /template example", () => {
    expect(parseSlashText(def("template"), 'first-choice program="Riverside IM" name="Amara Okafor"')).toEqual({
      name: "template",
      options: { id: "first-choice", program: "Riverside IM", name: "Amara Okafor" },
    });
  });

  it("undoes Slack's escaping before parsing", () => {
    expect(parseSlashText(def("template"), 'first-choice program="A &amp; B &lt;Peds&gt;"').options.program).toBe("A & B <Peds>");
  });

  it("keeps the newlines of a /check draft", () => {
    const draft = "Dear Dr. Lee,\n\nThank you for the interview.\nAmara";
    expect(parseSlashText(def("check"), draft).options.draft).toBe(draft);
  });

  it("throws a UserError on an unclosed quote", () => {
    expect(() => parseSlashText(def("template"), 'first-choice program="Riverside')).toThrow(UserError);
  });

  it("resolves an unknown command to a UserError with the closest names", () => {
    try {
      commandForSlash(registry, "/tempalte");
      expect.unreachable();
    } catch (err) {
      expect((err as UserError).suggestions).toContain("template");
    }
  });
});

describe("unescapeSlackText", () => {
  it("turns links back into their labels or URLs", () => {
    expect(unescapeSlackText("mail <mailto:a@b.org|a@b.org> or <https://x.org>")).toBe("mail a@b.org or https://x.org");
  });

  it("decodes &amp; last so &amp;lt; stays literal", () => {
    expect(unescapeSlackText("&amp;lt;")).toBe("&lt;");
  });

  it("handles 10,000 hostile characters", () => {
    for (const s of ["<".repeat(10_000), `<${"a|".repeat(5000)}`, "&amp;".repeat(2000)]) expect(typeof unescapeSlackText(s)).toBe("string");
  });
});

describe("callers, follow-ups and modal metadata", () => {
  it("namespaces the caller by team and user", () => {
    expect(slackCaller("T1", "U1")).toEqual({ id: "slack:T1:U1", platform: "slack", serverId: "T1", isAdmin: false });
  });

  it("round-trips a follow-up, including a subcommand", () => {
    expect(decodeFollowup(encodeFollowup({ label: "x", command: "template", options: { id: "thank-you" } }))).toEqual({ name: "template", options: { id: "thank-you" } });
    expect(decodeFollowup(encodeFollowup({ label: "x", command: "log add", options: { program: "P" } }))).toEqual({ name: "log", subcommand: "add", options: { program: "P" } });
  });

  it("rejects button values that are not ours", () => {
    for (const v of ["", "nope", "[]", '{"c":"rm -rf","o":{}}', '{"c":"template","o":[]}', '{"c":1,"o":{}}']) expect(decodeFollowup(v)).toBeNull();
  });

  it("round-trips modal metadata and drops an oversized response_url", () => {
    const meta = { channel: "C1", responseUrl: "https://hooks.slack.com/commands/1/2/3" };
    expect(decodeModalMetadata(encodeModalMetadata(meta))).toEqual(meta);
    const long = encodeModalMetadata({ channel: "C1", responseUrl: `https://x/${"a".repeat(METADATA_MAX)}` });
    expect(long.length).toBeLessThanOrEqual(METADATA_MAX);
    expect(decodeModalMetadata(long)).toEqual({ channel: "C1" });
    expect(decodeModalMetadata("not json")).toEqual({});
    expect(decodeModalMetadata(JSON.stringify({ responseUrl: "javascript:alert(1)" }))).toEqual({});
  });

  it("reads modal values by block id and leaves blanks out", () => {
    expect(modalOptions({ draft: { draft: { value: "text" } }, program: { program: { value: "  " } } })).toEqual({ draft: "text" });
  });
});
