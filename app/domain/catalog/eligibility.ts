export interface CertificationLike {
  kind: string;
  number: string;
  expires_on: string;
}

/**
 * A sale counts as consumption aid only while the product holds an aid certification
 * (消费帮扶产品认定) that has not expired on the Shanghai calendar day of the sale.
 * Returns the certification that makes it count, or null.
 */
export function aidCertification<C extends CertificationLike>(certs: C[], today: string): C | null {
  let best: C | null = null;
  for (const c of certs) {
    if (c.kind !== "aid" || c.expires_on < today) continue;
    if (!best || c.expires_on > best.expires_on) best = c;
  }
  return best;
}
