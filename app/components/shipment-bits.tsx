import { useTranslation } from "react-i18next";
import type { ShipmentStatus } from "#db/schema";
import { isCarrierCode } from "~/domain/orders/shipment-rules";
import { shanghaiDateTime } from "~/utils/time";

/** A parcel's status (pending, packed, shipped…), not the order's. */
export function ShipmentStatusChip({ status }: { status: ShipmentStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`ship-status ship-status--${status}`}
      data-testid="shipment-status"
      data-status={status}
    >
      {t(`fulfil.status.${status}`)}
    </span>
  );
}

/** A known carrier by its translated name; one typed under "other" as it was typed. */
export function CarrierName({ carrier }: { carrier: string | null }) {
  const { t } = useTranslation();
  if (!carrier) return null;
  return <>{isCarrierCode(carrier) ? t(`fulfil.carriers.${carrier}`) : carrier}</>;
}

/** A stored UTC instant as Shanghai wall-clock time, the same on server and browser. */
export function ShanghaiTime({ at }: { at: string }) {
  return <time dateTime={at}>{shanghaiDateTime(at)}</time>;
}
