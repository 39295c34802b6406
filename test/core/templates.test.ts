import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/load.js";
import { UserError } from "../../src/core/errors.js";
import { FIELD_VALUE_MAX, findTemplate, renderTemplate, sanitizeFieldValue } from "../../src/core/templates/render.js";

const content = loadContent();
const firstChoice = content.templates.get("first-choice")!;

describe("renderTemplate", () => {
  it("puts filled fields into the subject and the body", () => {
    const out = renderTemplate(firstChoice, { program: "Lakeside Pediatrics", name: "Amara Okafor" });
    expect(out.body).toContain("Lakeside Pediatrics");
    expect(out.body).toContain("Amara Okafor");
    expect(out.subject).toContain("Amara Okafor");
    expect(out.missing).not.toContain("program");
    expect(out.missing).not.toContain("name");
  });

  it("leaves unfilled fields visible as [Label] and lists them in missing, in field order", () => {
    const out = renderTemplate(firstChoice, { program: "Lakeside Pediatrics" });
    const name = firstChoice.fields.find((f) => f.key === "name")!;
    expect(out.body).toContain(`[${name.label}]`);
    expect(out.body).not.toMatch(/\{\{/);
    expect(out.missing).toContain("name");
    const order = firstChoice.fields.map((f) => f.key);
    expect([...out.missing].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(out.missing);
  });

  it("fills every slot of every template when every field is given", () => {
    for (const t of content.templates.values()) {
      const fields = Object.fromEntries(t.fields.map((f) => [f.key, f.example ?? "x"]));
      const out = renderTemplate(t, fields);
      expect(out.missing, t.id).toEqual([]);
      expect(out.subject + out.body, t.id).not.toMatch(/\{\{|\[[A-Z]/);
    }
  });

  it("rejects a value over the cap, naming the field and the limit", () => {
    expect(() => renderTemplate(firstChoice, { program: "x".repeat(FIELD_VALUE_MAX + 1) })).toThrow(/program.*limit is 200/);
  });

  it("rejects a field no template offers, with the template's fields", () => {
    expect(() => renderTemplate(firstChoice, { progrm: "X" })).toThrow(UserError);
    expect(() => renderTemplate(firstChoice, { progrm: "X" })).toThrow(/no field "progrm"/);
  });

  it("cannot inject mentions or markup through a field value", () => {
    const out = renderTemplate(firstChoice, { program: "@everyone <@123> **Bold** `x` [link](http://a) <!channel>", name: "A\nB" });
    expect(out.body).not.toMatch(/@everyone|<@|\*\*|`|<!channel>|\[link\]/);
    expect(out.body).toContain("A B");
  });
});

describe("sanitizeFieldValue", () => {
  it("keeps ordinary names, accents and hyphens", () => {
    expect(sanitizeFieldValue("  Dr. Zoë O'Neil-Ávila ")).toBe("Dr. Zoë O'Neil-Ávila");
  });
});

describe("findTemplate", () => {
  it("suggests the closest ids for an unknown id", () => {
    try {
      findTemplate(content, "firstchoice");
      throw new Error("expected an error");
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe("unknown-template");
      expect((err as UserError).message).toMatch(/did you mean first-choice/i);
    }
  });

  it("finds ids case-insensitively", () => {
    expect(findTemplate(content, "Thank-You").id).toBe("thank-you");
  });
});
