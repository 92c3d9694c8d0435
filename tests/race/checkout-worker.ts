// One shopper in its own process with its own connection: waits for the starting gun
// (a line on stdin), then checks out its cart and prints what happened.
import readline from "node:readline";
import { createDatabase } from "#db/connection";
import { placeOrder } from "~/domain/checkout/place-order.server";
import { DomainError } from "~/domain/errors";
import { checkoutInput } from "../factories/orders";

const [file, cartId] = process.argv.slice(2);
if (!file || !cartId) throw new Error("usage: checkout-worker DB_FILE CART_ID");
const db = createDatabase(file);
console.log("ready");
const rl = readline.createInterface({ input: process.stdin });
rl.once("line", async () => {
  try {
    const order = await placeOrder(db, {
      cartId,
      input: checkoutInput(),
      locale: "zh-CN",
      gateway: "demo",
      ttlMinutes: 30,
    });
    console.log(JSON.stringify({ ok: true, number: order.number }));
  } catch (error) {
    console.log(
      JSON.stringify({
        ok: false,
        code: error instanceof DomainError ? error.code : String(error),
      }),
    );
  } finally {
    rl.close();
    await db.destroy();
  }
});
