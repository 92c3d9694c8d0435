// A shopper's address book. Every query is scoped by the owner: another person's address
// is "not found", never "forbidden", so ids cannot be probed.
import type { DB } from "#db/connection";
import { DomainError, NotFoundError } from "../errors";
import type { AddressInput } from "./address-input";
import { resolveRegion } from "./regions.server";

/** Enough for home, work, parents and a few friends; a longer list is a mistake. */
export const MAX_ADDRESSES = 20;

// a transaction is a Kysely too: the readers below run inside or outside one
type Executor = DB;

const COLUMNS = [
  "id",
  "recipient",
  "phone",
  "province_code",
  "province",
  "city_code",
  "city",
  "district_code",
  "district",
  "street",
  "is_default",
] as const;

function shaped(row: {
  id: number;
  recipient: string;
  phone: string;
  province_code: string;
  province: string;
  city_code: string;
  city: string;
  district_code: string;
  district: string;
  street: string;
  is_default: number;
}) {
  return {
    id: row.id,
    recipient: row.recipient,
    phone: row.phone,
    provinceCode: row.province_code,
    province: row.province,
    cityCode: row.city_code,
    city: row.city,
    districtCode: row.district_code,
    district: row.district,
    street: row.street,
    isDefault: row.is_default === 1,
  };
}

export type SavedAddress = ReturnType<typeof shaped>;

/** The person's addresses, the default first, then oldest first. */
export async function listAddresses(db: Executor, userId: number): Promise<SavedAddress[]> {
  const rows = await db
    .selectFrom("addresses")
    .select(COLUMNS)
    .where("user_id", "=", userId)
    .orderBy("is_default", "desc")
    .orderBy("id")
    .execute();
  return rows.map(shaped);
}

/** One of the person's addresses; anyone else's, or none, is NotFound. */
export async function getAddress(db: Executor, userId: number, id: number): Promise<SavedAddress> {
  const row = await db
    .selectFrom("addresses")
    .select(COLUMNS)
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("address");
  return shaped(row);
}

async function clearDefault(trx: Executor, userId: number, now: string) {
  await trx
    .updateTable("addresses")
    .set({ is_default: 0, updated_at: now })
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .execute();
}

/** Makes the newest remaining address the default when none is (after a delete). */
async function ensureDefault(trx: Executor, userId: number, now: string) {
  const current = await trx
    .selectFrom("addresses")
    .select("id")
    .where("user_id", "=", userId)
    .where("is_default", "=", 1)
    .executeTakeFirst();
  if (current) return;
  const newest = await trx
    .selectFrom("addresses")
    .select("id")
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .executeTakeFirst();
  if (newest) {
    await trx
      .updateTable("addresses")
      .set({ is_default: 1, updated_at: now })
      .where("id", "=", newest.id)
      .execute();
  }
}

/**
 * Saves a new address. The first one is the default whatever was asked; asking for the
 * default moves it here from the old one in the same transaction.
 */
export async function createAddress(
  db: DB,
  userId: number,
  input: AddressInput,
  now = new Date(),
): Promise<number> {
  const region = resolveRegion(input);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const { count } = await trx
      .selectFrom("addresses")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    if (Number(count) >= MAX_ADDRESSES) {
      throw new DomainError("accountBook.errors.full", 409, { max: MAX_ADDRESSES });
    }
    const makeDefault = input.isDefault || Number(count) === 0;
    if (makeDefault) await clearDefault(trx, userId, at);
    const row = await trx
      .insertInto("addresses")
      .values({
        user_id: userId,
        recipient: input.recipient,
        phone: input.phone,
        province_code: region.provinceCode,
        province: region.province,
        city_code: region.cityCode,
        city: region.city,
        district_code: region.districtCode,
        district: region.district,
        street: input.street,
        is_default: makeDefault ? 1 : 0,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Changes one of the person's addresses; unticking "default" on the default keeps it. */
export async function updateAddress(
  db: DB,
  userId: number,
  id: number,
  input: AddressInput,
  now = new Date(),
): Promise<void> {
  const region = resolveRegion(input);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const existing = await getAddress(trx, userId, id);
    if (input.isDefault && !existing.isDefault) await clearDefault(trx, userId, at);
    await trx
      .updateTable("addresses")
      .set({
        recipient: input.recipient,
        phone: input.phone,
        province_code: region.provinceCode,
        province: region.province,
        city_code: region.cityCode,
        city: region.city,
        district_code: region.districtCode,
        district: region.district,
        street: input.street,
        is_default: input.isDefault || existing.isDefault ? 1 : 0,
        updated_at: at,
      })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .execute();
  });
}

export async function setDefaultAddress(
  db: DB,
  userId: number,
  id: number,
  now = new Date(),
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await getAddress(trx, userId, id);
    await clearDefault(trx, userId, at);
    await trx
      .updateTable("addresses")
      .set({ is_default: 1, updated_at: at })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .execute();
  });
}

/** Deletes one of the person's addresses; if it was the default, the newest left takes over. */
export async function deleteAddress(
  db: DB,
  userId: number,
  id: number,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await getAddress(trx, userId, id);
    await trx.deleteFrom("addresses").where("id", "=", id).where("user_id", "=", userId).execute();
    await ensureDefault(trx, userId, now.toISOString());
  });
}
