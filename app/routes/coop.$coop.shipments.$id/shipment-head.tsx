import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { OrderStatus, ShipmentStatus } from "#db/schema";
import { ShanghaiTime, ShipmentStatusChip } from "~/components/shipment-bits";
import { StatusBadge } from "~/components/status-badge";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { shanghaiDateTime } from "~/utils/time";

interface Shipment {
  status: ShipmentStatus;
  coldChain: boolean;
  shipBy: string | null;
  late: boolean;
  orderNumber: string;
  orderStatus: OrderStatus;
  paidAt: string | null;
}

/** The way back to the list, the order's number and where the parcel and its order stand. */
export function ShipmentHead({ shipment: s, base }: { shipment: Shipment; base: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={base}>← {t("fulfil.detail.back")}</Link>
      </p>
      <header className="order__head">
        <h1 id="shipment-title">{t("fulfil.detail.title", { number: s.orderNumber })}</h1>
        <ShipmentStatusChip status={s.status} />
        {s.coldChain ? <span className="tag tag--cold">{t("fulfil.coldChain")}</span> : null}
        <p className="muted">
          {t("fulfil.detail.orderStatus")}
          <StatusBadge status={s.orderStatus} />
          {s.paidAt ? (
            <>
              {" "}
              · {t("fulfil.detail.paidAt")} <ShanghaiTime at={s.paidAt} />
            </>
          ) : null}
        </p>
      </header>
    </>
  );
}

/** The cold-chain deadline of a parcel still here, late or not. */
function ShipBy({ shipBy, late }: { shipBy: string; late: boolean }) {
  const { t } = useTranslation();
  return (
    <p
      className={late ? "alert alert--error" : "alert"}
      role={late ? "alert" : undefined}
      data-testid="ship-by"
    >
      {late ? (
        <>
          <span className="tag tag--warn">{t("fulfil.late")}</span>{" "}
          {t("fulfil.lateNote", { time: shanghaiDateTime(shipBy) })}
        </>
      ) : (
        t("fulfil.shipBy", { time: shanghaiDateTime(shipBy) })
      )}{" "}
      <span className="muted">({t("fulfil.timeZoneNote")})</span>
    </p>
  );
}

/** What the last change did, what went wrong with it, and the deadline. */
export function ShipmentNotices({
  shipment: s,
  done,
  reply,
}: {
  shipment: Shipment;
  done: "packed" | "shipped" | "corrected" | "unchanged" | null;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const errorCount = Object.keys(reply?.errors ?? {}).length;
  const open = s.status === "pending" || s.status === "packed";
  return (
    <>
      {done ? (
        <p className="alert alert--success" role="status" data-testid="shipment-done">
          {t(`fulfil.detail.done.${done}`)}
        </p>
      ) : null}
      {reply?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(reply.formError)}
        </p>
      ) : errorCount ? (
        <p className="alert alert--error" role="alert">
          {t("forms.fixErrors", { count: errorCount })}
        </p>
      ) : null}
      {s.shipBy && open ? <ShipBy shipBy={s.shipBy} late={s.late} /> : null}
    </>
  );
}
