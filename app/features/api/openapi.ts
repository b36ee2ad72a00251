import { z } from "zod";
import { apiError } from "./schemas";
import { demandCreate, demandOut } from "../demands/schemas";
import {
  demandMatches,
  matchConfirm,
  matchCreate,
  matchNominate,
  matchRespond,
  matchResult,
  opportunities,
} from "../matching/schemas";
import { me } from "../accounts/schemas";
import {
  directoryQuery,
  supplierDetail,
  suppliersPage,
  verificationBatch,
  verificationBatchResult,
} from "../suppliers/schemas";
import {
  entriesPage,
  entriesQuery,
  importOptions,
  importResult,
  ratesOut,
  ratesQuery,
  reverseResult,
} from "../ledger/schemas";
import { chainMapOut, chainQuery } from "../chain/schemas";
import { entrantsOut, entrantsQuery, newSupplyOut, newSupplyQuery, whatIfOut, whatIfQuery } from "../policy/schemas";

const schema = (s: z.ZodType, io: "input" | "output" = "output") =>
  z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" });

/** Query parameters of an object schema, as OpenAPI parameter objects. */
function queryParameters(s: z.ZodObject) {
  const json = schema(s, "input") as { properties: Record<string, { description?: string }>; required?: string[] };
  return Object.entries(json.properties).map(([name, prop]) => ({
    name,
    in: "query",
    required: (json.required ?? []).includes(name) && !("default" in prop),
    description: prop.description,
    schema: prop,
  }));
}

