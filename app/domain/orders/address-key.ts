// One way of writing a delivery address, stored on each order (orders.address_key) so the
// split-order integrity rule can find one address written several ways.

/**
 * NFKC (full-width digits and letters become ASCII), lower-case, without spaces,
 * punctuation or the 号/室 people add or leave out.
 */
export function normalizeAddress(address: string): string {
  return address
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}号室]/gu, "");
}

/** The key of an order's address: province, city, district and street together. */
export function addressKeyOf(a: {
  province: string;
  city: string;
  district: string;
  street: string;
}): string {
  return normalizeAddress(a.province + a.city + a.district + a.street);
}
