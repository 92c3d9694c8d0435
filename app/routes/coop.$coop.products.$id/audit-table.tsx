import { useTranslation } from "react-i18next";
import { TableScroll } from "~/components/table-scroll";
import { useLooseTranslation } from "~/i18n/use-message";
import { formatFen } from "~/utils/money";

/** Field labels for the history table, reusing the form's words. */
const FIELD_LABELS: Record<string, string> = {
  priceFen: "portal.form.price",
  stock: "portal.products.stock",
  status: "portal.products.status",
  image: "portal.image.title",
  certifications: "portal.form.sectionCerts",
  category: "portal.form.category",
  nameZh: "portal.form.nameZh",
  nameEn: "portal.form.nameEn",
  summaryZh: "portal.form.summaryZh",
  summaryEn: "portal.form.summaryEn",
  storyZh: "portal.form.storyZh",
  storyEn: "portal.form.storyEn",
  unitZh: "portal.form.unitZh",
  unitEn: "portal.form.unitEn",
  shelfLifeDays: "portal.form.shelfLifeDays",
  coldChain: "portal.form.coldChain",
  storageZh: "portal.form.storageZh",
  storageEn: "portal.form.storageEn",
  harvestSeasonZh: "portal.form.harvestSeasonZh",
  harvestSeasonEn: "portal.form.harvestSeasonEn",
};

/** One recorded value as a person reads it: money, a status, a category's name, a count. */
function useShowValue(categories: Map<string, string>) {
  const { t, i18n } = useTranslation();
  const loose = useLooseTranslation();
  return (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (key === "priceFen" && typeof v === "number") return formatFen(v, i18n.language);
    if (key === "status" && typeof v === "string" && loose.exists(`portal.status.${v}`)) {
      return loose.t(`portal.status.${v}`);
    }
    if (key === "category" && typeof v === "string") return categories.get(v) ?? v;
    if (typeof v === "boolean") return v ? t("portal.audit.yes") : t("portal.audit.no");
    if (Array.isArray(v)) return t("portal.audit.certCount", { count: v.length });
    if (typeof v === "object") return JSON.stringify(v);
    const text = String(v);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  };
}

function Change({
  values,
  categories,
}: {
  values: Record<string, unknown> | null;
  categories: Map<string, string>;
}) {
  const { t } = useLooseTranslation();
  const show = useShowValue(categories);
  if (!values) return null;
  return (
    <ul className="audit-change">
      {Object.entries(values).map(([key, v]) => (
        <li key={key}>
          <span className="muted">{FIELD_LABELS[key] ? t(FIELD_LABELS[key]) : key}</span>{" "}
          {key === "image" && typeof v === "string" && v.startsWith("/") ? (
            <a href={v}>{show("image", v.split("/").slice(-2).join("/"))}</a>
          ) : (
            show(key, v)
          )}
        </li>
      ))}
    </ul>
  );
}

interface AuditRow {
  id: number;
  at: string;
  atIso: string;
  actorName: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  why: string | null;
}

/** The product's history: who changed what, from what to what, and why. */
export function AuditTable({
  audit,
  categories,
}: {
  audit: AuditRow[];
  categories: Array<{ code: string; name: string }>;
}) {
  const { t } = useTranslation();
  const loose = useLooseTranslation();
  const names = new Map(categories.map((c) => [c.code, c.name]));
  const actionName = (action: string) =>
    loose.exists(`portal.audit.actions.${action}`)
      ? loose.t(`portal.audit.actions.${action}`)
      : action;
  return (
    <section aria-labelledby="audit-title" className="portal-audit">
      <h2 id="audit-title">{t("portal.audit.title")}</h2>
      {audit.length ? (
        <TableScroll labelledBy="audit-title">
          <table className="portal-table" data-testid="audit-log">
            <thead>
              <tr>
                <th scope="col">{t("portal.audit.when")}</th>
                <th scope="col">{t("portal.audit.who")}</th>
                <th scope="col">{t("portal.audit.what")}</th>
                <th scope="col">{t("portal.audit.before")}</th>
                <th scope="col">{t("portal.audit.after")}</th>
                <th scope="col">{t("portal.audit.why")}</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((a) => (
                <tr key={a.id}>
                  <td>
                    <time dateTime={a.atIso}>{a.at}</time>
                  </td>
                  <td>{a.actorName}</td>
                  <td>{actionName(a.action)}</td>
                  <td>
                    <Change values={a.before} categories={names} />
                  </td>
                  <td>
                    <Change values={a.after} categories={names} />
                  </td>
                  <td>{a.why ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="muted">{t("portal.audit.empty")}</p>
      )}
    </section>
  );
}
