import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT, type MessageKey } from "../lib/i18n";

/** The one error page: 404, 403, 503 and anything else as 500, in the user's language. */
export function ErrorPage() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const kind = ([403, 404, 503] as const).find((s) => s === status) ?? 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-page" data-status={status}>
      <p className="error-code">{status}</p>
      <h1>{t(`error.${kind}.title` as MessageKey)}</h1>
      <p>{t(`error.${kind}.body` as MessageKey)}</p>
      <Link to="/">{t("error.home")}</Link>
    </section>
  );
}
