import { fenToYuan } from "~/utils/money";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listAudit } from "~/domain/coop/audit.server";
import { saveProductImage } from "~/domain/coop/images.server";
import {
  MAX_IMAGE_BYTES,
  PRODUCT_MULTILINE,
  stockAdjustSchema,
  updateProductSchema,
} from "~/domain/coop/product-input";
import { getCoopProduct, listCategories } from "~/domain/coop/product-queries.server";
import { adjustStock, archiveProduct, updateProduct } from "~/domain/coop/products.server";
import { DomainError } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import {
  ProductForm,
  productFormValues,
  type ErrorParams,
  type FormValues,
} from "~/components/product-form";
import { useMessage } from "~/i18n/use-message";
import fulfilCss from "~/styles/fulfil.css";
import portalCss from "~/styles/portal.css";
import { getDb } from "~/utils/db.server";
import { parseForm, type FieldErrors } from "~/utils/forms";
import { formatFen } from "~/utils/money";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireSameOrigin } from "~/utils/security.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { shanghaiDateTime } from "~/utils/time";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { TableScroll } from "~/components/table-scroll";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fulfilCss },
  { rel: "stylesheet", href: portalCss },
];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) =>
      t("titles.coopProduct", { product: data.product.name, coop: data.cooperative.name }),
    () => [NOINDEX],
  );

const DONE = ["created", "saved", "submitted", "priceReview", "stock", "image"] as const;
const forbidden = () => new Response("Forbidden", { status: 403 });

