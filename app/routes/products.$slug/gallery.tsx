import { useTranslation } from "react-i18next";

export interface Picture {
  url: string;
  thumb: string;
  alt: string | null;
}

/**
 * The main picture and thumbnails. Without JavaScript the pictures sit side by side in a
 * strip that snaps to one at a time (swipe on a phone), and each thumbnail is a link to its
 * picture's anchor, which scrolls the strip there; with JavaScript a thumbnail scrolls only
 * the strip, not the page.
 */
export function Gallery({ name, pictures }: { name: string; pictures: Picture[] }) {
  const { t } = useTranslation();
  const altOf = (p: Picture, i: number) =>
    p.alt ??
    (pictures.length > 1
      ? t("productPage.gallery.alt", { name, n: i + 1 })
      : t("product.imageAlt", { name }));
  const show = (event: React.MouseEvent<HTMLAnchorElement>, index: number) => {
    const strip = event.currentTarget.closest(".gallery")?.querySelector(".gallery__strip");
    if (!(strip instanceof HTMLElement)) return;
    event.preventDefault();
    strip.scrollTo({ left: strip.clientWidth * index, behavior: "smooth" });
  };
  return (
    <section className="gallery" aria-label={t("productPage.gallery.label")}>
      <div className="gallery__strip" data-testid="gallery-main">
        {pictures.map((p, i) => (
          <img
            key={p.url}
            id={`picture-${i + 1}`}
            src={p.url}
            alt={altOf(p, i)}
            width={800}
            height={600}
            loading={i === 0 ? "eager" : "lazy"}
            className="gallery__picture product__img"
          />
        ))}
      </div>
      {pictures.length > 1 ? (
        <ul className="gallery__thumbs" aria-label={t("productPage.gallery.thumbs")}>
          {pictures.map((p, i) => (
            <li key={p.url}>
              <a
                href={`#picture-${i + 1}`}
                onClick={(event) => show(event, i)}
                aria-label={t("productPage.gallery.show", { n: i + 1 })}
                data-testid="gallery-thumb"
              >
                <img src={p.thumb} alt="" width={96} height={72} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
