import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
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
import { cartCookie, readCartId } from "~/utils/cookies.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { pageMeta } from "~/utils/meta";

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.cart"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, locale } = await storeContext(request);
  const lines = await getCartLines(db, await readCartId(request), locale);
  const subtotalFen = lines.reduce((s, l) => s + l.lineTotalFen, 0);
  const aidFen = lines.reduce((s, l) => s + (l.aidEligible ? l.lineTotalFen : 0), 0);
  return json(
    { lines, subtotalFen, aidFen, shipping: quoteShipping(lines) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type CartActionData = {
  ok: boolean;
  error?: string;
  params?: Record<string, string | number>;
  productId?: number | null;
  quantity?: number | string;
  trimmed?: boolean;
};

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { db } = await storeContext(request);
  const form = Object.fromEntries(await readFormData(request));
  const parsed = schema.safeParse(form);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "";
    return json<CartActionData>(
      {
        ok: false,
        error: message.startsWith("cart.") ? message : "cart.invalid",
        productId: Number(form.productId) || null,
        quantity: String(form.quantity ?? ""),
      },
      { status: 400 },
    );
  }
  const input = parsed.data;
  let cartId = await readCartId(request);
  const headers = new Headers();
  if (!cartId) {
    cartId = newCartId();
    headers.append("Set-Cookie", await cartCookie().serialize(cartId));
  }
  try {
    if (input.intent === "add") {
      const result = await addToCart(db, cartId, input.productId, input.quantity);
      if (input.stay) return json<CartActionData>({ ok: true, ...result }, { headers });
      return redirect("/cart", { headers });
    }
    if (input.intent === "update") {
      await setCartQuantity(db, cartId, input.productId, input.quantity);
    } else {
      await removeFromCart(db, cartId, input.productId);
    }
    return json<CartActionData>({ ok: true }, { headers });
  } catch (error) {
    if (error instanceof DomainError) {
      return json<CartActionData>(
        {
          ok: false,
          error: error.code,
          params: error.params,
          productId: input.productId,
          quantity: "quantity" in input ? String(input.quantity) : "",
        },
        { status: error.status, headers },
      );
    }
    throw error;
  }
}

export default function CartPage() {
  const { lines, subtotalFen, aidFen, shipping } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const blocked = lines.some((l) => l.problem);
  const errorFor = (productId: number) =>
    actionData && !actionData.ok && actionData.productId === productId ? actionData : null;

  if (!lines.length) {
    return (
      <div className="cart cart--empty">
        <h1>{t("cart.title")}</h1>
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
      <ul className="cart__lines">
        {lines.map((line) => {
          const err = errorFor(line.productId);
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
                    {message(err.error, { max: MAX_QUANTITY, ...err.params }, "cart.invalid")}
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
