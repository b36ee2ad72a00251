import type { MetaFunction } from "@remix-run/node";
import { pageTitle } from "../lib/i18n";

// Any path no other route claims: a 404 through the shared error page (the root's meta
// titles it while the error shows; this one would if the route ever rendered).
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "error.404.title");

export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
