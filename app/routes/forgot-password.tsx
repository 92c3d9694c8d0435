import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forgotSchema } from "~/domain/auth/auth-input";
import { outboxMailer } from "~/domain/auth/mailer.server";
import { requestPasswordReset } from "~/domain/auth/password-reset.server";
import { LoginField } from "~/components/account-fields";
import { invalidForm, parseForm } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { pageMeta } from "~/utils/meta";
import { publicOrigin } from "~/utils/env.server";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.forgotPassword"));

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(forgotSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  await requestPasswordReset(
    db,
    { login: parsed.data.login, origin: publicOrigin() },
    outboxMailer,
  );
  return json({ sent: true as const });
}

export default function Forgot() {
  const data = useActionData<typeof action>();
  const reply = data && "errors" in data ? data : undefined;
  const { t } = useTranslation();
  return (
    <section className="narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth.forgotTitle")}</h1>
      {data && "sent" in data ? (
        <p className="alert alert--success" role="status">
          {t("auth.forgotSent")}
        </p>
      ) : (
        <>
          <p className="muted">{t("auth.forgotLead")}</p>
          <Form method="post" noValidate>
            <LoginField error={reply?.errors.login} defaultValue={reply?.values.login} />
            <button type="submit" className="button">
              {t("auth.submitForgot")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
