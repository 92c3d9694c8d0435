import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createAccount, parseLogin } from "~/domain/auth/accounts.server";
import { signupSchema } from "~/domain/auth/auth-input";
import { outboxMailer } from "~/domain/auth/mailer.server";
import { sendVerification } from "~/domain/auth/verification.server";
import { DomainError } from "~/domain/errors";
import { Field } from "~/components/field";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { storeContext } from "~/utils/request.server";
import { requireSameOrigin, safeRedirectPath } from "~/utils/security.server";
import { getUser, signIn } from "~/utils/session.server";
import { pageMeta } from "~/utils/meta";
import { publicOrigin } from "~/utils/env.server";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.signup"));

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  return json({});
}

type SignupData = { errors: FieldErrors; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(signupSchema, await request.formData());
  const keep = (values: Record<string, string>) => ({
    login: values.login ?? "",
    name: values.name ?? "",
  });
  if (!parsed.ok)
    return json<SignupData>(
      { errors: parsed.errors, values: keep(parsed.values) },
      { status: 400 },
    );
  if (!parseLogin(parsed.data.login)) {
    return json<SignupData>(
      { errors: { login: "auth.errors.login" }, values: keep(parsed.data) },
      { status: 400 },
    );
  }
  try {
    const userId = await createAccount(db, parsed.data);
    const channel = parseLogin(parsed.data.login)?.kind ?? "email";
    await sendVerification(db, { userId, channel, origin: publicOrigin() }, outboxMailer);
    const { headers } = await signIn(request, userId);
    return redirect(safeRedirectPath(parsed.data.redirectTo, "/account?sent=1"), { headers });
  } catch (error) {
    if (error instanceof DomainError && error.field) {
      return json<SignupData>(
        { errors: { [error.field]: error.code }, values: keep(parsed.data) },
        { status: error.status },
      );
    }
    throw error;
  }
}

export default function Signup() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <section className="narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("auth.signupTitle")}</h1>
      <p className="muted">{t("auth.signupLead")}</p>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          name="login"
          label={t("auth.loginField")}
          error={data?.errors.login}
          defaultValue={data?.values.login}
          required
          autoComplete="username"
        />
        <Field
          name="name"
          label={t("auth.name")}
          error={data?.errors.name}
          defaultValue={data?.values.name}
          required
          autoComplete="nickname"
          maxLength={30}
        />
        <Field
          name="password"
          label={t("auth.password")}
          error={data?.errors.password}
          type="password"
          required
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
        />
        <Field
          name="passwordConfirm"
          label={t("auth.passwordConfirm")}
          error={data?.errors.passwordConfirm}
          type="password"
          required
          autoComplete="new-password"
        />
        <button type="submit" className="button">
          {t("auth.submitSignup")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/login">{t("auth.login")}</Link>
      </p>
    </section>
  );
}
