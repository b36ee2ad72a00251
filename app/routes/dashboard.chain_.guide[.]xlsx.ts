import type { LoaderFunctionArgs } from "@remix-run/node";
import { guideExport } from "../features/chain/chain-page.server";

/** The investment-attraction guide as XLSX: its rows and a method sheet. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { buffer, year } = await guideExport(context, request);
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="peitao-chain-guide-${year}.xlsx"`,
    },
  });
}
