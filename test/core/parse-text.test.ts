import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../commands/index.js";
import { createRegistry, validateCall, findCommand } from "../../src/core/dispatch.js";
import { UserError } from "../../src/core/errors.js";
import { parseCommandText, tokenize } from "../../src/core/parse-text.js";

const registry = createRegistry(COMMANDS);

describe("tokenize", () => {
  it("groups quoted words and keeps key=value pairs", () => {
    expect(tokenize('first-choice program="Riverside IM" name=Amara')).toEqual([
      { value: "first-choice" },
      { key: "program", value: "Riverside IM" },
      { key: "name", value: "Amara" },
    ]);
  });

  it("accepts escaped quotes and curly quotes", () => {
    expect(tokenize('reason="the \\"best\\" team" program=\u201cSt. Mary\u2019s IM\u201d')).toEqual([
      { key: "reason", value: 'the "best" team' },
      { key: "program", value: "St. Mary\u2019s IM" },
    ]);
  });

  it("also reads Discord-style key:value pairs", () => {
    expect(tokenize('add program:"Riverside IM" kind:thank-you')).toEqual([
      { value: "add" },
      { key: "program", value: "Riverside IM" },
      { key: "kind", value: "thank-you" },
    ]);
    expect(tokenize('"a:b" reason="see: below"')).toEqual([{ value: "a:b" }, { key: "reason", value: "see: below" }]);
  });

  it("rejects an unclosed quote", () => {
    expect(() => tokenize('program="Riverside')).toThrow(UserError);
  });

  it("stays linear on 10,000 hostile characters", () => {
    expect(() => tokenize(`a="${"\\".repeat(9_990)}`)).toThrow(UserError);
    expect(tokenize('k="v" '.repeat(1_666))).toHaveLength(1_666);
    expect(tokenize("a".repeat(10_000))).toHaveLength(1);
  });
});

describe("parseCommandText", () => {
  it("maps the positional template id and fields", () => {
    expect(parseCommandText(registry, '/template first-choice program="Riverside IM"')).toEqual({
      name: "template",
      options: { id: "first-choice", program: "Riverside IM" },
    });
  });

  it("gives /ask the whole rest of the line", () => {
    const call = parseCommandText(registry, '/ask is this "an offer"? key=value');
    expect(call.options.question).toBe('is this "an offer"? key=value');
  });

  it("says which command was meant for a typo", () => {
    expect(() => parseCommandText(registry, "/tempalte x")).toThrow(/did you mean \/template/i);
  });
});

describe("validateCall", () => {
  const template = findCommand(registry, "template");

  it("rejects a value over an option's limit, naming the limit", () => {
    expect(() => validateCall(template, { name: "template", options: { id: "first-choice", program: "x".repeat(201) } })).toThrow(/limit is 200/);
  });

  it("requires the /ask question", () => {
    expect(() => validateCall(findCommand(registry, "ask"), { name: "ask", options: {} })).toThrow(/needs question/);
  });
});
