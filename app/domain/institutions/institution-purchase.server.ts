// Buying for an institution (ADR 042): the order's buyer fields come from the institution's
// profile, read in the order's own transaction, never from what the form said.
import type { DB } from "#db/connection";
import type { CheckoutInput } from "~/domain/checkout/checkout-input";
import { DomainError } from "~/domain/errors";
import { institutionOf } from "./institutions.server";

/**
 * The checkout input as the order is to record it, and the institution it is for (null
 * when the person buys for themselves). Refuses a purchase for an institution by anyone who
 * is not, at this moment, one of its members.
 */
export async function buyerOfOrder(
  trx: DB,
  userId: number | null,
  input: CheckoutInput,
): Promise<{ input: CheckoutInput; institutionId: number | null }> {
  if (input.buyAs !== "institution") return { input, institutionId: null };
  const institution = userId == null ? null : await institutionOf(trx, userId);
  if (!institution) throw new DomainError("institutions.errors.notMember", 400);
  const taxId = input.taxId ?? institution.creditCode;
  if (input.invoiceTitle && !taxId) {
    throw new DomainError("checkout.errors.taxIdNeeded", 400, {}, "taxId");
  }
  return {
    input: {
      ...input,
      buyerType: institution.type,
      orgName: institution.name,
      fundingSource: institution.fundingSource,
      taxId,
    },
    institutionId: institution.id,
  };
}
