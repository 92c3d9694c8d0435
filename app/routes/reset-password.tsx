import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resetSchema } from "~/domain/auth/auth-input";
import { resetPassword, resetTokenIsUsable } from "~/domain/auth/password-reset.server";
import { NewPasswordFields } from "~/components/account-fields";
import { useMessage } from "~/i18n/use-message";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.resetPassword"),
    () => [{ name: "referrer", content: "no-referrer" }],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await storeContext(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return json(
    { token, usable: token ? await resetTokenIsUsable(db, token) : false },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(resetSchema, await readFormData(request));
  // The passwords typed are not sent back, and the token is already on the page.
  if (!parsed.ok) return invalidForm({ errors: parsed.errors, values: {} });
  try {
    await resetPassword(db, { token: parsed.data.token, password: parsed.data.password });
  } catch (error) {
    return domainErrorReply(error, {});
  }
  return redirect("/login?reset=1");
}

export default function Reset() {
  const { token, usable } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const message = useMessage();
  if (!usable && !data) {
    return (
      <section className="narrow">
        <h1>{t("auth.resetTitle")}</h1>
        <p className="alert alert--error">{t("auth.errors.resetInvalid")}</p>
        <Link to="/forgot-password">{t("auth.forgot")}</Link>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.resetTitle")}</h1>
      {data?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(data.formError)}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields errors={data?.errors} />
        <button type="submit" className="button">
          {t("auth.submitReset")}
        </button>
      </Form>
    </section>
  );
}
