import { z } from "zod";

// The JSON API's schemas: requests are parsed with them, and the OpenAPI document
// (/api/v1/openapi.json) is generated from the very same objects.

export const apiError = z.object({
  error: z.string().describe("machine-readable code: invalid_request, unauthorized, forbidden, not_found"),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional().describe("field → what is wrong with it"),
});
