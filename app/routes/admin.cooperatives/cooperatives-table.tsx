import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import type { AdminCooperative } from "~/domain/admin/admin.server";

/** Every producer on the platform, with its products and managers. */
export function CooperativesTable({ cooperatives }: { cooperatives: AdminCooperative[] }) {
  const { t } = useTranslation();
  return (
    <section className="section" aria-labelledby="coops-list-title">
      <h2 id="coops-list-title">
        {t("admin.cooperatives.listTitle", { count: cooperatives.length })}
      </h2>
      {cooperatives.length ? (
        <TableScroll labelledBy="coops-list-title">
          <table className="certs" data-testid="cooperatives">
            <thead>
              <tr>
                <th scope="col">{t("admin.cooperatives.name")}</th>
                <th scope="col">{t("admin.cooperatives.slug")}</th>
                <th scope="col">{t("admin.cooperatives.county")}</th>
                <th scope="col">{t("admin.cooperatives.kind")}</th>
                <th scope="col" className="num">
                  {t("admin.cooperatives.farmers")}
                </th>
                <th scope="col" className="num">
                  {t("admin.cooperatives.founded")}
                </th>
                <th scope="col" className="num">
                  {t("admin.cooperatives.products")}
                </th>
                <th scope="col" className="num">
                  {t("admin.cooperatives.managers")}
                </th>
              </tr>
            </thead>
            <tbody>
              {cooperatives.map((c) => (
                <tr key={c.id}>
                  <td className="certs__name">
                    <Link to={`/cooperatives/${c.slug}`}>{c.name}</Link>
                  </td>
                  <td>
                    <code>{c.slug}</code>
                  </td>
                  <td className="nowrap">{c.countyName}</td>
                  <td className="nowrap">{t(`admin.kinds.${c.kind}`)}</td>
                  <td className="num">{c.farmersReached}</td>
                  <td className="num">{c.foundedYear}</td>
                  <td className="num">{c.productCount}</td>
                  <td className="num">{c.managerCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="empty">{t("admin.cooperatives.empty")}</p>
      )}
    </section>
  );
}
