import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { listAudit } from "~/domain/coop/audit.server";
import { listGallery, moveGalleryImage, removeGalleryImage } from "~/domain/coop/gallery.server";
import { saveProductImage } from "~/domain/coop/images.server";
import { portalCooperative } from "~/domain/coop/portal";
import {
  MAX_IMAGE_BYTES,
  galleryActionSchema,
  PRODUCT_MULTILINE,
  stockAdjustSchema,
  updateProductSchema,
} from "~/domain/coop/product-input";
import { getCoopProduct, listCategories, reviewView } from "~/domain/coop/product-queries.server";
import { adjustStock, archiveProduct, updateProduct } from "~/domain/coop/products.server";
import { DomainError } from "~/domain/errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { productFormValues } from "~/components/product-form";
import portalCss from "~/styles/portal.css";
import { getDb } from "~/utils/db.server";
import { isMultipart, readImageUploads } from "~/utils/image-upload.server";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";
import { fenToYuan } from "~/utils/money";
import { readFormData, storeContext } from "~/utils/request.server";
import { shanghaiDateTime } from "~/utils/time";
import { AuditTable } from "./audit-table";
import { ProductPage, type Intent } from "./product-page";

// fulfil.css comes from the portal's layout (coop.$coop.tsx)
export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) =>
      t("titles.coopProduct", { product: data.product.name, coop: data.cooperative.name }),
    () => [NOINDEX],
  );

const DONE = ["created", "saved", "submitted", "priceReview", "stock", "image"] as const;

/** A product id from the URL; anything else is treated like someone else's product. */
function productIdFrom(raw: string | undefined): number {
  return raw && /^[1-9]\d{0,11}$/.test(raw) ? Number(raw) : Number.NaN;
}

/** The product, only if it belongs to this cooperative; otherwise the same 403 for all. */
async function ownProduct(cooperativeId: number, rawId: string | undefined) {
  try {
    return await getCoopProduct(await getDb(), cooperativeId, productIdFrom(rawId));
  } catch (error) {
    if (error instanceof DomainError && error.status === 403) {
      throw new Response("Forbidden", { status: 403 });
    }
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const product = await ownProduct(cooperative.id, params.id);
  const { db, locale } = await storeContext(request);
  const [categories, audit, gallery] = await Promise.all([
    listCategories(db, locale),
    listAudit(db, cooperative.id, product.id),
    listGallery(db, product.id),
  ]);
  const done = new URL(request.url).searchParams.get("done");
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      done: DONE.find((d) => d === done) ?? null,
      product: {
        id: product.id,
        slug: product.slug,
        status: product.status,
        name: locale === "en" ? product.nameEn : product.nameZh,
        image: product.image,
        priceFen: product.priceFen,
        stock: product.stock,
        review: reviewView(product.review),
        /** changes whenever the product is saved, so the form starts again from what is stored */
        version: audit[0]?.id ?? 0,
      },
      formValues: productFormValues({ ...product, priceYuan: fenToYuan(product.priceFen) }),
      gallery,
      categories,
      audit: audit.map(({ at, ...entry }) => ({ ...entry, at: shanghaiDateTime(at), atIso: at })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** The page has four forms: a reply names the one it answers, so only that one shows it. */
const answering = (intent: Intent | null) => ({ intent });

/** Makes one form's change and goes where it says; a rule that says no is answered beside it. */
async function attempt(
  intent: Intent,
  values: Record<string, string>,
  work: () => Promise<string>,
) {
  try {
    return redirect(await work());
  } catch (error) {
    return domainErrorReply(error, values, answering(intent));
  }
}

async function imageAction(request: Request, target: Target, page: string) {
  const upload = await readImageUploads(request);
  if (!upload.ok) {
    const tooLarge = upload.error === "portal.errors.imageTooLarge";
    const params = tooLarge ? { image: { mb: MAX_IMAGE_BYTES / 1024 / 1024 } } : undefined;
    return invalidForm(
      { errors: { image: upload.error }, values: {} },
      { params, ...answering("image") },
    );
  }
  const alt = String(upload.form.get("alt") ?? "").trim();
  return attempt("image", { alt }, async () => {
    await saveProductImage(await getDb(), { ...target, bytes: upload.images, alt: alt || null });
    return `${page}?done=image`;
  });
}

type Target = { cooperativeId: number; productId: number; actor: { id: number; name: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  // Refused before the body is read: another cooperative's product gets nothing, not even
  // a validation message.
  const product = await ownProduct(cooperative.id, params.id);
  const actor = { id: user.id, name: user.name };
  const target: Target = { cooperativeId: cooperative.id, productId: product.id, actor };
  const page = `/coop/${cooperative.slug}/products/${product.id}`;
  if (isMultipart(request)) return imageAction(request, target, page);

  const db = await getDb();
  const form = await readFormData(request);
  const values = formValues(form);
  if (values.intent === "update") {
    const parsed = parseForm(updateProductSchema, form, { multiline: PRODUCT_MULTILINE });
    if (!parsed.ok) return invalidForm(parsed, answering("update"));
    return attempt("update", values, async () => {
      const { outcome } = await updateProduct(db, { ...target, product: parsed.data });
      return `${page}?done=${outcome}`;
    });
  }
  if (values.intent === "stock") {
    const parsed = parseForm(stockAdjustSchema, form);
    if (!parsed.ok) return invalidForm(parsed, answering("stock"));
    return attempt("stock", values, async () => {
      await adjustStock(db, { ...target, ...parsed.data });
      return `${page}?done=stock`;
    });
  }
  if (values.intent === "imageMove" || values.intent === "imageRemove") {
    const parsed = parseForm(galleryActionSchema, form);
    if (!parsed.ok) return invalidForm(parsed, answering("image"));
    return attempt("image", values, async () => {
      const { imageId, direction } = parsed.data;
      if (values.intent === "imageRemove") await removeGalleryImage(db, { ...target, imageId });
      else await moveGalleryImage(db, { ...target, imageId, direction: direction ?? "up" });
      return `${page}?done=image`;
    });
  }
  if (values.intent === "archive") {
    return attempt("archive", values, async () => {
      await archiveProduct(db, target);
      return `/coop/${cooperative.slug}/products?done=archived`;
    });
  }
  const badRequest = { errors: {}, values: {} };
  return invalidForm(badRequest, { formError: "portal.errors.badRequest", ...answering(null) });
}

export default function EditProduct() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <ProductPage data={data} reply={reply}>
      <AuditTable audit={data.audit} categories={data.categories} />
    </ProductPage>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
