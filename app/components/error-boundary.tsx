import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { errorTitleKey } from "~/utils/meta";

/** The one error page: 404s and refusals get a clear word; anything else a calm apology. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  const title = t(errorTitleKey(error));
  const body =
    status === 404
      ? t("errors.notFoundBody")
      : status < 500
        ? t("errors.badRequestBody")
        : t("errors.serverBody");
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link className="button" to="/products">
          {t("errors.backToShop")}
        </Link>
      </p>
    </section>
  );
}
