import { sql } from "kysely";
import { getDb } from "~/utils/db.server";

export async function loader() {
  try {
    const db = await getDb();
    await sql`select 1`.execute(db);
    return new Response("ok", { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz", error);
    return new Response("database unreachable", { status: 503 });
  }
}
