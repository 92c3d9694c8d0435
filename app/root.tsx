import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DEFAULT_LOCALE, type Locale } from "~/i18n/config";
import { SiteFooter } from "~/components/site-footer";
import { SiteHeader } from "~/components/site-header";
import appCss from "~/styles/app.css";
import buyerReviewsCss from "~/styles/buyer-reviews.css";
import { useNonce } from "~/utils/nonce";
import { loadRoot } from "./root-loader.server";
import { GeneralErrorBoundary, pageMeta, useHydrated } from "~/utils/page-frame";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: appCss },
  { rel: "stylesheet", href: buyerReviewsCss },
];

// Pages without a title of their own (the 404 catch-all) and error pages the root's boundary
// shows get theirs from here.
export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t) => t("titles.home"));

export async function loader({ request }: LoaderFunctionArgs) {
  return loadRoot(request);
}

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

const ZOD_WITHOUT_EVAL = "globalThis.__zod_globalConfig={jitless:true};";

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const { t } = useTranslation();
  // Marks the page as interactive once React has taken it over (tests wait on it).
  const hydrated = useHydrated();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#2563a8" />
        <Meta />
        <Links />
        {/* zod compiles object parsers with `new Function` unless told not to, which the CSP
            (no unsafe-eval) refuses. Pages carry no zod (npm run build fails if they do, ADR
            028); this covers dev builds, where that check does not run. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
      </head>
      <body data-hydrated={hydrated ? "true" : undefined}>
        <a className="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <SiteHeader cartCount={data?.cartCount ?? 0} locale={locale} user={data?.user ?? null} />
        <main id="main" className="page">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
