import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { revokeAllSessions } from "~/domain/auth/accounts.server";
import { outboxMailer } from "~/domain/auth/mailer.server";
import { accountActionSchema } from "~/domain/auth/verification-input";
import { confirmVerification, sendVerification } from "~/domain/auth/verification.server";
import { countLinesAwaitingReview } from "~/domain/buyer-reviews/buyer-review-queries.server";
import { listUserOrders } from "~/domain/orders/claim.server";
import { AccountBookNav } from "~/components/account/account-book-nav";
import { IntentButton } from "~/components/intent-button";
import { useMessage } from "~/i18n/use-message";
import { publicOrigin } from "~/utils/env.server";
import { domainErrorReply, invalidForm, parseForm, type FormReply } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { signOut } from "~/utils/session.server";
import { ContactSection } from "./contact-section";
import { OrdersTable } from "./orders-table";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.account"),
    () => [NOINDEX],
  );

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  return json(
    {
      user: {
        name: user.name,
        email: user.email,
        phone: user.phone,
        emailVerified: user.emailVerified,
        phoneVerified: user.phoneVerified,
      },
      orders: await listUserOrders(db, user.id),
      reviewsWaiting: await countLinesAwaitingReview(db, user.id),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** What went well: a message key and its parameters. */
type Notice = { notice: string; params?: Record<string, number> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(accountActionSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
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
      return json<Notice>({ notice: "auth.verifySent" });
    }
    const result = await confirmVerification(db, { userId: user.id, code: input.code });
    return json<Notice>({
      notice: result.claimed ? "auth.claimed" : "auth.verifyDone",
      params: { count: result.claimed },
    });
  } catch (error) {
    return domainErrorReply(error, { code: input.intent === "code" ? input.code : "" });
  }
}

/** The one message of a refused form: for the whole form, or its first field's. */
const refusalOf = (reply: FormReply | null) =>
  reply ? (reply.formError ?? Object.values(reply.errors)[0]) : undefined;

export default function Account() {
  const { user, orders, reviewsWaiting } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const notice = data && "notice" in data ? data : null;
  const reply = data && "errors" in data ? data : null;
  const error = refusalOf(reply);
  return (
    <div className="account">
      <h1>{t("auth.greeting", { name: user.name })}</h1>
      {params.get("sent") === "1" && !data ? <p className="alert">{t("auth.verifySent")}</p> : null}
      {notice ? (
        <p className="alert alert--success" role="status">
          {message(notice.notice, notice.params)}
        </p>
      ) : null}
      {error && error !== "auth.errors.code" ? (
        <p className="alert alert--error" role="alert">
          {message(error)}
        </p>
      ) : null}
      <p className="alert">
        <Link to="/account/aid">{t("contrib.accountLink")}</Link>
        <br />
        <span className="muted">{t("contrib.accountLinkHint")}</span>
      </p>
      <p className="alert">
        <Link to="/account/institution">{t("contrib.institutionLink")}</Link>
        <br />
        <span className="muted">{t("contrib.institutionLinkHint")}</span>
      </p>
      <AccountBookNav />
      <p className="alert">
        <Link to="/account/reviews">
          {t("buyerReviews.account.link", { count: reviewsWaiting })}
        </Link>
        <br />
        <span className="muted">{t("buyerReviews.account.linkHint")}</span>
      </p>
      <p className="alert">
        <Link to="/account/favourites">{t("favourites.accountLink")}</Link>
        <br />
        <span className="muted">{t("favourites.accountLinkHint")}</span>
      </p>
      <OrdersTable orders={orders} />
      <ContactSection user={user} error={error} typedCode={reply?.values.code} />
      <section className="section" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("auth.logoutEverywhere")}</h2>
        <p className="muted">{t("auth.logoutEverywhereHint")}</p>
        <div className="button-row">
          <Form method="post" action="/logout">
            <button type="submit" className="button button--ghost">
              {t("auth.logout")}
            </button>
          </Form>
          <IntentButton intent="logoutAll" className="button button--ghost">
            {t("auth.logoutEverywhere")}
          </IntentButton>
        </div>
      </section>
    </div>
  );
}
