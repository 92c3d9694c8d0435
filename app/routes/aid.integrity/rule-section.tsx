import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Money } from "~/components/money";
import { TableScroll } from "~/components/table-scroll";
import type { FlagOrderChannel } from "~/domain/aid/flag-channels.server";
import type { Flag, IntegrityRule, RuleFlags } from "~/domain/aid/integrity.server";
import { shanghaiDateTime } from "~/utils/time";
import { useFlagWhy } from "./flag-why";

/** One rule: what it looks for, then each flag it raised with the orders behind it. */
export function RuleSection({
  rule,
  result,
  channels,
  linkOrders,
}: {
  rule: IntegrityRule;
  result: RuleFlags;
  /** where each named order was sold: online or a counter's till */
  channels: Record<string, FlagOrderChannel>;
  linkOrders: boolean;
}) {
  const { t } = useTranslation();
  return (
    <section className="section" id={`rule-${rule}`} aria-labelledby={`rule-${rule}-title`}>
      <h2 id={`rule-${rule}-title`}>
        {t(`aidExtra.integrity.rules.${rule}.title`)}{" "}
        <span className="reason-chip">
          {t("aidExtra.integrity.count", { count: result.total })}
        </span>
      </h2>
      <p className="muted">{t(`aidExtra.integrity.rules.${rule}.rule`)}</p>
      {result.flags.length ? (
        <>
          {result.total > result.flags.length ? (
            <p className="muted">
              {t("aidExtra.integrity.shown", { total: result.total, shown: result.flags.length })}
            </p>
          ) : null}
          <div data-testid={`flags-${rule}`}>
            {result.flags.map((flag) => (
              <FlagPanel key={flag.id} flag={flag} channels={channels} linkOrders={linkOrders} />
            ))}
          </div>
        </>
      ) : (
        <p className="empty">{t("aidExtra.integrity.none")}</p>
      )}
    </section>
  );
}

function FlagPanel({
  flag,
  channels,
  linkOrders,
}: {
  flag: Flag;
  channels: Record<string, FlagOrderChannel>;
  linkOrders: boolean;
}) {
  const { t, i18n } = useTranslation();
  const why = useFlagWhy(i18n.language);
  return (
    <article className="office-panel" data-flag={flag.id}>
      <p className="integrity-why" id={`flag-${flag.id}-why`}>
        {why(flag.reason)}
      </p>
      <TableScroll labelledBy={`flag-${flag.id}-why`}>
        <table className="certs">
          <thead>
            <tr>
              <th scope="col">{t("aidExtra.integrity.order")}</th>
              <th scope="col">{t("aidExtra.integrity.at")}</th>
              <th scope="col">{t("dash.entries.columns.channel")}</th>
              <th scope="col" className="num">
                {t("aidExtra.integrity.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {flag.orders.map((order) => (
              <tr key={`${order.number}-${order.at}`}>
                <td className="nowrap">
                  {linkOrders ? (
                    <Link to={`/admin/orders/${order.number}`}>{order.number}</Link>
                  ) : (
                    <span className="order-number">{order.number}</span>
                  )}
                </td>
                <td className="nowrap">{order.at ? shanghaiDateTime(order.at) : ""}</td>
                <td data-testid="flag-channel">
                  {channels[order.number]?.channel === "counter"
                    ? (channels[order.number]?.counter ?? t("dash.labels.channel.counter"))
                    : t("dash.labels.channel.online")}
                </td>
                <td className="num">
                  <Money fen={order.amountFen} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {flag.moreOrders ? (
        <p className="muted">{t("aidExtra.integrity.moreOrders", { count: flag.moreOrders })}</p>
      ) : null}
    </article>
  );
}
