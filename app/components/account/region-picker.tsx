import { useEffect, useState, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import {
  REGIONS_PATH,
  type CityRegions,
  type PickerState,
  type RegionOption,
} from "~/domain/account/region-fields";
import { useMessage } from "~/i18n/use-message";

type RegionField = "provinceCode" | "cityCode" | "districtCode";

function RegionSelect({
  name,
  label,
  error,
  value,
  onChange,
  children,
}: {
  name: RegionField;
  label: string;
  error?: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  children: React.ReactNode;
}) {
  const message = useMessage();
  const id = `field-${name}`;
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>
        {label}
        <span aria-hidden="true" className="required">
          *
        </span>
      </label>
      <select
        id={id}
        name={name}
        required
        value={value}
        onChange={onChange}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {children}
      </select>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {message(error)}
        </p>
      ) : null}
    </div>
  );
}

const options = (list: RegionOption[]) =>
  list.map((o) => (
    <option key={o.code} value={o.code}>
      {o.name}
    </option>
  ));

/** The picker's lists and choice, and what changing the province does (a fetch). */
function useRegionLists(initial: PickerState) {
  // the first render matches the server's HTML; the scripted lists take over after it
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [provinceCode, setProvinceCode] = useState(initial.provinceCode);
  const [cities, setCities] = useState<CityRegions[]>(initial.cities);
  const [cityCode, setCityCode] = useState(initial.cityCode);
  const [districtCode, setDistrictCode] = useState(initial.districtCode);
  const [status, setStatus] = useState<"idle" | "loading" | "failed">("idle");

  async function changeProvince(event: ChangeEvent<HTMLSelectElement>) {
    const code = event.target.value;
    setProvinceCode(code);
    setCityCode("");
    setDistrictCode("");
    setCities([]);
    setStatus("loading");
    try {
      const response = await fetch(`${REGIONS_PATH}?${new URLSearchParams({ province: code })}`);
      if (!response.ok) throw new Error(String(response.status));
      const body = (await response.json()) as { cities: CityRegions[] };
      setCities(body.cities);
      setStatus("idle");
    } catch {
      setStatus("failed");
    }
  }

  return {
    hydrated,
    provinceCode,
    cities,
    cityCode,
    districtCode,
    status,
    changeProvince,
    changeCity: (code: string) => {
      setCityCode(code);
      setDistrictCode("");
    },
    setDistrictCode,
  };
}

/**
 * Without JavaScript (or when the fetch failed), the button that re-renders the lists for
 * the chosen province.
 */
function RefreshButton({ hydrated, failed }: { hydrated: boolean; failed: boolean }) {
  const { t } = useTranslation();
  const message = useMessage();
  if (hydrated && !failed) return null;
  return (
    <div className="region-picker__refresh">
      {failed ? (
        <p className="field-error" role="alert">
          {message("accountBook.errors.regionsUnavailable")}
        </p>
      ) : null}
      <button
        type="submit"
        name="intent"
        value="region"
        formNoValidate
        className="button button--small button--ghost"
      >
        {t("accountBook.form.refresh")}
      </button>
      <p className="field-hint">{t("accountBook.form.refreshHint")}</p>
    </div>
  );
}

/**
 * 省/市/区 as three selects. Without JavaScript the district list holds every district of
 * the province grouped by city, and a button re-renders the lists for another province;
 * with it, changing the province fetches that province's cities and the district list
 * follows the city. The server checks that the three fit together either way.
 */
export function RegionPicker({
  initial,
  errors,
}: {
  initial: PickerState;
  errors: Partial<Record<RegionField, string>>;
}) {
  const { t } = useTranslation();
  const {
    hydrated,
    provinceCode,
    cities,
    cityCode,
    districtCode,
    status,
    changeProvince,
    changeCity,
    setDistrictCode,
  } = useRegionLists(initial);
  const city = cities.find((c) => c.code === cityCode);
  return (
    <fieldset className="region-picker">
      <legend>{t("accountBook.form.region")}</legend>
      <div className="field-row">
        <RegionSelect
          name="provinceCode"
          label={t("accountBook.form.province")}
          error={errors.provinceCode}
          value={provinceCode}
          onChange={changeProvince}
        >
          {options(initial.provinces)}
        </RegionSelect>
        <RegionSelect
          name="cityCode"
          label={t("accountBook.form.city")}
          error={errors.cityCode}
          value={cityCode}
          onChange={(event) => changeCity(event.target.value)}
        >
          <option value="">
            {status === "loading" ? t("accountBook.form.loading") : t("accountBook.form.choose")}
          </option>
          {options(cities)}
        </RegionSelect>
        <RegionSelect
          name="districtCode"
          label={t("accountBook.form.district")}
          error={errors.districtCode}
          value={districtCode}
          onChange={(event) => setDistrictCode(event.target.value)}
        >
          <option value="">{t("accountBook.form.choose")}</option>
          {hydrated
            ? options(city?.districts ?? [])
            : cities.map((c) => (
                <optgroup key={c.code} label={c.name}>
                  {options(c.districts)}
                </optgroup>
              ))}
        </RegionSelect>
      </div>
      <RefreshButton hydrated={hydrated} failed={status === "failed"} />
    </fieldset>
  );
}
