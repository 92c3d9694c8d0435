import type { DB } from "#db/connection";

type Writer = Pick<DB, "insertInto">;

/** Who did it: the signed-in person, by id and by the name they had at the time. */
export interface Actor {
  /** null for the system itself (a repair run from the command line) */
  id: number | null;
  name: string;
}

export type AuditAction =
  | "create"
  | "update"
  | "price_change"
  | "price_raise_requested"
  | "stock_adjust"
  | "image"
  | "archive"
  | "text_repair";

export interface AuditEntry {
  id: number;
  actorName: string;
  /** one of AuditAction, or what another part of the app wrote (e.g. review_approved) */
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  why: string | null;
  at: string;
}

/**
 * One line in the append-only audit log (who, when, before, after, why). Call it inside the
 * transaction that makes the change, so the change and its record land together or not at all.
 */
export async function writeAudit(
  trx: Writer,
  input: {
    actor: Actor;
    entity: "product";
    entityId: number;
    cooperativeId: number;
    action: AuditAction;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    why?: string | null;
    now: Date;
  },
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: input.actor.id,
      actor_name: input.actor.name,
      entity: input.entity,
      entity_id: input.entityId,
      cooperative_id: input.cooperativeId,
      action: input.action,
      before: input.before ? JSON.stringify(input.before) : null,
      after: input.after ? JSON.stringify(input.after) : null,
      why: input.why ?? null,
      at: input.now.toISOString(),
    })
    .execute();
}

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A product's history, newest first, only ever within the asking cooperative. */
export async function listAudit(
  db: DB,
  cooperativeId: number,
  productId: number,
  limit = 100,
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "actor_name", "action", "before", "after", "why", "at"])
    .where("entity", "=", "product")
    .where("entity_id", "=", productId)
    .where("cooperative_id", "=", cooperativeId)
    // insertion order is the true order, whatever clock each writer passed
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    actorName: r.actor_name,
    action: r.action,
    before: parse(r.before),
    after: parse(r.after),
    why: r.why,
    at: r.at,
  }));
}
