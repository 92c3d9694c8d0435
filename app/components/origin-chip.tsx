import { useTranslation } from "react-i18next";

/** County → paired Nanjing district: where the money goes, and whose pairing it counts for. */
export function OriginChip({ county, district }: { county: string; district: string | null }) {
  const { t } = useTranslation();
  return (
    <p className="origin-chip">
      <span className="visually-hidden">{t("product.origin")}</span>
      <span>{county}</span>
      {district ? (
        <>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden">{t("product.pairedWith")}</span>
          <span>{t("product.nanjingDistrict", { district })}</span>
        </>
      ) : null}
    </p>
  );
}
