import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { revokeAllSessions } from "~/domain/auth/accounts.server";
import { outboxMailer } from "~/domain/auth/mailer.server";
import { confirmVerification, sendVerification } from "~/domain/auth/verification.server";
import { DomainError } from "~/domain/errors";
import { listUserOrders } from "~/domain/orders/claim.server";
import { Field } from "~/components/field";
import { Money } from "~/components/money";
import { StatusBadge } from "~/components/status-badge";
import { effectiveStatus } from "~/domain/orders/expiry.server";
import { useMessage } from "~/i18n/use-message";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireUser } from "~/utils/guards.server";
import { signOut } from "~/utils/session.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { publicOrigin } from "~/utils/env.server";
import { accountSchema as schema } from "~/domain/auth/auth-input";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.account"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const now = new Date();
  const orders = (await listUserOrders(db, user.id)).map((o) => ({
    ...o,
    status: effectiveStatus(o, now),
  }));
  return json(
    {
      user: {
        name: user.name,
        email: user.email,
        phone: user.phone,
        emailVerified: user.emailVerified,
        phoneVerified: user.phoneVerified,
      },
      orders,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type AccountData = {
  notice?: string;
  params?: Record<string, number>;
  error?: string;
  code?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const form = Object.fromEntries(await readFormData(request));
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    return json<AccountData>(
      { error: parsed.error.issues[0]?.message ?? "forms.invalid", code: String(form.code ?? "") },
      { status: 400 },
    );
  }
  const input = parsed.data;
  try {
    if (input.intent === "logoutAll") {
      await revokeAllSessions(db, user.id);
      return redirect("/login?everywhere=1", { headers: await signOut(request) });
    }
    if (input.intent === "send") {
      await sendVerification(
        db,
        { userId: user.id, channel: input.channel, origin: publicOrigin() },
        outboxMailer,
      );
      return json<AccountData>({ notice: "auth.verifySent" });
    }
    const result = await confirmVerification(db, { userId: user.id, code: input.code });
    return json<AccountData>({
      notice: result.claimed ? "auth.claimed" : "auth.verifyDone",
      params: { count: result.claimed },
    });
  } catch (error) {
    if (error instanceof DomainError)
      return json<AccountData>(
        { error: error.code, code: input.intent === "code" ? input.code : "" },
        { status: error.status },
      );
    throw error;
  }
}

export default function Account() {
  const { user, orders } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const needsPhoneCode = Boolean(user.phone && !user.phoneVerified);
  return (
    <div className="account">
      <h1>{t("auth.greeting", { name: user.name })}</h1>
      {params.get("sent") === "1" && !data ? <p className="alert">{t("auth.verifySent")}</p> : null}
      {data?.notice ? (
        <p className="alert alert--success" role="status">
          {message(data.notice, data.params)}
        </p>
      ) : null}
      {data?.error && data.error !== "auth.errors.code" ? (
        <p className="alert alert--error" role="alert">
          {message(data.error)}
        </p>
      ) : null}

      <p className="alert">
        <Link to="/account/aid">{t("contrib.accountLink")}</Link>
        <br />
        <span className="muted">{t("contrib.accountLinkHint")}</span>
      </p>

      <section className="section" aria-labelledby="orders-title">
        <h2 id="orders-title">{t("auth.myOrders")}</h2>
        {orders.length ? (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("auth.orderNumber")}</th>
                <th scope="col">{t("auth.orderDate")}</th>
                <th scope="col">{t("auth.orderStatus")}</th>
                <th scope="col">{t("auth.orderTotal")}</th>
                <th scope="col">{t("auth.orderAid")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.number} data-testid="account-order">
                  <td>
                    <Link to={`/orders/${o.number}`}>{o.number}</Link>
                  </td>
                  <td>
                    {new Date(o.created_at).toLocaleString(
                      i18n.language === "en" ? "en-GB" : "zh-CN",
                      { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" },
                    )}
                  </td>
                  <td>
                    <StatusBadge status={o.status} />
                  </td>
                  <td>
                    <Money fen={o.total_fen} />
                  </td>
                  <td className="aid-figure">
                    <Money fen={o.aid_eligible_fen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>
            {t("auth.noOrders")} <Link to="/products">{t("cart.browse")}</Link>
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="contact-title">
        <h2 id="contact-title">{t("auth.contact")}</h2>
        <ul className="contact-list">
          {user.email ? (
            <li>
              {user.email} · {user.emailVerified ? t("auth.verified") : t("auth.notVerified")}
              {!user.emailVerified ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="send" />
                  <input type="hidden" name="channel" value="email" />
                  <button type="submit" className="button button--small button--ghost">
                    {t("auth.sendEmailLink")}
                  </button>
                </Form>
              ) : null}
            </li>
          ) : null}
          {user.phone ? (
            <li>
              {user.phone} · {user.phoneVerified ? t("auth.verified") : t("auth.notVerified")}
              {needsPhoneCode ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="send" />
                  <input type="hidden" name="channel" value="phone" />
                  <button type="submit" className="button button--small button--ghost">
                    {t("auth.sendSmsCode")}
                  </button>
                </Form>
              ) : null}
            </li>
          ) : null}
        </ul>
        {needsPhoneCode ? (
          <Form method="post" noValidate className="narrow-form">
            <input type="hidden" name="intent" value="code" />
            <Field
              name="code"
              label={t("auth.code")}
              inputMode="numeric"
              maxLength={6}
              autoComplete="one-time-code"
              defaultValue={data?.code}
              error={
                data?.error === "auth.errors.code" || data?.error === "auth.errors.verifyInvalid"
                  ? data.error
                  : undefined
              }
            />
            <button type="submit" className="button button--small">
              {t("auth.submitCode")}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("auth.logoutEverywhere")}</h2>
        <p className="muted">{t("auth.logoutEverywhereHint")}</p>
        <div className="button-row">
          <Form method="post" action="/logout">
            <button type="submit" className="button button--ghost">
              {t("auth.logout")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="logoutAll" />
            <button type="submit" className="button button--ghost">
              {t("auth.logoutEverywhere")}
            </button>
          </Form>
        </div>
      </section>
    </div>
  );
}
