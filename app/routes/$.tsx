// Any path no other route claims: a 404 through the shared error page.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
