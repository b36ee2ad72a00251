import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { openApiDocument } from "../features/api/openapi";

/** GET /api/v1/openapi.json: public, so that an SRM system can be set up before it has a token. */
export function loader({ request }: LoaderFunctionArgs) {
  return json(openApiDocument(new URL(request.url).origin));
}
