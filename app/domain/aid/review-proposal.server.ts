// What a review asks for, as the cooperative portal wrote it (a JSON object on the review).
import { percentChange } from "./review-input";

/** The proposal object, or {} when the stored text is not one. */
export function parseProposal(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const fen = (v: unknown): number | null =>
  typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : null;

/** The price a price-raise review asks for, or null if the proposal has none that is valid. */
export function proposedPrice(proposal: Record<string, unknown>): number | null {
  return fen(proposal.priceFen);
}

/** Proposal keys the portal writes and the review page shows in its own way. */
const KNOWN_PROPOSAL_KEYS = new Set(["priceFen", "previousPriceFen", "changed"]);

/** What changed, as the review page lists it: named fields, then anything else submitted. */
export function proposalChanges(proposal: Record<string, unknown>) {
  const changedFields = Array.isArray(proposal.changed)
    ? proposal.changed.filter((f): f is string => typeof f === "string")
    : [];
  const otherChanges = Object.entries(proposal)
    .filter(([field]) => !KNOWN_PROPOSAL_KEYS.has(field))
    .map(([field, value]) => ({
      field,
      value: typeof value === "string" ? value : JSON.stringify(value),
    }));
  return { changedFields, otherChanges };
}

/** The prices a review is decided on: now, before, asked for, and against the reference. */
export function reviewPrices(
  proposal: Record<string, unknown>,
  review: { isPriceRaise: boolean; priceFen: number; referencePriceFen: number | null },
) {
  const proposed = review.isPriceRaise ? proposedPrice(proposal) : null;
  const applies = proposed ?? review.priceFen;
  const previous = fen(proposal.previousPriceFen);
  const reference = review.referencePriceFen;
  return {
    currentFen: review.priceFen,
    previousFen: previous !== null && previous !== review.priceFen ? previous : null,
    proposedFen: proposed,
    changePercent: proposed === null ? null : percentChange(review.priceFen, proposed),
    referenceFen: reference,
    overReferencePercent:
      reference && applies > reference ? percentChange(reference, applies) : null,
  };
}
