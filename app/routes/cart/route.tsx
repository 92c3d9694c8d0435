import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
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
import { quoteShipping } from "~/domain/checkout/shipping";
import { DomainError } from "~/domain/errors";
import { Money } from "~/components/money";
import { useMessage } from "~/i18n/use-message";
import { formatFen } from "~/utils/money";
import { OriginChip } from "~/components/origin-chip";
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

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.cart"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const lines = await getCartLines(db, await readCartId(request), locale);
  const subtotalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const aidFen = lines.reduce((s, l) => s + (l.aidEligible ? l.lineTotalFen : 0), 0);
  const notice = await readCartNotice(request);
  const headers = new Headers({ "Cache-Control": "private, no-store" });
  // shown once: a reload shows the cart as it stands
  if (notice) headers.append("Set-Cookie", await cartNoticeHeader(null));
  return json({ lines, subtotalFen, aidFen, shipping: quoteShipping(lines), notice }, { headers });
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
  const { lines, subtotalFen, aidFen, shipping, notice } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const blocked = lines.some((l) => l.problem);
  const noticeFor = (productId: number) => (notice?.productId === productId ? notice : null);
  const errorFor = (productId: number) => (noticeFor(productId)?.error ? notice : null);
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
        {lines.map((line) => {
          const err = errorFor(line.productId);
          const trimmed = noticeFor(line.productId)?.trimmed;
          return (
            <li key={line.productId} className="cart-line" data-testid="cart-line">
              <img src={line.image} alt="" width={96} height={72} />
              <div className="cart-line__main">
                <Link to={`/products/${line.slug}`} className="cart-line__name">
                  {line.name}
                </Link>
                <p className="muted">
                  {line.unit} · {line.cooperativeName}
                </p>
                <OriginChip county={line.countyName} district={line.pairedDistrict} />
                {line.problem ? (
                  <p className="field-error" role="alert">
                    {line.problem === "not_enough_stock"
                      ? t("cart.problem.not_enough_stock", { stock: line.stock })
                      : t(`cart.problem.${line.problem}`)}
                  </p>
                ) : null}
              </div>
              <Form method="post" className="cart-line__qty">
                <input type="hidden" name="intent" value="update" />
                <input type="hidden" name="productId" value={line.productId} />
                <label>
                  <span className="visually-hidden">
                    {t("cart.quantityOf", { name: line.name })}
                  </span>
                  <input
                    type="number"
                    name="quantity"
                    min={1}
                    max={Math.min(MAX_QUANTITY, Math.max(line.stock, 1))}
                    defaultValue={err?.quantity ?? line.quantity}
                    key={`${line.productId}-${line.quantity}`}
                    inputMode="numeric"
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `qty-error-${line.productId}` : undefined}
                  />
                </label>
                <button type="submit" className="button button--small button--ghost">
                  {t("cart.update")}
                </button>
                {err ? (
                  <p className="field-error" id={`qty-error-${line.productId}`} role="alert">
                    {refusal}
                  </p>
                ) : trimmed ? (
                  <p className="field-hint" role="status">
                    {t("cart.trimmed", { quantity: line.quantity })}
                  </p>
                ) : null}
              </Form>
              <p className="cart-line__total">
                <Money fen={line.lineTotalFen} />
                <span className="muted">
                  {" "}
                  ({line.quantity} × <Money fen={line.unitPriceFen} />)
                </span>
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="productId" value={line.productId} />
                <button
                  type="submit"
                  className="link-button"
                  aria-label={t("cart.removeNamed", { name: line.name })}
                >
                  {t("cart.remove")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
      <aside className="summary" aria-labelledby="summary-title">
        <h2 id="summary-title">{t("cart.summary")}</h2>
        <dl>
          <div>
            <dt>{t("cart.subtotal")}</dt>
            <dd>
              <Money fen={subtotalFen} />
            </dd>
          </div>
          <div>
            <dt>{t("cart.shipping")}</dt>
            <dd>
              {shipping.totalFen ? <Money fen={shipping.totalFen} /> : t("cart.freeShipping")}
            </dd>
          </div>
          <div className="summary__total">
            <dt>{t("cart.total")}</dt>
            <dd>
              <Money fen={subtotalFen + shipping.totalFen} />
            </dd>
          </div>
        </dl>
        <ShippingHints shipping={shipping} />
        <p className="aid-note">
          {t("cart.aidShare")} <Money fen={aidFen} />
        </p>
        {blocked ? <p className="field-error">{t("cart.fixProblems")}</p> : null}
        {blocked ? (
          <span className="button button--large button--disabled" aria-disabled="true">
            {t("cart.checkout")}
          </span>
        ) : (
          <Link
            to="/checkout"
            className="button button--large"
            aria-busy={navigation.state !== "idle"}
          >
            {t("cart.checkout")}
          </Link>
        )}
      </aside>
    </div>
  );
}

function ShippingHints({ shipping }: { shipping: ReturnType<typeof quoteShipping> }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="shipping-hints">
      {shipping.coldChainFen > 0 || shipping.coldChainToFreeFen > 0 ? (
        <li>{t("cart.coldParcel")}</li>
      ) : null}
      {shipping.ambientToFreeFen > 0 ? (
        <li>
          {t("cart.ambientToFree", { amount: formatFen(shipping.ambientToFreeFen, i18n.language) })}
        </li>
      ) : null}
      {shipping.coldChainToFreeFen > 0 ? (
        <li>
          {t("cart.coldToFree", { amount: formatFen(shipping.coldChainToFreeFen, i18n.language) })}
        </li>
      ) : null}
    </ul>
  );
}
