import type { ActionFunctionArgs, AppLoadContext, EntryContext, LoaderFunctionArgs } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "./lib/nonce";

// Whole-document rendering to a string. React 18's streaming writer can corrupt a
// multi-byte character that straddles its 2048-byte buffer (seen as "一��汽" in
// Chinese pages), and Peitao's pages use no Suspense streaming, so nothing is lost.
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy nonce of this response (server/security-headers.ts): the
  // inline scripts Remix renders carry it, any other inline script is refused.
  const nonce = loadContext.cspNonce || undefined;
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { status: responseStatusCode, headers: responseHeaders });
}

/** Errors thrown by loaders and actions: logged, and reported so a lost database turns pages to 503. */
export function handleError(error: unknown, { request, context }: LoaderFunctionArgs | ActionFunctionArgs) {
  // Aborted requests and answers such as 404/405 are not errors worth a log line.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  context.reportError?.(error);
  console.error(error);
}
