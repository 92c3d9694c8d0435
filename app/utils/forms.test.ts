import { z } from "zod";
import { describe, expect, it } from "vitest";
import { DomainError } from "~/domain/errors";
import {
  CONTROL_CHARACTERS,
  decimalInteger,
  domainErrorReply,
  formValues,
  invalidForm,
  parseForm,
  screenControlCharacters,
  UNREADABLE_CHARACTERS,
  wholeNumber,
} from "./forms";

const toFormData = (params: URLSearchParams) => {
  const data = new FormData();
  for (const [k, v] of params) data.append(k, v);
  return data;
};

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

const schema = z.object({ name: z.string().trim().min(1, "name"), story: z.string().optional() });

describe("control characters in forms", () => {
  it("refuses NUL, escape, DEL and the other C0 controls beside the field, keeping the rest", () => {
    for (const bad of [
      "\u0000",
      "\u0001",
      "\u0008",
      "\u000b",
      "\u000c",
      "\u001b",
      "\u001f",
      "\u007f",
    ]) {
      const parsed = parseForm(schema, form({ name: `王${bad}小明` }));
      expect(parsed.ok, JSON.stringify(bad)).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.errors).toEqual({ name: CONTROL_CHARACTERS });
      expect(parsed.values.name).toBe("王小明");
    }
  });

  it("refuses line breaks and tabs in one-line fields but keeps them in text areas", () => {
    const oneLine = parseForm(schema, form({ name: "a\tb", story: "first\r\nsecond\tthird" }));
    expect(oneLine).toMatchObject({ ok: false, errors: { name: CONTROL_CHARACTERS } });
    expect(oneLine.ok ? null : oneLine.errors.story).toBe(CONTROL_CHARACTERS);

    const areas = parseForm(schema, form({ name: "ab", story: "first\r\nsecond\tthird" }), {
      multiline: ["story"],
    });
    expect(areas).toEqual({ ok: true, data: { name: "ab", story: "first\r\nsecond\tthird" } });
    const nulInArea = parseForm(schema, form({ name: "ab", story: "a\n\u0000b" }), {
      multiline: ["story"],
    });
    expect(nulInArea).toEqual({
      ok: false,
      errors: { story: CONTROL_CHARACTERS },
      values: { name: "ab", story: "a\nb" },
    });
  });

  it("reports the schema's own mistakes in the same answer", () => {
    const parsed = parseForm(schema, form({ name: "", story: "x\u0000" }));
    expect(parsed).toEqual({
      ok: false,
      errors: { name: "name", story: CONTROL_CHARACTERS },
      values: { name: "", story: "x" },
    });
  });

  it("refuses U+FFFD, what bytes that are not UTF-8 decode to", () => {
    const body = new URLSearchParams("name=%E7%8E%8B%FF%FE&story=a%C0%AFb");
    const parsed = parseForm(schema, toFormData(body), { multiline: ["story"] });
    expect(parsed).toEqual({
      ok: false,
      errors: { name: UNREADABLE_CHARACTERS, story: UNREADABLE_CHARACTERS },
      values: { name: "王", story: "ab" },
    });
    // with a control character as well, that is the message
    expect(screenControlCharacters({ name: "a\ufffd\u0000" }).errors).toEqual({
      name: CONTROL_CHARACTERS,
    });
  });

  it("lets ordinary text through, Chinese, emoji and U+0080 onwards included", () => {
    const text = "山海 Shanhai — 牦牛🐂 «€» \u00a0\u0085\u2028";
    expect(screenControlCharacters({ text })).toEqual({ errors: {}, values: { text } });
  });
});

describe("whole numbers in forms", () => {
  it("reads decimal digits only", () => {
    expect(decimalInteger(" 42 ")).toBe(42);
    expect(decimalInteger("007")).toBe(7);
    for (const text of ["0x10", "1e3", "1.0", "-1", "+1", "", "Infinity", "١٢", "1_000"]) {
      expect(decimalInteger(text), text).toBeNaN();
    }
  });

  it("gives the field's message for anything else", () => {
    const field = wholeNumber("bad");
    expect(field.safeParse("12")).toMatchObject({ success: true, data: 12 });
    expect(field.safeParse("0x10").error?.issues[0]?.message).toBe("bad");
    expect(field.safeParse(undefined).error?.issues[0]?.message).toBe("bad");
  });
});

describe("the form toolkit's replies", () => {
  it("reads the text fields of a form and leaves files out", () => {
    const data = form({ name: "牦牛肉", price: "128" });
    data.append("image", new Blob(["x"]), "a.png");
    expect(formValues(data)).toEqual({ name: "牦牛肉", price: "128" });
  });

  it("answers a form that did not parse with 400, its messages and what was typed", async () => {
    const reply = invalidForm({ errors: { price: "forms.invalid" }, values: { price: "abc" } });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({
      errors: { price: "forms.invalid" },
      values: { price: "abc" },
    });
  });

  it("puts a business rule's message beside its field, with its status and parameters", async () => {
    const error = new DomainError("coop.errors.stock", 409, { max: 5 }, "stock");
    const reply = domainErrorReply(error, { stock: "9" });
    expect(reply.status).toBe(409);
    expect(await reply.json()).toEqual({
      errors: { stock: "coop.errors.stock" },
      values: { stock: "9" },
      params: { stock: { max: 5 } },
    });
  });

  it("carries what the page needs beside the reply, such as which form it answers", async () => {
    const refused = domainErrorReply(new DomainError("x.y", 409, {}, "year"), {}, { intent: "a" });
    expect(await refused.json()).toEqual({ intent: "a", errors: { year: "x.y" }, values: {} });
    const invalid = invalidForm({ errors: { year: "forms.invalid" }, values: {} }, { intent: "b" });
    expect((await invalid.json()).intent).toBe("b");
  });

  it("shows a rule tied to no field for the whole form", async () => {
    const reply = domainErrorReply(new DomainError("refund.errors.tooMuch"), { amount: "1" });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toEqual({
      errors: {},
      values: { amount: "1" },
      formError: "refund.errors.tooMuch",
    });
  });

  it("turns a refusal into a 403 page and throws anything that is not a business rule on", () => {
    let thrown: unknown;
    try {
      domainErrorReply(new DomainError("errors.forbidden", 403), {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(403);
    const fault = new TypeError("boom");
    expect(() => domainErrorReply(fault, {})).toThrow(fault);
  });
});