/** A product id from the URL; anything else is treated like someone else's product. */
function productIdFrom(raw: string | undefined): number {
  return raw && /^[1-9]\d{0,11}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** The product, only if it belongs to this cooperative; otherwise the same 403 for all. */
async function ownProduct(cooperativeId: number, rawId: string | undefined) {
  try {
    return await getCoopProduct(await getDb(), cooperativeId, productIdFrom(rawId));
  } catch (error) {
    if (error instanceof DomainError && error.status === 403) throw forbidden();
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const product = await ownProduct(cooperative.id, params.id);
  const { db, locale } = await storeContext(request);
  const [categories, audit] = await Promise.all([
    listCategories(db, locale),
    listAudit(db, cooperative.id, product.id),
  ]);
  const done = new URL(request.url).searchParams.get("done");
  const review = product.review;
  return json(
    {
      cooperative: {
        slug: cooperative.slug,
        name: locale === "en" ? cooperative.name_en : cooperative.name_zh,
      },
      done: DONE.find((d) => d === done) ?? null,
      product: {
        id: product.id,
        slug: product.slug,
        status: product.status,
        name: locale === "en" ? product.nameEn : product.nameZh,
        image: product.image,
        priceFen: product.priceFen,
        stock: product.stock,
        review: review
          ? {
              reason: review.reason,
              status: review.status,
              decisionNote: review.decisionNote,
              decidedByName: review.decidedByName,
              proposedPriceFen:
                review.reason === "price_raise" && typeof review.proposal.priceFen === "number"
                  ? review.proposal.priceFen
                  : null,
            }
          : null,
        /** changes whenever the product is saved, so the form starts again from what is stored */
        version: audit[0]?.id ?? 0,
      },
      formValues: productFormValues({ ...product, priceYuan: fenToYuan(product.priceFen) }),
      categories,
      audit: audit.map((a) => ({
        id: a.id,
        at: shanghaiDateTime(a.at),
        atIso: a.at,
        actorName: a.actorName,
        action: a.action,
        before: a.before,
        after: a.after,
        why: a.why,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Intent = "update" | "stock" | "archive" | "image";
type ActionData = {
  intent: Intent | null;
  errors: FieldErrors;
  errorParams?: ErrorParams;
  values: FormValues;
  formError?: string;
  formParams?: Record<string, string | number>;
};

function refused(intent: Intent | null, error: unknown, values: FormValues) {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403) throw forbidden();
  return json<ActionData>(
    error.field
      ? {
          intent,
          errors: { [error.field]: error.code },
          errorParams: { [error.field]: error.params },
          values,
        }
      : { intent, errors: {}, values, formError: error.code, formParams: error.params },
    { status: error.status },
  );
}

const tooLarge = () =>
  json<ActionData>(
    {
      intent: "image",
      errors: { image: "portal.errors.imageTooLarge" },
      errorParams: { image: { mb: MAX_IMAGE_BYTES / 1024 / 1024 } },
      values: {},
    },
    { status: 400 },
  );

export async function action({ request, params }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  // Refused before the body is read: another cooperative's product gets nothing, not even
  // a validation message.
  const product = await ownProduct(cooperative.id, params.id);
  const db = await getDb();
  const actor = { id: user.id, name: user.name };
  const page = `/coop/${cooperative.slug}/products/${product.id}`;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    // Cheap refusal of an obviously oversized upload, before reading it at all.
    if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMAGE_BYTES + 64 * 1024) {
      return tooLarge();
    }
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return tooLarge();
      return json<ActionData>(
        { intent: "image", errors: { image: "portal.errors.imageMissing" }, values: {} },
        { status: 400 },
      );
    }
    const file = form.get("image");
    if (file === null || typeof file === "string" || file.size === 0) {
      return json<ActionData>(
        { intent: "image", errors: { image: "portal.errors.imageMissing" }, values: {} },
        { status: 400 },
      );
    }
    try {
      await saveProductImage(db, {
        cooperativeId: cooperative.id,
        productId: product.id,
        bytes: new Uint8Array(await file.arrayBuffer()),
        actor,
      });
    } catch (error) {
      return refused("image", error, {});
    }
    return redirect(`${page}?done=image`);
  }

  const form = await readFormData(request);
  const values: FormValues = {};
  for (const [k, v] of form) if (typeof v === "string") values[k] = v;
  const intent = form.get("intent");

  if (intent === "update") {
    const parsed = parseForm(updateProductSchema, form, { multiline: PRODUCT_MULTILINE });
    if (!parsed.ok) {
      return json<ActionData>(
        { intent, errors: parsed.errors, values: parsed.values },
        { status: 400 },
      );
    }
    try {
      const { outcome } = await updateProduct(db, {
        cooperativeId: cooperative.id,
        productId: product.id,
        product: parsed.data,
        actor,
      });
      return redirect(`${page}?done=${outcome}`);
    } catch (error) {
      return refused(intent, error, values);
    }
  }

  if (intent === "stock") {
    const parsed = parseForm(stockAdjustSchema, form);
    if (!parsed.ok) {
      return json<ActionData>(
        { intent, errors: parsed.errors, values: parsed.values },
        { status: 400 },
      );
    }
    try {
      await adjustStock(db, {
        cooperativeId: cooperative.id,
        productId: product.id,
        ...parsed.data,
        actor,
      });
      return redirect(`${page}?done=stock`);
    } catch (error) {
      return refused(intent, error, values);
    }
  }

  if (intent === "archive") {
    try {
      await archiveProduct(db, { cooperativeId: cooperative.id, productId: product.id, actor });
      return redirect(`/coop/${cooperative.slug}/products?done=archived`);
    } catch (error) {
      return refused(intent, error, values);
    }
  }

  return json<ActionData>(
    { intent: null, errors: {}, values: {}, formError: "portal.errors.badRequest" },
    { status: 400 },
  );
}

/** Field labels for the history table, reusing the form's words. */
const FIELD_LABELS: Record<string, string> = {
  priceFen: "portal.form.price",
  stock: "portal.products.stock",
  status: "portal.products.status",
  image: "portal.image.title",
  certifications: "portal.form.sectionCerts",
  category: "portal.form.category",
  nameZh: "portal.form.nameZh",
  nameEn: "portal.form.nameEn",
  summaryZh: "portal.form.summaryZh",
  summaryEn: "portal.form.summaryEn",
  storyZh: "portal.form.storyZh",
  storyEn: "portal.form.storyEn",
  unitZh: "portal.form.unitZh",
  unitEn: "portal.form.unitEn",
  shelfLifeDays: "portal.form.shelfLifeDays",
  coldChain: "portal.form.coldChain",
  storageZh: "portal.form.storageZh",
  storageEn: "portal.form.storageEn",
  harvestSeasonZh: "portal.form.harvestSeasonZh",
  harvestSeasonEn: "portal.form.harvestSeasonEn",
};

function Change({
  values,
  categories,
}: {
  values: Record<string, unknown> | null;
  categories: Map<string, string>;
}) {
  const { t, i18n } = useTranslation();
  const loose = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  if (!values) return null;
  const show = (key: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return "—";
    if (key === "priceFen" && typeof v === "number") return formatFen(v, i18n.language);
    if (key === "status" && typeof v === "string" && i18n.exists(`portal.status.${v}`)) {
      return loose(`portal.status.${v}`);
    }
    if (key === "category" && typeof v === "string") return categories.get(v) ?? v;
    if (typeof v === "boolean") return v ? t("portal.audit.yes") : t("portal.audit.no");
    if (Array.isArray(v)) return t("portal.audit.certCount", { count: v.length });
    if (typeof v === "object") return JSON.stringify(v);
    const text = String(v);
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  };
  return (
    <ul className="audit-change">
      {Object.entries(values).map(([key, v]) => (
        <li key={key}>
          <span className="muted">{FIELD_LABELS[key] ? loose(FIELD_LABELS[key]) : key}</span>{" "}
          {key === "image" && typeof v === "string" && v.startsWith("/") ? (
            <a href={v}>{show("image", v.split("/").slice(-2).join("/"))}</a>
          ) : (
            show(key, v)
          )}
        </li>
      ))}
    </ul>
  );
}

export default function EditProduct() {
  const { cooperative, product, formValues, categories, audit, done } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const loose = t as unknown as (key: string, options?: Record<string, unknown>) => string;
  const base = `/coop/${cooperative.slug}/products`;
  // Forms post to the bare page, not to `?done=…` after an earlier success, and a success
  // notice never stands beside an action's answer (every success redirects), so a failure
  // shows only its error.
  const self = `${base}/${product.id}`;
  const notice = actionData ? null : done;
  const busy = navigation.formData?.get("intent") ?? null;
  const errorsFor = (intent: Intent) =>
    actionData?.intent === intent ? actionData.errors : ({} as FieldErrors);
  const valuesFor = (intent: Intent) =>
    actionData?.intent === intent ? actionData.values : ({} as FormValues);
  const updateErrors = errorsFor("update");
  const stockErrors = errorsFor("stock");
  const stockValues = valuesFor("stock");
  const imageErrors = errorsFor("image");
  const params = actionData?.errorParams ?? {};
  const review = product.review;
  const archived = product.status === "archived";
  const price = (fen: number) => formatFen(fen, i18n.language);
  const categoryNames = new Map(categories.map((c) => [c.code, c.name]));

  return (
    <section aria-labelledby="product-title" className="portal-product-page">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumb">
        <Link to={base}>{t("portal.products.title")}</Link> /{" "}
        <span aria-current="page">{product.name}</span>
      </nav>
      <div className="portal-head">
        <h1 id="product-title">{product.name}</h1>
        <span
          className={`product-status product-status--${product.status}`}
          data-testid="product-status"
        >
          {t(`portal.status.${product.status}`)}
        </span>
      </div>

      {notice ? (
        <div className="alert alert--success" role="status">
          {t(`portal.done.${notice}`)}
        </div>
      ) : null}
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {message(actionData.formError, actionData.formParams)}
        </div>
      ) : null}
      {archived ? (
        <div className="alert" role="status">
          {t("portal.archive.archivedNote")}
        </div>
      ) : review?.status === "pending" && review.reason === "price_raise" ? (
        <div className="alert review-banner" role="status">
          {t("portal.review.raiseBanner", {
            current: price(product.priceFen),
            proposed: review.proposedPriceFen !== null ? price(review.proposedPriceFen) : "—",
          })}
        </div>
      ) : review?.status === "pending" ? (
        <div className="alert review-banner" role="status">
          {t("portal.review.pendingBanner", {
            reason: t(`portal.reviewReason.${review.reason}`),
          })}
        </div>
      ) : review?.status === "rejected" ? (
        <div className="alert alert--error" role="status" data-testid="rejection-reason">
          {t("portal.review.rejectedBanner", { note: review.decisionNote ?? "—" })}
          {review.decidedByName ? (
            <span className="muted">
              {" "}
              {t("portal.review.decidedBy", { name: review.decidedByName })}
            </span>
          ) : null}
        </div>
      ) : null}

      <div className="portal-layout">
        <div className="portal-layout__main">
          {archived ? null : (
            <>
              {actionData?.intent === "update" && Object.keys(updateErrors).length ? (
                <div className="alert alert--error" role="alert">
                  {t("forms.fixErrors", { count: Object.keys(updateErrors).length })}
                </div>
              ) : null}
              <h2>{t("portal.form.editTitle")}</h2>
              <ProductForm
                key={product.version}
                mode="edit"
                values={actionData?.intent === "update" ? actionData.values : formValues}
                errors={updateErrors}
                errorParams={actionData?.intent === "update" ? params : undefined}
                categories={categories}
                originName={cooperative.name}
                submitting={busy === "update"}
              />
            </>
          )}
        </div>

        <aside className="portal-layout__side">
          <section className="panel" aria-labelledby="image-title">
            <h2 id="image-title">{t("portal.image.title")}</h2>
            <img
              src={product.image}
              alt={t("portal.image.alt", { name: product.name })}
              width={400}
              height={300}
              className="portal-image"
            />
            {archived ? null : (
              <Form
                method="post"
                action={self}
                encType="multipart/form-data"
                key={`image-${product.version}`}
              >
                <input type="hidden" name="intent" value="image" />
                <div className={imageErrors.image ? "field field--invalid" : "field"}>
                  <label htmlFor="field-image">{t("portal.image.file")}</label>
                  <input
                    id="field-image"
                    type="file"
                    name="image"
                    accept="image/jpeg,image/png,image/webp"
                    required
                    aria-invalid={imageErrors.image ? true : undefined}
                    aria-describedby={
                      imageErrors.image ? "field-image-error field-image-hint" : "field-image-hint"
                    }
                  />
                  <p className="field-hint" id="field-image-hint">
                    {t("portal.image.hint")}
                  </p>
                  {imageErrors.image ? (
                    <p className="field-error" id="field-image-error" role="alert">
                      {message(imageErrors.image, params.image)}
                    </p>
                  ) : null}
                </div>
                <button type="submit" className="button" disabled={busy === "image"}>
                  {busy === "image" ? t("portal.image.uploading") : t("portal.image.upload")}
                </button>
              </Form>
            )}
          </section>

          <section className="panel" aria-labelledby="stock-title">
            <h2 id="stock-title">{t("portal.stock.title")}</h2>
            <p data-testid="current-stock">{t("portal.stock.current", { count: product.stock })}</p>
            {archived ? null : (
              <Form method="post" action={self} key={`stock-${product.version}`} noValidate>
                <input type="hidden" name="intent" value="stock" />
                <fieldset className={stockErrors.mode ? "field field--invalid" : "field"}>
                  <legend>{t("portal.stock.mode")}</legend>
                  <label className="check">
                    <input
                      type="radio"
                      name="mode"
                      value="add"
                      defaultChecked={(stockValues.mode ?? "add") === "add"}
                    />{" "}
                    {t("portal.stock.add")}
                  </label>
                  <label className="check">
                    <input
                      type="radio"
                      name="mode"
                      value="set"
                      defaultChecked={stockValues.mode === "set"}
                    />{" "}
                    {t("portal.stock.set")}
                  </label>
                  {stockErrors.mode ? (
                    <p className="field-error">{message(stockErrors.mode)}</p>
                  ) : null}
                </fieldset>
                <div className={stockErrors.amount ? "field field--invalid" : "field"}>
                  <label htmlFor="field-amount">{t("portal.stock.amount")}</label>
                  <input
                    id="field-amount"
                    name="amount"
                    inputMode="numeric"
                    required
                    maxLength={9}
                    defaultValue={stockValues.amount ?? ""}
                    aria-invalid={stockErrors.amount ? true : undefined}
                    aria-describedby={stockErrors.amount ? "field-amount-error" : undefined}
                  />
                  {stockErrors.amount ? (
                    <p className="field-error" id="field-amount-error">
                      {message(stockErrors.amount, params.amount)}
                    </p>
                  ) : null}
                </div>
                <div className={stockErrors.why ? "field field--invalid" : "field"}>
                  <label htmlFor="field-stock-why">{t("portal.stock.why")}</label>
                  <input
                    id="field-stock-why"
                    name="why"
                    required
                    maxLength={200}
                    defaultValue={stockValues.why ?? ""}
                    aria-invalid={stockErrors.why ? true : undefined}
                    aria-describedby={
                      stockErrors.why
                        ? "field-stock-why-error field-stock-why-hint"
                        : "field-stock-why-hint"
                    }
                  />
                  <p className="field-hint" id="field-stock-why-hint">
                    {t("portal.stock.whyHint")}
                  </p>
                  {stockErrors.why ? (
                    <p className="field-error" id="field-stock-why-error">
                      {message(stockErrors.why)}
                    </p>
                  ) : null}
                </div>
                <button type="submit" className="button" disabled={busy === "stock"}>
                  {t("portal.stock.submit")}
                </button>
              </Form>
            )}
          </section>

          {archived ? null : (
            <section className="panel" aria-labelledby="archive-title">
              <h2 id="archive-title">{t("portal.archive.title")}</h2>
              <p className="field-hint">{t("portal.archive.explain")}</p>
              <Form
                method="post"
                action={self}
                onSubmit={(event) => {
                  if (!window.confirm(t("portal.archive.confirm"))) event.preventDefault();
                }}
              >
                <input type="hidden" name="intent" value="archive" />
                <button
                  type="submit"
                  className="button button--ghost button--danger"
                  disabled={busy === "archive"}
                >
                  {t("portal.archive.submit")}
                </button>
              </Form>
            </section>
          )}
        </aside>
      </div>

      <section aria-labelledby="audit-title" className="portal-audit">
        <h2 id="audit-title">{t("portal.audit.title")}</h2>
        {audit.length ? (
          <TableScroll labelledBy="audit-title">
            <table className="portal-table" data-testid="audit-log">
              <thead>
                <tr>
                  <th scope="col">{t("portal.audit.when")}</th>
                  <th scope="col">{t("portal.audit.who")}</th>
                  <th scope="col">{t("portal.audit.what")}</th>
                  <th scope="col">{t("portal.audit.before")}</th>
                  <th scope="col">{t("portal.audit.after")}</th>
                  <th scope="col">{t("portal.audit.why")}</th>
                </tr>
              </thead>
              <tbody>
                {audit.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <time dateTime={a.atIso}>{a.at}</time>
                    </td>
                    <td>{a.actorName}</td>
                    <td>
                      {i18n.exists(`portal.audit.actions.${a.action}`)
                        ? loose(`portal.audit.actions.${a.action}`)
                        : a.action}
                    </td>
                    <td>
                      <Change values={a.before} categories={categoryNames} />
                    </td>
                    <td>
                      <Change values={a.after} categories={categoryNames} />
                    </td>
                    <td>{a.why ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : (
          <p className="muted">{t("portal.audit.empty")}</p>
        )}
      </section>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
