import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePassword, revokeOtherSessions } from "~/domain/account/password-change.server";
import { changePasswordSchema, passwordIntentSchema } from "~/domain/account/password-input";
import { MIN_PASSWORD_LENGTH } from "~/domain/auth/password-rules";
import { Field } from "~/components/field";
import { IntentButton } from "~/components/intent-button";
import { useMessage } from "~/i18n/use-message";
import { clientIpOf } from "~/load-context";
import accountBookCss from "~/styles/account-book.css";
import { domainErrorReply, invalidForm, parseForm, type FormReply } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { readSessionToken } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountBookCss }];

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.accountPassword"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({}, { headers: { "Cache-Control": "private, no-store" } });
}

type Done = { notice: string; count: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  // requireUser found the session, so the cookie holds its token
  const sessionToken = (await readSessionToken(request)) ?? "";
  const formData = await readFormData(request);
  const intent = parseForm(passwordIntentSchema, formData);
  if (!intent.ok) return invalidForm(intent);
  if (intent.data.intent === "logoutOthers") {
    const count = await revokeOtherSessions(db, user.id, sessionToken);
    return json<Done>({ notice: "accountBook.password.othersDone", count });
  }
  const parsed = parseForm(changePasswordSchema, formData);
  // passwords are never sent back into the page
  if (!parsed.ok)
    return invalidForm({ ...parsed, values: { logoutOthers: parsed.values.logoutOthers ?? "" } });
  try {
    const count = await changePassword(db, {
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.newPassword,
      logoutOthers: parsed.data.logoutOthers,
      sessionToken,
      ip: clientIpOf(context),
    });
    return json<Done>({
      notice: parsed.data.logoutOthers
        ? "accountBook.password.changedOthers"
        : "accountBook.password.changed",
      count,
    });
  } catch (error) {
    return domainErrorReply(error, { logoutOthers: parsed.data.logoutOthers ? "1" : "" });
  }
}

function PasswordForm({ reply }: { reply: FormReply | null }) {
  const { t } = useTranslation();
  const submitting = useNavigation().state === "submitting";
  const errors = reply?.errors ?? {};
  return (
    <Form method="post" noValidate className="narrow-form">
      <input type="hidden" name="intent" value="change" />
      <Field
        name="currentPassword"
        type="password"
        label={t("accountBook.password.current")}
        error={errors.currentPassword}
        required
        autoComplete="current-password"
      />
      <Field
        name="newPassword"
        type="password"
        label={t("accountBook.password.new")}
        error={errors.newPassword}
        required
        autoComplete="new-password"
        hint={t("accountBook.password.newHint", { min: MIN_PASSWORD_LENGTH })}
      />
      <Field
        name="passwordConfirm"
        type="password"
        label={t("accountBook.password.confirm")}
        error={errors.passwordConfirm}
        required
        autoComplete="new-password"
      />
      <label className="opt-in">
        <input
          type="checkbox"
          name="logoutOthers"
          value="1"
          defaultChecked={reply ? reply.values.logoutOthers === "1" : true}
        />
        <span>{t("accountBook.password.logoutOthers")}</span>
      </label>
      <button type="submit" className="button" disabled={submitting}>
        {t("accountBook.password.submit")}
      </button>
    </Form>
  );
}

export default function ChangePassword() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const message = useMessage();
  const done = data && "notice" in data ? data : null;
  const reply = data && "errors" in data ? data : null;
  return (
    <div className="account">
      <p>
        <Link to="/account">{t("accountBook.backToAccount")}</Link>
      </p>
      <h1>{t("accountBook.password.title")}</h1>
      {done ? (
        <p className="alert alert--success" role="status">
          {message(done.notice, { count: done.count })}
        </p>
      ) : null}
      {reply?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(reply.formError, reply.params?._form)}
        </p>
      ) : null}
      {/* a fresh form after a change, so no password stays in the fields */}
      <PasswordForm key={done ? "done" : "form"} reply={reply} />
      <section className="section" aria-labelledby="others-title">
        <h2 id="others-title">{t("accountBook.password.othersTitle")}</h2>
        <p className="muted">{t("accountBook.password.othersHint")}</p>
        <IntentButton intent="logoutOthers" className="button button--ghost">
          {t("accountBook.password.othersButton")}
        </IntentButton>
      </section>
    </div>
  );
}
