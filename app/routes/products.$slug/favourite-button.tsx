import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * 收藏. Personal, so only on pages rendered for a signed-in shopper (`favourite` is then
 * true or false); the shared anonymous page gets a sign-in link that comes back here.
 */
export function FavouriteButton({
  productId,
  name,
  favourite,
}: {
  productId: number;
  name: string;
  favourite: boolean | null;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname;
  if (favourite === null) {
    return (
      <Link
        to={`/login?${new URLSearchParams({ redirectTo: here })}`}
        className="favourite favourite--login"
        data-testid="favourite-login"
      >
        <span aria-hidden="true">♡</span> {t("productPage.favourite.login")}
      </Link>
    );
  }
  return (
    <Form method="post" action="/account/favourites" className="favourite-form">
      <input type="hidden" name="productId" value={productId} />
      <input type="hidden" name="favourite" value={favourite ? "0" : "1"} />
      <input type="hidden" name="redirectTo" value={here} />
      <button
        type="submit"
        className={favourite ? "favourite favourite--on" : "favourite"}
        aria-pressed={favourite}
        aria-label={t(
          favourite ? "productPage.favourite.removeNamed" : "productPage.favourite.addNamed",
          { name },
        )}
        data-testid="favourite-toggle"
      >
        <span aria-hidden="true">{favourite ? "♥" : "♡"}</span>{" "}
        {t(favourite ? "productPage.favourite.remove" : "productPage.favourite.add")}
      </button>
    </Form>
  );
}
