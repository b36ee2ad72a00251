import { chromium } from "playwright-core";
import fs from "node:fs";
const base = "http://127.0.0.1:3944";
const header = "外部编号,企业名称,地级市,区县,纬度,经度,坐标精度,误差半径（公里）,经营状态,品类代码,主要产品,英文产品,来源链接";
const rows = [
  "LOOK-1,长春观感测试新能源电驱有限公司,长春市,,,,,,在建,A06,驱动电机,Traction motors,https://gxt.jl.gov.cn/peitao/a.html",
  "LOOK-2,长春观感测试冲压件有限公司,长春市,,,,,,关闭,A06,冲压件,Stampings,https://gxt.jl.gov.cn/peitao/b.html",
  "LOOK-3,长春观感测试片区企业有限公司,,220106,43.83,125.21,片区,,在营,A06,,,",
  "LOOK-4,坏状态公司,长春市,,,,,,半停产,A06,,,ftp://x.example.com",
  "LOOK-5,地级市填错列公司,,220100,,,,,,A06,,,",
];
fs.writeFileSync("/tmp/si-shots/look.csv", "\uFEFF" + [header, ...rows].join("\r\n") + "\r\n");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
const errors = [];
async function session(email, lang, width) {
  const ctx = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") errors.push(`${email} ${page.url()} ${m.text()}`); });
  page.on("response", (r) => { if (r.status() >= 400 && !r.url().endsWith("favicon.ico")) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(`${base}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "peitao-demo-2026");
  await page.click('button[type="submit"].primary');
  await page.waitForSelector('[data-testid="account-link"]');
  if (lang === "en") await ctx.addCookies([{ name: "lang", value: "ImVuIg%3D%3D", url: base }]);
  return page;
}
let p = await session("official@demo.peitao.example", "zh", 1366);
await p.goto(`${base}/imports`);
await p.screenshot({ path: "/tmp/si-shots/imports-zh-1366.png", fullPage: true });
await p.setInputFiles('input[type="file"]', "/tmp/si-shots/look.csv");
await p.click('button[type="submit"].primary');
await p.waitForSelector('strong[data-status="done"]', { timeout: 30000 });
await p.screenshot({ path: "/tmp/si-shots/job-zh-1366.png", fullPage: true });
const jobUrl = p.url();
await p.context().close();
p = await session("official@demo.peitao.example", "en", 390);
await p.goto(jobUrl);
await p.screenshot({ path: "/tmp/si-shots/job-en-390.png", fullPage: true });
await p.context().close();
// buyer: post a demand for A06 at its first plant, look at the ranking
p = await session("buyer@demo.peitao.example", "zh", 1366);
await p.goto(`${base}/demands/new`);
await p.fill('input[name="part_name"]', "驱动电机观感测试");
await p.selectOption('select[name="category"]', "A06");
await p.click('button[type="submit"].primary');
await p.waitForURL(/\/demands\/[0-9a-f-]{36}$/);
await p.screenshot({ path: "/tmp/si-shots/demand-zh-1366.png", fullPage: true });
const demandUrl = p.url();
await p.context().close();
p = await session("buyer@demo.peitao.example", "en", 390);
await p.goto(demandUrl);
await p.screenshot({ path: "/tmp/si-shots/demand-en-390.png", fullPage: true });
await p.context().close();
console.log("errors:", JSON.stringify(errors, null, 1));
await browser.close();
