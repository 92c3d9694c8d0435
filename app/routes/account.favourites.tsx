import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { favouriteSchema } from "~/domain/account/favourite-input";
import { listFavourites, setFavourite } from "~/domain/account/favourites.server";
import { ProductCard } from "~/components/product-card";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useMessage } from "~/i18n/use-message";
import { domainErrorReply, invalidForm, parseForm } from "~/utils/forms";
import { requireUser } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { readFormData, storeContext } from "~/utils/request.server";
import { safeRedirectPath } from "~/utils/security.server";

export const meta: MetaFunction = (args) =>
  pageMeta(
    args,
    (t) => t("titles.favourites"),
    () => [NOINDEX],
  );

const HERE = "/account/favourites";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, locale } = await storeContext(request);
  return json(
    { favourites: await listFavourites(db, user.id, locale) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** Saves or removes a favourite, then back where the button was (post/redirect/get). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { db } = await storeContext(request);
  const parsed = parseForm(favouriteSchema, await readFormData(request));
  if (!parsed.ok) return invalidForm(parsed);
  const { productId, favourite, redirectTo } = parsed.data;
  try {
    await setFavourite(db, { userId: user.id, productId, favourite });
  } catch (error) {
    return domainErrorReply(error, {});
  }
  const back = safeRedirectPath(redirectTo, HERE);
  return redirect(back === HERE && !favourite ? `${HERE}?removed=1` : back);
}

export default function Favourites() {
  const { favourites } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const message = useMessage();
  const refusal = reply ? (reply.formError ?? Object.values(reply.errors)[0]) : undefined;
  return (
    <div className="account favourites">
      <nav aria-label={t("layout.breadcrumb")} className="breadcrumb">
        <Link to="/account">{t("favourites.backToAccount")}</Link>
      </nav>
      <h1>{t("favourites.title")}</h1>
      <p className="section__lead">{t("favourites.lead")}</p>
      {refusal ? (
        <p className="alert alert--error" role="alert">
          {message("favourites.error")}
        </p>
      ) : params.get("removed") === "1" ? (
        <p className="alert alert--success" role="status">
          {t("favourites.removed")}
        </p>
      ) : null}
      {favourites.length ? (
        <div className="grid" data-testid="favourites">
          {favourites.map((product) => (
            <div key={product.id} className="favourites__item">
              <ProductCard product={product} headingLevel={2} />
              <Form method="post" className="favourite-form">
                <input type="hidden" name="productId" value={product.id} />
                <input type="hidden" name="favourite" value="0" />
                <button
                  type="submit"
                  className="button button--ghost button--small"
                  aria-label={t("productPage.favourite.removeNamed", { name: product.name })}
                >
                  {t("favourites.remove")}
                </button>
              </Form>
            </div>
          ))}
        </div>
      ) : (
        <p className="empty">
          {t("favourites.empty")} <Link to="/products">{t("favourites.browse")}</Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
