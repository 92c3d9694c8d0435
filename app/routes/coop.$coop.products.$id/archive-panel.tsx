import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Takes the product off sale for good, after the browser asks once more. */
export function ArchivePanel({ self, busy }: { self: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
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
        <button type="submit" className="button button--ghost button--danger" disabled={busy}>
          {t("portal.archive.submit")}
        </button>
      </Form>
    </section>
  );
}
