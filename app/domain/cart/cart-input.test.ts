import { describe, expect, it } from "vitest";
import { cartSchema } from "./cart-input";

const add = (quantity?: string) =>
  cartSchema.safeParse({
    intent: "add",
    productId: "7",
    ...(quantity === undefined ? {} : { quantity }),
  });

describe("cart form", () => {
  it("reads quantities written in decimal digits", () => {
    expect(add("3")).toMatchObject({ success: true, data: { quantity: 3, productId: 7 } });
    expect(add(" 12 ")).toMatchObject({ success: true, data: { quantity: 12 } });
    expect(add()).toMatchObject({ success: true, data: { quantity: 1 } });
  });

  it("refuses hexadecimal, exponents, fractions, signs and blanks rather than reading a number", () => {
    for (const quantity of [
      "0x10",
      "0b11",
      "0o7",
      "1e1",
      "2.0",
      "1.5",
      "+2",
      "-1",
      "",
      " ",
      "Infinity",
    ]) {
      const parsed = add(quantity);
      expect(parsed.success, quantity).toBe(false);
      expect(parsed.error?.issues[0]?.message, quantity).toBe("cart.quantityRange");
    }
  });

  it("refuses a product id that is not plain digits", () => {
    for (const productId of ["0x1", "1e0", "-1", "0", "", "1.0"]) {
      expect(cartSchema.safeParse({ intent: "remove", productId }).success, productId).toBe(false);
    }
    expect(cartSchema.safeParse({ intent: "remove", productId: "12" })).toMatchObject({
      success: true,
      data: { productId: 12 },
    });
  });
});
