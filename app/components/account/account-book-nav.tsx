import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

// Styled with the shared button classes: /account loads no style sheet of its own.
/** /account's links to the address book, the order history and the password page. */
export function AccountBookNav() {
  const { t } = useTranslation();
  return (
    <nav className="section" aria-labelledby="account-book-title">
      <h2 id="account-book-title">{t("accountBook.nav.title")}</h2>
      <div className="button-row">
        <Link to="/account/orders" className="button button--ghost">
          {t("accountBook.nav.orders")}
        </Link>
        <Link to="/account/addresses" className="button button--ghost">
          {t("accountBook.nav.addresses")}
        </Link>
        <Link to="/account/password" className="button button--ghost">
          {t("accountBook.nav.password")}
        </Link>
      </div>
    </nav>
  );
}
