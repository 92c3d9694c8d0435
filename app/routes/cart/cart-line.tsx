import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CartLine } from "~/domain/cart/cart.server";
import { MAX_QUANTITY } from "~/domain/cart/limits";
import { Money } from "~/components/money";
import { OriginChip } from "~/components/origin-chip";
import type { CartNotice } from "~/utils/cookies.server";

/** Changing a line's quantity, with what the last change to it said (refused or trimmed). */
function QuantityForm({
  line,
  notice,
  refusal,
}: {
  line: CartLine;
  notice: CartNotice | null;
  refusal: string | null;
}) {
  const { t } = useTranslation();
  const err = notice?.error ? notice : null;
  return (
    <Form method="post" className="cart-line__qty">
      <input type="hidden" name="intent" value="update" />
      <input type="hidden" name="productId" value={line.productId} />
      <label>
        <span className="visually-hidden">{t("cart.quantityOf", { name: line.name })}</span>
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
      ) : notice?.trimmed ? (
        <p className="field-hint" role="status">
          {t("cart.trimmed", { quantity: line.quantity })}
        </p>
      ) : null}
    </Form>
  );
}

/** One product in the cart: what and whence, quantity, line total, and removing it. */
export function CartLineItem({
  line,
  notice,
  refusal,
}: {
  line: CartLine;
  /** the last notice, when it is about this line */
  notice: CartNotice | null;
  refusal: string | null;
}) {
  const { t } = useTranslation();
  return (
    <li className="cart-line" data-testid="cart-line">
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
      <QuantityForm line={line} notice={notice} refusal={refusal} />
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
}
