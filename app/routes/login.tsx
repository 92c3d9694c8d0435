import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authenticate } from "~/domain/auth/accounts.server";
import { loginSchema } from "~/domain/auth/auth-input";
import { DomainError } from "~/domain/errors";
import { LoginField } from "~/components/account-fields";
import { Field } from "~/components/field";
import { useMessage } from "~/i18n/use-message";
import { clientIpOf } from "~/load-context";
import { domainErrorReply, invalidForm, parseForm, type FormReply } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin, safeRedirectPath } from "~/utils/security.server";
import { getUser, homeFor, signIn } from "~/utils/session.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.login"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (user) {
    const to = new URL(request.url).searchParams.get("redirectTo");
    throw redirect(safeRedirectPath(to, homeFor(user.role)));
  }
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(loginSchema, await readFormData(request), {
    unscreened: ["redirectTo"],
  });
  if (!parsed.ok) return invalidForm({ ...parsed, values: { ...parsed.values, password: "" } });
  const values = { login: parsed.data.login };
  try {
    const userId = await authenticate(db, {
      login: parsed.data.login,
      password: parsed.data.password,
      ip: clientIpOf(context),
    });
    const { headers, user } = await signIn(request, userId);
    return redirect(safeRedirectPath(parsed.data.redirectTo, homeFor(user.role)), { headers });
  } catch (error) {
    // A disabled account is told so on this form, not sent to a page it may not see.
    if (error instanceof DomainError && error.status === 403)
      return json<FormReply>({ errors: {}, values, formError: error.code }, { status: 403 });
    return domainErrorReply(error, values);
  }
}

export default function Login() {
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const redirectTo = params.get("redirectTo") ?? "";
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth.loginTitle")}</h1>
      <p className="muted">{t("auth.loginLead")}</p>
      {params.get("reset") === "1" ? (
        <p className="alert alert--success">{t("auth.resetDone")}</p>
      ) : null}
      {params.get("everywhere") === "1" ? (
        <p className="alert alert--success">{t("auth.loggedOutEverywhere")}</p>
      ) : null}
      {data?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(data.formError, data.params?._form)}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <LoginField error={data?.errors.login} defaultValue={data?.values.login} />
        <Field
          name="password"
          label={t("auth.password")}
          error={data?.errors.password}
          type="password"
          required
          autoComplete="current-password"
        />
        <button type="submit" className="button">
          {t("auth.submitLogin")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("auth.forgot")}</Link>
      </p>
      <p>
        {t("auth.noAccount")}{" "}
        <Link to={`/signup${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`}>
          {t("auth.signup")}
        </Link>
      </p>
    </section>
  );
}