const errors = {
  "400": {
    description: "invalid request: field errors",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "401": {
    description: "no or unknown token",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
  "403": {
    description: "not allowed for this organization",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  },
};
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };
const notFound = { description: "not found (or not visible to you)", content: errorContent };
const searchDown = { description: "search is down", content: errorContent };
const body = (ref: string) => ({
  required: true,
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});
const ok = (ref: string) => ({
  description: "OK",
  content: { "application/json": { schema: { $ref: `#/components/schemas/${ref}` } } },
});

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the routes parse
 * with (requests) and answer with (responses); tests/integration/openapi-responses.test.ts
 * checks real answers against the response schemas.
 */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Peitao 配套 API",
      version: "1",
      description:
        "Supplier directory and matchmaking for the Jilin automotive cluster. Authenticate with an organization API token: `Authorization: Bearer pt_…` (create one under /org/tokens).",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "organization API token" } },
      schemas: {
        Error: schema(apiError),
        Me: schema(me),
        SuppliersPage: schema(suppliersPage),
        SupplierDetail: schema(supplierDetail),
        VerificationBatch: schema(verificationBatch, "input"),
        VerificationBatchResult: schema(verificationBatchResult),
        DemandCreate: schema(demandCreate, "input"),
        Demand: schema(demandOut),
        DemandMatches: schema(demandMatches),
        MatchCreate: schema(matchCreate, "input"),
        MatchRespond: schema(matchRespond, "input"),
        MatchConfirm: schema(matchConfirm, "input"),
        MatchNominate: schema(matchNominate, "input"),
        MatchResult: schema(matchResult),
        Opportunities: schema(opportunities),
        Rates: schema(ratesOut),
        ChainMap: schema(chainMapOut),
        ImportResult: schema(importResult),
        ReverseResult: schema(reverseResult),
        LedgerEntriesPage: schema(entriesPage),
        NewSupply: schema(newSupplyOut),
        Entrants: schema(entrantsOut),
        WhatIf: schema(whatIfOut),
      },
    },
    paths: {
      "/api/v1/me": {
        get: { summary: "The organization and role the token acts as", responses: { "200": ok("Me"), ...errors } },
      },
      "/api/v1/suppliers": {
        get: {
          summary: "Search suppliers by text, category, certification and distance from a plant",
          description:
            "With a plant, results are ordered by distance from it (nearest first, ties by supplier id) and the words of q only narrow them: every word must match, relevance does not reorder. Without a plant, results are ordered by how well q matches. A value the schema refuses, or a category, group, city or plant that does not exist, is answered 400 naming the field, never ignored. A certification counts while valid: an expired certificate (its end date before today in Asia/Shanghai) neither matches the certification filter nor appears in a hit's certifications.",
          parameters: queryParameters(directoryQuery),
          responses: { "200": ok("SuppliersPage"), ...errors, "503": searchDown },
        },
      },
      "/api/v1/suppliers/verifications": {
        post: {
          summary:
            "Verify, or reject with a reason, one or many pending suppliers at once (officials); all or nothing: an unknown id, a supplier someone else decided meanwhile or a rejection without a reason writes nothing",
          requestBody: body("VerificationBatch"),
          responses: { "200": ok("VerificationBatchResult"), ...errors },
        },
      },
      "/api/v1/demands": {
        post: {
          summary: "Post a demand at one of your plants (OEM tokens)",
          requestBody: body("DemandCreate"),
          responses: { "201": ok("Demand"), ...errors },
        },
      },
      "/api/v1/demands/{id}": {
        get: {
          summary: "One demand",
          parameters: [idParam],
          responses: { "200": ok("Demand"), ...errors, "404": notFound },
        },
      },
      "/api/v1/demands/{id}/matches": {
        get: {
          summary:
            "The ranked suppliers inside the circle (distance_km, inside_circle, reasons), the nearest outside when too few, and the matches",
          parameters: [idParam],
          responses: { "200": ok("DemandMatches"), ...errors, "404": notFound, "503": searchDown },
        },
        post: {
          summary: "Shortlist or invite a supplier",
          parameters: [idParam],
          requestBody: body("MatchCreate"),
          responses: { "201": ok("MatchResult"), ...errors, "404": notFound },
        },
      },
      "/api/v1/matches/{id}/respond": {
        post: {
          summary: "The invited supplier answers: interest with a quote in fen, or decline",
          parameters: [idParam],
          requestBody: body("MatchRespond"),
          responses: { "200": ok("MatchResult"), ...errors, "404": notFound },
        },
      },
      "/api/v1/matches/{id}/confirm": {
        post: {
          summary:
            "Confirm (定点) with the contract value in fen and the ledger year and quarter (default: the quarter of the demand's SOP); posts exactly one ledger entry, retries are safe",
          parameters: [idParam],
          requestBody: body("MatchConfirm"),
          responses: { "200": ok("MatchResult"), ...errors, "404": notFound },
        },
      },
      "/api/v1/opportunities": {
        get: {
          summary: "Open demands that fit your supplier organization, nearest first",
          responses: { "200": ok("Opportunities"), ...errors },
        },
      },
      "/api/v1/opportunities/{id}/nominate": {
        post: {
          summary:
            "Self-nomination: your supplier organization answers an open demand that fits it (its category, a site inside the circle) without being invited, with a quote in fen, its capacity and earliest SOP; the OEM is notified. 404 for a demand you may not answer; 400 already_nominated when you have a match on it",
          parameters: [idParam],
          requestBody: body("MatchNominate"),
          responses: { "201": ok("MatchResult"), ...errors, "404": notFound },
        },
      },
      "/api/v1/ledger/rates": {
        get: {
          summary:
            "Local supply rate per year and quarter for a scope (OEM, plant, group; basis province or circle) with the policy checks",
          parameters: queryParameters(ratesQuery),
          responses: { "200": ok("Rates"), ...errors },
        },
      },
      "/api/v1/chain-map": {
        get: {
          summary:
            "The chain map: part categories × plants (or OEMs); per cell the verified and pending suppliers inside the 100 km circle, the nearest verified supplier, the year's local share on both bases, open demands and the covered / thin / gap status with the thresholds used",
          parameters: queryParameters(chainQuery),
          responses: { "200": ok("ChainMap"), ...errors },
        },
      },
      "/api/v1/ledger/imports": {
        post: {
          summary:
            "Import the OEM's own procurement (CSV in UTF-8 or GBK, or XLSX; rows whose document_no starts with # are comments). A document_no imported before with the same content is unchanged; with other content the row is refused naming the fields that differ: reverse that entry, then import the corrected document",
          parameters: queryParameters(importOptions),
          requestBody: {
            required: true,
            content: {
              "text/csv": { schema: { type: "string" } },
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
                schema: { type: "string", format: "binary" },
              },
            },
          },
          responses: { "200": ok("ImportResult"), ...errors },
        },
      },
      "/api/v1/ledger/new-supply": {
        get: {
          summary:
            "New in-province supply per OEM and plant: the change of local procurement against the year before on both bases, from each entry's locality when posted; with an OEM, the entries that moved it",
          parameters: queryParameters(newSupplyQuery),
          responses: { "200": ok("NewSupply"), ...errors },
        },
      },
      "/api/v1/ledger/entrants": {
        get: {
          summary:
            "New entrants into OEM supply chains in a year (suppliers in Jilin with their first award or first procurement entry from an OEM), with the contract value, the demand, the recorded production project and the reward it earns under the configured rule",
          parameters: queryParameters(entrantsQuery),
          responses: { "200": ok("Entrants"), ...errors },
        },
      },
      "/api/v1/ledger/what-if": {
        get: {
          summary:
            "What-if for a scope (OEM or plant, year, all parts or NEV key parts): an amount or a set of open demands awarded to their best-ranked local supplier (each counted at the supplier's quote × the demand's annual volume, amount_fen), answered moving (total unchanged) and adding (both sums grow), with the fen needed to reach each threshold both ways",
          parameters: queryParameters(whatIfQuery),
          responses: { "200": ok("WhatIf"), ...errors },
        },
      },
      "/api/v1/ledger/entries": {
        get: {
          summary:
            "Ledger entries, newest first, by plant, year, quarter, source and document number (OEM tokens: their own; officials: all), with the ids that /reverse takes",
          parameters: queryParameters(entriesQuery),
          responses: { "200": ok("LedgerEntriesPage"), ...errors },
        },
      },
      "/api/v1/ledger/entries/{id}/reverse": {
        post: {
          summary: "Post the reversal of a ledger entry (entries are never changed or deleted)",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          responses: { "201": ok("ReverseResult"), ...errors, "404": notFound },
        },
      },
      "/api/v1/suppliers/{id}": {
        get: {
          summary: "One supplier's profile",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } }],
          responses: {
            "200": ok("SupplierDetail"),
            ...errors,
            "404": { description: "no such supplier", content: errorContent },
          },
        },
      },
    },
  };
}
