import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { ShipmentStatus } from "#db/schema";

/** A shipped parcel that reached the buyer: shipped → delivered (the buyer gets a message). */
export function DeliverForm({ status }: { status: ShipmentStatus }) {
  const { t } = useTranslation();
  const busy = useNavigation().state !== "idle";
  if (status === "delivered") {
    return (
      <p className="alert alert--success" role="status" data-testid="shipment-delivered">
        {t("afterSales.deliver.done")}
      </p>
    );
  }
  if (status !== "shipped") return null;
  return (
    <Form method="post" className="ship-form">
      <fieldset>
        <legend>{t("afterSales.deliver.title")}</legend>
        <p className="field-hint">{t("afterSales.deliver.hint")}</p>
        <input type="hidden" name="intent" value="deliver" />
        <button type="submit" className="button button--ghost" disabled={busy}>
          {t("afterSales.deliver.submit")}
        </button>
      </fieldset>
    </Form>
  );
}
