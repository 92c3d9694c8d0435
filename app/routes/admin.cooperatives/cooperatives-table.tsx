import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ColumnHeads } from "~/components/column-heads";
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
            <ColumnHeads
              columns={[
                { label: t("admin.cooperatives.name") },
                { label: t("admin.cooperatives.slug") },
                { label: t("admin.cooperatives.county") },
                { label: t("admin.cooperatives.kind") },
                { label: t("admin.cooperatives.farmers"), numeric: true },
                { label: t("admin.cooperatives.founded"), numeric: true },
                { label: t("admin.cooperatives.products"), numeric: true },
                { label: t("admin.cooperatives.managers"), numeric: true },
              ]}
            />
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
