// The "mark shipped" form's checks, without a database or a request.
import { describe, expect, it } from "vitest";
import { parseForm } from "~/utils/forms";
import { shipListQuery, shipSchema } from "./shipment-input";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe("the ship form", () => {
  it("takes a listed carrier and drops the spaces copied into a tracking number", () => {
    expect(
      parseForm(shipSchema, form({ carrier: "sf", trackingNumber: "SF 1234 5678 901" })),
    ).toEqual({ ok: true, data: { carrier: "sf", trackingNumber: "SF12345678901" } });
  });

  it("stores a carrier typed under other by its name", () => {
    const parsed = parseForm(
      shipSchema,
      form({ carrier: "other", carrierOther: " 青海冷链物流 ", trackingNumber: "QHLL-000123" }),
    );
    expect(parsed).toEqual({
      ok: true,
      data: { carrier: "青海冷链物流", trackingNumber: "QHLL-000123" },
    });
  });

  it("reports other without a name together with a bad tracking number", () => {
    const parsed = parseForm(
      shipSchema,
      form({ carrier: "other", carrierOther: "", trackingNumber: "x" }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      carrierOther: "fulfil.errors.carrierOther",
      trackingNumber: "fulfil.errors.trackingNumber",
    });
  });

  it("refuses an unknown carrier and a too-long name", () => {
    const parsed = parseForm(
      shipSchema,
      form({ carrier: "pigeon", carrierOther: "x".repeat(31), trackingNumber: "SF#12" }),
    );
    expect(parsed.ok ? {} : parsed.errors).toEqual({
      carrier: "fulfil.errors.carrier",
      carrierOther: "fulfil.errors.carrierOther",
      trackingNumber: "fulfil.errors.trackingNumber",
    });
  });
});

describe("the shipment list's query", () => {
  it("falls back to open parcels on page 1 for anything odd", () => {
    expect(shipListQuery.parse({ status: "zzz", page: "-4" })).toEqual({
      status: "open",
      page: 1,
    });
    expect(shipListQuery.parse({ status: "late", page: "3" })).toEqual({ status: "late", page: 3 });
  });
});
