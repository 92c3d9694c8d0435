import { NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The cooperative portal's own navigation: overview, products, shipping. */
export function CoopNav({ slug, name }: { slug: string; name: string }) {
  const { t } = useTranslation();
  return (
    <nav className="portal-nav" aria-label={t("fulfil.portal.nav")}>
      <span className="portal-nav__coop">{name}</span>
      <NavLink to={`/coop/${slug}`} end>
        {t("fulfil.portal.dashboard")}
      </NavLink>
      <NavLink to={`/coop/${slug}/products`}>{t("fulfil.portal.products")}</NavLink>
      <NavLink to={`/coop/${slug}/shipments`}>{t("fulfil.portal.shipments")}</NavLink>
      <NavLink to={`/coop/${slug}/transfers`}>{t("counterDesk.transfer.title")}</NavLink>
      <NavLink to={`/coop/${slug}/reviews`}>{t("buyerRatings.coopNav")}</NavLink>
      <NavLink to={`/coop/${slug}/after-sales`}>{t("afterSales.nav.coop")}</NavLink>
    </nav>
  );
}
