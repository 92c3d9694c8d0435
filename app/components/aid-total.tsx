import { useTranslation } from "react-i18next";
import { fenToWan } from "~/utils/money";
import { Money } from "./money";

export function AidTotal({
  fen,
  cooperatives,
  orders,
  year,
  children,
}: {
  fen: number;
  cooperatives: number;
  orders: number;
  year: number;
  /** links under the figures (the thanks board) */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <aside className="aid-total" aria-labelledby="aid-total-title">
      <h2 id="aid-total-title">{t("home.aidTotalTitle", { year })}</h2>
      <p className="aid-total__amount" data-testid="aid-total">
        <Money fen={fen} />
      </p>
      <p className="aid-total__wan">{t("home.aidWan", { wan: fenToWan(fen) })}</p>
      <dl className="aid-total__facts">
        <div>
          <dt>{t("home.aidOrders")}</dt>
          <dd>{orders}</dd>
        </div>
        <div>
          <dt>{t("home.aidCooperatives")}</dt>
          <dd>{cooperatives}</dd>
        </div>
      </dl>
      {children ? <p className="aid-total__more">{children}</p> : null}
    </aside>
  );
}
