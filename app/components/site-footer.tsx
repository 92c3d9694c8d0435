import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <section>
          <h2>{t("footer.aboutTitle")}</h2>
          <p>{t("footer.about")}</p>
        </section>
        <section>
          <h2>{t("footer.pairingsTitle")}</h2>
          <ul>
            <li>
              <Link to="/counties/datong">{t("footer.pairDatong")}</Link>
            </li>
            <li>
              <Link to="/counties/huangyuan">{t("footer.pairHuangyuan")}</Link>
            </li>
            <li>
              <Link to="/counties/huangzhong">{t("footer.pairHuangzhong")}</Link>
            </li>
          </ul>
        </section>
        <section>
          <h2>{t("footer.helpTitle")}</h2>
          <ul>
            <li>
              <Link to="/orders/lookup">{t("nav.orders")}</Link>
            </li>
            <li>
              <Link to="/collections/datong-produce">{t("nav.datongProduce")}</Link>
            </li>
            <li>
              <Link to="/transparency">{t("footer.transparency")}</Link>
            </li>
            <li>
              <Link to="/counters">{t("footer.counters")}</Link>
            </li>
          </ul>
        </section>
      </div>
      <p className="site-footer__note">{t("footer.note")}</p>
    </footer>
  );
}
