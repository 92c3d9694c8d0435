import { useTranslation } from "react-i18next";

interface Line {
  id: number;
  name: string;
  unit: string;
  image: string;
  quantity: number;
  coldChain: boolean;
}

interface Address {
  contactName: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  street: string;
  note: string | null;
}

/** What goes in the parcel (this cooperative's lines only) and where it goes. */
export function ParcelPanels({ lines, address: a }: { lines: Line[]; address: Address }) {
  const { t } = useTranslation();
  return (
    <div>
      <section className="panel" aria-labelledby="pack-title">
        <h2 id="pack-title">{t("fulfil.detail.contents")}</h2>
        <p className="field-hint">{t("fulfil.detail.contentsHint")}</p>
        <ul className="pack-lines">
          {lines.map((l) => (
            <li key={l.id} className="pack-line" data-testid="pack-line">
              <img src={l.image} alt="" width={64} height={48} />
              <div>
                <p>
                  {l.name}
                  {l.coldChain ? (
                    <span className="tag tag--cold">{t("fulfil.coldChain")}</span>
                  ) : null}
                </p>
                <p className="muted">{l.unit}</p>
              </div>
              <p className="pack-line__qty">{t("fulfil.detail.quantity", { count: l.quantity })}</p>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="address-title">
        <h2 id="address-title">{t("fulfil.detail.address")}</h2>
        <p>
          {a.contactName} · {t("fulfil.detail.phone")} {a.phone}
        </p>
        <p>
          {a.province} {a.city} {a.district} {a.street}
        </p>
        {a.note ? (
          <p>
            {t("fulfil.detail.note")}：{a.note}
          </p>
        ) : null}
      </section>
    </div>
  );
}
