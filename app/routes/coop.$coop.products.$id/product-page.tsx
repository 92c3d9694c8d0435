import type { SerializeFrom } from "@remix-run/node";
import { Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ProductForm } from "~/components/product-form";
import type { FormReply } from "~/utils/forms";
import { ArchivePanel } from "./archive-panel";
import { ImagePanel } from "./image-panel";
import { ProductNotices } from "./product-notices";
import type { loader } from "./route";
import { StockPanel } from "./stock-panel";

export type Intent = "update" | "stock" | "archive" | "image";
export type PageData = SerializeFrom<typeof loader>;
export type Reply = FormReply & { intent: Intent | null };

/** The edit form, unless the product is archived. */
function EditSection({ data, reply, busy }: { data: PageData; reply?: Reply; busy: boolean }) {
  const { t } = useTranslation();
  const errors = reply?.errors ?? {};
  const count = Object.keys(errors).length;
  return (
    <>
      {count ? (
        <div className="alert alert--error" role="alert">
          {t("forms.fixErrors", { count })}
        </div>
      ) : null}
      <h2>{t("portal.form.editTitle")}</h2>
      <ProductForm
        key={data.product.version}
        mode="edit"
        values={reply ? reply.values : data.formValues}
        errors={errors}
        errorParams={reply?.params}
        categories={data.categories}
        originName={data.cooperative.name}
        submitting={busy}
      />
    </>
  );
}

/**
 * The product's page: its state, the edit form, the picture, stock and archive panels, and
 * (as children) its history. A reply shows only beside the form it answers.
 */
export function ProductPage({
  data,
  reply,
  children,
}: {
  data: PageData;
  reply: Reply | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const { cooperative, product } = data;
  const base = `/coop/${cooperative.slug}/products`;
  // Forms post to the bare page, not to `?done=…` after an earlier success.
  const self = `${base}/${product.id}`;
  const busy = navigation.formData?.get("intent") ?? null;
  const answer = (intent: Intent) => (reply?.intent === intent ? reply : undefined);
  const archived = product.status === "archived";
  const panel = { self, version: product.version };
  return (
    <section aria-labelledby="product-title" className="portal-product-page">
      <nav aria-label={t("portal.breadcrumb")} className="breadcrumb">
        <Link to={base}>{t("portal.products.title")}</Link> /{" "}
        <span aria-current="page">{product.name}</span>
      </nav>
      <ProductNotices product={product} done={data.done} reply={reply} />
      <div className="portal-layout">
        <div className="portal-layout__main">
          {archived ? null : (
            <EditSection data={data} reply={answer("update")} busy={busy === "update"} />
          )}
        </div>
        <aside className="portal-layout__side">
          <ImagePanel
            product={product}
            gallery={data.gallery}
            form={archived ? null : panel}
            reply={answer("image")}
            busy={busy === "image" || busy === "imageMove" || busy === "imageRemove"}
          />
          <StockPanel
            stock={product.stock}
            form={archived ? null : panel}
            reply={answer("stock")}
            busy={busy === "stock"}
          />
          {archived ? null : <ArchivePanel self={self} busy={busy === "archive"} />}
        </aside>
      </div>
      {children}
    </section>
  );
}
