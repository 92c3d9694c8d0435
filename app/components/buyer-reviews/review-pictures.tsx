import { useTranslation } from "react-i18next";

/** A review's pictures as small thumbnails (the 400×300 size). */
export function ReviewPictures({ pictures }: { pictures: string[] }) {
  const { t } = useTranslation();
  if (pictures.length === 0) return null;
  return (
    <ul className="buyer-review__pictures">
      {pictures.map((src, i) => (
        <li key={src}>
          <img
            src={src}
            alt={t("buyerRatings.pictureAlt", { n: i + 1 })}
            width={120}
            height={90}
            loading="lazy"
          />
        </li>
      ))}
    </ul>
  );
}
