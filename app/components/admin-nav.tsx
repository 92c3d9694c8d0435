import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The platform admin's navigation, the same on every admin page. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="office-nav" aria-label={t("admin.nav.label")}>
      <NavLink to="/admin" end>
        {t("admin.nav.home")}
      </NavLink>
      <NavLink to="/admin/orders">{t("refund.nav.orders")}</NavLink>
      <NavLink to="/admin/after-sales">{t("afterSales.nav.admin")}</NavLink>
      <NavLink to="/admin/invoices">{t("admin.nav.invoices")}</NavLink>
      <NavLink to="/admin/cooperatives">{t("admin.nav.cooperatives")}</NavLink>
      <NavLink to="/admin/users">{t("admin.nav.users")}</NavLink>
      <NavLink to="/aid/reviews">{t("admin.nav.reviews")}</NavLink>
      <NavLink to="/aid/buyer-reviews">{t("buyerRatings.officeNav")}</NavLink>
    </nav>
  );
}
