import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NOTE_MAX, REASON_MAX } from "~/domain/aid/review-input";
import { approvalWillBeRefused } from "~/domain/aid/review-rules";
import type { ReviewDetail } from "~/domain/aid/reviews.server";
import { TextAreaField } from "~/components/field";
import { useMessage } from "~/i18n/use-message";
import type { FormReply } from "~/utils/forms";
import { shanghaiDateTime } from "~/utils/time";

/** A form reply that also says which of the two forms (approve, reject) it answers. */
export type DecisionReply = FormReply & { intent: string };

/** Approve or reject while the review waits; afterwards, who decided and why. */
export function DecisionPanel({
  review,
  officerName,
  reply,
}: {
  review: ReviewDetail;
  officerName: string;
  reply: DecisionReply | undefined;
}) {
  const { t } = useTranslation();
  return (
    <aside className="office-panel" aria-labelledby="decide-title">
      {review.status === "pending" ? (
        <>
          <h2 id="decide-title">{t("review.detail.decideTitle")}</h2>
          <p className="muted">{t("review.detail.signedAs", { name: officerName })}</p>
          <ApproveForm
            reply={reply?.intent === "approve" ? reply : undefined}
            warnNoCertificate={approvalWillBeRefused(review)}
          />
          <RejectForm reply={reply?.intent === "reject" ? reply : undefined} />
        </>
      ) : (
        <DecidedSummary review={review} />
      )}
    </aside>
  );
}

function ApproveForm({
  reply,
  warnNoCertificate,
}: {
  reply: DecisionReply | undefined;
  warnNoCertificate: boolean;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="decision" aria-labelledby="approve-title">
      <h3 id="approve-title">{t("review.detail.approveTitle")}</h3>
      <p className="field-hint">{t("review.detail.approveHelp")}</p>
      {reply?.formError ? (
        <p className="alert alert--error" role="alert" data-testid="approve-error">
          {message(reply.formError)}
        </p>
      ) : null}
      {warnNoCertificate && !reply?.formError ? (
        <p className="field-error">{t("review.detail.notEligible")}</p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="approve" />
        <TextAreaField
          rows={3}
          name="note"
          label={t("review.detail.note")}
          hint={t("review.detail.noteHint")}
          error={reply?.errors.note}
          defaultValue={reply?.values.note}
          maxLength={NOTE_MAX}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("review.detail.approve")}
        </button>
      </Form>
    </section>
  );
}

function RejectForm({ reply }: { reply: DecisionReply | undefined }) {
  const { t } = useTranslation();
  const message = useMessage();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="decision" aria-labelledby="reject-title">
      <h3 id="reject-title">{t("review.detail.rejectTitle")}</h3>
      <p className="field-hint">{t("review.detail.rejectHelp")}</p>
      {reply?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(reply.formError)}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="reject" />
        <TextAreaField
          rows={3}
          name="reason"
          label={t("review.detail.rejectReason")}
          error={reply?.errors.reason}
          defaultValue={reply?.values.reason}
          required
          maxLength={REASON_MAX}
        />
        <button type="submit" className="button button--danger" disabled={busy}>
          {t("review.detail.reject")}
        </button>
      </Form>
    </section>
  );
}

function DecidedSummary({ review: r }: { review: ReviewDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <h2 id="decide-title">{t("review.detail.decidedTitle")}</h2>
      <p>
        <span className={`status status--${r.status}`}>{t(`review.status.${r.status}`)}</span>
      </p>
      {r.decidedByName && r.decidedAt ? (
        <p data-testid="decided-by">
          {t("review.detail.decidedBy", {
            name: r.decidedByName,
            at: shanghaiDateTime(r.decidedAt),
          })}
        </p>
      ) : null}
      {r.decisionNote ? <p>{t("review.detail.decisionNote", { note: r.decisionNote })}</p> : null}
      <p>
        <Link to="/aid/reviews">{t("review.detail.backToQueue")}</Link>
      </p>
    </>
  );
}
