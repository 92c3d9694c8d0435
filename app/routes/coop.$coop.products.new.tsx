import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { newProductSchema, PRODUCT_MULTILINE } from "~/domain/coop/product-input";
import { listCategories } from "~/domain/coop/product-queries.server";
import { createProduct } from "~/domain/coop/products.server";
import { MAX_GALLERY } from "~/domain/coop/gallery-limits";
import type { StoredImage } from "~/domain/coop/gallery.server";
import { discardImages, storeImages } from "~/domain/coop/images.server";
import { fileStore } from "~/domain/storage/file-store.server";
import { MAX_IMAGE_BYTES } from "~/domain/coop/product-fields";
import { DomainError } from "~/domain/errors";
import { portalCooperative } from "~/domain/coop/portal";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ProductForm } from "~/components/product-form";
import { NewPictures } from "~/components/new-pictures";
import { useMessage } from "~/i18n/use-message";
import portalCss from "~/styles/portal.css";
import { getDb } from "~/utils/db.server";
import { domainErrorReply, formValues, invalidForm, parseForm } from "~/utils/forms";
import { isMultipart, readImageUploads } from "~/utils/image-upload.server";
import { readFormData, storeContext } from "~/utils/request.server";
import { requireCooperativeAccess } from "~/utils/guards.server";
import { NOINDEX, pageMeta } from "~/utils/meta";

/** What the picture messages need: the size limit (MB) and the most pictures. */
const IMAGE_PARAMS = { image: { mb: MAX_IMAGE_BYTES / 1024 / 1024, max: MAX_GALLERY } };

// fulfil.css comes from the portal's layout (coop.$coop.tsx)
export const links: LinksFunction = () => [{ rel: "stylesheet", href: portalCss }];

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(
    args,
    (t, data) => t("titles.coopNewProduct", { coop: data.cooperative.name }),
    () => [NOINDEX],
  );

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cooperative } = await requireCooperativeAccess(request, params.coop);
  const { db, locale } = await storeContext(request);
  return json(
    {
      cooperative: portalCooperative(cooperative, locale),
      categories: await listCategories(db, locale),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, cooperative } = await requireCooperativeAccess(request, params.coop);
  // with pictures the form comes as multipart; its text fields are read the same way
  const upload = isMultipart(request)
    ? await readImageUploads(request, { required: false })
    : { ok: true as const, images: [], form: await readFormData(request) };
  if (!upload.ok) {
    return invalidForm({ errors: { image: upload.error }, values: {} }, { params: IMAGE_PARAMS });
  }
  const form = upload.form;
  const parsed = parseForm(newProductSchema, form, { multiline: PRODUCT_MULTILINE });
  if (!parsed.ok) return invalidForm(parsed, { params: IMAGE_PARAMS });
  const db = await getDb();
  const store = fileStore(db);
  let images: StoredImage[] = [];
  try {
    // every picture is checked before the product is created: all of it, or nothing
    if (upload.images.length > MAX_GALLERY) {
      throw new DomainError("productManage.errors.galleryFull", 409, { max: MAX_GALLERY }, "image");
    }
    images = await storeImages(store, upload.images);
    const { id } = await createProduct(db, {
      cooperativeId: cooperative.id,
      product: parsed.data,
      actor: { id: user.id, name: user.name },
      images,
    });
    return redirect(`/coop/${cooperative.slug}/products/${id}?done=created`);
  } catch (error) {
    await discardImages(store, images);
    return domainErrorReply(error, formValues(form));
  }
}

export default function NewProduct() {
  const { cooperative, categories } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const message = useMessage();
  const errors = actionData?.errors ?? {};
  const count = Object.keys(errors).length;
  const base = `/coop/${cooperative.slug}/products`;
  return (
    <section aria-labelledby="new-product-title" className="portal-product-page">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumb">
        <Link to={base}>{t("portal.products.title")}</Link> /{" "}
        <span aria-current="page">{t("portal.form.newTitle")}</span>
      </nav>
      <h1 id="new-product-title">{t("portal.form.newTitle")}</h1>
      <p className="section__lead">{t("portal.form.newLead")}</p>
      {actionData?.formError ? (
        <div className="alert alert--error" role="alert">
          {message(actionData.formError)}
        </div>
      ) : count ? (
        <div className="alert alert--error" role="alert">
          {t("forms.fixErrors", { count })}
        </div>
      ) : null}
      <ProductForm
        mode="new"
        values={actionData?.values ?? { shelfLifeDays: "", stock: "0" }}
        errors={errors}
        errorParams={actionData?.params}
        categories={categories}
        originName={cooperative.name}
        submitting={navigation.state === "submitting"}
        pictures={<NewPictures error={errors.image} params={actionData?.params?.image} />}
      />
      <p>
        <Link to={base}>{t("portal.form.cancel")}</Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
