import { describe, expect, it } from "vitest";
import { formatExactYuan, formatInUnit, formatMoneyIn, formatTotal, formatYi } from "../../app/domain/money";

describe("money in 万元 and 亿元", () => {
  it("scales exactly and rounds half away from zero on the fen", () => {
    // 123,456,789.00 yuan
    expect(formatInUnit(12_345_678_900, "wan")).toBe("12,345.68");
    expect(formatInUnit(12_345_678_900, "yi")).toBe("1.23");
    expect(formatInUnit(12_345_678_900, "yuan")).toBe("123,456,789.00");
    expect(formatInUnit(12_345_678_900, "wan", 0)).toBe("12,346");
    // 0.005 万元 = 50 yuan = 5,000 fen: half rounds away from zero.
    expect(formatInUnit(5_000, "wan")).toBe("0.01");
    expect(formatInUnit(4_999, "wan")).toBe("0.00");
    expect(formatInUnit(-5_000, "wan")).toBe("-0.01");
    expect(formatInUnit(-4_999, "wan")).toBe("0.00");
    expect(formatInUnit(0, "yi")).toBe("0.00");
  });

  it("rounds an amount still needed up, never short of it", () => {
    expect(formatInUnit(1, "wan", 2, "up")).toBe("0.01");
    expect(formatInUnit(1_000_000, "wan", 2, "up")).toBe("1.00");
    expect(formatInUnit(1_000_001, "wan", 2, "up")).toBe("1.01");
  });

  it("stays exact past 2^53 fen (bigint and decimal text)", () => {
    const big = 123_456_789_012_345_678_901n; // fen
    expect(formatYi(big)).toBe("12,345,678,901.23");
    expect(formatInUnit(big.toString(), "wan")).toBe("123,456,789,012,345.68");
    expect(formatExactYuan(big, "zh")).toBe("1,234,567,890,123,456,789.01 元");
  });

  it("names the unit in each language; a headline total in 亿元 from ¥100 million up", () => {
    expect(formatMoneyIn(12_345_678_900, "wan", "zh")).toBe("12,345.68 万元");
    expect(formatMoneyIn(12_345_678_900, "wan", "en")).toBe("12,345.68 CNY 10k");
    expect(formatTotal(63_492_080_000, "zh")).toBe("6.35 亿元");
    expect(formatTotal(9_999_999_999, "zh")).toBe("10,000.00 万元");
    expect(formatTotal(10_000_000_000, "en")).toBe("1.00 CNY 100m");
    expect(formatExactYuan(123_456, "en")).toBe("CNY 1,234.56");
    // 400.01 yuan still needed is 0.040001 万元: shown as 0.05, never 0.04.
    expect(formatTotal(40_001, "zh", "up")).toBe("0.05 万元");
  });
});
