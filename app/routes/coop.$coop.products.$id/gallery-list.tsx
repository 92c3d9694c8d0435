import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export interface GalleryItem {
  id: number;
  thumb: string;
  alt: string | null;
}

/** The pictures in order, each with plain forms to move it or take it out. */
export function GalleryList({
  gallery,
  self,
  busy,
}: {
  gallery: GalleryItem[];
  /** where the forms post; null when the product is archived (no forms) */
  self: string | null;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const button = (id: number, intent: string, label: string, named: string, dir?: string) => (
    <Form method="post" action={self ?? undefined}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="imageId" value={id} />
      {dir ? <input type="hidden" name="direction" value={dir} /> : null}
      <button
        type="submit"
        className="button button--ghost button--small"
        aria-label={named}
        disabled={busy}
      >
        {label}
      </button>
    </Form>
  );
  return (
    <ol className="gallery-list" data-testid="gallery-list">
      {gallery.map((picture, i) => (
        <li key={picture.id} className="gallery-list__item">
          <img src={picture.thumb} alt={picture.alt ?? ""} width={120} height={90} />
          <div className="gallery-list__body">
            <p className="gallery-list__label">
              {t("productManage.position", { n: i + 1 })}
              {i === 0 ? <strong className="tag">{t("productManage.cover")}</strong> : null}
            </p>
            {picture.alt ? <p className="field-hint">{picture.alt}</p> : null}
            {self ? (
              <div className="button-row">
                {i > 0
                  ? button(
                      picture.id,
                      "imageMove",
                      t("productManage.moveUp"),
                      t("productManage.moveUpNamed", { n: i + 1 }),
                      "up",
                    )
                  : null}
                {i < gallery.length - 1
                  ? button(
                      picture.id,
                      "imageMove",
                      t("productManage.moveDown"),
                      t("productManage.moveDownNamed", { n: i + 1 }),
                      "down",
                    )
                  : null}
                {gallery.length > 1
                  ? button(
                      picture.id,
                      "imageRemove",
                      t("productManage.remove"),
                      t("productManage.removeNamed", { n: i + 1 }),
                    )
                  : null}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
