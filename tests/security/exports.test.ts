// Formula injection through the aid office's exports: products named like spreadsheet
// formulas (at the start, and after a ; , or tab that another locale splits cells on) are
// sold, then /aid/export.csv and .xlsx are read the way Excel would in three locales. No
// cell may start a formula; the export's own parameters take SQL and script with a 4xx.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count, problem, problems, readDb, saveTally, type Client } from "./harness";
import { STORED, YAK_COOP, clientFor, ensureWorld, submitForm, type World } from "./scenario";

const FORMULA_NAMES = [`=1+1;@SUM(A1)`, `+cmd|'/C calc'!A0`, `-2+3,=HYPERLINK("x")`, `牦牛	=1`];

let world: World;
let aid: Client;
beforeAll(async () => {
  world = await ensureWorld();
  aid = clientFor(world, "aid");
});
afterAll(() => saveTally(import.meta.url));
beforeEach(() => {
  problems.length = 0;
});

/** RFC 4180 records, splitting on `separator` and honouring double quotes, as Excel does. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === separator) {
      row.push(cell);
      cell = "";
    } else if (c === "\n") {
      row.push(cell.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

/** A cell a spreadsheet would run: a formula sign first (numbers such as -128.50 are numbers). */
function runs(cell: string): boolean {
  const text = cell.replace(/^\uFEFF/, "");
  if (/^-?\d+(\.\d+)?$/.test(text.trim())) return false;
  return /^\s*[=+\-@]/.test(text) || /^[\t\r]/.test(text);
}

describe("formula injection in the aid exports", () => {
  it("sells products named like formulas (through the portal and the review)", async () => {
    const yak = clientFor(world, "yak");
    const shopper = clientFor(world, "shopper");
    for (const name of FORMULA_NAMES) {
      const created = await submitForm(
        yak,
        `/coop/${YAK_COOP}/products/new`,
        (f) => f.method === "post" && f.fields.some((x) => x.name === "nameZh"),
        {
          nameZh: name,
          nameEn: name,
          summaryZh: name,
          category: "meat",
          unitZh: "1 袋",
          unitEn: "1 bag",
          price: "5.00",
          stock: "10",
          shelfLifeDays: "30",
          "cert.0.kind": "aid",
          "cert.0.number": "XNXFBF-2026-9001",
          "cert.0.issuedBy": "=1+1",
          "cert.0.expiresOn": "2099-12-31",
        },
      );
      count("formula injection");
      // a tab is a control character in a one-line field: refused, and that is the defence
      if (name.includes("\t")) {
        expect(created.sent.status).toBe(400);
        continue;
      }
      expect(created.sent.status, name).toBe(302);
      const id = readDb((db) =>
        db.prepare("select id from products where name_zh = ?").pluck().get(name),
      ) as number;
      const review = readDb((db) =>
        db.prepare("select id from product_reviews where product_id = ?").pluck().get(id),
      ) as number;
      const approved = await submitForm(
        aid,
        `/aid/reviews/${review}`,
        (f) => f.fields.some((x) => x.name === "intent" && x.value === "approve"),
        {},
      );
      expect(approved.sent.status).toBe(302);
      await shopper.send("/cart", {
        form: { intent: "add", productId: String(id), quantity: "1" },
      });
    }
    const placed = await submitForm(
      shopper,
      "/checkout",
      (f) => f.method === "post" && f.fields.some((x) => x.name === "street"),
      {
        addressId: "new",

        contactName: '=HYPERLINK("x")',
        phone: "13812345678",
        district: "玄武区",
        street: "@SUM(1) 软件大道",
        buyerType: "union",
        orgName: "+1+1 工会",
        fundingSource: "union_funds",
      },
    );
    expect(placed.sent.status).toBe(302);
    const number = readDb((db) =>
      db
        .prepare("select number from orders where contact_name = ? order by id desc")
        .pluck()
        .get('=HYPERLINK("x")'),
    ) as string;
    const paid = await shopper.send(`/pay/demo/${number}`, { form: { choice: "succeeded" } });
    expect(paid.status).toBe(302);
  });

  it("writes no cell that runs, in CSV read with , ; or tab and in XLSX", async () => {
    const names = [...FORMULA_NAMES.filter((n) => !n.includes("\t")), STORED.productNameZh];
    for (const query of [
      "",
      "?breakdown=product",
      "?breakdown=cooperative",
      "?breakdown=buyer_type",
    ]) {
      const csv = await aid.send(`/aid/export.csv${query}`);
      expect(csv.status).toBe(200);
      const text = csv.text;
      if (query === "") {
        for (const name of names) {
          const firstWord = name.replace(/^[=+\-@"><]+/, "").slice(0, 4);
          expect(text, name).toContain(firstWord);
        }
      }
      for (const separator of [",", ";", "\t"]) {
        for (const row of parseCsv(text, separator)) {
          for (const cell of row) {
            count("formula injection");
            if (runs(cell))
              problem(
                `CSV${query} read with ${JSON.stringify(separator)}: ${JSON.stringify(cell.slice(0, 60))}`,
              );
          }
        }
      }

      const xlsx = await aid.send(`/aid/export.xlsx${query}`);
      expect(xlsx.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            count("formula injection");
            if (
              cell.type === ExcelJS.ValueType.Formula ||
              cell.type === ExcelJS.ValueType.SharedString
            ) {
              problem(`XLSX${query} ${cell.address} is a formula`);
            }
            if (typeof cell.value === "string") {
              for (const piece of cell.value.split(/[,;\t]/)) {
                if (runs(piece))
                  problem(
                    `XLSX${query} ${cell.address}: ${JSON.stringify(cell.value.slice(0, 60))}`,
                  );
              }
            }
          }),
        ),
      );
    }
    expect(problems).toEqual([]);
  });

  it("answers SQL and script in the export's parameters with a 4xx", async () => {
    const payloads = [
      `' OR '1'='1`,
      `2026-01'; DROP TABLE aid_ledger; --`,
      `<script>alert(1)</script>`,
      `../../etc/passwd`,
      "%FF%00",
    ];
    for (const file of ["csv", "xlsx"]) {
      for (const param of ["period", "at", "from", "to", "breakdown"]) {
        for (const payload of payloads) {
          const value = payload === "%FF%00" ? payload : encodeURIComponent(payload);
          const answer = await aid.send(
            `/aid/export.${file}?period=custom&from=2026-01-01&to=2026-12-31&${param}=${value}`,
          );
          count("formula injection");
          if (answer.status !== 400 && answer.status !== 200)
            problem(`export.${file} ${param}=${payload} answered ${answer.status}`);
          if (
            answer.status === 400 &&
            answer.headers.get("Content-Type") !== "text/plain; charset=utf-8"
          ) {
            problem(
              `export.${file} ${param}=${payload}: a 400 as ${answer.headers.get("Content-Type")}`,
            );
          }
        }
      }
    }
    const ledger = readDb((db) =>
      db.prepare("select count(*) from aid_ledger").pluck().get(),
    ) as number;
    expect(ledger).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
