import { describe, expect, it } from "vitest";
import { checkoutSchema, normalizeMobile } from "./checkout-input";

const base = {
  contactName: " 李华 ",
  phone: "138 1234 5678",
  email: "",
  province: "江苏省",
  city: "南京市",
  district: "栖霞区",
  street: "仙林大道 163 号",
  buyerType: "individual",
};

const errors = (input: Record<string, string>) => {
  const r = checkoutSchema.safeParse(input);
  return r.success
    ? {}
    : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("checkout input", () => {
  it("accepts an individual and cleans what was typed", () => {
    const r = checkoutSchema.parse(base);
    expect(r).toMatchObject({
      contactName: "李华",
      phone: "13812345678",
      email: null,
      orgName: null,
      fundingSource: null,
    });
  });

  it("forgives +86, spaces and dashes in mobile numbers but not wrong numbers", () => {
    expect(normalizeMobile("+86 138-1234-5678")).toBe("13812345678");
    expect(errors({ ...base, phone: "12812345678" }).phone).toBe("checkout.errors.phone");
    expect(errors({ ...base, phone: "1381234567" }).phone).toBe("checkout.errors.phone");
    expect(errors({ ...base, phone: "025-83201234" }).phone).toBe("checkout.errors.phone");
  });

  it("names each missing field with its own message", () => {
    const e = errors({ buyerType: "individual" });
    expect(e).toMatchObject({
      contactName: "checkout.errors.contactName",
      phone: "checkout.errors.phone",
      province: "checkout.errors.province",
      street: "checkout.errors.street",
    });
  });

  it("checks the email only when given", () => {
    expect(errors({ ...base, email: "not-an-email" }).email).toBe("checkout.errors.email");
    expect(checkoutSchema.parse({ ...base, email: "Li@Example.com" }).email).toBe("li@example.com");
  });

  it("requires organisation and funding source from institutions", () => {
    const e = errors({ ...base, buyerType: "union" });
    expect(e.orgName).toBe("checkout.errors.orgName");
    expect(e.fundingSource).toBe("checkout.errors.fundingSource");
    const ok = checkoutSchema.parse({
      ...base,
      buyerType: "union",
      orgName: "南京市总工会",
      fundingSource: "union_funds",
    });
    expect(ok).toMatchObject({
      buyerType: "union",
      orgName: "南京市总工会",
      fundingSource: "union_funds",
    });
  });

  it("validates the unified social credit code and asks for it with an invoice title", () => {
    const inst = {
      ...base,
      buyerType: "gov_unit",
      orgName: "雨花台区机关事务管理局",
      fundingSource: "canteen",
    };
    expect(errors({ ...inst, taxId: "12345" }).taxId).toBe("checkout.errors.taxId");
    expect(errors({ ...inst, invoiceTitle: "雨花台区机关事务管理局" }).taxId).toBe(
      "checkout.errors.taxIdNeeded",
    );
    const ok = checkoutSchema.parse({
      ...inst,
      invoiceTitle: "雨花台区机关事务管理局",
      taxId: "11320114mb1234567x",
    });
    expect(ok.taxId).toBe("11320114MB1234567X");
  });

  it("refuses unknown buyer types", () => {
    expect(errors({ ...base, buyerType: "alien" }).buyerType).toBe("checkout.errors.buyerType");
  });

  it("drops organisation fields an individual filled by mistake", () => {
    const r = checkoutSchema.parse({ ...base, orgName: "某公司", fundingSource: "welfare" });
    expect(r.orgName).toBeNull();
    expect(r.fundingSource).toBeNull();
  });
});
