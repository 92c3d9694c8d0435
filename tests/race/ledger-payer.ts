// One payer in its own process with its own connection: waits for the starting gun (a line
// on stdin), then pays each of its orders through the demo gateway (each payment writes its
// ledger entries in its own BEGIN IMMEDIATE transaction) and prints how many it paid.
import readline from "node:readline";
import { createDatabase } from "#db/connection";
import { completeDemoPayment, demoGateway } from "~/domain/payments/demo-gateway.server";

const [file, list] = process.argv.slice(2);
if (!file || !list) throw new Error("usage: ledger-payer DB_FILE ORDER_ID,ORDER_ID,…");
const db = createDatabase(file);
console.log("ready");
const rl = readline.createInterface({ input: process.stdin });
rl.once("line", async () => {
  let paid = 0;
  try {
    for (const id of list.split(",").map(Number)) {
      const order = await db
        .selectFrom("orders")
        .select(["id", "number", "total_fen"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      await demoGateway.startPayment(db, {
        id: order.id,
        number: order.number,
        totalFen: order.total_fen,
      });
      if ((await completeDemoPayment(db, order.id, "succeeded")) === "applied") paid += 1;
    }
    console.log(JSON.stringify({ ok: true, paid }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, paid, error: String(error) }));
  } finally {
    rl.close();
    await db.destroy();
  }
});
