import { mapGeometry } from "../features/maps/geometry.server";

/** Jilin's prefectures for the interactive maps (offline, simplified; the same the server draws). */
export function loader() {
  return new Response(JSON.stringify(mapGeometry()), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
