import { useFetcher } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useHydrated, useMessage } from "~/utils/page-frame";

export interface AddToCartResult {
  ok: boolean;
  quantity?: number;
  trimmed?: boolean;
  error?: string;
}

/**
 * A plain form that posts to /cart. With JavaScript it goes through a fetcher (the page
 * stays, the header count moves at once); without, the browser posts and lands on the cart.
 */
export function AddToCart({
  productId,
  name,
  withQuantity = false,
  max = 99,
  size = "small",
  buyNow = null,
}: {
  productId: number;
  name: string;
  withQuantity?: boolean;
  max?: number;
  size?: "small" | "large";
  /** the label of a second button that adds the item and goes on to checkout (立即购买) */
  buyNow?: string | null;
}) {
  const { t } = useTranslation();
  const message = useMessage();
  const hydrated = useHydrated();
  const fetcher = useFetcher<AddToCartResult>({ key: `add-${productId}` });
  const busy = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <fetcher.Form method="post" action="/cart" className="add-to-cart">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      {hydrated ? <input type="hidden" name="stay" value="1" /> : null}
      {withQuantity ? (
        <label className="qty-field">
          <span>{t("cart.quantity")}</span>
          <input
            type="number"
            name="quantity"
            defaultValue={1}
            min={1}
            max={Math.min(99, max)}
            inputMode="numeric"
            required
          />
        </label>
      ) : (
        <input type="hidden" name="quantity" value="1" />
      )}
      <button
        type="submit"
        className={size === "large" ? "button button--large" : "button button--small"}
        aria-label={withQuantity ? undefined : t("product.addNamed", { name })}
        disabled={busy}
      >
        {busy ? t("product.adding") : result?.ok ? t("product.added") : t("product.add")}
      </button>
      {buyNow ? (
        <button
          type="submit"
          name="then"
          value="checkout"
          className="button button--large button--buy-now"
          disabled={busy}
        >
          {buyNow}
        </button>
      ) : null}
      <p className="add-to-cart__status" role="status" aria-live="polite">
        {result?.ok && result.trimmed ? t("cart.trimmed", { quantity: result.quantity }) : null}
        {result && !result.ok ? message(result.error, { max: 99 }, "cart.invalid") : null}
      </p>
    </fetcher.Form>
  );
}
