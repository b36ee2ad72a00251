import { describe, expect, it } from "vitest";
import { isLocalPath } from "../../app/domain/local-path";
import { languageChoice, signInSchema } from "../../app/features/accounts/schemas";

describe("isLocalPath (where sign-in and the language switch may send you)", () => {
  it("accepts paths on this site", () => {
    for (const p of ["/", "/demands/1?x=1#a", "/suppliers?q=%E6%B1%BD", "/a/b/../c"])
      expect(isLocalPath(p), p).toBe(true);
  });
  it("refuses other origins however they are spelled", () => {
    for (const p of [
      "//evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "https://evil.example",
      "evil.example",
      "/\tevil",
      "/\u0000",
      "",
    ]) {
      expect(isLocalPath(p), JSON.stringify(p)).toBe(false);
    }
  });
  it("sends a foreign redirectTo home, in both schemas that take one", () => {
    expect(signInSchema.parse({ email: "a@b.cn", password: "x", redirectTo: "/\\evil.example" }).redirectTo).toBe("/");
    expect(languageChoice.parse({ lang: "en", redirectTo: "/\\evil.example" }).redirectTo).toBe("/");
    expect(languageChoice.parse({ lang: "en", redirectTo: "/suppliers" }).redirectTo).toBe("/suppliers");
  });
});
