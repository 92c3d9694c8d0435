import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verifyLinkSchema } from "~/domain/auth/verification-input";
import { confirmVerification } from "~/domain/auth/verification.server";
import { useMessage } from "~/i18n/use-message";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.verify"),
    () => [NOINDEX],
  );

// The link only shows a button: following a link must not change anything (mail
// scanners open links), the POST does.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ token: new URL(request.url).searchParams.get("token") ?? "" });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(verifyLinkSchema, await readFormData(request));
  // a link that is not one says so as a whole, as a spent one does: there is no field to fix
  if (!parsed.ok) return invalidForm(parsed, { formError: "auth.errors.verifyInvalid" });
  try {
    await confirmVerification(db, { userId: user.id, token: parsed.data.token });
  } catch (error) {
    return domainErrorReply(error, {});
  }
  return redirect("/account");
}

export default function Verify() {
  const { token } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation();
  const message = useMessage();
  return (
    <section className="narrow" aria-labelledby="verify-title">
      <h1 id="verify-title">{t("auth.verifyTitle")}</h1>
      {data?.formError ? (
        <p className="alert alert--error" role="alert">
          {message(data.formError)}
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button">
          {t("auth.verifyConfirm")}
        </button>
      </Form>
    </section>
  );
}
