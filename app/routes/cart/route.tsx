import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  addToCart,
  getCartLines,
  newCartId,
  removeFromCart,
  setCartQuantity,
} from "~/domain/cart/cart.server";
import { MAX_QUANTITY } from "~/domain/cart/limits";
import { cartSchema as schema } from "~/domain/cart/cart-input";
import { cartTotals } from "~/domain/cart/totals";
import { DomainError } from "~/domain/errors";
import { useMessage } from "~/i18n/use-message";
import {
  cartCookie,
  cartNoticeHeader,
  readCartId,
  readCartNotice,
  type CartNotice,
} from "~/utils/cookies.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { pageMeta } from "~/utils/meta";
import { CartLineItem } from "./cart-line";
import { CartSummary } from "./cart-summary";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.cart"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const lines = await getCartLines(db, await readCartId(request), locale);
  const notice = await readCartNotice(request);
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  // shown once: a reload shows the cart as it stands
  if (notice) headers.append("Set-Cookie", await cartNoticeHeader(null));
  return json({ lines, totals: cartTotals(lines), notice }, { headers });
}

/** What a fetcher (add to cart, with JavaScript, `stay=1`) gets back in place. */
type CartActionData = {
  ok: boolean;
  error?: string;
  params?: Record<string, string | number>;
  productId?: number | null;
  quantity?: number | string;
  trimmed?: boolean;
};

const INTENTS = ["add", "update", "remove"] as const;

/** The product a refused post was about, if it names one at all. */
function productIdOf(value: unknown): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/**
 * Form posts are answered with a redirect to /cart (post/redirect/get: a reload never posts
 * again), carrying what happened in a notice for that page. Only the add-to-cart fetcher
 * (`stay=1`) gets its answer in place.
 */
export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const form = Object.fromEntries(await readFormData(request));
  const stay = form.stay === "1";
  const headers = new Headers();
  const back = async (notice: CartNotice | null) => {
    headers.append("Set-Cookie", await cartNoticeHeader(notice));
    return redirect("/cart", { headers });
  };
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "";
    const refusal = {
      error: message.startsWith("cart.") ? message : "cart.invalid",
      productId: productIdOf(form.productId),
      quantity: String(form.quantity ?? "").slice(0, 20),
    };
    if (stay) return json<CartActionData>({ ok: false, ...refusal }, { status: 400 });
    const intent = INTENTS.find((i) => i === form.intent) ?? "update";
    return back({ intent, ...refusal, params: {} });
  }
  const input = parsed.data;
  let cartId = await readCartId(request);
  if (!cartId) {
    cartId = newCartId();
    headers.append("Set-Cookie", await cartCookie().serialize(cartId));
  }
  try {
    if (input.intent === "add") {
      const result = await addToCart(db, cartId, input.productId, input.quantity);
      // buy now: with JavaScript too, a fetcher that is redirected navigates there
      if (input.then === "checkout") return redirect("/checkout", { headers });
      if (stay) return json<CartActionData>({ ok: true, ...result }, { headers });
      return back(
        result.trimmed
          ? { intent: "add", productId: input.productId, trimmed: true, quantity: result.quantity }
          : null,
      );
    }
    if (input.intent === "update") {
      await setCartQuantity(db, cartId, input.productId, input.quantity);
    } else {
      await removeFromCart(db, cartId, input.productId);
    }
    return back(null);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const refusal = {
      error: error.code,
      params: error.params,
      productId: input.productId,
      quantity: "quantity" in input ? String(input.quantity) : "",
    };
    if (stay) {
      return json<CartActionData>({ ok: false, ...refusal }, { status: error.status, headers });
    }
    return back({ intent: input.intent, ...refusal });
  }
}

export default function CartPage() {
  const { lines, totals, notice } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const message = useMessage();
  const refusal = notice?.error
    ? message(notice.error, { max: MAX_QUANTITY, ...notice.params }, "cart.invalid")
    : null;
  // a refusal about no line on the page (an item that could not be added) is said on top
  const pageError =
    refusal && !lines.some((l) => l.productId === notice?.productId) ? (
      <p className="alert alert--error" role="alert">
        {notice?.intent === "add" ? t("cart.notAdded", { reason: refusal }) : refusal}
      </p>
    ) : null;

  if (!lines.length) {
    return (
      <div className="cart cart--empty">
        <h1>{t("cart.title")}</h1>
        {pageError}
        <p>{t("cart.empty")}</p>
        <Link to="/products" className="button">
          {t("cart.browse")}
        </Link>
      </div>
    );
  }
  return (
    <div className="cart">
      <h1>{t("cart.title")}</h1>
      {pageError}
      <ul className="cart__lines">
        {lines.map((line) => (
          <CartLineItem
            key={line.productId}
            line={line}
            notice={notice?.productId === line.productId ? notice : null}
            refusal={refusal}
          />
        ))}
      </ul>
      <CartSummary totals={totals} blocked={lines.some((l) => l.problem)} />
    </div>
  );
}
