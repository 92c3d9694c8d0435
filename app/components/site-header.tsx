import { Form, Link, NavLink, useFetchers, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { Role } from "#db/schema";
import type { Locale } from "~/i18n/config";
import { Logo } from "./logo";

const PORTAL = {
  coop_manager: { to: "/coop", label: "nav.coopPortal" },
  aid_officer: { to: "/aid", label: "nav.aidOffice" },
  admin: { to: "/admin", label: "nav.admin" },
  counter_staff: { to: "/counter", label: "nav.counterDesk" },
} as const;

export function SiteHeader({
  cartCount,
  locale,
  user,
}: {
  cartCount: number;
  locale: Locale;
  user: { name: string; role: Role } | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  // Optimistic count: add-to-cart requests still in flight are counted already.
  const pending = useFetchers()
    .filter((f) => f.formData?.get("intent") === "add" && f.formAction === "/cart")
    .reduce((n, f) => n + (Number(f.formData?.get("quantity")) || 1), 0);
  const q = new URLSearchParams(location.search).get("q") ?? "";
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t("layout.homeLabel")}>
          <Logo />
          <span className="brand__name">{t("brand.name")}</span>
          <span className="brand__tag">{t("brand.tagline")}</span>
        </Link>
        <Form method="get" action="/products" className="search" role="search">
          <label htmlFor="site-search" className="visually-hidden">
            {t("search.label")}
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            defaultValue={location.pathname === "/products" ? q : ""}
            placeholder={t("search.placeholder")}
            maxLength={50}
          />
          <button type="submit">{t("search.submit")}</button>
        </Form>
        {/* The cart and the language switch sit beside the brand, so on a phone they are
            never pushed off screen by the links; the links wrap onto more lines instead. */}
        <div className="site-header__tools">
          <Form method="post" action="/language" reloadDocument className="lang-switch">
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <input type="hidden" name="lng" value={locale === "en" ? "zh-CN" : "en"} />
            <button type="submit" lang={locale === "en" ? "zh-CN" : "en"}>
              {locale === "en" ? "中文" : "English"}
            </button>
          </Form>
          <NavLink to="/cart" className="cart-link" data-testid="cart-link">
            {t("nav.cart")}
            <span
              className="cart-count"
              aria-label={t("nav.cartCount", { count: cartCount + pending })}
            >
              {cartCount + pending}
            </span>
          </NavLink>
        </div>
        <nav aria-label={t("layout.mainNav")} className="main-nav">
          <NavLink to="/products">{t("nav.products")}</NavLink>
          <NavLink to="/collections/green-organic-qinghai">{t("nav.greenCounter")}</NavLink>
          {user ? null : <NavLink to="/orders/lookup">{t("nav.orders")}</NavLink>}
          {user && user.role !== "shopper" ? (
            <NavLink to={PORTAL[user.role].to}>{t(PORTAL[user.role].label)}</NavLink>
          ) : null}
          {user ? (
            <NavLink to="/account" data-testid="account-link">
              {t("nav.account")}
            </NavLink>
          ) : (
            <NavLink to="/login">{t("nav.login")}</NavLink>
          )}
        </nav>
      </div>
    </header>
  );
}
