import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { shanghaiDateTime } from "~/utils/time";

/** How many reviews wait, and since when: the first thing an officer may have to do. */
export function PendingStat({ pending }: { pending: { count: number; oldestAt: string | null } }) {
  const { t } = useTranslation();
  return (
    <ul className="stats">
      <li className={pending.count ? "stat stat--attention" : "stat"}>
        <span className="stat__label">{t("dash.pending.title")}</span>
        <Link className="stat__value" to="/aid/reviews" data-testid="pending-count">
          {pending.count}
        </Link>
        <p className="stat__more">
          {pending.oldestAt
            ? t("dash.pending.oldest", { at: shanghaiDateTime(pending.oldestAt) })
            : t("dash.pending.none")}{" "}
          {pending.count ? <Link to="/aid/reviews">{t("dash.pending.open")}</Link> : null}
        </p>
      </li>
    </ul>
  );
}
