import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The counter desk's navigation, drawn once by the /counter layout with the counter's name. */
export function CounterNav({ counterName }: { counterName: string }) {
  const { t } = useTranslation();
  return (
    <nav className="office-nav counter-nav" aria-label={t("counterDesk.nav.label")}>
      <strong className="counter-nav-name">{counterName}</strong>
      <NavLink to="/counter" end>
        {t("counterDesk.nav.handover")}
      </NavLink>
      <NavLink to="/counter/till">{t("counterDesk.nav.till")}</NavLink>
      <NavLink to="/counter/transfers">{t("counterDesk.nav.transfers")}</NavLink>
      <NavLink to="/counter/stock">{t("counterDesk.nav.stock")}</NavLink>
    </nav>
  );
}
