import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { languageChoice } from "../features/accounts/schemas";
import { invalid, parseForm } from "../lib/forms.server";
import { langCookie } from "../lib/lang.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, languageChoice);
  if (!form.ok) return invalid(form.errors, form.values);
  return redirect(form.data.redirectTo, {
    headers: { "Set-Cookie": await langCookie.serialize(form.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
