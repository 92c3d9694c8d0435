// The address book at checkout: a saved address picked by its radio button fills the
// order's contact and address fields on the server (so it works without JavaScript), and a
// typed address can be saved to the book. The order still stores its own copy as text.
import type { DB } from "#db/connection";
import type { CheckoutInput } from "../checkout/checkout-input";
import { DomainError, NotFoundError } from "../errors";
import { createAddress, getAddress, listAddresses, type SavedAddress } from "./addresses.server";
import { regionByNames, type ResolvedRegion } from "./regions.server";

/** What the checkout form lists: each saved address on one line, the default first. */
export async function checkoutAddresses(db: DB, userId: number) {
  const addresses = await listAddresses(db, userId);
  return addresses.map((a) => ({
    id: a.id,
    recipient: a.recipient,
    phone: a.phone,
    line: `${a.province} ${a.city} ${a.district} ${a.street}`,
    isDefault: a.isDefault,
  }));
}

/** The checkout fields a saved address fills. */
export function checkoutFieldsOf(address: SavedAddress): Record<string, string> {
  return {
    contactName: address.recipient,
    phone: address.phone,
    province: address.province,
    city: address.city,
    district: address.district,
    street: address.street,
  };
}

/**
 * Puts the picked saved address (`addressId`, not "new") into the submitted form. Another
 * person's id, or a deleted one, is a message beside the choice.
 */
export async function applySavedAddress(
  db: DB,
  userId: number | null,
  formData: FormData,
): Promise<void> {
  const picked = formData.get("addressId");
  if (typeof picked !== "string" || picked === "" || picked === "new") return;
  if (!userId || !/^\d{1,12}$/.test(picked)) {
    throw new DomainError("accountBook.errors.addressGone", 400, {}, "addressId");
  }
  try {
    const address = await getAddress(db, userId, Number(picked));
    for (const [key, value] of Object.entries(checkoutFieldsOf(address))) formData.set(key, value);
    // a saved address is not saved again
    formData.delete("saveAddress");
  } catch (error) {
    if (error instanceof NotFoundError) {
      throw new DomainError("accountBook.errors.addressGone", 400, {}, "addressId");
    }
    throw error;
  }
}

/**
 * The region of a typed address that is to be saved, checked before the order is placed so
 * that a name the division list does not know is a message, not a half-done save.
 */
export function regionToSave(input: CheckoutInput): ResolvedRegion {
  const region = regionByNames(input);
  if (!region) throw new DomainError("accountBook.errors.notInRegionList", 400, {}, "district");
  return region;
}

/** Saves the order's address to the book; a full book is left as it is (the order is placed). */
export async function saveCheckoutAddress(
  db: DB,
  userId: number,
  input: CheckoutInput,
  region: ResolvedRegion,
): Promise<boolean> {
  try {
    await createAddress(db, userId, {
      recipient: input.contactName,
      phone: input.phone,
      provinceCode: region.provinceCode,
      cityCode: region.cityCode,
      districtCode: region.districtCode,
      street: input.street,
      isDefault: false,
    });
    return true;
  } catch (error) {
    if (error instanceof DomainError) return false;
    throw error;
  }
}
