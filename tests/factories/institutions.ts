import type { DB } from "#db/connection";
import type { FundingSource, InstitutionType } from "#db/schema";
import { creditCodeCheckChar } from "~/domain/institutions/credit-code";
import { addPurchaser, createInstitution } from "~/domain/institutions/institutions.server";
import { createUser } from "./users";

let serial = 0;

/** A well-formed 统一社会信用代码 (its check character computed), different each call. */
export function validCreditCode(n = ++serial): string {
  const first17 = `91320100MA${String(n).padStart(7, "0")}`;
  return first17 + creditCodeCheckChar(first17)!;
}

/** An institution registered by a new shopper (its administrator), with more purchasers. */
export async function createInstitutionWith(
  db: DB,
  options: {
    name?: string;
    type?: InstitutionType;
    fundingSource?: FundingSource;
    reservedShareFen?: number | null;
    thanksOptIn?: boolean;
    adminId?: number;
    /** phones of further purchasers, created as shoppers */
    purchaserPhones?: string[];
  } = {},
) {
  const adminId = options.adminId ?? (await createUser(db, { name: "李会计" }));
  const institutionId = await createInstitution(db, adminId, {
    name: options.name ?? "雨花台区机关事务管理局",
    creditCode: validCreditCode(),
    type: options.type ?? "gov_unit",
    fundingSource: options.fundingSource ?? "canteen",
    reservedShareFen: options.reservedShareFen ?? null,
    thanksOptIn: options.thanksOptIn ?? false,
  });
  const purchaserIds: number[] = [];
  for (const phone of options.purchaserPhones ?? []) {
    purchaserIds.push(await createUser(db, { phone, name: `采购员${phone.slice(-4)}` }));
    await addPurchaser(db, adminId, phone);
  }
  return { institutionId, adminId, purchaserIds };
}
