import { describe, expect, it } from "vitest";
import { wordsOf } from "../bench/vocabulary";

// The benchmark reports the directory's vocabulary at each size (issue 16).
describe("the benchmark's word count", () => {
  it("cuts Chinese into dictionary words and everything else at non-letters, in lower case", () => {
    const words = wordsOf("长春富维精密冲压有限公司（示例） Changchun Fuwei Co., Ltd. | ccfw 123");
    expect(words).toContain("长春");
    expect(words).toContain("有限公司");
    expect(words).toContain("示例");
    expect(words).toEqual(expect.arrayContaining(["changchun", "fuwei", "co", "ltd", "ccfw", "123"]));
    expect(words).not.toContain("（");
    expect(words).not.toContain("|");
  });
});
