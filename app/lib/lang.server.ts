import { createCookie } from "@remix-run/node";
import { parseLang, type Lang } from "./i18n";

export const langCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function getLang(request: Request): Promise<Lang> {
  return parseLang(await langCookie.parse(request.headers.get("Cookie")));
}
