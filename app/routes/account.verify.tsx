import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { confirmVerification } from "~/domain/auth/verification.server";
import { DomainError } from "~/domain/errors";
import { useMessage } from "~/i18n/use-message";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
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
  requireSameOrigin(request);
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const parsed = z
    .object({ token: z.string().min(10) })
    .safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ error: "auth.errors.verifyInvalid" }, { status: 400 });
  try {
    await confirmVerification(db, { userId: user.id, token: parsed.data.token });
  } catch (error) {
    if (error instanceof DomainError) return json({ error: error.code }, { status: error.status });
    throw error;
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
      {data?.error ? (
        <p className="alert alert--error" role="alert">
          {message(data.error)}
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
