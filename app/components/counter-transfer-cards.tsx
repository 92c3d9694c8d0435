// The counter desk's transfer cards (ADR 049): one still to receive, with a quantity and a
// reason per line, and one received, with its differences (/counter/transfers); and a
// cooperative's view of what it sent (/coop/:coop/transfers).
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "~/components/form-alert";
import { TableScroll } from "~/components/table-scroll";
import { REASON_MAX } from "~/domain/counters/desk-input";
import type { TransferView } from "~/domain/counters/transfers.server";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { shanghaiDateTime } from "~/utils/time";

function Lines({ transfer }: { transfer: TransferView }) {
  const { t } = useTranslation();
  const headId = `received-${transfer.id}-goods`;
  return (
    <TableScroll labelledBy={headId}>
      <table className="data-table">
        <caption id={headId} className="visually-hidden">
          {t("counterDesk.receive.transfer", { id: transfer.id })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("counterDesk.receive.product")}</th>
            <th scope="col" className="num">
              {t("counterDesk.receive.sent")}
            </th>
            <th scope="col" className="num">
              {t("counterDesk.receive.received")}
            </th>
            <th scope="col" className="num">
              {t("counterDesk.receive.difference")}
            </th>
            <th scope="col">{t("counterDesk.receive.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {transfer.lines.map((l) => {
            const diff = (l.received ?? l.sent) - l.sent;
            return (
              <tr key={l.productId} className={diff ? "attention" : undefined}>
                <td>
                  {l.name} <span className="muted">{l.unit}</span>
                </td>
                <td className="num">{l.sent}</td>
                <td className="num">{l.received ?? ""}</td>
                <td className="num">{diff > 0 ? `+${diff}` : diff}</td>
                <td>{l.reason ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function ReceiveLine({
  transferId,
  line: l,
  reply,
}: {
  transferId: number;
  line: TransferView["lines"][number];
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const qtyId = `qty-${transferId}-${l.productId}`;
  const reasonId = `reason-${transferId}-${l.productId}`;
  const qtyError = reply?.errors[`qty-${l.productId}`];
  const reasonError = reply?.errors[`reason-${l.productId}`];
  return (
    <fieldset className="count-line">
      <legend>
        {l.name} <span className="muted">{l.unit}</span> ·{" "}
        <span className="nowrap">
          {t("counterDesk.receive.sent")} {l.sent}
        </span>
      </legend>
      <div className={qtyError ? "field field--invalid" : "field"}>
        <label htmlFor={qtyId}>{t("counterDesk.receive.received")}</label>
        <input
          id={qtyId}
          name={`qty-${l.productId}`}
          inputMode="numeric"
          defaultValue={reply?.values[`qty-${l.productId}`] ?? String(l.sent)}
          aria-invalid={qtyError ? true : undefined}
          aria-describedby={qtyError ? `${qtyId}-error` : undefined}
        />
        {qtyError ? (
          <p className="field-error" id={`${qtyId}-error`}>
            {message(qtyError)}
          </p>
        ) : null}
      </div>
      <div className={reasonError ? "field field--invalid" : "field"}>
        <label htmlFor={reasonId}>{t("counterDesk.receive.reason")}</label>
        <input
          id={reasonId}
          name={`reason-${l.productId}`}
          maxLength={REASON_MAX}
          defaultValue={reply?.values[`reason-${l.productId}`] ?? ""}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${reasonId}-error` : undefined}
        />
        {reasonError ? (
          <p className="field-error" id={`${reasonId}-error`}>
            {message(reasonError)}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}

export function ReceiveCard({
  transfer: tr,
  reply,
}: {
  transfer: TransferView;
  reply?: FormReply;
}) {
  const { t } = useTranslation();
  return (
    <article className="office-panel transfer-card" id={`transfer-${tr.id}`}>
      <h3>{t("counterDesk.receive.transfer", { id: tr.id })}</h3>
      <p>
        {t("counterDesk.receive.from")}: {tr.cooperativeName}
        <br />
        <span className="muted">
          {t("counterDesk.receive.sentBy", {
            name: tr.sentByName,
            at: shanghaiDateTime(tr.sentAt),
          })}
        </span>
      </p>
      {tr.note ? (
        <p>
          {t("counterDesk.receive.note")}: {tr.note}
        </p>
      ) : null}
      <FormAlert reply={reply} />
      <Form method="post" className="form receive-form">
        <input type="hidden" name="id" value={tr.id} />
        <p className="field-hint">{t("counterDesk.receive.reasonHint")}</p>
        {tr.lines.map((l) => (
          <ReceiveLine key={l.productId} transferId={tr.id} line={l} reply={reply} />
        ))}
        <button type="submit" className="button">
          {t("counterDesk.receive.receive")}
        </button>
      </Form>
    </article>
  );
}

export function ReceivedCard({ transfer: tr }: { transfer: TransferView }) {
  const { t } = useTranslation();
  return (
    <article className="office-panel transfer-card">
      <h3>{t("counterDesk.receive.transfer", { id: tr.id })}</h3>
      <p>
        {t("counterDesk.receive.from")}: {tr.cooperativeName}
        <br />
        <span className="muted">
          {t("counterDesk.receive.receivedBy", {
            name: tr.receivedByName ?? "",
            at: tr.receivedAt ? shanghaiDateTime(tr.receivedAt) : "",
          })}
        </span>
      </p>
      {tr.lines.every((l) => l.received === l.sent) ? (
        <p>{t("counterDesk.receive.noDifference")}</p>
      ) : null}
      <Lines transfer={tr} />
    </article>
  );
}

/** A cooperative's transfer (/coop/:coop/transfers) with any differences the counter reported. */
export function CoopTransferCard({ transfer: tr }: { transfer: TransferView }) {
  const { t } = useTranslation();
  const diffs = tr.lines.filter((l) => l.received !== null && l.received !== l.sent);
  return (
    <article className="office-panel transfer-card" id={`transfer-${tr.id}`}>
      <h3>
        {t("counterDesk.receive.transfer", { id: tr.id })} → {tr.counterName}
      </h3>
      <p>
        <span className={`status status--${tr.status}`}>
          {t(`counterDesk.transfer.statuses.${tr.status}`)}
        </span>{" "}
        <span className="muted">
          {t("counterDesk.receive.sentBy", {
            name: tr.sentByName,
            at: shanghaiDateTime(tr.sentAt),
          })}
        </span>
      </p>
      <ul className="pickup-lines">
        {tr.lines.map((l) => (
          <li key={l.productId}>
            {l.name} <span className="muted">{l.unit}</span> × {l.sent}
          </li>
        ))}
      </ul>
      {tr.status === "received" ? (
        <p className="muted">
          {t("counterDesk.receive.receivedBy", {
            name: tr.receivedByName ?? "",
            at: tr.receivedAt ? shanghaiDateTime(tr.receivedAt) : "",
          })}
        </p>
      ) : null}
      {tr.status === "received" && diffs.length === 0 ? (
        <p>{t("counterDesk.receive.noDifference")}</p>
      ) : null}
      {diffs.length > 0 ? (
        <>
          <h4>{t("counterDesk.transfer.differences")}</h4>
          <ul className="pickup-lines">
            {diffs.map((l) => {
              const d = (l.received ?? 0) - l.sent;
              return (
                <li key={l.productId} className="attention">
                  {l.name}: {l.sent} → {l.received} ({d > 0 ? `+${d}` : d})
                  {l.reason ? ` · ${l.reason}` : ""}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </article>
  );
}
