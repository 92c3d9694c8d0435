import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { createAccount, parseLogin } from "~/domain/auth/accounts.server";
import { signupSchema } from "~/domain/auth/auth-input";
import { outboxMailer } from "~/domain/auth/mailer.server";
import { sendVerification } from "~/domain/auth/verification.server";
import { LoginField, NewPasswordFields } from "~/components/account-fields";
import { Field } from "~/components/field";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin, safeRedirectPath } from "~/utils/security.server";
import { getUser, signIn } from "~/utils/session.server";
import { pageMeta } from "~/utils/meta";
import { publicOrigin } from "~/utils/env.server";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.signup"));

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(signupSchema, await readFormData(request), {
    unscreened: ["redirectTo"],
  });
  const keep = (values: Record<string, string>) => ({
    login: values.login ?? "",
    name: values.name ?? "",
  });
  if (!parsed.ok) return invalidForm({ errors: parsed.errors, values: keep(parsed.values) });
  if (!parseLogin(parsed.data.login))
    return invalidForm({ errors: { login: "auth.errors.login" }, values: keep(parsed.data) });
  try {
    const userId = await createAccount(db, parsed.data);
    const channel = parseLogin(parsed.data.login)?.kind ?? "email";
    await sendVerification(db, { userId, channel, origin: publicOrigin() }, outboxMailer);
    const { headers } = await signIn(request, userId);
    return redirect(safeRedirectPath(parsed.data.redirectTo, "/account?sent=1"), { headers });
  } catch (error) {
    return domainErrorReply(error, keep(parsed.data));
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
        <LoginField error={data?.errors.login} defaultValue={data?.values.login} />
        <Field
          name="name"
          label={t("auth.name")}
          error={data?.errors.name}
          defaultValue={data?.values.name}
          required
          autoComplete="nickname"
          maxLength={30}
        />
        <NewPasswordFields errors={data?.errors} />
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
